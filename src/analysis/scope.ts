import type { TSESTree } from '@typescript-eslint/utils';

import { AST_NODE_TYPES, ASTUtils, TSESLint } from '@typescript-eslint/utils';

import type { FunctionNode } from './ast.js';

import { isFunctionNode, skipTransparent } from './ast.js';

type Variable = TSESLint.Scope.Variable;

/** Kinds of variable definitions (parameter, import, variable, …), from the scope manager. */
export const DefinitionType = TSESLint.Scope.DefinitionType;
export const ScopeType = TSESLint.Scope.ScopeType;

/** Looks up the variable an identifier refers to, from the identifier's own scope. */
export type FindVariable = (node: TSESTree.Identifier) => Variable | null;

/** Finds the variable an identifier refers to, from its own scope: `variableFinder(sourceCode)(c)` → the parameter `c`. */
export function variableFinder(sourceCode: Readonly<TSESLint.SourceCode>): FindVariable {
  return identifier => ASTUtils.findVariable(sourceCode.getScope(identifier), identifier);
}

/** True when `identifier` resolves to an import from one of `sources`: `after` in `import { after } from 'next/server'`. */
export function importedFrom(identifier: TSESTree.Identifier, sources: readonly string[], findVariable: FindVariable): boolean {
  const def = findVariable(identifier)?.defs[0];
  return (
    def?.type === DefinitionType.ImportBinding &&
    def.parent?.type === AST_NODE_TYPES.ImportDeclaration &&
    sources.includes(def.parent.source.value)
  );
}

/** A function declared in this file and referenced by name: `function log() {}` or `const log = () => {}`. */
export function localFunction(identifier: TSESTree.Identifier, findVariable: FindVariable): FunctionNode | undefined {
  const variable = findVariable(identifier);
  const def = variable?.defs[0];
  if (!def || variable.defs.length !== 1) return undefined;
  if (def.type === DefinitionType.FunctionName && isFunctionNode(def.node)) return def.node;
  if (def.type === DefinitionType.Variable && def.node.type === AST_NODE_TYPES.VariableDeclarator && def.parent?.kind === 'const') {
    const init = def.node.init && skipTransparent(def.node.init);
    if (isFunctionNode(init)) return init;
  }
  return undefined;
}

/** The handler whose parameter declares `variable`: `c` in `app.get('/', c => …)` → that arrow function. */
export function declaringHandler(variable: Variable): FunctionNode | undefined {
  const def = variable.defs[0];
  if (def?.type === DefinitionType.Parameter && isFunctionNode(def.node)) return def.node;
  return undefined;
}

/** Whether `identifier` is declared by a parameter of its function: `res` in `(req, res) => res.json(x)`. */
export function isParameter(identifier: TSESTree.Identifier, findVariable: FindVariable): boolean {
  return findVariable(identifier)?.defs[0]?.type === DefinitionType.Parameter;
}
