// "Can this work stop when the client leaves?" for the three shapes of
// response-producing work: loops, repeating timers and upstream requests.
// Syntax only: the rule asks the type questions (is the receiver a response
// stream, does the handler have a request signal) afterwards, and only for
// work that this module could not rule out.
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { AST_NODE_TYPES } from '@typescript-eslint/utils';

import type { UpstreamClient } from '../presets/index.js';
import type { FunctionNode } from './ast.js';
import type { FindVariable } from './scope.js';

import { contains, enclosingFunction, skipTransparent, staticName, walkOwnBody } from './ast.js';
import { DefinitionType } from './scope.js';

type VisitorKeys = Readonly<TSESLint.SourceCode['visitorKeys']>;
type Variable = TSESLint.Scope.Variable;

export type Loop = TSESTree.WhileStatement | TSESTree.DoWhileStatement | TSESTree.ForStatement;

/** What counts as watching for the client leaving, gathered from the presets and the web `AbortSignal`. */
export interface AbortVocabulary {
  /** Members reading `true` once the client left: `aborted`, `destroyed`. */
  readonly flags: ReadonlySet<string>;
  /** Methods that throw once aborted: `throwIfAborted`. */
  readonly throwingMethods: ReadonlySet<string>;
  /** Methods or source methods whose callback runs when the client leaves: `onAbort`, `cancel`. */
  readonly hooks: ReadonlySet<string>;
  /** Events emitted when the client leaves or a signal aborts: `close`, `abort`. */
  readonly events: ReadonlySet<string>;
}

/**
 * Whether a loop's condition can never become false: `while (true)`,
 * `for (;;)`, `do … while (1)`, or a variable that is never reassigned
 * (`let open = true; while (open)` with no `open = false` anywhere).
 */
export function hasConstantCondition(loop: Loop, findVariable: FindVariable): boolean {
  const test = loop.test;
  if (!test) return true;
  return isAlwaysTruthy(skipTransparent(test), findVariable);
}

function isAlwaysTruthy(node: TSESTree.Node, findVariable: FindVariable): boolean {
  switch (node.type) {
    case AST_NODE_TYPES.Literal:
      return Boolean(node.value);
    case AST_NODE_TYPES.UnaryExpression:
      return node.operator === '!' && node.argument.type === AST_NODE_TYPES.Literal && !node.argument.value;
    case AST_NODE_TYPES.Identifier: {
      const variable = findVariable(node);
      const def = variable?.defs[0];
      if (!variable || variable.defs.length !== 1 || def?.type !== DefinitionType.Variable) return false;
      if (def.node.type !== AST_NODE_TYPES.VariableDeclarator || def.node.id !== def.name) return false;
      const init = def.node.init && skipTransparent(def.node.init);
      if (init?.type !== AST_NODE_TYPES.Literal || !init.value) return false;
      // Written anywhere (an abort handler, the loop itself) means it can change.
      return variable.references.every(reference => reference.init || !reference.isWrite());
    }
    default:
      return false;
  }
}

/**
 * Whether the loop has a way out other than its condition: a `break` that
 * leaves it, a `return` or `throw` in its body (not in nested functions).
 * Such loops end on their own terms (end of data, an error, a flag checked
 * inside), so they are not reported.
 */
export function hasExit(loop: Loop, visitorKeys: VisitorKeys): boolean {
  let found = false;
  walkOwnBody(loop.body, visitorKeys, node => {
    if (found) return false;
    switch (node.type) {
      case AST_NODE_TYPES.ReturnStatement:
      case AST_NODE_TYPES.ThrowStatement:
        found = true;
        return false;
      case AST_NODE_TYPES.BreakStatement:
        found = breaksOut(node, loop);
        return false;
      default:
        return undefined;
    }
  });
  return found;
}

const BREAKABLE = new Set<string>([
  AST_NODE_TYPES.WhileStatement,
  AST_NODE_TYPES.DoWhileStatement,
  AST_NODE_TYPES.ForStatement,
  AST_NODE_TYPES.ForInStatement,
  AST_NODE_TYPES.ForOfStatement,
  AST_NODE_TYPES.SwitchStatement,
]);

/** Whether `statement` leaves `loop`: a labelled break naming it, or a plain break whose nearest breakable is the loop. */
function breaksOut(statement: TSESTree.BreakStatement, loop: Loop): boolean {
  if (statement.label) {
    const labelled = loop.parent;
    return labelled?.type === AST_NODE_TYPES.LabeledStatement && labelled.label.name === statement.label.name;
  }
  for (let node: TSESTree.Node | undefined = statement.parent; node; node = node.parent) {
    if (node === loop) return true;
    if (BREAKABLE.has(node.type)) return false;
  }
  return false;
}

/**
 * Whether the loop's condition or body looks at the client leaving: reads an
 * abort flag (`stream.aborted`, `signal.aborted`, `res.destroyed`) or calls a
 * method that throws once aborted (`signal.throwIfAborted()`).
 */
export function checksAbort(loop: Loop, vocabulary: AbortVocabulary, visitorKeys: VisitorKeys): boolean {
  let found = false;
  walkOwnBody(loop, visitorKeys, node => {
    if (found) return false;
    if (node.type === AST_NODE_TYPES.MemberExpression) {
      const name = staticName(node) ?? '';
      found = vocabulary.flags.has(name) || vocabulary.throwingMethods.has(name);
    }
    return undefined;
  });
  return found;
}

/** A call writing through a method of `writeMethods`: `stream.writeSSE(…)`, `res.write(…)`. */
export interface WriteCall {
  readonly call: TSESTree.CallExpression;
  readonly receiver: TSESTree.Expression;
  readonly method: string;
}

/** The write calls in `root` (not in nested functions), in source order. */
export function writeCalls(root: TSESTree.Node, writeMethods: ReadonlySet<string>, visitorKeys: VisitorKeys): WriteCall[] {
  const calls: WriteCall[] = [];
  walkOwnBody(root, visitorKeys, node => {
    if (node.type !== AST_NODE_TYPES.CallExpression) return undefined;
    const callee = skipTransparent(node.callee);
    if (callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
    const method = staticName(callee);
    if (method !== undefined && writeMethods.has(method)) calls.push({ call: node, receiver: callee.object, method });
    return undefined;
  });
  return calls;
}

/**
 * Whether the timer whose handle is held in `handle` is cleared when the
 * client leaves: inside a callback given to an abort hook
 * (`stream.onAbort(() => clearInterval(t))`, `eventStream.onClosed(…)`), a
 * listener for a close or abort event (`req.on('close', …)`,
 * `signal.addEventListener('abort', …)`), a source method named as a hook
 * (`cancel() { clearInterval(t) }`), or by the timer's own callback.
 */
export function isClearedOnAbort(
  handle: Variable,
  timerCallbacks: readonly FunctionNode[],
  clearFunctions: ReadonlySet<string>,
  vocabulary: AbortVocabulary,
): boolean {
  return handle.references.some(reference => {
    const call = reference.identifier.parent;
    if (
      call?.type !== AST_NODE_TYPES.CallExpression ||
      call.arguments[0] !== reference.identifier ||
      !clearFunctions.has(staticName(call.callee) ?? '')
    ) {
      return false;
    }
    if (timerCallbacks.some(callback => contains(callback, call))) return true;
    for (let fn = enclosingFunction(call); fn; fn = enclosingFunction(fn)) {
      if (runsOnAbort(fn, vocabulary)) return true;
    }
    return false;
  });
}

/** `x.onAbort(fn)`, `x.on('close', fn)`, `signal.addEventListener('abort', fn)`, `{ cancel() {} }`. */
function runsOnAbort(fn: FunctionNode, vocabulary: AbortVocabulary): boolean {
  const parent = fn.parent;
  if (parent?.type === AST_NODE_TYPES.Property && parent.value === fn) return vocabulary.hooks.has(staticName(parent.key) ?? '');
  if (parent?.type === AST_NODE_TYPES.MethodDefinition && parent.value === fn) return vocabulary.hooks.has(staticName(parent.key) ?? '');
  if (parent?.type !== AST_NODE_TYPES.CallExpression || !parent.arguments.includes(fn as TSESTree.CallExpressionArgument)) return false;
  if (vocabulary.hooks.has(staticName(parent.callee) ?? '')) return true;
  const event = parent.arguments[0];
  return event?.type === AST_NODE_TYPES.Literal && vocabulary.events.has(String(event.value));
}

/** An upstream request call, with the index of the argument that takes its options. */
export interface UpstreamCall {
  readonly call: TSESTree.CallExpression;
  readonly optionsIndex: number;
  /** The name called, for messages: `fetch`, `request`, `got.stream`. */
  readonly name: string;
}

/**
 * Recognises a call of an upstream HTTP client from syntax and imports:
 * a global (`fetch(url)` when `fetch` is not declared in the file), a named
 * import (`import { request } from 'undici'`), the default import called
 * (`got(url)`) or a member of a default or namespace import (`got.stream(url)`).
 */
export function upstreamCallOf(
  call: TSESTree.CallExpression,
  clients: readonly UpstreamClient[],
  findVariable: FindVariable,
): UpstreamCall | undefined {
  const callee = skipTransparent(call.callee);
  if (callee.type === AST_NODE_TYPES.Identifier) {
    const variable = findVariable(callee);
    const def = variable?.defs[0];
    if (!def) {
      const client = clients.find(entry => !entry.package && Object.hasOwn(entry.calls, callee.name));
      return client ? { call, optionsIndex: client.calls[callee.name], name: callee.name } : undefined;
    }
    const imported = importedBinding(def);
    if (!imported) return undefined;
    const client = clients.find(entry => entry.package === imported.source && Object.hasOwn(entry.calls, imported.name));
    return client ? { call, optionsIndex: client.calls[imported.name], name: callee.name } : undefined;
  }
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
  const object = skipTransparent(callee.object);
  const method = staticName(callee);
  if (object.type !== AST_NODE_TYPES.Identifier || method === undefined) return undefined;
  const def = findVariable(object)?.defs[0];
  const imported = def && importedBinding(def);
  if (!imported || (imported.name !== 'default' && imported.name !== '*')) return undefined;
  const client = clients.find(entry => entry.package === imported.source && Object.hasOwn(entry.calls, method) && method !== 'default');
  return client ? { call, optionsIndex: client.calls[method], name: `${object.name}.${method}` } : undefined;
}

function importedBinding(def: TSESLint.Scope.Definition): { source: string; name: string } | undefined {
  if (def.type !== DefinitionType.ImportBinding || def.parent?.type !== AST_NODE_TYPES.ImportDeclaration) return undefined;
  const source = def.parent.source.value;
  switch (def.node.type) {
    case AST_NODE_TYPES.ImportSpecifier:
      return { source, name: def.node.imported.type === AST_NODE_TYPES.Identifier ? def.node.imported.name : def.node.imported.value };
    case AST_NODE_TYPES.ImportDefaultSpecifier:
      return { source, name: 'default' };
    case AST_NODE_TYPES.ImportNamespaceSpecifier:
      return { source, name: '*' };
    default:
      return undefined;
  }
}

/** The web `AbortSignal` names a signal check needs. */
export interface SignalVocabulary {
  readonly option: string;
  readonly global: string;
  readonly timeout: string;
}

/**
 * How an upstream call is given a signal:
 * - `none`: no options, or options without the signal key;
 * - `timeout-only`: only `AbortSignal.timeout(ms)`, unrelated to the client;
 * - `given`: a signal, or options we cannot see into (`fetch(url, init)`, spreads).
 */
export function signalOption(upstream: UpstreamCall, vocabulary: SignalVocabulary): 'none' | 'timeout-only' | 'given' {
  const options = upstream.call.arguments[upstream.optionsIndex];
  if (!options) return upstream.call.arguments.some(arg => arg.type === AST_NODE_TYPES.SpreadElement) ? 'given' : 'none';
  const object = skipTransparent(options);
  if (object.type !== AST_NODE_TYPES.ObjectExpression) return 'given';
  let result: 'none' | 'timeout-only' | 'given' = 'none';
  for (const property of object.properties) {
    if (property.type === AST_NODE_TYPES.SpreadElement) return 'given';
    if (property.computed || staticName(property.key) !== vocabulary.option) continue;
    result = isTimeoutSignal(property.value, vocabulary) ? 'timeout-only' : 'given';
  }
  return result;
}

/** `AbortSignal.timeout(ms)`. */
export function isTimeoutSignal(node: TSESTree.Node, vocabulary: SignalVocabulary): boolean {
  const value = skipTransparent(node);
  if (value.type !== AST_NODE_TYPES.CallExpression) return false;
  const callee = skipTransparent(value.callee);
  return (
    callee.type === AST_NODE_TYPES.MemberExpression &&
    staticName(callee) === vocabulary.timeout &&
    skipTransparent(callee.object).type === AST_NODE_TYPES.Identifier &&
    (skipTransparent(callee.object) as TSESTree.Identifier).name === vocabulary.global
  );
}

const PIPE_METHODS = new Set(['pipe', 'pipeTo', 'pipeThrough']);

/**
 * Whether the upstream response is forwarded to the client rather than read:
 * returned (`return fetch(url)`, `return upstream`), piped
 * (`got.stream(url).pipe(res)`, `upstream.body.pipeTo(…)`), or its
 * `bodyMember` handed on as a value (`new Response(upstream.body)`,
 * `stream.pipe(upstream.body)`, `Readable.fromWeb(upstream.body)`), also when
 * destructured (`const { body } = await request(url)`). Reading it
 * (`await upstream.json()`, `body.text()`) is not forwarding.
 */
export function forwardsToClient(call: TSESTree.CallExpression, bodyMembers: ReadonlySet<string>, findVariable: FindVariable): boolean {
  const value = outerValue(call);
  if (isReturned(value) || isPiped(value)) return true;
  const parent = value.parent;
  if (parent?.type === AST_NODE_TYPES.MemberExpression && parent.object === value) {
    return bodyMembers.has(staticName(parent) ?? '') && isForwardedBody(parent);
  }
  if (parent?.type !== AST_NODE_TYPES.VariableDeclarator || parent.init !== value) return false;
  if (parent.id.type === AST_NODE_TYPES.Identifier) {
    const variable = findVariable(parent.id);
    return (variable?.references ?? []).some(reference => {
      if (reference.init) return false;
      const use = outerValue(reference.identifier);
      if (isReturned(use) || isPiped(use)) return true;
      const member = use.parent;
      return (
        member?.type === AST_NODE_TYPES.MemberExpression &&
        member.object === use &&
        bodyMembers.has(staticName(member) ?? '') &&
        isForwardedBody(member)
      );
    });
  }
  if (parent.id.type === AST_NODE_TYPES.ObjectPattern) {
    return parent.id.properties.some(property => {
      if (property.type !== AST_NODE_TYPES.Property || !bodyMembers.has(staticName(property.key) ?? '')) return false;
      if (property.value.type !== AST_NODE_TYPES.Identifier) return false;
      const variable = findVariable(property.value);
      return (variable?.references ?? []).some(reference => !reference.init && isForwardedBody(reference.identifier));
    });
  }
  return false;
}

/** The node carrying the call's value through `await`, `!`, `as` and parentheses. */
function outerValue(node: TSESTree.Node): TSESTree.Node {
  let current = node;
  for (;;) {
    const parent = current.parent;
    if (
      (parent?.type === AST_NODE_TYPES.AwaitExpression && parent.argument === current) ||
      ((parent?.type === AST_NODE_TYPES.TSNonNullExpression ||
        parent?.type === AST_NODE_TYPES.TSAsExpression ||
        parent?.type === AST_NODE_TYPES.ChainExpression) &&
        parent.expression === current)
    ) {
      current = parent;
    } else {
      return current;
    }
  }
}

function isReturned(node: TSESTree.Node): boolean {
  const parent = node.parent;
  return (
    parent?.type === AST_NODE_TYPES.ReturnStatement || (parent?.type === AST_NODE_TYPES.ArrowFunctionExpression && parent.body === node)
  );
}

function isPiped(node: TSESTree.Node): boolean {
  const member = node.parent;
  return (
    member?.type === AST_NODE_TYPES.MemberExpression &&
    member.object === node &&
    PIPE_METHODS.has(staticName(member) ?? '') &&
    member.parent?.type === AST_NODE_TYPES.CallExpression
  );
}

/** A body value returned, piped, or handed whole to a call or constructor (not read through its own methods). */
function isForwardedBody(node: TSESTree.Node): boolean {
  const value = outerValue(node);
  if (isReturned(value) || isPiped(value)) return true;
  const parent = value.parent;
  return (
    (parent?.type === AST_NODE_TYPES.CallExpression || parent?.type === AST_NODE_TYPES.NewExpression) &&
    parent.arguments.includes(value as TSESTree.Expression)
  );
}

/** The functions enclosing `node`, innermost first. */
export function enclosingFunctions(node: TSESTree.Node): FunctionNode[] {
  const functions: FunctionNode[] = [];
  for (let fn = enclosingFunction(node); fn; fn = enclosingFunction(fn)) functions.push(fn);
  return functions;
}

/** The identifier parameters of a function (`(c) =>`, `(req, res) =>`), skipping patterns. */
export function identifierParameters(fn: FunctionNode): TSESTree.Identifier[] {
  return fn.params.flatMap(param => {
    const target = param.type === AST_NODE_TYPES.TSParameterProperty ? param.parameter : param;
    return target.type === AST_NODE_TYPES.Identifier ? [target] : [];
  });
}
