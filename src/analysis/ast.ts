import type { TSESTree } from '@typescript-eslint/utils';
import type { SourceCode } from '@typescript-eslint/utils/ts-eslint';

import { AST_NODE_TYPES } from '@typescript-eslint/utils';

export type FunctionNode = TSESTree.ArrowFunctionExpression | TSESTree.FunctionDeclaration | TSESTree.FunctionExpression;

export function isFunctionNode(node: TSESTree.Node | null | undefined): node is FunctionNode {
  return (
    node?.type === AST_NODE_TYPES.ArrowFunctionExpression ||
    node?.type === AST_NODE_TYPES.FunctionExpression ||
    node?.type === AST_NODE_TYPES.FunctionDeclaration
  );
}

/** Strips wrappers that do not change the value: `x!`, `x as T`, `x satisfies T`, `(a?.b)`. */
export function skipTransparent(node: TSESTree.Node): TSESTree.Node {
  let current = node;
  for (;;) {
    switch (current.type) {
      case AST_NODE_TYPES.TSNonNullExpression:
      case AST_NODE_TYPES.TSAsExpression:
      case AST_NODE_TYPES.TSSatisfiesExpression:
      case AST_NODE_TYPES.TSTypeAssertion:
      case AST_NODE_TYPES.TSInstantiationExpression:
        current = current.expression;
        break;
      case AST_NODE_TYPES.ChainExpression:
        current = current.expression;
        break;
      default:
        return current;
    }
  }
}

/**
 * The outermost node that carries the same value as `node` through type-only
 * wrappers: `c!`, `c as Context`, `c satisfies Context`, `<Context>c`.
 */
export function valueNode(node: TSESTree.Node): TSESTree.Node {
  let current = node;
  for (;;) {
    const parent = current.parent;
    if (
      (parent?.type === AST_NODE_TYPES.TSNonNullExpression ||
        parent?.type === AST_NODE_TYPES.TSAsExpression ||
        parent?.type === AST_NODE_TYPES.TSSatisfiesExpression ||
        parent?.type === AST_NODE_TYPES.TSTypeAssertion) &&
      parent.expression === current
    ) {
      current = parent;
    } else {
      return current;
    }
  }
}

/** The static name of a member access or call target: `a.b` → `b`, `a['b']` → `b`, `f` → `f`. */
export function staticName(node: TSESTree.Node): string | undefined {
  const target = skipTransparent(node);
  if (target.type === AST_NODE_TYPES.Identifier) return target.name;
  if (target.type !== AST_NODE_TYPES.MemberExpression) return undefined;
  if (!target.computed && target.property.type === AST_NODE_TYPES.Identifier) return target.property.name;
  if (target.property.type === AST_NODE_TYPES.Literal && typeof target.property.value === 'string') {
    return target.property.value;
  }
  return undefined;
}

/** The identifier a member chain starts from: `c.req.raw` → `c`; stops at calls. */
export function rootIdentifier(node: TSESTree.Node): TSESTree.Identifier | undefined {
  let current = skipTransparent(node);
  while (current.type === AST_NODE_TYPES.MemberExpression) current = skipTransparent(current.object);
  return current.type === AST_NODE_TYPES.Identifier ? current : undefined;
}

/**
 * Visits `root` and its descendants in source order, not entering nested
 * functions (other than `root` itself). `enter` returns `false` to skip children.
 */
export function walkOwnBody(
  root: TSESTree.Node,
  visitorKeys: SourceCode.VisitorKeys,
  enter: (node: TSESTree.Node) => boolean | void,
): void {
  const stack: TSESTree.Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node !== root && isFunctionNode(node)) continue;
    if (enter(node) === false) continue;
    const keys = visitorKeys[node.type] ?? [];
    for (let k = keys.length - 1; k >= 0; k--) {
      const child = (node as unknown as Record<string, unknown>)[keys[k]];
      if (Array.isArray(child)) {
        for (let i = child.length - 1; i >= 0; i--) {
          const item = child[i] as TSESTree.Node | null;
          if (item && typeof item.type === 'string') stack.push(item);
        }
      } else if (child && typeof (child as TSESTree.Node).type === 'string') {
        stack.push(child as TSESTree.Node);
      }
    }
  }
}

/** The innermost function containing `node`, or `undefined` at module level. */
export function enclosingFunction(node: TSESTree.Node): FunctionNode | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (isFunctionNode(current)) return current;
  }
  return undefined;
}

const LOOP_TYPES = new Set<string>([
  AST_NODE_TYPES.ForStatement,
  AST_NODE_TYPES.ForInStatement,
  AST_NODE_TYPES.ForOfStatement,
  AST_NODE_TYPES.WhileStatement,
  AST_NODE_TYPES.DoWhileStatement,
]);

/**
 * Where code in `fn`'s own body starts to run after the function first
 * suspends: `node` is the first `await` (or `yield`, `for await`), or the
 * outermost loop containing it, since later iterations run after it; `offset`
 * is the end of that await, or the start of that loop. `undefined` when the
 * function never suspends.
 */
export function firstSuspension(
  fn: FunctionNode,
  visitorKeys: SourceCode.VisitorKeys,
): { node: TSESTree.Node; offset: number } | undefined {
  if (!fn.async && !fn.generator) return undefined;
  let first: TSESTree.Node | undefined;
  walkOwnBody(fn.body, visitorKeys, node => {
    if (first && node.range[0] > first.range[0]) return false;
    const suspends =
      node.type === AST_NODE_TYPES.AwaitExpression ||
      node.type === AST_NODE_TYPES.YieldExpression ||
      (node.type === AST_NODE_TYPES.ForOfStatement && node.await) ||
      (node.type === AST_NODE_TYPES.VariableDeclaration && node.kind === 'await using');
    if (suspends && (!first || node.range[0] < first.range[0])) first = node;
    return undefined;
  });
  if (!first) return undefined;
  let result = { node: first, offset: first.type === AST_NODE_TYPES.ForOfStatement ? first.range[0] : first.range[1] };
  for (let current = first.parent; current && current !== fn; current = current.parent) {
    if (LOOP_TYPES.has(current.type)) result = { node: current, offset: current.range[0] };
  }
  return result;
}

/** The offset of {@link firstSuspension}, or `Infinity` when the function never suspends. */
export function firstSuspensionOffset(fn: FunctionNode, visitorKeys: SourceCode.VisitorKeys): number {
  return firstSuspension(fn, visitorKeys)?.offset ?? Infinity;
}

/** Whether `node` is written: assigned, updated, deleted, or the target of a `for…in/of`. */
export function isAssignmentTarget(node: TSESTree.Node): boolean {
  const parent = node.parent;
  return (
    (parent?.type === AST_NODE_TYPES.AssignmentExpression && parent.left === node) ||
    (parent?.type === AST_NODE_TYPES.UpdateExpression && parent.argument === node) ||
    (parent?.type === AST_NODE_TYPES.UnaryExpression && parent.operator === 'delete') ||
    ((parent?.type === AST_NODE_TYPES.ForInStatement || parent?.type === AST_NODE_TYPES.ForOfStatement) && parent.left === node)
  );
}

/** Whether `inner` lies within `outer` in the source. */
export function contains(outer: TSESTree.Node, inner: TSESTree.Node): boolean {
  return inner.range[0] >= outer.range[0] && inner.range[1] <= outer.range[1];
}

/** A plain JavaScript identifier (no escapes): `userAgent`, `$store`, `_id`. */
export const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** Array methods that call their callback before returning (and are never error-first APIs). */
export const ARRAY_CALLBACK_METHODS: ReadonlySet<string> = new Set([
  'forEach',
  'map',
  'filter',
  'some',
  'every',
  'find',
  'findIndex',
  'findLast',
  'findLastIndex',
  'reduce',
  'reduceRight',
  'flatMap',
  'sort',
  'toSorted',
]);
