import type { TSESTree } from '@typescript-eslint/utils';

import { AST_NODE_TYPES } from '@typescript-eslint/utils';

import type { Preset } from '../presets/index.js';
import type { FunctionNode } from './ast.js';
import type { FindVariable } from './scope.js';

import { ARRAY_CALLBACK_METHODS, isFunctionNode, rootIdentifier, skipTransparent, staticName } from './ast.js';
import { isPromiseJoin, isPromiseVariableHandled } from './promises.js';
import { importedFrom, isParameter, localFunction, ScopeType } from './scope.js';

/** The families of deferred work, each switchable with the `sinkFamilies` option. */
export type DeferralFamily = 'timers' | 'promises' | 'listeners' | 'callbacks' | 'background' | 'sinks';

export const DEFERRAL_FAMILIES: readonly DeferralFamily[] = ['timers', 'promises', 'listeners', 'callbacks', 'background', 'sinks'];

export interface DeferredFunction {
  readonly node: FunctionNode;
  /** The function is invoked now and only its code after the first `await` is deferred (async IIFE, unawaited async call). */
  readonly startsSynchronously: boolean;
  /** Only the functions nested inside run later (`new Promise` executors run synchronously). */
  readonly nestedOnly: boolean;
  /** How this part of the work is described, when it differs from the deferral's `description`. */
  readonly description?: string;
}

interface DeferralBase {
  /** How the work is described in messages: "a setTimeout callback". */
  readonly description: string;
  /** The call that schedules the work (or the floating expression). */
  readonly node: TSESTree.Node;
  readonly functions: readonly DeferredFunction[];
  /** Expressions handed to the work as data (`setTimeout(f, 0, c)`, `void send(c)`). */
  readonly values: readonly TSESTree.Expression[];
  /** Runs more than once (`setInterval`, listeners on long-lived emitters). */
  readonly repeating: boolean;
}

/** `setTimeout(cb, ms)`, `setInterval`, `setImmediate`, `queueMicrotask`, `process.nextTick`. */
export interface TimerDeferral extends DeferralBase {
  readonly family: 'timers';
  readonly node: TSESTree.CallExpression;
}

/** `emitter.on('data', cb)`: listeners on the request's own objects are exempt. */
export interface ListenerDeferral extends DeferralBase {
  readonly family: 'listeners';
  readonly node: TSESTree.CallExpression;
  /** The object the listener is registered on. */
  readonly receiver: TSESTree.Expression;
}

/** `fs.readFile(path, (err, data) => …)`: the last argument is an error-first callback. */
export interface CallbackDeferral extends DeferralBase {
  readonly family: 'callbacks';
  readonly node: TSESTree.CallExpression;
}

/** `waitUntil(work)`, `after(cb)`: work the runtime keeps alive after the response. */
export interface BackgroundDeferral extends DeferralBase {
  readonly family: 'background';
  readonly node: TSESTree.CallExpression;
  /** The background API's name, as in the presets' `backgroundApis`. */
  readonly api: string;
}

/** A call to a configured sink (`queue.add(job)`): confirmed by the callee's type once it captures a context. */
export interface SinkDeferral extends DeferralBase {
  readonly family: 'sinks';
  readonly node: TSESTree.CallExpression | TSESTree.NewExpression;
}

/** A promise nothing waits for: `void send(c)`, `fetch(u).then(cb)`, `const p = job(c)` never awaited. */
export interface PromiseDeferral extends DeferralBase {
  readonly family: 'promises';
  /** The expression that must be promise-typed for this to be a deferral (checked last, by type). */
  readonly node: TSESTree.Expression;
  /** How the work that receives `values` is described, when it differs from `description`. */
  readonly valueDescription: string | undefined;
  /** The call that starts the work, matched against `safeSinks`. */
  readonly spawningCall: TSESTree.CallExpression | TSESTree.NewExpression | undefined;
}

/** Work that may run after the request scope has ended, by family. */
export type Deferral = BackgroundDeferral | CallbackDeferral | ListenerDeferral | PromiseDeferral | SinkDeferral | TimerDeferral;

/** The call a deferral's work is handed to, matched against `safeSinks`: `schedule` in `schedule(() => …)`. */
export function spawningCallOf(deferral: Deferral): TSESTree.CallExpression | TSESTree.NewExpression | undefined {
  return deferral.family === 'promises' ? deferral.spawningCall : deferral.node;
}

const TIMERS: Record<string, { description: string; firstValueArgument: number; repeating: boolean }> = {
  setTimeout: { description: 'a setTimeout callback', firstValueArgument: 2, repeating: false },
  setInterval: { description: 'a setInterval callback', firstValueArgument: 2, repeating: true },
  setImmediate: { description: 'a setImmediate callback', firstValueArgument: 1, repeating: false },
  queueMicrotask: { description: 'a queueMicrotask callback', firstValueArgument: Infinity, repeating: false },
  nextTick: { description: 'a process.nextTick callback', firstValueArgument: 1, repeating: false },
};

const TIMER_MODULES = new Set(['timers', 'node:timers']);
const GLOBAL_OBJECTS = new Set(['globalThis', 'window', 'self', 'global']);

const LISTENER_METHODS = new Set(['on', 'once', 'addListener', 'prependListener', 'prependOnceListener', 'addEventListener']);

const PROMISE_CALLBACK_METHODS = new Set(['then', 'catch', 'finally']);

/**
 * Callbacks that run after the code registering them has returned, even when
 * the surrounding work is awaited: timers, listeners and promise callbacks
 * (framework methods such as uWS `onData` come from the presets).
 */
export const LATE_CALLBACK_NAMES: ReadonlySet<string> = new Set([...Object.keys(TIMERS), ...LISTENER_METHODS, ...PROMISE_CALLBACK_METHODS]);

const ERROR_PARAMETER = /^(?:err|error)$/i;

/** Callbacks of these methods run synchronously or belong to promise chains or hooks, never error-first APIs. */
const NOT_ERROR_FIRST_METHODS = new Set([...ARRAY_CALLBACK_METHODS, ...PROMISE_CALLBACK_METHODS, 'use', 'onError', 'setErrorHandler']);

/** How a background API is called: as a method on any receiver, and/or as a function imported from packages. */
export interface BackgroundApiMatch {
  readonly method: boolean;
  readonly packages: readonly string[];
  /** How work registered with it is described: "an after() callback". */
  readonly description: string;
}

/** The background APIs of `presets` by name: `waitUntil` → a method on any receiver, or imported from `@vercel/functions`. */
export function backgroundApiTable(presets: readonly Preset[]): ReadonlyMap<string, BackgroundApiMatch> {
  const table = new Map<string, { method: boolean; packages: string[]; description: string }>();
  for (const preset of presets) {
    for (const api of preset.backgroundApis ?? []) {
      const entry = table.get(api.name) ?? { method: false, packages: [], description: api.label };
      if (api.packages) entry.packages.push(...api.packages);
      else entry.method = true;
      table.set(api.name, entry);
    }
  }
  return table;
}

/**
 * Recognises the deferral a call schedules, from syntax alone: timers, listeners,
 * error-first callbacks, background APIs. Type checks come later, and only for
 * deferrals that capture something.
 *
 * ```ts
 * deferralOfCall(`setTimeout(() => log(c), 10)`) // { family: 'timers', description: 'a setTimeout callback', … }
 * ```
 */
export function deferralOfCall(
  call: TSESTree.CallExpression,
  findVariable: FindVariable,
  backgroundApis: ReadonlyMap<string, BackgroundApiMatch>,
): Deferral | undefined {
  const callee = skipTransparent(call.callee);
  const name = staticName(callee);
  if (name === undefined) return undefined;

  const timer = Object.hasOwn(TIMERS, name) ? TIMERS[name] : undefined;
  if (timer && isTimerCallee(callee, name, findVariable)) {
    const first = call.arguments[0];
    return {
      family: 'timers',
      description: timer.description,
      node: call,
      functions: deferredFunctionArguments(first ? [first] : [], findVariable),
      values: valueArguments(call.arguments.slice(Math.min(timer.firstValueArgument, call.arguments.length))).concat(
        first && !isFunctionLike(first, findVariable) ? valueArguments([first]) : [],
      ),
      repeating: timer.repeating,
    };
  }

  if (callee.type === AST_NODE_TYPES.MemberExpression && LISTENER_METHODS.has(name)) {
    const handler = call.arguments[1];
    if (!handler) return undefined;
    const functions = deferredFunctionArguments([handler], findVariable);
    if (functions.length === 0) return undefined;
    const event = call.arguments[0];
    const eventName = event?.type === AST_NODE_TYPES.Literal ? String(event.value) : undefined;
    return {
      family: 'listeners',
      description: eventName ? `a '${eventName}' listener` : `a listener registered with ${name}()`,
      node: call,
      functions,
      values: [],
      repeating: name !== 'once' && name !== 'prependOnceListener',
      receiver: callee.object,
    };
  }

  // `events$.subscribe(e => …)` on a module-scope observable: the subscription outlives every request.
  if (name === 'subscribe' && callee.type === AST_NODE_TYPES.MemberExpression && isModuleScopeValue(callee.object, findVariable)) {
    const handler = call.arguments[0];
    const functions = handler ? deferredFunctionArguments([handler], findVariable) : [];
    if (functions.length > 0) {
      return {
        family: 'listeners',
        description: 'a subscription to a module-level observable',
        node: call,
        functions,
        values: [],
        repeating: true,
        receiver: callee.object,
      };
    }
  }

  const background = backgroundApis.get(name);
  if (background && isBackgroundCallee(callee, background, findVariable)) {
    const work = call.arguments[0];
    if (!work || work.type === AST_NODE_TYPES.SpreadElement) return undefined;
    const inner = floatingParts(work, findVariable);
    return {
      family: 'background',
      description: background.description,
      node: call,
      // Registered work is described as such, not as the floating parts it is made of.
      functions: [...deferredFunctionArguments([work], findVariable), ...withoutOwnDescription(inner.functions)],
      values: inner.values,
      repeating: false,
      api: name,
    };
  }

  const last = call.arguments.at(-1);
  if (last && isFunctionNode(last) && isErrorFirst(last) && !NOT_ERROR_FIRST_METHODS.has(name)) {
    return {
      family: 'callbacks',
      description: `an error-first callback of ${name}()`,
      node: call,
      functions: [{ node: last, startsSynchronously: false, nestedOnly: false }],
      values: [],
      repeating: false,
    };
  }
  return undefined;
}

/** `events$` declared at the top of a module (or imported): a value that lives as long as the process. */
function isModuleScopeValue(node: TSESTree.Node, findVariable: FindVariable): boolean {
  const receiver = skipTransparent(node);
  if (receiver.type !== AST_NODE_TYPES.Identifier) return false;
  const scope = findVariable(receiver)?.scope.type;
  return scope === ScopeType.module || scope === ScopeType.global;
}

/** A call to a configured sink (job queue adder): callbacks and values passed to it run later. */
export function deferralOfSinkCall(call: TSESTree.CallExpression | TSESTree.NewExpression, findVariable: FindVariable): SinkDeferral {
  const name = staticName(call.callee) ?? 'a configured sink';
  return {
    family: 'sinks',
    description: `work passed to ${name}()`,
    node: call,
    functions: deferredFunctionArguments(call.arguments, findVariable),
    values: valueArguments(call.arguments),
    repeating: false,
  };
}

/**
 * A promise-valued expression that nothing waits for: the deferred callbacks of
 * its `.then/.catch/.finally` chain, an async IIFE body, a `new Promise`
 * executor's nested callbacks, and the values passed to the root call.
 * Whether the expression really is a promise is checked later, by type.
 * With `heldIn`, the promise is stored in that variable and never awaited,
 * and the whole work is described as such.
 */
export function floatingDeferral(
  expression: TSESTree.Expression,
  findVariable: FindVariable,
  heldIn?: string,
): PromiseDeferral | undefined {
  let target = skipTransparent(expression);
  if (target.type === AST_NODE_TYPES.UnaryExpression && target.operator === 'void') target = skipTransparent(target.argument);
  if (target.type !== AST_NODE_TYPES.CallExpression && target.type !== AST_NODE_TYPES.NewExpression) return undefined;
  const parts = floatingParts(target, findVariable);
  // `void this.flush()` hands nothing over, but the method may read what the instance holds.
  if (parts.functions.length === 0 && parts.values.length === 0 && !callsOwnMethod(target)) return undefined;
  const stored = heldIn === undefined ? undefined : `the promise stored in \`${heldIn}\`, which is never awaited`;
  return {
    family: 'promises',
    description: stored ?? parts.description,
    node: target,
    functions: stored ? withoutOwnDescription(parts.functions) : parts.functions,
    values: parts.values,
    repeating: false,
    valueDescription: stored ?? parts.valueDescription,
    spawningCall: parts.root,
  };
}

/** `this.flush()`: a call of a method of the instance (`this` inside the method's class). */
function callsOwnMethod(call: TSESTree.CallExpression | TSESTree.NewExpression): boolean {
  const callee = skipTransparent(call.callee);
  return callee.type === AST_NODE_TYPES.MemberExpression && callee.object.type === AST_NODE_TYPES.ThisExpression;
}

/**
 * The floating promise an expression statement leaves: `void audit(c);`,
 * `fetch(url).then(cb);`. Calls that schedule work of another family are left
 * to {@link deferralOfCall}; methods of a handler's own parameters
 * (`res.json(item)`, `request.log.info(msg, fields)`) take values, not work,
 * and checking them would type every handler.
 */
export function deferralOfStatement(
  statement: TSESTree.ExpressionStatement,
  findVariable: FindVariable,
  backgroundApis: ReadonlyMap<string, BackgroundApiMatch>,
): PromiseDeferral | undefined {
  const expression = statement.expression;
  if (expression.type === AST_NODE_TYPES.CallExpression && deferralOfCall(expression, findVariable, backgroundApis)) return undefined;
  const deferral = floatingDeferral(expression, findVariable);
  if (!deferral) return undefined;
  if (deferral.functions.length === 0 && calleeRootIsParameter(deferral.spawningCall, findVariable)) return undefined;
  return deferral;
}

/** `const p = job(c);` where `p` is never awaited, returned or joined: the promise stored in `p` floats. */
export function deferralOfStoredPromise(declarator: TSESTree.VariableDeclarator, findVariable: FindVariable): PromiseDeferral | undefined {
  if (declarator.id.type !== AST_NODE_TYPES.Identifier || !declarator.init) return undefined;
  const deferral = floatingDeferral(declarator.init, findVariable, declarator.id.name);
  if (!deferral) return undefined;
  const variable = findVariable(declarator.id);
  return variable && !isPromiseVariableHandled(variable) ? deferral : undefined;
}

function calleeRootIsParameter(call: TSESTree.CallExpression | TSESTree.NewExpression | undefined, findVariable: FindVariable): boolean {
  const callee = call && skipTransparent(call.callee);
  if (callee?.type !== AST_NODE_TYPES.MemberExpression) return false;
  const root = rootIdentifier(callee.object);
  return root !== undefined && isParameter(root, findVariable);
}

interface FloatingParts {
  functions: DeferredFunction[];
  values: TSESTree.Expression[];
  description: string;
  /** The description as seen by values passed to the root call. */
  valueDescription?: string;
  root?: TSESTree.CallExpression | TSESTree.NewExpression;
}

function floatingParts(expression: TSESTree.Node, findVariable: FindVariable): FloatingParts {
  const functions: DeferredFunction[] = [];
  let current = skipTransparent(expression);
  let description: string | undefined;
  // .then/.catch/.finally callbacks of the chain run after the promise settles.
  while (
    current.type === AST_NODE_TYPES.CallExpression &&
    current.callee.type === AST_NODE_TYPES.MemberExpression &&
    PROMISE_CALLBACK_METHODS.has(staticName(current.callee) ?? '')
  ) {
    const label = `a .${staticName(current.callee)}() callback of a floating promise`;
    functions.push(...describedAs(deferredFunctionArguments(current.arguments, findVariable), label));
    description ??= label;
    current = skipTransparent(current.callee.object);
  }
  if (current.type === AST_NODE_TYPES.NewExpression) {
    const executor = current.arguments[0];
    const label = 'a floating new Promise()';
    if (isFunctionNode(executor)) functions.push({ node: executor, startsSynchronously: true, nestedOnly: true, description: label });
    return { functions, values: [], description: description ?? label, root: current };
  }
  if (current.type !== AST_NODE_TYPES.CallExpression) return { functions, values: [], description: description ?? 'a floating promise' };
  const callee = skipTransparent(current.callee);
  if (isFunctionNode(callee)) {
    // Async IIFE: its body runs now up to the first await, the rest later.
    const label = 'a floating async IIFE';
    functions.push({ node: callee, startsSynchronously: true, nestedOnly: false, description: label });
    return {
      functions,
      values: valueArguments(current.arguments),
      description: description ?? label,
      valueDescription: label,
      root: current,
    };
  }
  const calleeName = staticName(callee);
  const rootLabel = calleeName ? `the floating promise of ${calleeName}()` : 'a floating promise';
  if (isPromiseJoin(callee)) {
    // `void Promise.all([audit(c), …])`: every joined promise floats with it.
    const joinLabel = `a floating Promise.${calleeName}()`;
    const values: TSESTree.Expression[] = [];
    for (const element of joinedElements(current, findVariable)) {
      const part = floatingParts(element, findVariable);
      functions.push(...part.functions);
      values.push(...part.values);
    }
    return { functions, values, description: description ?? joinLabel, valueDescription: joinLabel, root: current };
  }
  const values = valueArguments(current.arguments);
  if (callee.type === AST_NODE_TYPES.Identifier) {
    const local = localFunction(callee, findVariable);
    if (local) functions.push({ node: local, startsSynchronously: true, nestedOnly: false, description: rootLabel });
    // A function the handler was handed (Koa's `next`) is itself what the floating promise runs.
    else if (isParameter(callee, findVariable)) values.push(callee);
  }
  functions.push(...describedAs(deferredFunctionArguments(current.arguments, findVariable), rootLabel));
  return {
    functions,
    values,
    description: description ?? rootLabel,
    valueDescription: rootLabel,
    root: current,
  };
}

function describedAs(functions: DeferredFunction[], description: string): DeferredFunction[] {
  return functions.map(fn => ({ ...fn, description }));
}

/** The same work under one description: the deferral's own. */
function withoutOwnDescription(functions: readonly DeferredFunction[]): DeferredFunction[] {
  return functions.map(fn => ({ ...fn, description: undefined }));
}

/** The promises a join waits for: an array literal's elements, or what a local array collected (`tasks.push(audit(c))`). */
function joinedElements(call: TSESTree.CallExpression, findVariable: FindVariable): TSESTree.Node[] {
  const list = call.arguments[0] && skipTransparent(call.arguments[0]);
  if (list?.type === AST_NODE_TYPES.Identifier) return collectedElements(list, findVariable);
  if (list?.type !== AST_NODE_TYPES.ArrayExpression) return [];
  return arrayElements(list);
}

function arrayElements(list: TSESTree.ArrayExpression): TSESTree.Node[] {
  return list.elements.flatMap(element => (element && element.type !== AST_NODE_TYPES.SpreadElement ? [element] : []));
}

/**
 * `const tasks = []; tasks.push(audit(c)); waitUntil(Promise.all(tasks))`:
 * the elements of a local array's initializer and of its `push` calls.
 */
function collectedElements(identifier: TSESTree.Identifier, findVariable: FindVariable): TSESTree.Node[] {
  const variable = findVariable(identifier);
  const declarator = variable?.defs.length === 1 ? variable.defs[0].node : undefined;
  if (!variable || declarator?.type !== AST_NODE_TYPES.VariableDeclarator) return [];
  const init = declarator.init && skipTransparent(declarator.init);
  const elements = init?.type === AST_NODE_TYPES.ArrayExpression ? arrayElements(init) : [];
  for (const reference of variable.references) {
    const member = reference.identifier.parent;
    const push = member?.parent;
    if (
      member?.type === AST_NODE_TYPES.MemberExpression &&
      member.object === reference.identifier &&
      staticName(member) === 'push' &&
      push?.type === AST_NODE_TYPES.CallExpression &&
      push.callee === member
    ) {
      elements.push(...push.arguments.filter(argument => argument.type !== AST_NODE_TYPES.SpreadElement));
    }
  }
  return elements;
}

/** Functions passed as arguments (inline, or local functions by name); they run when the work runs. */
function deferredFunctionArguments(args: readonly TSESTree.Node[], findVariable: FindVariable): DeferredFunction[] {
  const functions: DeferredFunction[] = [];
  for (const arg of args) {
    const node = skipTransparent(arg);
    if (isFunctionNode(node)) functions.push({ node, startsSynchronously: false, nestedOnly: false });
    else if (node.type === AST_NODE_TYPES.Identifier) {
      const local = localFunction(node, findVariable);
      if (local) functions.push({ node: local, startsSynchronously: false, nestedOnly: false });
    }
  }
  return functions;
}

function isFunctionLike(arg: TSESTree.Node, findVariable: FindVariable): boolean {
  const node = skipTransparent(arg);
  return isFunctionNode(node) || (node.type === AST_NODE_TYPES.Identifier && localFunction(node, findVariable) !== undefined);
}

/** Arguments passed as data: everything but functions and spread of unknowns. */
function valueArguments(args: readonly TSESTree.Node[]): TSESTree.Expression[] {
  const values: TSESTree.Expression[] = [];
  for (const arg of args) {
    const node = arg.type === AST_NODE_TYPES.SpreadElement ? arg.argument : arg;
    if (!isFunctionNode(skipTransparent(node))) values.push(node as TSESTree.Expression);
  }
  return values;
}

function isTimerCallee(callee: TSESTree.Node, name: string, findVariable: FindVariable): boolean {
  if (callee.type === AST_NODE_TYPES.Identifier) {
    if (name === 'nextTick') return importedFrom(callee, ['process', 'node:process'], findVariable);
    const variable = findVariable(callee);
    // A global, or imported from node:timers (not node:timers/promises, whose timers return promises).
    return !variable || variable.defs.length === 0 || importedFrom(callee, [...TIMER_MODULES], findVariable);
  }
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
  const object = skipTransparent(callee.object);
  if (object.type !== AST_NODE_TYPES.Identifier) return false;
  if (name === 'nextTick') return object.name === 'process';
  return GLOBAL_OBJECTS.has(object.name) || (object.name === 'timers' && importedFrom(object, [...TIMER_MODULES], findVariable));
}

function isBackgroundCallee(callee: TSESTree.Node, background: BackgroundApiMatch, findVariable: FindVariable): boolean {
  if (callee.type === AST_NODE_TYPES.MemberExpression) return background.method;
  if (callee.type !== AST_NODE_TYPES.Identifier) return false;
  return background.packages.length > 0 && importedFrom(callee, background.packages, findVariable);
}

function isErrorFirst(fn: FunctionNode): boolean {
  const first = fn.params[0];
  return fn.params.length >= 1 && first?.type === AST_NODE_TYPES.Identifier && ERROR_PARAMETER.test(first.name);
}
