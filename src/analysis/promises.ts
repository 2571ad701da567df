import type { ParserServicesWithTypeInformation, TSESLint, TSESTree } from '@typescript-eslint/utils';

import { isBuiltinSymbolLike } from '@typescript-eslint/type-utils';
import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import * as tsutils from 'ts-api-utils';
import ts from 'typescript';

import type { FindVariable } from './scope.js';

import { skipTransparent, staticName } from './ast.js';
import { constrainedTypeAt, declaredCallSignatures } from './types.js';

type Variable = TSESLint.Scope.Variable;

const JOIN_METHODS = new Set(['all', 'allSettled', 'race', 'any']);

/** `Promise.all/allSettled/race/any` as a callee: `Promise.all` in `Promise.all([a(), b()])`. */
export function isPromiseJoin(callee: TSESTree.Node): boolean {
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
  const object = skipTransparent(callee.object);
  return object.type === AST_NODE_TYPES.Identifier && object.name === 'Promise' && JOIN_METHODS.has(staticName(callee) ?? '');
}

/**
 * Whether an expression's (constrained) type is a built-in `Promise`, or a
 * union with one: `fetch(url)`, `Promise<void> | undefined`.
 */
export function isPromiseTyped(services: ParserServicesWithTypeInformation, expression: TSESTree.Expression): boolean {
  try {
    const type = constrainedTypeAt(services, expression);
    if (!type) return false;
    const apparent = services.program.getTypeChecker().getApparentType(type);
    return tsutils.unionConstituents(apparent).some(part => isBuiltinSymbolLike(services.program, part, 'Promise'));
  } catch {
    return false;
  }
}

/**
 * Whether a call cannot return a promise by its callee's declared signatures
 * alone: each returns a type that is not a `Promise` and does not depend on
 * the call (no type parameter but `this`, no `any`), as `items.push(x)` or
 * `logger.warn(…)`, `res.json(item)`. Asked before the values a floating
 * call hands over are typed, so that most call statements cost no type
 * query on their arguments; a receiver that is an unannotated handler
 * parameter is read from the route method's declared signature (typing it
 * would make TypeScript resolve the route call), or not screened.
 */
export function declaredNotPromise(services: ParserServicesWithTypeInformation, expression: TSESTree.Expression): boolean {
  const call = skipTransparent(expression);
  if (call.type !== AST_NODE_TYPES.CallExpression) return false;
  const signatures = declaredCallSignatures(services, call.callee, { cheapOnly: true });
  if (!signatures) return false;
  const checker = services.program.getTypeChecker();
  return signatures.every(signature => !mayBePromise(services.program, checker, signature.getReturnType(), 0));
}

/**
 * Whether a call returns a promise by its callee's declared signatures alone:
 * each returns a `Promise` (or a union with one) whatever the call infers,
 * as `notify(id).then(…)` or an `async` function. Like {@link declaredNotPromise},
 * it answers before TypeScript resolves the call; `false` when it cannot tell.
 */
export function declaredPromise(services: ParserServicesWithTypeInformation, expression: TSESTree.Expression): boolean {
  const call = skipTransparent(expression);
  if (call.type !== AST_NODE_TYPES.CallExpression) return false;
  const signatures = declaredCallSignatures(services, call.callee, { cheapOnly: true });
  return (
    signatures !== undefined &&
    signatures.every(signature =>
      tsutils
        .unionConstituents(signature.getReturnType())
        .some(part => !(part.flags & ts.TypeFlags.TypeParameter) && isBuiltinSymbolLike(services.program, part, 'Promise')),
    )
  );
}

const CALL_DEPENDENT =
  ts.TypeFlags.Any |
  ts.TypeFlags.Unknown |
  ts.TypeFlags.Index |
  ts.TypeFlags.IndexedAccess |
  ts.TypeFlags.Conditional |
  ts.TypeFlags.Substitution;

function mayBePromise(program: ts.Program, checker: ts.TypeChecker, type: ts.Type, depth: number): boolean {
  if (depth > 2 || type.flags & CALL_DEPENDENT) return true;
  if (type.flags & ts.TypeFlags.TypeParameter) {
    // `this` (`res.status(404)` returns the response) is the receiver's own class.
    const constraint = (type as { isThisType?: boolean }).isThisType ? checker.getBaseConstraintOfType(type) : undefined;
    return !constraint || mayBePromise(program, checker, constraint, depth + 1);
  }
  if (tsutils.isUnionOrIntersectionType(type)) return type.types.some(part => mayBePromise(program, checker, part, depth + 1));
  return isBuiltinSymbolLike(program, type, 'Promise');
}

/**
 * A promise held in a variable is handled when anything but a floating chain
 * uses it later: `await p`, `return p`, `Promise.all([p])`, passing it on;
 * not `p.then(log)` or `void p`.
 */
export function isPromiseVariableHandled(variable: Variable): boolean {
  return variable.references.some(reference => {
    if (reference.init || !reference.isRead()) return false;
    let node: TSESTree.Node = reference.identifier;
    // Climb a `p.then(...).catch(...)` chain; it is handled if the chain's value is used.
    for (;;) {
      const parent: TSESTree.Node | undefined = node.parent;
      if (!parent) return true;
      if (
        parent.type === AST_NODE_TYPES.MemberExpression &&
        parent.object === node &&
        parent.parent?.type === AST_NODE_TYPES.CallExpression
      ) {
        node = parent.parent;
        continue;
      }
      if (parent.type === AST_NODE_TYPES.ChainExpression || parent.type === AST_NODE_TYPES.TSNonNullExpression) {
        node = parent;
        continue;
      }
      if (parent.type === AST_NODE_TYPES.UnaryExpression && parent.operator === 'void') return false;
      return parent.type !== AST_NODE_TYPES.ExpressionStatement;
    }
  });
}

/**
 * Whether the value of `expression` is waited for in the same function:
 * awaited, returned, yielded, the body of an arrow, joined into an awaited
 * `Promise.all/allSettled/race/any`, or stored in a variable that is.
 */
export function isAwaitedOrJoined(expression: TSESTree.Node, findVariable: FindVariable): boolean {
  let node: TSESTree.Node = expression;
  for (;;) {
    const parent: TSESTree.Node | undefined = node.parent;
    if (!parent) return false;
    switch (parent.type) {
      case AST_NODE_TYPES.AwaitExpression:
      case AST_NODE_TYPES.ReturnStatement:
      case AST_NODE_TYPES.YieldExpression:
        return true;
      case AST_NODE_TYPES.ArrowFunctionExpression:
        return parent.body === node;
      case AST_NODE_TYPES.ChainExpression:
      case AST_NODE_TYPES.TSAsExpression:
      case AST_NODE_TYPES.TSNonNullExpression:
      case AST_NODE_TYPES.ArrayExpression:
        node = parent;
        continue;
      case AST_NODE_TYPES.CallExpression:
        if (parent.arguments.includes(node as TSESTree.CallExpressionArgument) && isPromiseJoin(parent.callee)) {
          node = parent;
          continue;
        }
        return false;
      case AST_NODE_TYPES.VariableDeclarator: {
        if (parent.init !== node || parent.id.type !== AST_NODE_TYPES.Identifier) return false;
        const variable = findVariable(parent.id);
        return variable !== null && isPromiseVariableHandled(variable);
      }
      default:
        return false;
    }
  }
}
