import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { AST_NODE_TYPES } from '@typescript-eslint/utils';

import { enclosingFunction, skipTransparent } from '../analysis/ast.js';
import { fillTemplate } from '../util/template.js';

type SourceCode = Readonly<TSESLint.SourceCode>;

/** The statement `work;` or `void work;` that leaves a promise floating, and the work itself. */
export interface FloatingStatement {
  readonly statement: TSESTree.ExpressionStatement;
  readonly work: TSESTree.Expression;
}

export function floatingStatementOf(expression: TSESTree.Node): FloatingStatement | undefined {
  let node: TSESTree.Node = expression;
  while (
    node.parent &&
    (node.parent.type === AST_NODE_TYPES.UnaryExpression ||
      node.parent.type === AST_NODE_TYPES.ChainExpression ||
      node.parent.type === AST_NODE_TYPES.TSAsExpression ||
      node.parent.type === AST_NODE_TYPES.TSNonNullExpression)
  ) {
    if (node.parent.type === AST_NODE_TYPES.UnaryExpression && node.parent.operator !== 'void') return undefined;
    node = node.parent;
  }
  const statement = node.parent;
  if (statement?.type !== AST_NODE_TYPES.ExpressionStatement || statement.expression !== node) return undefined;
  const work = skipVoid(statement.expression);
  return { statement, work };
}

/** `await work;` in place of `work;` / `void work;`, when the statement is inside an async function. */
export function awaitWork(sourceCode: SourceCode, floating: FloatingStatement): TSESLint.ReportFixFunction | undefined {
  if (enclosingFunction(floating.statement)?.async !== true) return undefined;
  return fixer => fixer.replaceText(floating.statement.expression, `await ${parenthesizedText(sourceCode, floating.work)}`);
}

/** Wraps the work in a registration template such as `c.executionCtx.waitUntil({{work}})` or `after(() => {{work}})`. */
export function registerWork(
  sourceCode: SourceCode,
  floating: FloatingStatement,
  template: string,
  name: string,
  missingImport?: { name: string; from: string },
): TSESLint.ReportFixFunction {
  const text = fillTemplate(template, { name, work: sourceCode.getText(floating.work) });
  return fixer => {
    const fixes = [fixer.replaceText(floating.statement.expression, text)];
    if (missingImport) {
      const program = sourceCode.ast;
      const imports = program.body.filter(statement => statement.type === AST_NODE_TYPES.ImportDeclaration);
      const line = `import { ${missingImport.name} } from '${missingImport.from}';`;
      const last = imports.at(-1);
      fixes.push(last ? fixer.insertTextAfter(last, `\n${line}`) : fixer.insertTextBeforeRange([0, 0], `${line}\n`));
    }
    return fixes;
  };
}

function skipVoid(node: TSESTree.Expression): TSESTree.Expression {
  const target = skipTransparent(node) as TSESTree.Expression;
  return target.type === AST_NODE_TYPES.UnaryExpression && target.operator === 'void' ? target.argument : node;
}

function parenthesizedText(sourceCode: SourceCode, node: TSESTree.Node): string {
  const text = sourceCode.getText(node);
  const simple =
    node.type === AST_NODE_TYPES.CallExpression ||
    node.type === AST_NODE_TYPES.NewExpression ||
    node.type === AST_NODE_TYPES.Identifier ||
    node.type === AST_NODE_TYPES.MemberExpression;
  return simple ? text : `(${text})`;
}
