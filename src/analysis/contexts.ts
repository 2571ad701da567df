import type { TypeOrValueSpecifier } from '@typescript-eslint/type-utils';
import type { ParserServicesWithTypeInformation, TSESLint, TSESTree } from '@typescript-eslint/utils';
import type ts from 'typescript';

import { AST_NODE_TYPES } from '@typescript-eslint/utils';

import type { ContextKind, Preset } from '../presets/index.js';
import type { RequestFunction } from '../presets/types.js';

import { type FindVariable, importedFrom } from './sinks.js';
import { isFunctionNode, skipTransparent, staticName } from './ast.js';
import { typeMatchesAnySpecifier } from './type-specifiers.js';
import { DefinitionType } from './definition-type.js';

type Variable = TSESLint.Scope.Variable;

/** A context kind together with the preset it came from. */
export interface ResolvedKind extends ContextKind {
  readonly preset: Preset;
  /** Set for request functions such as Next.js `cookies()`. */
  readonly requestFunction?: RequestFunction;
}

export interface ContextResolver {
  /** The context kind of a variable, or `undefined`. One type query per variable, cached. */
  kindOfVariable(variable: Variable): ResolvedKind | undefined;
  /** The context kind of an expression's type (for values such as `c.req` passed as arguments). */
  kindOfExpression(node: TSESTree.Node): ResolvedKind | undefined;
}

/** User `contexts` entries: `response` lifetime, every access unsafe. */
const USER_PRESET: Preset = { name: 'user', label: 'configured', contexts: [] };

export function createContextResolver(
  services: ParserServicesWithTypeInformation,
  presets: readonly Preset[],
  userContexts: readonly TypeOrValueSpecifier[],
  findVariable: FindVariable,
): ContextResolver {
  const program = services.program;
  const checker = program.getTypeChecker();

  const typedKinds: { kind: ResolvedKind; specifiers: readonly TypeOrValueSpecifier[] }[] = [];
  for (const preset of presets) {
    for (const kind of preset.contexts) {
      if (kind.types.length > 0) typedKinds.push({ kind: { ...kind, preset }, specifiers: kind.types });
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

  const byVariable = new Map<Variable, ResolvedKind | undefined>();
  const byType = new Map<ts.Type, ResolvedKind | undefined>();
  const receiverCache = new Map<TSESTree.Node, boolean>();

  return {
    kindOfVariable(variable) {
      if (byVariable.has(variable)) return byVariable.get(variable);
      const kind = resolveVariable(variable);
      byVariable.set(variable, kind);
      return kind;
    },
    kindOfExpression(node) {
      return kindOfType(typeAt(node));
    },
  };

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
        break;
      }
      case DefinitionType.Variable:
        // Type queries inside a handler make TypeScript check the whole route
        // call, so variables that cannot hold a context are ruled out by syntax.
        if (userContexts.length === 0 && !mayHoldContext(def.name, def.node)) return undefined;
        break;
      default:
        // Functions, classes, enums, type names and catch clauses are never request contexts.
        return undefined;
    }
    if (typedKinds.length === 0) return undefined;
    return kindOfType(typeAt(def.name));
  }

  function typeAt(node: TSESTree.Node): ts.Type | undefined {
    try {
      const tsNode = services.esTreeNodeToTSNodeMap.get(node);
      const type = checker.getTypeAtLocation(tsNode);
      // Generic handlers: `<C extends Context>(c: C)` is checked by its constraint.
      return checker.getBaseConstraintOfType(type) ?? type;
    } catch {
      // The checker can throw on malformed code the parser still accepts.
      return undefined;
    }
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
      if (position.type === 'decorated-parameter') {
        const decorator = matchingDecorator(name, position.decorators, position.package, findVariable);
        if (!decorator) continue;
        // `@Res({ passthrough: true })`: the framework sends the handler's return value.
        return isPassthrough(decorator) ? { ...kind, preset, pendingResponse: undefined } : { ...kind, preset };
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
    const type = typeAt(callee.object);
    const matches = type !== undefined && typeMatchesAnySpecifier(type, [receiver], program) !== undefined;
    receiverCache.set(callee.object, matches);
    return matches;
  }
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
    return callee.type === AST_NODE_TYPES.Identifier && decorators.includes(callee.name) && importedFrom(callee, [packageName], findVariable);
  });
}

function isPassthrough(decorator: TSESTree.Decorator): boolean {
  const options = decorator.expression.type === AST_NODE_TYPES.CallExpression ? decorator.expression.arguments[0] : undefined;
  return (
    options?.type === AST_NODE_TYPES.ObjectExpression &&
    options.properties.some(
      property =>
        property.type === AST_NODE_TYPES.Property &&
        property.key.type === AST_NODE_TYPES.Identifier &&
        property.key.name === 'passthrough' &&
        property.value.type === AST_NODE_TYPES.Literal &&
        property.value.value === true,
    )
  );
}

/** Members and methods through which code reaches a request context from another one (`c.req`, `host.switchToHttp().getRequest()`). */
const CONTEXT_MEMBERS = new Set([
  'req', 'res', 'request', 'response', 'raw', 'executionCtx', 'event', 'node', 'cookies', 'ctx', 'context', 'socket',
  'connection', 'set', 'cookie', 'server', 'getRequest', 'getResponse', 'switchToHttp', 'getContext', 'getArgs',
  'getArgByIndex', 'headers', 'useEvent', 'useRequest', 'getEvent', 'currentContext',
]);

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
    return name.parent.computed || (key.type === AST_NODE_TYPES.Identifier && CONTEXT_MEMBERS.has(key.name));
  }
  let init = declarator.init && skipTransparent(declarator.init);
  if (!init) return true;
  if (init.type === AST_NODE_TYPES.AwaitExpression) init = skipTransparent(init.argument);
  switch (init.type) {
    case AST_NODE_TYPES.Identifier:
    case AST_NODE_TYPES.NewExpression:
    case AST_NODE_TYPES.ConditionalExpression:
    case AST_NODE_TYPES.LogicalExpression:
      return true;
    case AST_NODE_TYPES.MemberExpression:
      return init.computed || CONTEXT_MEMBERS.has(staticName(init) ?? '');
    case AST_NODE_TYPES.CallExpression: {
      // Context methods, and static factories of classes (`NextResponse.json(…)`).
      const callee = skipTransparent(init.callee);
      const factory =
        callee.type === AST_NODE_TYPES.MemberExpression &&
        callee.object.type === AST_NODE_TYPES.Identifier &&
        /^[A-Z]/.test(callee.object.name);
      return factory || CONTEXT_MEMBERS.has(staticName(callee) ?? '');
    }
    default:
      return false;
  }
}


function specifierLabel(specifier: TypeOrValueSpecifier): string {
  if (typeof specifier === 'string') return specifier;
  const name = Array.isArray(specifier.name) ? specifier.name.join(' | ') : specifier.name;
  return specifier.from === 'package' ? `${specifier.package} ${name}` : name;
}
