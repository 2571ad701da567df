import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import type { SourceCode } from '@typescript-eslint/utils/ts-eslint';

import { AST_NODE_TYPES } from '@typescript-eslint/utils';

import type { FunctionNode } from './ast.js';
import type { Capture } from './captures.js';
import type { ResolvedKind } from './contexts.js';
import type { Deferral } from './deferrals.js';

import { STREAM_BODY_MEMBERS } from '../presets/index.js';
import { contains, skipTransparent, staticName, walkOwnBody } from './ast.js';
import { declaringHandler } from './scope.js';
import { isResponseWrite } from './uses.js';

type Variable = TSESLint.Scope.Variable;
type VisitorKeys = Readonly<SourceCode['visitorKeys']>;

/** A capture with its resolved kind, as the escape pipeline sees it. */
export interface KindedCapture {
  readonly capture: Capture;
  readonly kind: ResolvedKind;
}

/**
 * Handlers for which `deferral` is the (first) response: in frameworks where
 * the handler ends the response explicitly, a one-shot deferral that sends it
 * keeps the request alive until it runs, so its captures are not escapes.
 *
 * ```ts
 * app.get('/', (req, res) => { setTimeout(() => res.json(load(req.query)), 10); }); // pending: not reported
 * ```
 */
export function pendingResponseHandlers(
  deferral: Deferral,
  candidates: readonly KindedCapture[],
  sourceCode: Readonly<SourceCode>,
): Set<FunctionNode> {
  const handlers = new Set<FunctionNode>();
  for (const { capture, kind } of candidates) {
    if (!kind.pendingResponse || !kind.responseWriters) continue;
    const handler = declaringHandler(capture.variable);
    if (!handler || handlers.has(handler)) continue;
    const writers = kind.responseWriters;
    const writes =
      capture.references.some(reference => isResponseWrite(reference, writers, kind.writerFunctions)) ||
      writesStreamBody(handler, deferral, sourceCode);
    if (!writes || responseSentOutside(handler, capture.variable, writers, deferral.node)) continue;
    if (isPendingResponse(deferral, handler, kind, sourceCode.visitorKeys)) handlers.add(handler);
  }
  return handlers;
}

/**
 * Whether `handler` keeps the response open for `deferral`, which writes it,
 * according to the kind's {@link ResolvedKind.pendingResponse}.
 */
function isPendingResponse(deferral: Deferral, handler: FunctionNode, kind: ResolvedKind, visitorKeys: VisitorKeys): boolean {
  if (deferral.repeating || kind.lifetime === 'sync') return false;
  switch (kind.pendingResponse) {
    case 'always':
      return true;
    case 'unless-async':
      return !handler.async;
    case 'unless-async-without-return':
      return !handler.async || returnsOrAwaitsParameter(handler, visitorKeys);
    case 'after-on-aborted':
      return kind.abortHook !== undefined && callsParameterMethod(handler, kind.abortHook, visitorKeys, deferral.node.range[0]);
    case 'after-respond-false-or-stream-body':
      return (
        kind.streamBody !== undefined &&
        (assignsParameterMember(handler, kind.streamBody.respondFlag, visitorKeys) ||
          streamBodies(handler, [kind.streamBody.member], visitorKeys).size > 0)
      );
    default:
      return false;
  }
}

/**
 * Whether `variable` (a response needing an abort handler) has one registered
 * with `abortHook` before `offset`: `res.onAborted(() => …)`.
 */
export function registersAbortHandlerBefore(variable: Variable, abortHook: string, offset: number): boolean {
  return variable.references.some(reference => {
    const member = reference.identifier.parent;
    return (
      reference.identifier.range[0] < offset &&
      member?.type === AST_NODE_TYPES.MemberExpression &&
      member.object === reference.identifier &&
      staticName(member) === abortHook
    );
  });
}

/** Whether a capture of a kind that needs an abort handler is used with none registered before the deferral. */
export function missesAbortHandler(capture: Capture, kind: ResolvedKind, before: number): boolean {
  return (
    kind.pendingResponse === 'after-on-aborted' &&
    kind.abortHook !== undefined &&
    declaringHandler(capture.variable) !== undefined &&
    !registersAbortHandlerBefore(capture.variable, kind.abortHook, before)
  );
}

const STREAM_WRITES = new Set(['write', 'end', 'push', 'destroy']);

/**
 * `ctx.body = stream` and deferred work writes `stream`: the response stays
 * open while it does. Stream-body members come from every preset.
 */
function writesStreamBody(handler: FunctionNode, deferral: Deferral, sourceCode: Readonly<SourceCode>): boolean {
  const streams = streamBodies(handler, STREAM_BODY_MEMBERS, sourceCode.visitorKeys);
  if (streams.size === 0) return false;
  return deferral.functions.some(fn => {
    const scope = sourceCode.scopeManager?.acquire(fn.node);
    return (scope?.through ?? []).some(reference => {
      const member = reference.identifier.parent;
      return (
        streams.has(reference.identifier.name) &&
        member?.type === AST_NODE_TYPES.MemberExpression &&
        member.object === reference.identifier &&
        STREAM_WRITES.has(staticName(member) ?? '')
      );
    });
  });
}

/** Names of variables a handler assigns to a member named in `members` (Koa `ctx.body = stream`: a streamed response). */
export function streamBodies(handler: FunctionNode, members: Iterable<string>, visitorKeys: VisitorKeys): Set<string> {
  const memberNames = new Set(members);
  const names = new Set<string>();
  walkOwnBody(handler.body, visitorKeys, node => {
    if (
      node.type === AST_NODE_TYPES.AssignmentExpression &&
      node.left.type === AST_NODE_TYPES.MemberExpression &&
      memberNames.has(staticName(node.left) ?? '') &&
      node.right.type === AST_NODE_TYPES.Identifier
    ) {
      names.add(node.right.name);
    }
  });
  return names;
}

function returnsOrAwaitsParameter(handler: FunctionNode, visitorKeys: VisitorKeys): boolean {
  const names = parameterNames(handler);
  if (handler.body.type !== AST_NODE_TYPES.BlockStatement && names.has(identifierName(handler.body) ?? '')) return true;
  return someInOwnBody(handler, visitorKeys, node => {
    const argument =
      node.type === AST_NODE_TYPES.ReturnStatement || node.type === AST_NODE_TYPES.AwaitExpression ? node.argument : undefined;
    return argument !== null && argument !== undefined && names.has(identifierName(argument) ?? '');
  });
}

function callsParameterMethod(handler: FunctionNode, method: string, visitorKeys: VisitorKeys, before: number): boolean {
  const names = parameterNames(handler);
  return someInOwnBody(
    handler,
    visitorKeys,
    node =>
      node.type === AST_NODE_TYPES.CallExpression &&
      node.callee.type === AST_NODE_TYPES.MemberExpression &&
      staticName(node.callee) === method &&
      names.has(identifierName(node.callee.object) ?? ''),
    before,
  );
}

function assignsParameterMember(handler: FunctionNode, member: string, visitorKeys: VisitorKeys): boolean {
  const names = parameterNames(handler);
  return someInOwnBody(
    handler,
    visitorKeys,
    node =>
      node.type === AST_NODE_TYPES.AssignmentExpression &&
      node.left.type === AST_NODE_TYPES.MemberExpression &&
      staticName(node.left) === member &&
      names.has(identifierName(node.left.object) ?? ''),
  );
}

/** Whether a node of the function's own body (not nested functions) that starts before `before` passes `test`. */
function someInOwnBody(fn: FunctionNode, visitorKeys: VisitorKeys, test: (node: TSESTree.Node) => boolean, before = Infinity): boolean {
  let found = false;
  walkOwnBody(fn.body, visitorKeys, node => {
    if (found || node.range[0] > before) return false;
    found = test(node);
    return undefined;
  });
  return found;
}

function parameterNames(fn: FunctionNode): Set<string> {
  const names = new Set<string>();
  for (const param of fn.params) {
    const target = param.type === AST_NODE_TYPES.TSParameterProperty ? param.parameter : param;
    if (target.type === AST_NODE_TYPES.Identifier) names.add(target.name);
  }
  return names;
}

function identifierName(node: TSESTree.Node): string | undefined {
  const target = skipTransparent(node);
  return target.type === AST_NODE_TYPES.Identifier ? target.name : undefined;
}

/** Methods that send or end the response; any other writer only sets headers or status. */
const ENDING_METHODS = new Set([
  'send',
  'json',
  'jsonp',
  'end',
  'redirect',
  'render',
  'sendFile',
  'sendStatus',
  'download',
  'tryEnd',
  'endWithoutBody',
]);

/**
 * The statement by which the handler sends the response itself, outside
 * `deferral`: a top-level statement of its body that ends the response on
 * `variable` (statements in branches may belong to another path, so they are
 * not counted).
 *
 * ```ts
 * app.get('/', (req, res) => { setTimeout(() => res.json(late), 10); res.send('ok'); }) // → res.send('ok');
 * ```
 */
export function responseSentOutside(
  handler: FunctionNode,
  variable: Variable,
  writers: readonly string[],
  deferral: TSESTree.Node,
): TSESTree.Node | undefined {
  if (handler.body.type !== AST_NODE_TYPES.BlockStatement) return undefined;
  const body = handler.body.body;
  for (const reference of variable.references) {
    const identifier = reference.identifier;
    if (contains(deferral, identifier)) continue;
    if (reference.from.variableScope.block !== handler) continue;
    let statement: TSESTree.Node | undefined = identifier.parent;
    while (statement && statement.type !== AST_NODE_TYPES.ExpressionStatement && statement.type !== AST_NODE_TYPES.ReturnStatement) {
      statement = statement.parent;
    }
    if (statement !== undefined && body.includes(statement) && endsResponse(identifier, writers)) return statement;
  }
  return undefined;
}

/** `res.json(x)`, `res.status(202).json(x)`, `reply.code(200).send()`: a call chain on the variable that ends the response. */
function endsResponse(identifier: TSESTree.Node, writers: readonly string[]): boolean {
  const parent = identifier.parent;
  if (writers.includes('()') && parent?.type === AST_NODE_TYPES.CallExpression && parent.callee === identifier) return true;
  let node: TSESTree.Node = identifier;
  for (;;) {
    const member = node.parent;
    if (member?.type !== AST_NODE_TYPES.MemberExpression || member.object !== node) return false;
    const call = member.parent;
    if (call?.type !== AST_NODE_TYPES.CallExpression || call.callee !== member) return false;
    const name = staticName(member) ?? '';
    if (ENDING_METHODS.has(name) && writers.includes(name)) return true;
    node = call;
  }
}
