import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { AST_NODE_TYPES } from '@typescript-eslint/utils';

import type { FunctionNode } from './ast.js';
import type { Deferral, ListenerDeferral, TimerDeferral } from './deferrals.js';
import type { FindVariable } from './scope.js';

import { ABORT_HOOKS, END_HOOK_NAMES, STREAM_BODY_MEMBERS } from '../presets/index.js';
import { contains, enclosingFunction, isFunctionNode, skipTransparent, staticName } from './ast.js';
import { isAwaitedOrJoined, isPromiseJoin } from './promises.js';

type Variable = TSESLint.Scope.Variable;

const CLEAR_FUNCTIONS = new Set(['clearTimeout', 'clearInterval', 'clearImmediate']);
const REMOVE_LISTENER_METHODS = new Set(['off', 'removeListener', 'removeEventListener', 'removeAllListeners']);
/** Events and hooks that fire when the request ends: work cleared there is bounded by the request. */
const END_EVENTS = new Set(['close', 'finish', 'end', 'abort', 'aborted', 'error', 'timeout']);
const END_HOOKS: ReadonlySet<string> = new Set([...ABORT_HOOKS, ...END_HOOK_NAMES, 'onDispose', 'onClose']);

/**
 * Deferrals that cannot outlive the request, judged by syntax alone: timers
 * cleared on every path or when the request ends, listeners removed again,
 * and work scheduled inside an awaited promise executor that settles it.
 *
 * ```ts
 * const t = setTimeout(tick, 10); try { … } finally { clearTimeout(t); } // bounded
 * ```
 */
export function isBoundedOrJoined(deferral: Deferral, findVariable: FindVariable): boolean {
  if (deferral.family === 'timers' && isBoundedTimer(deferral, findVariable)) return true;
  if (deferral.family === 'listeners' && isBoundedListener(deferral, findVariable)) return true;
  return deferral.family !== 'promises' && isJoinedThroughPromiseExecutor(deferral, findVariable);
}

/**
 * A timer whose handle is cleared on every path before the function returns
 * (in a `finally` block or as a plain statement of the same function body), or
 * when the request ends (inside a `close`/`abort` listener or an abort hook).
 */
export function isBoundedTimer(deferral: TimerDeferral, findVariable: FindVariable): boolean {
  const stored = storedMember(deferral.node);
  if (stored !== undefined) return clearedWhenRequestEnds(deferral.node, stored);
  const handle = assignedVariable(deferral.node, findVariable);
  if (!handle) return false;
  const owner = enclosingFunction(deferral.node);
  return handle.references.some(reference => {
    const call = reference.identifier.parent;
    if (
      call?.type !== AST_NODE_TYPES.CallExpression ||
      call.arguments[0] !== reference.identifier ||
      !CLEAR_FUNCTIONS.has(staticName(call.callee) ?? '')
    ) {
      return false;
    }
    return clearsOnEveryPath(call, owner) || runsWhenRequestEnds(call);
  });
}

/**
 * A listener removed again (same handler) in the same function, registered
 * with an abort `signal`, on a stream the function waits to finish, or on a
 * stream that is the response body (`ctx.body = stream`): it lives exactly as
 * long as the response.
 */
export function isBoundedListener(deferral: ListenerDeferral, findVariable: FindVariable): boolean {
  const call = deferral.node;
  const options = call.arguments[2];
  if (
    options?.type === AST_NODE_TYPES.ObjectExpression &&
    options.properties.some(p => p.type === AST_NODE_TYPES.Property && staticName(p.key) === 'signal')
  ) {
    return true;
  }
  if (isAwaitedUntilEnd(call.callee, findVariable)) return true;
  if (isResponseBodyStream(call.callee, findVariable)) return true;
  const handler = call.arguments[1];
  if (handler?.type !== AST_NODE_TYPES.Identifier) return false;
  const variable = findVariable(handler);
  if (!variable) return false;
  return variable.references.some(reference => {
    const removal = reference.identifier.parent;
    return (
      removal?.type === AST_NODE_TYPES.CallExpression &&
      removal !== call &&
      removal.arguments.includes(reference.identifier as TSESTree.Identifier) &&
      REMOVE_LISTENER_METHODS.has(staticName(removal.callee) ?? '')
    );
  });
}

/**
 * `await new Promise(resolve => setTimeout(() => { …; resolve(); }))`: work
 * scheduled inside an awaited promise executor that settles that promise runs
 * before the awaiting code continues, so it is joined, not deferred.
 */
export function isJoinedThroughPromiseExecutor(deferral: Deferral, findVariable: FindVariable): boolean {
  const executor = enclosingFunction(deferral.node);
  const construction = executor?.parent;
  if (
    !executor ||
    construction?.type !== AST_NODE_TYPES.NewExpression ||
    construction.arguments[0] !== executor ||
    construction.callee.type !== AST_NODE_TYPES.Identifier ||
    construction.callee.name !== 'Promise' ||
    !isAwaitedOrJoined(construction, findVariable) ||
    isRaced(construction, findVariable)
  ) {
    return false;
  }
  return executor.params.slice(0, 2).some(param => {
    if (param.type !== AST_NODE_TYPES.Identifier) return false;
    const settle = findVariable(param);
    return (settle?.references ?? []).some(reference => contains(deferral.node, reference.identifier));
  });
}

const RACE_METHODS = new Set(['race', 'any']);

/**
 * `await Promise.race([work, new Promise(…)])`, or a local function returning
 * that promise called inside a race (`Promise.race([work, timeout(c)])`): the
 * race settles with its first element, the others keep running.
 */
function isRaced(promise: TSESTree.Node, findVariable: FindVariable): boolean {
  if (isRaceElement(promise)) return true;
  const parent = promise.parent;
  const returned =
    parent?.type === AST_NODE_TYPES.ReturnStatement || (parent?.type === AST_NODE_TYPES.ArrowFunctionExpression && parent.body === promise);
  const fn = returned ? enclosingFunction(promise) : undefined;
  const name = fn?.id ?? (fn?.parent?.type === AST_NODE_TYPES.VariableDeclarator ? fn.parent.id : undefined);
  const variable = name?.type === AST_NODE_TYPES.Identifier ? findVariable(name) : null;
  return (variable?.references ?? []).some(reference => {
    const call = reference.identifier.parent;
    return call?.type === AST_NODE_TYPES.CallExpression && call.callee === reference.identifier && isRaceElement(call);
  });
}

function isRaceElement(node: TSESTree.Node): boolean {
  let element = node;
  while (
    element.parent &&
    (element.parent.type === AST_NODE_TYPES.TSAsExpression || element.parent.type === AST_NODE_TYPES.TSNonNullExpression)
  ) {
    element = element.parent;
  }
  const list = element.parent;
  const join = list?.parent;
  return (
    list?.type === AST_NODE_TYPES.ArrayExpression &&
    join?.type === AST_NODE_TYPES.CallExpression &&
    join.arguments[0] === list &&
    isPromiseJoin(join.callee) &&
    RACE_METHODS.has(staticName(join.callee) ?? '')
  );
}

/** `request.watchdog = setTimeout(…)`: the member the handle is stored in (`watchdog`). */
function storedMember(call: TSESTree.Node): string | undefined {
  const parent = call.parent;
  if (parent?.type !== AST_NODE_TYPES.AssignmentExpression || parent.right !== call || parent.operator !== '=') return undefined;
  const target = skipTransparent(parent.left);
  return target.type === AST_NODE_TYPES.MemberExpression ? staticName(target) : undefined;
}

/** Per file: the members whose timers are cleared (`clearTimeout(request.watchdog)`) in code that runs when the request ends. */
const clearedMembersCache = new WeakMap<TSESTree.Program, ReadonlySet<string>>();

/**
 * A timer stored in a member and cleared through the same member, in the same
 * file, by code that runs when the request ends: a Fastify watchdog set in
 * `onRequest` and cleared in `onResponse`/`onRequestAbort`.
 */
function clearedWhenRequestEnds(call: TSESTree.Node, member: string): boolean {
  let program: TSESTree.Node = call;
  while (program.parent) program = program.parent;
  if (program.type !== AST_NODE_TYPES.Program) return false;
  let cleared = clearedMembersCache.get(program);
  if (!cleared) {
    cleared = membersClearedAtEnd(program);
    clearedMembersCache.set(program, cleared);
  }
  return cleared.has(member);
}

function membersClearedAtEnd(program: TSESTree.Program): ReadonlySet<string> {
  const members = new Set<string>();
  const visit = (node: TSESTree.Node): void => {
    if (node.type === AST_NODE_TYPES.CallExpression && CLEAR_FUNCTIONS.has(staticName(node.callee) ?? '')) {
      const handle = node.arguments[0] && skipTransparent(node.arguments[0]);
      const name = handle?.type === AST_NODE_TYPES.MemberExpression ? staticName(handle) : undefined;
      if (name !== undefined && runsWhenRequestEnds(node)) members.add(name);
    }
    for (const key of Object.keys(node) as (keyof typeof node)[]) {
      if (key === 'parent') continue;
      const value: unknown = node[key];
      for (const child of Array.isArray(value) ? value : [value]) {
        if (typeof child === 'object' && child !== null && typeof (child as { type?: unknown }).type === 'string')
          visit(child as TSESTree.Node);
      }
    }
  };
  visit(program);
  return members;
}

/** `const t = setTimeout(...)` or `t = setTimeout(...)`: the variable holding the handle. */
export function assignedVariable(call: TSESTree.Node, findVariable: FindVariable): Variable | null {
  const parent = call.parent;
  if (parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.init === call && parent.id.type === AST_NODE_TYPES.Identifier) {
    return findVariable(parent.id);
  }
  if (parent?.type === AST_NODE_TYPES.AssignmentExpression && parent.right === call) {
    const target = skipTransparent(parent.left);
    if (target.type === AST_NODE_TYPES.Identifier) return findVariable(target);
  }
  return null;
}

function clearsOnEveryPath(call: TSESTree.CallExpression, owner: FunctionNode | undefined): boolean {
  const statement = call.parent;
  if (statement?.type !== AST_NODE_TYPES.ExpressionStatement) return false;
  const block = statement.parent;
  if (block?.type !== AST_NODE_TYPES.BlockStatement) return false;
  if (block.parent?.type === AST_NODE_TYPES.TryStatement && block.parent.finalizer === block) return true;
  return owner !== undefined && block === owner.body;
}

function runsWhenRequestEnds(node: TSESTree.Node): boolean {
  for (let current = node.parent; current; current = current.parent) {
    if (!isFunctionNode(current)) continue;
    const registration = current.parent;
    if (registration?.type !== AST_NODE_TYPES.CallExpression || !registration.arguments.some(arg => arg === current)) continue;
    const method = staticName(registration.callee) ?? '';
    if (END_HOOKS.has(method)) return true;
    const event = registration.arguments[0];
    if (event?.type === AST_NODE_TYPES.Literal && END_EVENTS.has(String(event.value))) return true;
    // `app.addHook('onResponse', …)`: a hook registered by name that runs when the request ends.
    if (event?.type === AST_NODE_TYPES.Literal && END_HOOKS.has(String(event.value))) return true;
  }
  return false;
}

/** The variable a method is called on: `stream` in `stream.on(…)`; `null` for other callees. */
function receiverVariable(callee: TSESTree.Node, findVariable: FindVariable): Variable | null {
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return null;
  const receiver = skipTransparent(callee.object);
  return receiver.type === AST_NODE_TYPES.Identifier ? findVariable(receiver) : null;
}

/**
 * `stream.on('error', …)` where `stream` is handed to the framework as the
 * response body (`ctx.body = stream`, a member named by a preset's
 * `streamBody`): the framework ends and destroys the stream with the response.
 */
function isResponseBodyStream(callee: TSESTree.Node, findVariable: FindVariable): boolean {
  const variable = receiverVariable(callee, findVariable);
  if (!variable) return false;
  return variable.references.some(reference => {
    const assignment = reference.identifier.parent;
    if (assignment?.type !== AST_NODE_TYPES.AssignmentExpression || assignment.right !== reference.identifier) return false;
    const target = skipTransparent(assignment.left);
    return target.type === AST_NODE_TYPES.MemberExpression && STREAM_BODY_MEMBERS.has(staticName(target) ?? '');
  });
}

const END_WAITERS = new Set(['once', 'finished', 'pipeline', 'text', 'json', 'buffer', 'arrayBuffer']);

/**
 * `stream.on('data', …)` where the same function later awaits the end of
 * `stream` (`await new Promise(r => stream.on('end', r))`, `await once(stream,
 * 'end')`, `await finished(stream)`): the listener cannot outlive the request.
 */
function isAwaitedUntilEnd(callee: TSESTree.Node, findVariable: FindVariable): boolean {
  const variable = receiverVariable(callee, findVariable);
  if (!variable) return false;
  return variable.references.some(reference => {
    const identifier = reference.identifier;
    const parent = identifier.parent;
    // `await once(stream, 'end')`, `await finished(stream)`
    if (parent?.type === AST_NODE_TYPES.CallExpression && parent.arguments[0] === identifier) {
      return END_WAITERS.has(staticName(parent.callee) ?? '') && isAwaitedOrJoined(parent, findVariable);
    }
    // `await new Promise(resolve => stream.on('end', resolve))`
    if (parent?.type !== AST_NODE_TYPES.MemberExpression || parent.object !== identifier) return false;
    const registration = parent.parent;
    if (registration?.type !== AST_NODE_TYPES.CallExpression || registration.callee !== parent) return false;
    const event = registration.arguments[0];
    if (event?.type !== AST_NODE_TYPES.Literal || !END_EVENTS.has(String(event.value))) return false;
    const executor = enclosingFunction(registration);
    const construction = executor?.parent;
    return (
      construction?.type === AST_NODE_TYPES.NewExpression &&
      construction.arguments[0] === executor &&
      isAwaitedOrJoined(construction, findVariable)
    );
  });
}
