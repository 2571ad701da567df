import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import type { SourceCode } from '@typescript-eslint/utils/ts-eslint';

import { AST_NODE_TYPES } from '@typescript-eslint/utils';

import type { FunctionNode } from './ast.js';
import type { Capture } from './captures.js';
import type { ResolvedKind } from './contexts.js';
import type { BackgroundApiMatch, Deferral } from './deferrals.js';
import type { ParameterUse, SummaryEnvironment } from './summaries.js';

import { ABORT_HOOKS, STREAM_BODY_MEMBERS } from '../presets/index.js';
import { contains, isFunctionNode, skipTransparent, staticName, walkOwnBody } from './ast.js';
import { deferralOfCall, LATE_CALLBACK_NAMES } from './deferrals.js';
import { isBoundedOrJoined } from './exemptions.js';
import { declaringHandler } from './scope.js';
import { parameterReceiving } from './summaries.js';
import { describeCallback } from './suspension.js';
import { isResponseWrite } from './uses.js';

type Variable = TSESLint.Scope.Variable;
type VisitorKeys = Readonly<SourceCode['visitorKeys']>;

/** A capture with its resolved kind, as the escape pipeline sees it. */
export interface KindedCapture {
  readonly capture: Capture;
  readonly kind: ResolvedKind;
  /** For a context handed to a helper of the file, what the helper does with it (its summary's uses). */
  readonly helperUses?: readonly ParameterUse[];
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
  for (const { capture, kind, helperUses } of candidates) {
    if (!kind.pendingResponse || !kind.responseWriters) continue;
    const handler = declaringHandler(capture.variable);
    if (!handler || handlers.has(handler)) continue;
    const writers = kind.responseWriters;
    const writes =
      capture.references.some(reference => isResponseWrite(reference, writers, kind.writerFunctions)) ||
      (helperUses ?? []).some(use => use.late !== undefined && isResponseWrite(use.identifier, writers, kind.writerFunctions)) ||
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
export function registersAbortHandlerBefore(variable: Variable, abortHook: string, offset: number, env?: SummaryEnvironment): boolean {
  return variable.references.some(reference => {
    const member = reference.identifier.parent;
    if (reference.identifier.range[0] >= offset) return false;
    if (member?.type === AST_NODE_TYPES.MemberExpression && member.object === reference.identifier && staticName(member) === abortHook)
      return true;
    // `guard(res)`, a helper of the file that registers it.
    return env !== undefined && parameterReceiving(reference.identifier, env)?.summary.registersAbortHook === true;
  });
}

/** Whether a capture of a kind that needs an abort handler is used with none registered before the deferral. */
export function missesAbortHandler(capture: Capture, kind: ResolvedKind, before: number, env?: SummaryEnvironment): boolean {
  return (
    kind.pendingResponse === 'after-on-aborted' &&
    kind.abortHook !== undefined &&
    declaringHandler(capture.variable) !== undefined &&
    !registersAbortHandlerBefore(capture.variable, kind.abortHook, before, env)
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

/** A write of a response after async work, with no check that the request was aborted. */
export interface UnguardedWrite {
  /** The use of the response that writes it (or hands it to a helper that writes it). */
  readonly identifier: TSESTree.Identifier;
  /** The first `await` or the call registering the callback, before which nothing is late. */
  readonly after: TSESTree.Node;
  /** Where the write is, as a phrase: "after the function's first `await`", "inside a then() callback". */
  readonly where: string;
}

/**
 * Writes of `variable`, a response whose kind needs an abort hook (uWS
 * `HttpResponse`), that run after async work in `fn` (after its first
 * suspension, in a promise callback, timer or listener, or anywhere in `fn`
 * when `fn` itself is such a callback) and are not guarded by a check of
 * what an abort handler records: an `if`, `&&`, `?:` or early return whose
 * test reads a variable or member assigned inside an abort hook, or a member
 * named `aborted`. A helper of the file that writes the response it is
 * handed counts as a write at the call. An abort handler that only logs
 * guards nothing.
 *
 * ```ts
 * res.onAborted(() => log('gone')); await load(); res.end(body); // [res in res.end]: unguarded
 * res.onAborted(() => { aborted = true; }); await load(); if (!aborted) res.end(body); // []
 * ```
 */
export function unguardedLateWrites(
  fn: FunctionNode,
  variable: Variable,
  kind: ResolvedKind,
  suspension: { readonly node: TSESTree.Node; readonly offset: number } | undefined,
  env: SummaryEnvironment,
): UnguardedWrite[] {
  const writers = kind.responseWriters ?? [];
  const ownCallback = lateCallbackOf(fn);
  const found: UnguardedWrite[] = [];
  let guards: ReadonlySet<string> | undefined;
  for (const reference of variable.references) {
    const identifier = reference.identifier as TSESTree.Identifier;
    if (!contains(fn.body, identifier) || insideAbortHook(identifier, fn)) continue;
    const late = lateAt(identifier, fn, suspension, ownCallback);
    if (!late || (late.after.type === AST_NODE_TYPES.CallExpression && isJudgedAsDeferral(late.after, fn, variable, writers, env)))
      continue;
    if (!isResponseWrite(identifier, writers, kind.writerFunctions) && !handsToWritingHelper(identifier, writers, env)) continue;
    guards ??= abortRecords(fn);
    if (!isGuarded(identifier, fn, guards)) found.push({ identifier, ...late });
  }
  return found;
}

/**
 * Timers and listeners judged as deferred work instead: repeating ones
 * (`writesRepeatedly`), bounded ones (cleared in the abort handler), and those
 * writing a response the function already sends (`writesAfterResponse`).
 */
function isJudgedAsDeferral(
  call: TSESTree.CallExpression,
  fn: FunctionNode,
  variable: Variable,
  writers: readonly string[],
  env: SummaryEnvironment,
): boolean {
  const deferral = deferralOfCall(call, env.findVariable, NO_BACKGROUND_APIS);
  if (!deferral) return false;
  return (
    deferral.repeating || isBoundedOrJoined(deferral, env.findVariable) || responseSentOutside(fn, variable, writers, call) !== undefined
  );
}

const NO_BACKGROUND_APIS: ReadonlyMap<string, BackgroundApiMatch> = new Map();

/** The helper of the file that `identifier` is passed to writes it (synchronously) with one of `writers`. */
function handsToWritingHelper(identifier: TSESTree.Identifier, writers: readonly string[], env: SummaryEnvironment): boolean {
  const received = parameterReceiving(identifier, env);
  if (!received || received.summary.opaque) return false;
  return received.summary.uses.some(use => use.late === undefined && isResponseWrite(use.identifier, writers));
}

/** `p.then(res => …)`, `setTimeout(() => …)`: the late-callback method `fn` is registered with. */
function lateCallbackOf(fn: FunctionNode): string | undefined {
  const call = fn.parent;
  if (call?.type !== AST_NODE_TYPES.CallExpression || !call.arguments.includes(fn as TSESTree.CallExpressionArgument)) return undefined;
  const name = staticName(call.callee);
  return name !== undefined && LATE_CALLBACK_NAMES.has(name) ? name : undefined;
}

function lateAt(
  identifier: TSESTree.Identifier,
  fn: FunctionNode,
  suspension: { readonly node: TSESTree.Node; readonly offset: number } | undefined,
  ownCallback: string | undefined,
): { after: TSESTree.Node; where: string } | undefined {
  if (ownCallback) return { after: fn, where: `inside ${describeCallback(ownCallback)}` };
  if (suspension && identifier.range[0] >= suspension.offset)
    return { after: suspension.node, where: "after the function's first `await`" };
  // Timers, listeners and promise callbacks; a framework's own late callbacks (uWS `onData`) stop firing once aborted.
  for (let node: TSESTree.Node | undefined = identifier.parent; node && node !== fn; node = node.parent) {
    const call = node.parent;
    if (
      !isFunctionNode(node) ||
      call?.type !== AST_NODE_TYPES.CallExpression ||
      !call.arguments.includes(node as TSESTree.CallExpressionArgument)
    )
      continue;
    const name = staticName(call.callee);
    if (name !== undefined && LATE_CALLBACK_NAMES.has(name)) return { after: call, where: `inside ${describeCallback(name)}` };
  }
  return undefined;
}

/** Whether `identifier` is inside a callback given to an abort hook (`res.onAborted(() => …)`), between it and `fn`. */
function insideAbortHook(identifier: TSESTree.Node, fn: FunctionNode): boolean {
  for (let node = identifier.parent; node && node !== fn; node = node.parent) {
    const call = node.parent;
    if (isFunctionNode(node) && call?.type === AST_NODE_TYPES.CallExpression && ABORT_HOOKS.has(staticName(call.callee) ?? '')) return true;
  }
  return false;
}

/** Per file: the names of variables and members assigned inside abort hooks (`aborted` in `res.onAborted(() => { aborted = true })`). */
const abortRecordsCache = new WeakMap<TSESTree.Node, ReadonlySet<string>>();

/** The names an abort check may test: what abort hooks of the file assign, and members named `aborted` (`signal.aborted`). */
function abortRecords(fn: FunctionNode): ReadonlySet<string> {
  let program: TSESTree.Node = fn;
  while (program.parent) program = program.parent;
  let names = abortRecordsCache.get(program);
  if (names) return names;
  const found = new Set<string>(['aborted']);
  const visit = (node: TSESTree.Node, inHook: boolean): void => {
    if (inHook && node.type === AST_NODE_TYPES.AssignmentExpression) {
      const target = skipTransparent(node.left);
      const name = target.type === AST_NODE_TYPES.Identifier ? target.name : staticName(target);
      if (name !== undefined) found.add(name);
    }
    const hook = node.type === AST_NODE_TYPES.CallExpression && ABORT_HOOKS.has(staticName(node.callee) ?? '') ? node.arguments : undefined;
    for (const key of Object.keys(node) as (keyof typeof node)[]) {
      if (key === 'parent') continue;
      const value: unknown = node[key];
      for (const child of Array.isArray(value) ? value : [value]) {
        if (typeof child === 'object' && child !== null && typeof (child as { type?: unknown }).type === 'string') {
          visit(child as TSESTree.Node, inHook || (hook?.includes(child as TSESTree.CallExpressionArgument) ?? false));
        }
      }
    }
  };
  visit(program, false);
  names = found;
  abortRecordsCache.set(program, names);
  return names;
}

/** Whether a test reads one of `names`, as a variable or a member: `!aborted`, `res.done`, `signal.aborted`. */
function testsAny(test: TSESTree.Node, names: ReadonlySet<string>): boolean {
  switch (test.type) {
    case AST_NODE_TYPES.Identifier:
      return names.has(test.name);
    case AST_NODE_TYPES.MemberExpression:
      return names.has(staticName(test) ?? '') || testsAny(test.object, names);
    case AST_NODE_TYPES.UnaryExpression:
      return testsAny(test.argument, names);
    case AST_NODE_TYPES.LogicalExpression:
    case AST_NODE_TYPES.BinaryExpression:
      return testsAny(test.left, names) || testsAny(test.right, names);
    case AST_NODE_TYPES.ChainExpression:
      return testsAny(test.expression, names);
    default:
      return false;
  }
}

/** Whether `identifier` runs only under a test of `names`: inside an `if`/`?:`/`&&` on it, or after an early exit on it. */
function isGuarded(identifier: TSESTree.Node, fn: FunctionNode, names: ReadonlySet<string>): boolean {
  let child: TSESTree.Node = identifier;
  for (let node = identifier.parent; node; child = node, node = node.parent) {
    if (node.type === AST_NODE_TYPES.IfStatement && child !== node.test && testsAny(node.test, names)) return true;
    if (node.type === AST_NODE_TYPES.ConditionalExpression && child !== node.test && testsAny(node.test, names)) return true;
    if (node.type === AST_NODE_TYPES.LogicalExpression && child === node.right && testsAny(node.left, names)) return true;
    if (node.type === AST_NODE_TYPES.BlockStatement) {
      const index = node.body.indexOf(child as TSESTree.Statement);
      if (node.body.slice(0, Math.max(index, 0)).some(statement => exitsWhen(statement, names))) return true;
    }
    if (node === fn) return false;
  }
  return false;
}

/** `if (aborted) return;`: a statement that leaves the block when a test of `names` holds. */
function exitsWhen(statement: TSESTree.Statement, names: ReadonlySet<string>): boolean {
  if (statement.type !== AST_NODE_TYPES.IfStatement || !testsAny(statement.test, names)) return false;
  const exit = statement.consequent.type === AST_NODE_TYPES.BlockStatement ? statement.consequent.body.at(-1) : statement.consequent;
  return (
    exit?.type === AST_NODE_TYPES.ReturnStatement ||
    exit?.type === AST_NODE_TYPES.ThrowStatement ||
    exit?.type === AST_NODE_TYPES.BreakStatement ||
    exit?.type === AST_NODE_TYPES.ContinueStatement
  );
}
