import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { AST_NODE_TYPES, TSESLint as Lint } from '@typescript-eslint/utils';

import type { Preset, SingletonClasses } from '../presets/types.js';
import type { FunctionNode } from './ast.js';
import type { FindVariable } from './scope.js';

import { isFunctionNode, skipTransparent, staticName, walkOwnBody } from './ast.js';
import { DefinitionType, importedFrom } from './scope.js';

const { ScopeType } = Lint.Scope;

type Variable = TSESLint.Scope.Variable;

/**
 * Storage that every request sees, found by syntax and scope alone:
 * - `module`: a module-scope variable or a property reached from one (`currentUser`, `config.MAGIC`);
 * - `global`: a property of the global object (`globalThis.lastRequest`);
 * - `singleton`: a field of an instance shared by all requests (`this.tenant` in a default-scoped
 *   NestJS provider, or in a class instantiated at module scope);
 * - `static`: a static field (`this.current` in a static method, `Registry.current`).
 */
export interface SharedStorage {
  readonly scope: 'module' | 'global' | 'singleton' | 'static';
  /** How messages name it: "`currentUser`", "`OrdersService.tenant`". */
  readonly name: string;
  /**
   * Whether it is one slot that the next request overwrites (`x = v`, `obj.key = v`),
   * rather than an entry under a computed key (`cache[id] = v`) or a collection element.
   */
  readonly singleSlot: boolean;
  /** The expression naming the storage, to find removals of the same entry (`clients`, `this.sockets`). */
  readonly node: TSESTree.Node;
  /** For a framework singleton (a NestJS provider), the preset that declares it. */
  readonly framework?: Preset;
}

/** Methods that add a value to a collection, with the index of the first value argument. */
export const COLLECTION_ADDERS: Readonly<Record<string, number>> = { push: 0, unshift: 0, add: 0, set: 1, splice: 2 };

/** Methods and operators that remove an entry again (`clients.delete(res)`, `list.splice(i, 1)`). */
const COLLECTION_REMOVERS = new Set(['delete', 'splice', 'pop', 'shift', 'clear', 'filter']);

/** Global-object names: `globalThis.x`, `global.x` (Node), `window.x` and `self.x` (browsers, workers). */
const GLOBAL_OBJECTS = new Set(['globalThis', 'global', 'window', 'self']);

export interface StorageResolver {
  /**
   * The shared storage an assignment writes, from its target:
   * `currentUser = …` → module `currentUser` (a `let`/`var`), `config.MAGIC = …` → module,
   * `globalThis.lastRequest = …` → global, `this.tenant = …` in a singleton's method → singleton;
   * `undefined` for locals, parameters, `this` of per-request objects, and targets reached through calls.
   */
  storageOfTarget(target: TSESTree.Node): SharedStorage | undefined;
  /**
   * The shared collection a method call adds to: `clients.add(res)`, `this.pending.set(id, res)`;
   * every collection entry counts as keyed (`singleSlot: false`).
   */
  storageOfReceiver(receiver: TSESTree.Node): SharedStorage | undefined;
}

/**
 * Answers "where is this value stored, and do other requests see it?" by
 * syntax and scope analysis only (no type queries), so a rule can rule out
 * the common case, a write to a local or per-request object, before asking
 * for types. Singleton classes come from preset data ({@link SingletonClasses}).
 */
export function createStorageResolver(
  sourceCode: Readonly<TSESLint.SourceCode>,
  presets: readonly Preset[],
  findVariable: FindVariable,
): StorageResolver {
  const singletons = presets.flatMap(preset => (preset.singletons ? [{ facts: preset.singletons, preset }] : []));
  // A class's singleton status: the framework preset that makes it one, `null` when a module-level instance, `false` when not shared.
  const singletonCache = new Map<TSESTree.Node, Preset | null | false>();
  let moduleInstances: Set<TSESTree.Node> | undefined;

  return {
    storageOfTarget(target) {
      const node = skipTransparent(target);
      if (node.type === AST_NODE_TYPES.Identifier) {
        const variable = findVariable(node);
        if (!variable || !isModuleScope(variable)) return undefined;
        const def = variable.defs[0];
        // `let`/`var` only: imports, functions and classes cannot be reassigned in place.
        if (def?.type !== DefinitionType.Variable) return undefined;
        return { scope: 'module', name: node.name, singleSlot: true, node };
      }
      if (node.type !== AST_NODE_TYPES.MemberExpression) return undefined;
      const holder = storageOfObject(node.object);
      if (!holder) return undefined;
      const key = memberKey(node);
      // `pending[id] = res`: the entry lives under a key; removals name the object (`delete pending[id]`).
      return {
        ...holder,
        name: `${holder.name}${key ?? '[…]'}`,
        singleSlot: key !== undefined,
        node: key === undefined ? skipTransparent(node.object) : node,
      };
    },
    storageOfReceiver(receiver) {
      const holder = storageOfObject(receiver);
      return holder && { ...holder, singleSlot: false, node: skipTransparent(receiver) };
    },
  };

  /** The shared storage an object expression denotes, following plain member chains (no calls). */
  function storageOfObject(object: TSESTree.Node): Omit<SharedStorage, 'singleSlot'> | undefined {
    const node = skipTransparent(object);
    switch (node.type) {
      case AST_NODE_TYPES.Identifier: {
        const variable = findVariable(node);
        if (!variable || variable.defs.length === 0) {
          return GLOBAL_OBJECTS.has(node.name) ? { scope: 'global', name: node.name, node } : undefined;
        }
        if (!isModuleScope(variable)) return undefined;
        const def = variable.defs[0];
        if (def.type === DefinitionType.ClassName) return { scope: 'static', name: node.name, node };
        // Type names, enums and namespaces hold no request data; functions may carry properties.
        if (def.type === DefinitionType.Type || def.type === DefinitionType.TSEnumName) return undefined;
        return { scope: 'module', name: node.name, node };
      }
      case AST_NODE_TYPES.ThisExpression:
        return storageOfThis(node);
      case AST_NODE_TYPES.MemberExpression: {
        const holder = storageOfObject(node.object);
        if (!holder) return undefined;
        const key = memberKey(node);
        // `cache[id].value`: an entry under a computed key is keyed, not one shared slot.
        if (key === undefined) return undefined;
        return { ...holder, name: `${holder.name}${key}`, node };
      }
      default:
        return undefined;
    }
  }

  /** `this` in a method of a singleton class or in a static method; arrows see through to their method. */
  function storageOfThis(node: TSESTree.ThisExpression): Omit<SharedStorage, 'singleSlot'> | undefined {
    let fn: FunctionNode | undefined;
    for (let current: TSESTree.Node | undefined = node.parent; current; current = current.parent) {
      if (current.type === AST_NODE_TYPES.StaticBlock || current.type === AST_NODE_TYPES.PropertyDefinition) return undefined;
      if (isFunctionNode(current) && current.type !== AST_NODE_TYPES.ArrowFunctionExpression) {
        fn = current;
        break;
      }
    }
    const method = fn?.parent;
    if (method?.type !== AST_NODE_TYPES.MethodDefinition || method.value !== fn) return undefined;
    // Constructors run once, when the instance is created: start-up, not a request.
    if (method.kind === 'constructor') return undefined;
    const classNode = method.parent.parent;
    if (classNode.type !== AST_NODE_TYPES.ClassDeclaration && classNode.type !== AST_NODE_TYPES.ClassExpression) return undefined;
    const className = classNode.id?.name ?? 'this';
    if (method.static) return { scope: 'static', name: className, node };
    const singleton = singletonOf(classNode);
    if (singleton === false) return undefined;
    return { scope: 'singleton', name: className, node, ...(singleton ? { framework: singleton } : {}) };
  }

  function singletonOf(classNode: TSESTree.ClassDeclaration | TSESTree.ClassExpression): Preset | null | false {
    let cached = singletonCache.get(classNode);
    if (cached === undefined) {
      const framework = frameworkSingleton(classNode);
      cached = framework ?? (framework === undefined && isInstantiatedAtModuleScope(classNode) ? null : false);
      singletonCache.set(classNode, cached);
    }
    return cached;
  }

  /**
   * The preset whose decorator makes the class a shared instance (`@Injectable()` without a
   * request scope and with no request injected into its constructor); `false` for a
   * request-scoped one; `undefined` when no framework decorator applies.
   */
  function frameworkSingleton(classNode: TSESTree.ClassDeclaration | TSESTree.ClassExpression): Preset | false | undefined {
    for (const { facts, preset } of singletons) {
      const decorator = classNode.decorators.find(candidate => {
        const expression = candidate.expression;
        const callee = expression.type === AST_NODE_TYPES.CallExpression ? expression.callee : expression;
        return (
          callee.type === AST_NODE_TYPES.Identifier &&
          facts.decorators.includes(callee.name) &&
          importedFrom(callee, [facts.package], findVariable)
        );
      });
      if (!decorator) continue;
      return hasRequestScope(decorator, facts) || injectsRequest(classNode, facts) ? false : preset;
    }
    return undefined;
  }

  /** `new OrdersService()` at module scope (not inside a function): one instance for every request. */
  function isInstantiatedAtModuleScope(classNode: TSESTree.ClassDeclaration | TSESTree.ClassExpression): boolean {
    moduleInstances ??= findModuleInstances();
    return moduleInstances.has(classNode);
  }

  /** The class declarations that module-level code instantiates. */
  function findModuleInstances(): Set<TSESTree.Node> {
    const found = new Set<TSESTree.Node>();
    walkOwnBody(sourceCode.ast, sourceCode.visitorKeys, node => {
      // Class bodies run per instance or at definition; their `new` calls are not module-level instances.
      if (node.type === AST_NODE_TYPES.ClassBody) return false;
      if (node.type === AST_NODE_TYPES.NewExpression && node.callee.type === AST_NODE_TYPES.Identifier) {
        const def = findVariable(node.callee)?.defs[0];
        if (def?.type === DefinitionType.ClassName) found.add(def.node);
      }
      return undefined;
    });
    return found;
  }
}

/** `{ scope: Scope.REQUEST }` (also with `durable: true`) among the decorator's options. */
function hasRequestScope(decorator: TSESTree.Decorator, facts: SingletonClasses): boolean {
  const expression = decorator.expression;
  if (expression.type !== AST_NODE_TYPES.CallExpression) return false;
  return expression.arguments.some(
    argument =>
      argument.type === AST_NODE_TYPES.ObjectExpression &&
      argument.properties.some(
        property =>
          property.type === AST_NODE_TYPES.Property &&
          staticName(property.key) === facts.requestScope.property &&
          facts.requestScope.values.includes(staticName(property.value) ?? ''),
      ),
  );
}

/** `constructor(@Inject(REQUEST) private readonly request: Request)`: the class becomes request-scoped. */
function injectsRequest(classNode: TSESTree.ClassDeclaration | TSESTree.ClassExpression, facts: SingletonClasses): boolean {
  const constructor = classNode.body.body.find(
    (member): member is TSESTree.MethodDefinition => member.type === AST_NODE_TYPES.MethodDefinition && member.kind === 'constructor',
  );
  if (!constructor) return false;
  const { decorators, tokens } = facts.requestInjection;
  return constructor.value.params.some(param =>
    (param.decorators ?? []).some(decorator => {
      const expression = decorator.expression;
      if (expression.type !== AST_NODE_TYPES.CallExpression || staticName(expression.callee) === undefined) return false;
      if (!decorators.includes(staticName(expression.callee)!)) return false;
      const token = expression.arguments[0];
      return token !== undefined && tokens.includes(staticName(token) ?? '');
    }),
  );
}

/** Whether a variable lives in module (or script) scope, where every request sees it. */
export function isModuleScope(variable: Variable): boolean {
  return variable.scope.type === ScopeType.module || variable.scope.type === ScopeType.global;
}

/** `.name` for `obj.name` and `obj['name']`, `undefined` for a computed key (`obj[id]`). */
function memberKey(node: TSESTree.MemberExpression): string | undefined {
  if (!node.computed && node.property.type === AST_NODE_TYPES.Identifier) return `.${node.property.name}`;
  if (node.property.type === AST_NODE_TYPES.Literal && typeof node.property.value === 'string') return `.${node.property.value}`;
  return undefined;
}

/**
 * Whether `fn` (including callbacks inside it) removes an entry from the
 * storage again, so the entry lives only as long as its request: a registry of
 * live connections (`clients.add(res)` … `clients.delete(res)` on close),
 * `delete pending[id]`, `list = list.filter(…)`.
 *
 * @example
 * clients.add(res);
 * req.on('close', () => clients.delete(res)); // removed on the same request's close
 */
export function isRemovedInSameFunction(storage: SharedStorage, fn: FunctionNode, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  const text = sourceCode.getText(storage.node);
  const sameStorage = (node: TSESTree.Node): boolean => sourceCode.getText(skipTransparent(node)) === text;
  let removed = false;
  // Every node of `fn`, nested callbacks included (close handlers, `finally`).
  const stack: TSESTree.Node[] = [fn.body];
  while (stack.length > 0 && !removed) {
    const node = stack.pop()!;
    if (node.type === AST_NODE_TYPES.CallExpression && node.callee.type === AST_NODE_TYPES.MemberExpression) {
      const name = staticName(node.callee);
      if (name !== undefined && COLLECTION_REMOVERS.has(name) && sameStorage(node.callee.object)) removed = true;
    }
    if (
      node.type === AST_NODE_TYPES.UnaryExpression &&
      node.operator === 'delete' &&
      node.argument.type === AST_NODE_TYPES.MemberExpression
    ) {
      if (sameStorage(node.argument.object)) removed = true;
    }
    for (const key of sourceCode.visitorKeys[node.type] ?? []) {
      const child = (node as unknown as Record<string, unknown>)[key];
      for (const item of Array.isArray(child) ? child : [child]) {
        if (item && typeof (item as TSESTree.Node).type === 'string') stack.push(item as TSESTree.Node);
      }
    }
  }
  return removed;
}
