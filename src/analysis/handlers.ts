import type { TSESTree } from '@typescript-eslint/utils';

import { AST_NODE_TYPES } from '@typescript-eslint/utils';

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
