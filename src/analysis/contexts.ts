import type { TypeOrValueSpecifier } from '@typescript-eslint/type-utils';
import type { ParserServicesWithTypeInformation, TSESLint, TSESTree } from '@typescript-eslint/utils';
import type ts from 'typescript';

import { AST_NODE_TYPES } from '@typescript-eslint/utils';

import type { ContextKind, Preset, RequestFunction } from '../presets/index.js';
import type { FindVariable } from './scope.js';
import type { Settings } from './settings.js';
import type { CallbackPosition } from './types.js';

import { CONTEXT_MEMBERS } from '../presets/index.js';
import { enclosingFunction, isFunctionNode, rootIdentifier, skipTransparent, staticName } from './ast.js';
import { isModuleHandlerMethod } from './handlers.js';
import { isPromiseJoin } from './promises.js';
import { DefinitionType, importedFrom, ScopeType } from './scope.js';
import { constrainedTypeAt, declaredCallback, declaresGlobalType, receiverType, symbolMatches, typeMatchesAnySpecifier } from './types.js';

type Variable = TSESLint.Scope.Variable;

/** A context kind together with the preset it came from. */
export interface ResolvedKind extends ContextKind {
  readonly preset: Preset;
  /** Set for request functions such as Next.js `cookies()`. */
  readonly requestFunction?: RequestFunction;
}

/** A variable of a kind that can register work with the runtime, with its template: `ctx` and `{{name}}.waitUntil({{work}})`. */
export interface WorkRegistrar {
  readonly name: string;
  readonly template: string;
}

/** Answers "is this a request context?" for one file, with caches per variable and per type. */
export interface ContextResolver {
  /** The context kind of a variable, or `undefined`. One type query per variable, cached. */
  kindOfVariable(variable: Variable): ResolvedKind | undefined;
  /** The context kind of an expression's type (for values such as `c.req` passed as arguments). */
  kindOfExpression(node: TSESTree.Node): ResolvedKind | undefined;
  /** Whether an expression is a context or reached from one: `c`, `c.req`, `req.socket` (listeners on them are the request's own). */
  isContextRooted(expression: TSESTree.Expression): boolean;
  /**
   * `const copy = c.copy()` with a configured snapshot call, or a kind's own
   * copy method (`request.clone()`): the copy is not the request's context.
   */
  isSnapshotCopy(variable: Variable): boolean;
  /** The configured snapshot expression for the variable's (constrained) type: `{{context}}.copy()`. */
  snapshotCallFor(variable: Variable): string | undefined;
  /** A parameter of a function enclosing `node` whose kind can register work (`ctx: ExecutionContext`). */
  registrarAround(node: TSESTree.Node): WorkRegistrar | undefined;
}

/** User `contexts` entries: `response` lifetime, every access unsafe. */
const USER_PRESET: Preset = { name: 'user', label: 'configured', contexts: [] };

/**
 * A resolver for the contexts of `settings` (presets, user `contexts` and
 * `snapshots`) in one file.
 *
 * ```ts
 * const resolver = createContextResolver(services, settings, findVariable);
 * resolver.kindOfVariable(cParameter)?.label // 'Hono Context'
 * ```
 */
export function createContextResolver(
  services: ParserServicesWithTypeInformation,
  settings: Pick<Settings, 'contexts' | 'presets' | 'snapshots'>,
  findVariable: FindVariable,
): ContextResolver {
  const { presets, contexts: userContexts, snapshots } = settings;
  const program = services.program;
  const snapshotCallees = new Set(snapshots.flatMap(entry => calledName(entry.call) ?? []));

  const typedKinds: { kind: ResolvedKind; specifiers: readonly TypeOrValueSpecifier[] }[] = [];
  for (const preset of presets) {
    for (const kind of preset.contexts) {
      // A registration the program's runtime does not have (`c.executionCtx` on Node) is never offered.
      const registersWork =
        kind.registersWorkWithGlobal && !declaresGlobalType(program, kind.registersWorkWithGlobal) ? undefined : kind.registersWork;
      if (kind.types.length > 0) typedKinds.push({ kind: { ...kind, preset, registersWork }, specifiers: kind.types });
    }
  }
  for (const specifier of userContexts) {
    typedKinds.push({
      kind: { label: specifierLabel(specifier), types: [specifier], lifetime: 'response', unsafe: 'all', preset: USER_PRESET },
      specifiers: [specifier],
    });
  }
  const allSpecifiers = typedKinds.flatMap(entry => entry.specifiers);
  const positional = presets.flatMap(preset => (preset.positional ?? []).map(entry => ({ ...entry, preset })));
  const requestFunctions = presets.flatMap(preset =>
    (preset.requestFunctions ?? []).map(fn => {
      const kind: ResolvedKind = { label: fn.label, types: [], lifetime: 'response', unsafe: 'all', preset, requestFunction: fn };
      return { fn, kind };
    }),
  );

  const clientCalls = presets.flatMap(preset => preset.clientCalls ?? []);

  const byVariable = new Map<Variable, ResolvedKind | undefined>();
  /** Variables typed as a context that are not a request being served: an outgoing request's response, a `new Request(url)`. */
  const notServed = new Set<Variable>();
  const byType = new Map<ts.Type, ResolvedKind | undefined>();
  const receiverCache = new Map<TSESTree.Node, boolean>();

  const resolver: ContextResolver = {
    kindOfVariable(variable) {
      if (byVariable.has(variable)) return byVariable.get(variable);
      const kind = resolveVariable(variable);
      byVariable.set(variable, kind);
      return kind;
    },
    kindOfExpression(node) {
      return kindOfType(typeAt(node));
    },
    isContextRooted(expression) {
      const root = rootIdentifier(expression);
      const variable = root && findVariable(root);
      if (variable && resolver.kindOfVariable(variable)) return true;
      return resolver.kindOfExpression(expression) !== undefined;
    },
    isSnapshotCopy(variable) {
      const def = variable.defs[0];
      if (def?.type !== DefinitionType.Variable || def.node.type !== AST_NODE_TYPES.VariableDeclarator) return false;
      const init = def.node.init && skipTransparent(def.node.init);
      if (init?.type !== AST_NODE_TYPES.CallExpression) return false;
      const method = staticName(init.callee) ?? '';
      if (snapshotCallees.has(method)) return true;
      if (init.callee.type !== AST_NODE_TYPES.MemberExpression) return false;
      const root = rootIdentifier(init.callee.object);
      const source = root && findVariable(root);
      return source ? (resolver.kindOfVariable(source)?.snapshotMethods ?? []).includes(method) : false;
    },
    snapshotCallFor(variable) {
      const declaration = variable.defs[0]?.name;
      if (snapshots.length === 0 || !declaration) return undefined;
      const type = typeAt(declaration);
      if (!type) return undefined;
      return snapshots.find(entry => typeMatchesAnySpecifier(type, [entry.type], program))?.call;
    },
    registrarAround(node) {
      for (let fn = enclosingFunction(node); fn; fn = enclosingFunction(fn)) {
        for (const param of fn.params) {
          if (param.type !== AST_NODE_TYPES.Identifier) continue;
          const variable = findVariable(param);
          const template = variable && resolver.kindOfVariable(variable)?.registersWork;
          if (template) return { name: param.name, template };
        }
      }
      return undefined;
    },
  };
  return resolver;

  /**
   * Where the value comes from decides first (syntax and the callee's
   * declared signature), its type last: asking for an unannotated handler
   * parameter's type makes TypeScript resolve the route call and check the
   * handler's body, the most expensive step of typed linting in route files.
   */
  function resolveVariable(variable: Variable): ResolvedKind | undefined {
    const def = variable.defs[0];
    if (!def) return undefined;
    switch (def.type) {
      case DefinitionType.ImportBinding:
        return requestFunctionKind(def.node, def.parent);
      case DefinitionType.Parameter: {
        if (def.name.type !== AST_NODE_TYPES.Identifier) break;
        const byPosition = positionalKind(def.name, def.node);
        if (byPosition) return byPosition;
        const fromCallee = callbackParameterKind(variable, def.name, def.node);
        if (fromCallee !== 'undecided') return fromCallee;
        break;
      }
      case DefinitionType.Variable: {
        // Type queries inside a handler make TypeScript check the whole route
        // call, so variables that cannot hold a context are ruled out by syntax.
        if (userContexts.length === 0 && !mayHoldContext(def.name, def.node)) return undefined;
        // A module-level constant is evaluated when the module loads, before any request.
        if (def.parent?.kind === 'const' && def.node.init && isModuleLevel(variable)) return undefined;
        const derived = derivedKind(variable, def.name, def.node);
        if (derived !== 'undecided') return derived;
        break;
      }
      default:
        // Functions, classes, enums, type names and catch clauses are never request contexts.
        return undefined;
    }
    if (typedKinds.length === 0) return undefined;
    const kind = kindOfType(typeAt(def.name));
    // `const upstream = new Request(url)`: built by the code, not served.
    if (kind?.servedOnly && def.type === DefinitionType.Variable && isConstruction(def.node)) {
      notServed.add(variable);
      return undefined;
    }
    return kind;
  }

  /**
   * The kind of an unannotated parameter of a function passed to a call, from
   * the callee's declared signature: `c` in `app.get('/', c => …)` is a Hono
   * `Context` because `get` declares handlers `(c: Context, next) => …`; the
   * parameter of `http.get(url, res => …)` is an outgoing request's response.
   * `'undecided'` when the declaration cannot tell (the parameter's type decides).
   */
  function callbackParameterKind(variable: Variable, name: TSESTree.Identifier, fn: TSESTree.Node): ResolvedKind | undefined | 'undecided' {
    const position = callbackPosition(name, fn);
    if (!position) return 'undecided';
    if (clientCalls.length === 0 && (name.typeAnnotation || typedKinds.length === 0)) return 'undecided';
    const declared = declaredCallback(services, position);
    if (!declared) return 'undecided';
    if (clientCalls.some(specifier => symbolMatches(declared.symbol, specifier, program))) {
      notServed.add(variable);
      return undefined;
    }
    // An annotation is read without resolving the call.
    if (name.typeAnnotation || !declared.parameterTypes) return 'undecided';
    const kinds = new Set(declared.parameterTypes.map(type => kindOfType(type)));
    const [kind] = kinds;
    return kinds.size === 1 && kind ? kind : 'undecided';
  }

  /** `const r = req` takes the kind of `req`; from an outgoing response or a built request, none. */
  function derivedKind(variable: Variable, name: TSESTree.BindingName, declarator: TSESTree.Node): ResolvedKind | undefined | 'undecided' {
    if (declarator.type !== AST_NODE_TYPES.VariableDeclarator || declarator.id !== name || name.typeAnnotation) return 'undecided';
    // Without wrappers: `req as unknown as Job` has another type.
    const init = declarator.init;
    if (init?.type !== AST_NODE_TYPES.Identifier) return 'undecided';
    const source = findVariable(init);
    if (!source || source === variable) return 'undecided';
    const kind = resolver.kindOfVariable(source);
    // A kind known by type is the copy's too (same type); positional kinds are typed as before.
    if (kind) return kind.types.length > 0 && !kind.requestFunction ? kind : 'undecided';
    if (notServed.has(source)) {
      notServed.add(variable);
      return undefined;
    }
    return 'undecided';
  }

  function typeAt(node: TSESTree.Node): ts.Type | undefined {
    // Generic handlers: `<C extends Context>(c: C)` is checked by its constraint.
    return constrainedTypeAt(services, node);
  }

  function kindOfType(type: ts.Type | undefined): ResolvedKind | undefined {
    if (!type) return undefined;
    if (byType.has(type)) return byType.get(type);
    const specifier = typeMatchesAnySpecifier(type, allSpecifiers, program);
    const kind = specifier ? typedKinds.find(entry => entry.specifiers.includes(specifier))?.kind : undefined;
    byType.set(type, kind);
    return kind;
  }

  function requestFunctionKind(node: TSESTree.Node, declaration: TSESTree.Node | null): ResolvedKind | undefined {
    if (requestFunctions.length === 0) return undefined;
    if (node.type !== AST_NODE_TYPES.ImportSpecifier || declaration?.type !== AST_NODE_TYPES.ImportDeclaration) return undefined;
    const imported = node.imported.type === AST_NODE_TYPES.Identifier ? node.imported.name : node.imported.value;
    const source = declaration.source.value;
    return requestFunctions.find(({ fn }) => fn.package.includes(source) && fn.names.includes(imported))?.kind;
  }

  function positionalKind(name: TSESTree.Identifier, fn: TSESTree.Node): ResolvedKind | undefined {
    for (const { kind, position, preset } of positional) {
      if (position.type === 'module-handler') {
        // The handler's shape by syntax first; an annotated parameter's type last.
        if (!isFunctionNode(fn) || fn.params[position.parameter] !== name || !isModuleHandlerMethod(fn, position)) continue;
        if (name.typeAnnotation && !typeMatches(name, position.parameterTypes)) continue;
        return { ...kind, preset };
      }
      if (position.type === 'decorated-parameter') {
        const decorator = matchingDecorator(name, position.decorators, position.package, findVariable);
        if (!decorator) continue;
        // `@Res({ passthrough: true })`: the framework sends the handler's return value.
        const passthrough = position.passthroughOption !== undefined && hasTrueOption(decorator, position.passthroughOption);
        return passthrough ? { ...kind, preset, pendingResponse: undefined } : { ...kind, preset };
      }
      const property = scopedPropertyOf(name, fn);
      if (property === null) continue;
      const scoped = position.scopedProperties;
      const propertyKind = property === undefined ? kind : Object.hasOwn(scoped, property) ? scoped[property] : undefined;
      if (!propertyKind) continue;
      if (!isHandlerOf(fn, position.methods, position.receiver)) continue;
      return { ...propertyKind, preset };
    }
    return undefined;
  }

  /**
   * `undefined` for the whole first parameter, the top-level key for a name
   * destructured from it (`({ cookie: { session } })` → `cookie`), `null` otherwise.
   */
  function scopedPropertyOf(name: TSESTree.Identifier, fn: TSESTree.Node): string | undefined | null {
    if (!isFunctionNode(fn)) return null;
    if (fn.params.includes(name)) return fn.params.indexOf(name) === 0 ? undefined : null;
    let key: string | null = null;
    for (let node: TSESTree.Node = name; node.parent; node = node.parent) {
      const parent: TSESTree.Node = node.parent;
      if (parent.type === AST_NODE_TYPES.Property && parent.value === node) {
        key = !parent.computed && parent.key.type === AST_NODE_TYPES.Identifier ? parent.key.name : null;
        continue;
      }
      if (parent.type === AST_NODE_TYPES.AssignmentPattern && parent.left === node) continue;
      if (parent.type === AST_NODE_TYPES.ObjectPattern) {
        if (parent === fn.params[0]) return key;
        continue;
      }
      return null;
    }
    return null;
  }

  function typeMatches(node: TSESTree.Node, specifiers: readonly TypeOrValueSpecifier[]): boolean {
    const type = typeAt(node);
    return type !== undefined && typeMatchesAnySpecifier(type, specifiers, program) !== undefined;
  }

  function isHandlerOf(fn: TSESTree.Node, methods: readonly string[], receiver: TypeOrValueSpecifier): boolean {
    const call = fn.parent;
    if (call?.type !== AST_NODE_TYPES.CallExpression || !call.arguments.includes(fn as TSESTree.Expression)) return false;
    const callee = call.callee;
    if (callee.type !== AST_NODE_TYPES.MemberExpression || callee.computed || callee.property.type !== AST_NODE_TYPES.Identifier) {
      return false;
    }
    if (!methods.includes(callee.property.name)) return false;
    const cached = receiverCache.get(callee.object);
    if (cached !== undefined) return cached;
    // Typed at the root of a chain of route calls: typing a chained call would resolve the previous one.
    const type = receiverType(services, callee.object);
    const matches = type !== undefined && typeMatchesAnySpecifier(type, [receiver], program) !== undefined;
    receiverCache.set(callee.object, matches);
    return matches;
  }
}

/**
 * Where a parameter sits in the call its function is passed to, for
 * parameters named directly in the list (`(req, res) =>`, not destructured
 * or defaulted): `res` in `app.get('/', (req, res) => …)` → argument 1, parameter 1.
 */
function callbackPosition(name: TSESTree.Identifier, fn: TSESTree.Node): CallbackPosition | undefined {
  if (!isFunctionNode(fn) || fn.type === AST_NODE_TYPES.FunctionDeclaration) return undefined;
  const call = fn.parent;
  if (call?.type !== AST_NODE_TYPES.CallExpression) return undefined;
  const argumentIndex = call.arguments.indexOf(fn);
  if (argumentIndex === -1 || call.arguments.slice(0, argumentIndex).some(argument => argument.type === AST_NODE_TYPES.SpreadElement)) {
    return undefined;
  }
  // `function (this: App, req)`: TypeScript's signatures do not count `this`.
  const params = fn.params.filter(param => !(param.type === AST_NODE_TYPES.Identifier && param.name === 'this'));
  const parameterIndex = params.indexOf(name);
  if (parameterIndex === -1) return undefined;
  let requiredParameters = 0;
  for (const param of params) {
    if (param.type === AST_NODE_TYPES.AssignmentPattern || param.type === AST_NODE_TYPES.RestElement) break;
    if (param.type === AST_NODE_TYPES.Identifier && param.optional) break;
    requiredParameters++;
  }
  return { call, argumentIndex, parameterIndex, requiredParameters };
}

function isModuleLevel(variable: Variable): boolean {
  return variable.scope.type === ScopeType.module || variable.scope.type === ScopeType.global;
}

/** `new Request(url)`, `await new X()`: a declarator whose value the code constructs. */
function isConstruction(declarator: TSESTree.Node): boolean {
  if (declarator.type !== AST_NODE_TYPES.VariableDeclarator || !declarator.init) return false;
  let init = skipTransparent(declarator.init);
  if (init.type === AST_NODE_TYPES.AwaitExpression) init = skipTransparent(init.argument);
  return init.type === AST_NODE_TYPES.NewExpression;
}

/** `@Req() req`: the decorator among `decorators`, imported from `packageName`, on a parameter. */
function matchingDecorator(
  name: TSESTree.Identifier,
  decorators: readonly string[],
  packageName: string,
  findVariable: FindVariable,
): TSESTree.Decorator | undefined {
  const owner = name.parent?.type === AST_NODE_TYPES.TSParameterProperty ? name.parent : name;
  return (owner.decorators ?? []).find(decorator => {
    const expression = decorator.expression;
    const callee = expression.type === AST_NODE_TYPES.CallExpression ? expression.callee : expression;
    return (
      callee.type === AST_NODE_TYPES.Identifier && decorators.includes(callee.name) && importedFrom(callee, [packageName], findVariable)
    );
  });
}

/** `@Res({ passthrough: true })` for the option `passthrough`. */
function hasTrueOption(decorator: TSESTree.Decorator, option: string): boolean {
  const options = decorator.expression.type === AST_NODE_TYPES.CallExpression ? decorator.expression.arguments[0] : undefined;
  return (
    options?.type === AST_NODE_TYPES.ObjectExpression &&
    options.properties.some(
      property =>
        property.type === AST_NODE_TYPES.Property &&
        property.key.type === AST_NODE_TYPES.Identifier &&
        property.key.name === option &&
        property.value.type === AST_NODE_TYPES.Literal &&
        property.value.value === true,
    )
  );
}

/**
 * Members and methods through which code reaches a request context from
 * another one: the presets' `reachedThrough`, and names any framework's
 * code uses for its context (`this.ctx`, `store.currentContext`).
 */
const REACHES_CONTEXT: ReadonlySet<string> = new Set([...CONTEXT_MEMBERS, 'ctx', 'context', 'currentContext']);

/**
 * Whether a variable may hold a request context, judged from its declaration
 * alone: an annotation, no initialiser, a `new` object or a class's static
 * factory, or a value reached through a context member or call (`const req =
 * c.req`, `const jar = await cookies()`); not literals, copies of plain
 * members or arbitrary calls. With user `contexts`, every variable is typed.
 */
function mayHoldContext(name: TSESTree.BindingName, declarator: TSESTree.Node): boolean {
  if (name.typeAnnotation || declarator.type !== AST_NODE_TYPES.VariableDeclarator) return true;
  // `const { req, res } = ctx`: by the destructured key.
  if (name.parent?.type === AST_NODE_TYPES.Property && name.parent.value === name) {
    const key = name.parent.key;
    return name.parent.computed || (key.type === AST_NODE_TYPES.Identifier && REACHES_CONTEXT.has(key.name));
  }
  const init = declarator.init && skipTransparent(declarator.init);
  if (!init) return true;
  return mayBeContextValue(init, name.type === AST_NODE_TYPES.Identifier);
}

/**
 * Whether an initialiser may evaluate to a context, by syntax: `req`, `new X()`,
 * `c.req`, `await cookies()`, `a ?? b` when either side may; not
 * `c.req.header('x') ?? 'anonymous'`. `whole`: bound to one name, not destructured.
 */
function mayBeContextValue(expression: TSESTree.Node, whole: boolean): boolean {
  let init = skipTransparent(expression);
  if (init.type === AST_NODE_TYPES.AwaitExpression) init = skipTransparent(init.argument);
  switch (init.type) {
    case AST_NODE_TYPES.Identifier:
    case AST_NODE_TYPES.NewExpression:
      return true;
    case AST_NODE_TYPES.ConditionalExpression:
      return mayBeContextValue(init.consequent, whole) || mayBeContextValue(init.alternate, whole);
    case AST_NODE_TYPES.LogicalExpression:
      return mayBeContextValue(init.left, whole) || mayBeContextValue(init.right, whole);
    case AST_NODE_TYPES.MemberExpression:
      return init.computed || REACHES_CONTEXT.has(staticName(init) ?? '');
    case AST_NODE_TYPES.CallExpression: {
      // `await Promise.all([…])` is an array, whatever it holds.
      if (whole && isArrayJoin(init.callee)) return false;
      // Context methods, and static factories of classes (`NextResponse.json(…)`).
      const callee = skipTransparent(init.callee);
      const factory =
        callee.type === AST_NODE_TYPES.MemberExpression &&
        callee.object.type === AST_NODE_TYPES.Identifier &&
        /^[A-Z]/.test(callee.object.name);
      return factory || REACHES_CONTEXT.has(staticName(callee) ?? '');
    }
    default:
      return false;
  }
}

/** `Promise.all` and `Promise.allSettled`, whose results are arrays. */
function isArrayJoin(callee: TSESTree.Node): boolean {
  const name = staticName(callee);
  return isPromiseJoin(callee) && (name === 'all' || name === 'allSettled');
}

/**
 * The function or method a snapshot template calls, by its last call:
 * `{{context}}.copy()` → `copy`, `snapshot({{context}})` → `snapshot`.
 */
function calledName(template: string): string | undefined {
  return /([A-Za-z_$][\w$]*)\s*\([^()]*\)\s*$/.exec(template)?.[1];
}

function specifierLabel(specifier: TypeOrValueSpecifier): string {
  if (typeof specifier === 'string') return specifier;
  const name = Array.isArray(specifier.name) ? specifier.name.join(' | ') : specifier.name;
  return specifier.from === 'package' ? `${specifier.package} ${name}` : name;
}
