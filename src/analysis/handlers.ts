import type { TSESTree } from '@typescript-eslint/utils';

import { AST_NODE_TYPES } from '@typescript-eslint/utils';

import type { FunctionNode } from './ast.js';

import { skipTransparent, valueNode } from './ast.js';

/** Where a module declares its handler by convention, as a preset describes it (Workers `export default { fetch }`). */
export interface ModuleHandlerShape {
  /** Methods of the handler object: `fetch`. */
  readonly methods: readonly string[];
  /** Type names that mark an object as the handler wherever it is declared: `ExportedHandler`. */
  readonly handlerTypes: readonly string[];
  /** Without such a type, a method of the default export needs this many parameters: `fetch(request, env, ctx)`. */
  readonly minParameters: number;
}

/**
 * Whether `fn` is a method of the module's handler object, by syntax alone: a
 * method named in `shape.methods` of an object literal that is the default
 * export (`export default { fetch(request, env, ctx) {} }`, also through a
 * `const` exported by name), or that is typed with one of the handler types
 * (`{ … } satisfies ExportedHandler<Env>`, `const worker: ExportedHandler = { … }`).
 * An untyped default export needs `shape.minParameters` parameters, so that
 * other runtimes' `export default { fetch(req) }` are not taken for it.
 *
 * ```ts
 * export default { async fetch(request: Request, env: Env, ctx: ExecutionContext) { … } } // the fetch method: true
 * ```
 */
export function isModuleHandlerMethod(fn: FunctionNode, shape: ModuleHandlerShape): boolean {
  const property = fn.parent;
  if (
    property?.type !== AST_NODE_TYPES.Property ||
    property.value !== fn ||
    property.computed ||
    property.key.type !== AST_NODE_TYPES.Identifier ||
    !shape.methods.includes(property.key.name)
  ) {
    return false;
  }
  const object = property.parent;
  if (object.type !== AST_NODE_TYPES.ObjectExpression) return false;
  const outer = valueNode(object);
  if (hasHandlerType(outer, object, shape.handlerTypes)) return true;
  const holder = outer.parent;
  if (holder?.type === AST_NODE_TYPES.VariableDeclarator && holder.id.type === AST_NODE_TYPES.Identifier) {
    if (typeNamed(holder.id.typeAnnotation?.typeAnnotation, shape.handlerTypes)) return true;
    return fn.params.length >= shape.minParameters && isDefaultExported(holder.id.name, holder);
  }
  return holder?.type === AST_NODE_TYPES.ExportDefaultDeclaration && fn.params.length >= shape.minParameters;
}

/**
 * The value names a module exports: `export function GET`, `export const POST = …`,
 * `export { handler as PUT }`, `export { DELETE } from './handlers'`. Computed
 * once per module.
 *
 * ```ts
 * exportedNames(program) // Set { 'GET', 'POST' } for a Next.js Route Handler file
 * ```
 */
export function exportedNames(program: TSESTree.Program): ReadonlySet<string> {
  let names = exportedNamesCache.get(program);
  if (names) return names;
  names = new Set();
  for (const statement of program.body) {
    if (statement.type !== AST_NODE_TYPES.ExportNamedDeclaration || statement.exportKind === 'type') continue;
    const declaration = statement.declaration;
    if (declaration?.type === AST_NODE_TYPES.FunctionDeclaration && declaration.id) names.add(declaration.id.name);
    if (declaration?.type === AST_NODE_TYPES.VariableDeclaration) {
      for (const declarator of declaration.declarations) {
        if (declarator.id.type === AST_NODE_TYPES.Identifier) names.add(declarator.id.name);
      }
    }
    for (const specifier of statement.specifiers) {
      if (specifier.exportKind === 'type') continue;
      names.add(specifier.exported.type === AST_NODE_TYPES.Identifier ? specifier.exported.name : specifier.exported.value);
    }
  }
  exportedNamesCache.set(program, names);
  return names;
}

const exportedNamesCache = new WeakMap<TSESTree.Program, Set<string>>();

/** `{ … } satisfies ExportedHandler<Env>` or `{ … } as ExportedHandler`: a wrapper between `object` and `outer` names a handler type. */
function hasHandlerType(outer: TSESTree.Node, object: TSESTree.Node, handlerTypes: readonly string[]): boolean {
  for (let node: TSESTree.Node = object; node !== outer && node.parent; node = node.parent) {
    const wrapper = node.parent;
    if (
      (wrapper.type === AST_NODE_TYPES.TSSatisfiesExpression || wrapper.type === AST_NODE_TYPES.TSAsExpression) &&
      typeNamed(wrapper.typeAnnotation, handlerTypes)
    ) {
      return true;
    }
  }
  return false;
}

/** `ExportedHandler<Env>` or `Workers.ExportedHandler` for the name `ExportedHandler`. */
function typeNamed(type: TSESTree.TypeNode | undefined, names: readonly string[]): boolean {
  if (type?.type !== AST_NODE_TYPES.TSTypeReference) return false;
  const name = type.typeName.type === AST_NODE_TYPES.TSQualifiedName ? type.typeName.right : type.typeName;
  return name.type === AST_NODE_TYPES.Identifier && names.includes(name.name);
}

/** `const worker = { … }; export default worker;` for the declarator of `worker`. */
function isDefaultExported(name: string, declarator: TSESTree.VariableDeclarator): boolean {
  const declaration = declarator.parent;
  if (declaration.parent?.type !== AST_NODE_TYPES.Program) return false;
  return declaration.parent.body.some(statement => {
    if (statement.type !== AST_NODE_TYPES.ExportDefaultDeclaration) return false;
    const exported = skipTransparent(statement.declaration);
    return exported.type === AST_NODE_TYPES.Identifier && exported.name === name;
  });
}
