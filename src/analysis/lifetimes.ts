import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { AST_NODE_TYPES } from '@typescript-eslint/utils';

import type { ResolvedKind } from './contexts.js';
import { type Deferral, type FindVariable, isPromiseJoin } from './sinks.js';

import { type FunctionNode, enclosingFunction, isFunctionNode, skipTransparent, staticName, valueNode, walkOwnBody } from './ast.js';
import { DefinitionType } from './definition-type.js';

type Variable = TSESLint.Scope.Variable;

const CLEAR_FUNCTIONS = new Set(['clearTimeout', 'clearInterval', 'clearImmediate']);
const REMOVE_LISTENER_METHODS = new Set(['off', 'removeListener', 'removeEventListener', 'removeAllListeners']);
/** Events and hooks that fire when the request ends: work cleared there is bounded by the request. */
const END_EVENTS = new Set(['close', 'finish', 'end', 'abort', 'aborted', 'error', 'timeout']);
const END_HOOKS = new Set(['onAborted', 'onDispose', 'onClose', 'onResponse']);

/**
 * A timer whose handle is cleared on every path before the function returns
 * (in a `finally` block or as a plain statement of the same function body), or
 * when the request ends (inside a `close`/`abort` listener or `onAborted`).
 */
export function isBoundedTimer(deferral: Deferral, findVariable: FindVariable): boolean {
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
 * with an abort `signal`, or on a stream the function waits to finish.
 */
export function isBoundedListener(deferral: Deferral, findVariable: FindVariable): boolean {
  const call = deferral.node as TSESTree.CallExpression;
  const options = call.arguments[2];
  if (
    options?.type === AST_NODE_TYPES.ObjectExpression &&
    options.properties.some(p => p.type === AST_NODE_TYPES.Property && staticName(p.key) === 'signal')
  ) {
    return true;
  }
  if (isAwaitedUntilEnd(call.callee, findVariable)) return true;
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
 * A promise held in a variable is handled when anything but a floating chain
 * uses it later: `await p`, `return p`, `Promise.all([p])`, passing it on.
 */
export function isPromiseVariableHandled(variable: Variable): boolean {
  return variable.references.some(reference => {
    if (reference.init || !reference.isRead()) return false;
    let node: TSESTree.Node = reference.identifier;
    // Climb a `p.then(...).catch(...)` chain; it is handled if the chain's value is used.
    for (;;) {
      const parent: TSESTree.Node | undefined = node.parent;
      if (!parent) return true;
      if (parent.type === AST_NODE_TYPES.MemberExpression && parent.object === node && parent.parent?.type === AST_NODE_TYPES.CallExpression) {
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
 * Pending-response work in frameworks where the handler ends the response
 * explicitly: a one-shot deferral that sends the first response keeps the
 * request alive until it runs, so captures in it are not escapes.
 */
export function isPendingResponse(
  deferral: Deferral,
  handler: FunctionNode,
  kind: ResolvedKind,
  writesResponse: boolean,
  sentElsewhere: boolean,
  visitorKeys: Readonly<TSESLint.SourceCode['visitorKeys']>,
): boolean {
  if (deferral.repeating || !writesResponse || sentElsewhere || kind.lifetime === 'sync') return false;
  switch (kind.pendingResponse) {
    case 'always':
      return true;
    case 'unless-async-without-return':
      return !handler.async || returnsOrAwaitsParameter(handler, visitorKeys);
    case 'after-on-aborted':
      return callsParameterMethod(handler, 'onAborted', visitorKeys, deferral.node.range[0]);
    case 'after-respond-false-or-stream-body':
      return assignsParameterMember(handler, 'respond', visitorKeys) || streamBodies(handler, visitorKeys).size > 0;
    default:
      return false;
  }
}

/** The handler function whose parameter declares `variable`, if any. */
export function declaringHandler(variable: Variable): FunctionNode | undefined {
  const def = variable.defs[0];
  if (def?.type === DefinitionType.Parameter && isFunctionNode(def.node)) return def.node;
  return undefined;
}

type VisitorKeys = Readonly<TSESLint.SourceCode['visitorKeys']>;

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
function someInOwnBody(
  fn: FunctionNode,
  visitorKeys: VisitorKeys,
  test: (node: TSESTree.Node) => boolean,
  before = Infinity,
): boolean {
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

/** `const t = setTimeout(...)` or `t = setTimeout(...)`: the variable holding the handle. */
function assignedVariable(call: TSESTree.Node, findVariable: FindVariable): Variable | null {
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
  }
  return false;
}

/** Methods that send or end the response; any other writer only sets headers or status. */
const ENDING_METHODS = new Set([
  'send', 'json', 'jsonp', 'end', 'redirect', 'render', 'sendFile', 'sendStatus', 'download', 'tryEnd', 'endWithoutBody',
]);

/**
 * Whether the handler also sends the response itself, outside `deferral`:
 * a top-level statement of its body that ends the response on `variable`
 * (statements in branches may belong to another path, so they are not counted).
 */
export function sendsResponseOutside(
  handler: FunctionNode,
  variable: Variable,
  writers: readonly string[],
  deferral: TSESTree.Node,
): boolean {
  if (handler.body.type !== AST_NODE_TYPES.BlockStatement) return false;
  const body = handler.body.body;
  return variable.references.some(reference => {
    const identifier = reference.identifier;
    if (identifier.range[0] >= deferral.range[0] && identifier.range[1] <= deferral.range[1]) return false;
    if (reference.from.variableScope.block !== handler) return false;
    let statement: TSESTree.Node | undefined = identifier.parent;
    while (statement && statement.type !== AST_NODE_TYPES.ExpressionStatement && statement.type !== AST_NODE_TYPES.ReturnStatement) {
      statement = statement.parent;
    }
    return statement !== undefined && body.includes(statement) && endsResponse(identifier, writers);
  });
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

/**
 * A use of a context that writes the response: a call of one of `writers`
 * (dotted paths for nested members, `()` for calling the context itself, as
 * Lambda's `callback`), directly or at the end of a call chain
 * (`reply.type('pdf').send(pdf)`).
 */
export function isResponseWrite(
  identifier: TSESTree.Node,
  writers: readonly string[],
  writerFunctions: readonly string[] = [],
): boolean {
  const parent = identifier.parent;
  if (writers.includes('()') && parent?.type === AST_NODE_TYPES.CallExpression && parent.callee === identifier) return true;
  // h3: `setResponseHeader(event, …)`, `setCookie(event, …)`.
  if (
    parent?.type === AST_NODE_TYPES.CallExpression &&
    parent.arguments[0] === identifier &&
    writerFunctions.includes(staticName(parent.callee) ?? '')
  ) {
    return true;
  }
  const names: string[] = [];
  let node: TSESTree.Node = valueNode(identifier);
  while (node.parent?.type === AST_NODE_TYPES.MemberExpression && node.parent.object === node) {
    const name = staticName(node.parent);
    if (name === undefined) return false;
    names.push(name);
    node = node.parent;
    const call = node.parent;
    if (call?.type === AST_NODE_TYPES.CallExpression && call.callee === node) {
      if (writers.includes(names.join('.'))) return true;
      // Continue along a fluent chain: the next method is called on the call's result.
      names.length = 0;
      node = call;
    }
    node = valueNode(node);
  }
  return false;
}

/** Names of variables a Koa handler assigns to `ctx.body` (a streamed response). */
export function streamBodies(handler: FunctionNode, visitorKeys: Readonly<TSESLint.SourceCode['visitorKeys']>): Set<string> {
  const names = new Set<string>();
  walkOwnBody(handler.body, visitorKeys, node => {
    if (
      node.type === AST_NODE_TYPES.AssignmentExpression &&
      node.left.type === AST_NODE_TYPES.MemberExpression &&
      staticName(node.left) === 'body' &&
      node.right.type === AST_NODE_TYPES.Identifier
    ) {
      names.add(node.right.name);
    }
  });
  return names;
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
    !isAwaitedOrJoined(construction, findVariable)
  ) {
    return false;
  }
  return executor.params.slice(0, 2).some(param => {
    if (param.type !== AST_NODE_TYPES.Identifier) return false;
    const settle = findVariable(param);
    return (settle?.references ?? []).some(
      reference =>
        reference.identifier.range[0] >= deferral.node.range[0] && reference.identifier.range[1] <= deferral.node.range[1],
    );
  });
}

const END_WAITERS = new Set(['once', 'finished', 'pipeline', 'text', 'json', 'buffer', 'arrayBuffer']);

/**
 * `stream.on('data', …)` where the same function later awaits the end of
 * `stream` (`await new Promise(r => stream.on('end', r))`, `await once(stream,
 * 'end')`, `await finished(stream)`): the listener cannot outlive the request.
 */
function isAwaitedUntilEnd(callee: TSESTree.Node, findVariable: FindVariable): boolean {
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
  const receiver = skipTransparent(callee.object);
  if (receiver.type !== AST_NODE_TYPES.Identifier) return false;
  const variable = findVariable(receiver);
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
