import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { AST_NODE_TYPES } from '@typescript-eslint/utils';

import type { Deferral } from './deferrals.js';
import type { FindVariable } from './scope.js';

import { ARRAY_CALLBACK_METHODS, firstSuspensionOffset, isFunctionNode, rootIdentifier, skipTransparent, staticName } from './ast.js';

type Variable = TSESLint.Scope.Variable;

/** One variable from outside the deferred code that the deferred code reaches. */
export interface Capture {
  readonly variable: Variable;
  /** Identifiers inside the deferred code that refer to it, in source order. */
  readonly references: TSESTree.Identifier[];
  /** Set when the variable reaches the work as an argument (`void send(c)`), with the argument expression. */
  readonly argument?: TSESTree.Expression;
}

/**
 * What the deferred code reaches: free variables of the deferred functions
 * (scope analysis, no type queries) and the variables behind value arguments.
 */
export function capturesOf(deferral: Deferral, sourceCode: Readonly<TSESLint.SourceCode>, findVariable: FindVariable): Capture[] {
  const byVariable = new Map<Variable, Capture>();
  const scopeManager = sourceCode.scopeManager;
  for (const fn of deferral.functions) {
    const scope = scopeManager?.acquire(fn.node);
    if (!scope) continue;
    const after = fn.startsSynchronously ? firstSuspensionOffset(fn.node, sourceCode.visitorKeys) : -Infinity;
    for (const reference of scope.through) {
      const variable = reference.resolved;
      if (!variable || !reference.isValueReference) continue;
      const identifier = reference.identifier as TSESTree.Identifier;
      const inOwnBody = reference.from.variableScope === scope;
      if (fn.nestedOnly && (inOwnBody || runsSynchronously(identifier, fn.node))) continue;
      if (inOwnBody && identifier.range[0] < after) continue;
      addReference(byVariable, variable, identifier);
    }
  }
  for (const value of deferral.values) {
    for (const root of valueRoots(value)) {
      const variable = findVariable(root.identifier);
      if (variable && !byVariable.has(variable)) {
        byVariable.set(variable, { variable, references: [root.identifier], argument: root.expression });
      }
    }
  }
  return [...byVariable.values()];
}

function addReference(byVariable: Map<Variable, Capture>, variable: Variable, identifier: TSESTree.Identifier): void {
  const existing = byVariable.get(variable);
  if (existing) existing.references.push(identifier);
  else byVariable.set(variable, { variable, references: [identifier] });
}

/** A variable, reached from a value handed over, and the expression that hands it over. */
export interface ValueRoot {
  readonly identifier: TSESTree.Identifier;
  readonly expression: TSESTree.Expression;
}

/**
 * Values whose *object* is handed over rather than read now: `c`, `c.req` (the
 * member is evaluated now, the object it yields travels), and the same inside
 * object and array literals. Calls and spreads are evaluated now, so their
 * results are copies (`c.req.header('x')`, `{ ...c.req.query() }`).
 */
export function valueRoots(expression: TSESTree.Node, depth = 0): ValueRoot[] {
  const node = skipTransparent(expression);
  switch (node.type) {
    case AST_NODE_TYPES.Identifier:
      return [{ identifier: node, expression: node }];
    case AST_NODE_TYPES.MemberExpression: {
      const root = rootIdentifier(node);
      return root ? [{ identifier: root, expression: node }] : [];
    }
    case AST_NODE_TYPES.ObjectExpression:
      if (depth > 2) return [];
      return node.properties.flatMap(property => (property.type === AST_NODE_TYPES.Property ? valueRoots(property.value, depth + 1) : []));
    case AST_NODE_TYPES.ArrayExpression:
      if (depth > 2) return [];
      return node.elements.flatMap(element =>
        element === null || element.type === AST_NODE_TYPES.SpreadElement ? [] : valueRoots(element, depth + 1),
      );
    default:
      return [];
  }
}

/**
 * In a `new Promise` executor, code nested in immediately invoked functions
 * or array callbacks runs with the executor, synchronously.
 */
function runsSynchronously(identifier: TSESTree.Node, executor: TSESTree.Node): boolean {
  for (let node = identifier.parent; node && node !== executor; node = node.parent) {
    if (!isFunctionNode(node)) continue;
    const call = node.parent;
    const invokedNow =
      call?.type === AST_NODE_TYPES.CallExpression &&
      (skipTransparent(call.callee) === node ||
        (call.arguments.includes(node as TSESTree.CallExpressionArgument) && ARRAY_CALLBACK_METHODS.has(staticName(call.callee) ?? '')));
    if (!invokedNow || node.async) return false;
  }
  return true;
}
