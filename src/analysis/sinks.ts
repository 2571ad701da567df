import type { TSESLint } from '@typescript-eslint/utils';

import { AST_NODE_TYPES, ASTUtils, type TSESTree } from '@typescript-eslint/utils';

import { type FunctionNode, isFunctionNode, skipTransparent, staticName } from './ast.js';
import { DefinitionType } from './definition-type.js';

/** The families of deferred work, each switchable with the `sinkFamilies` option. */
export type SinkFamily = 'timers' | 'promises' | 'listeners' | 'callbacks' | 'background' | 'sinks';

export const SINK_FAMILIES: readonly SinkFamily[] = ['timers', 'promises', 'listeners', 'callbacks', 'background', 'sinks'];

export interface DeferredFunction {
  readonly node: FunctionNode;
  /** The function is invoked now and only its code after the first `await` is deferred (async IIFE, unawaited async call). */
  readonly startsSynchronously: boolean;
  /** Only the functions nested inside run later (`new Promise` executors run synchronously). */
  readonly nestedOnly: boolean;
  /** How this part of the work is described, when it differs from the deferral's `sink`. */
  readonly sink?: string;
}

/** Work that may run after the request scope has ended. */
export interface Deferral {
  readonly family: SinkFamily;
  /** Human description used in messages: "a setTimeout callback". */
  readonly sink: string;
  /** The call that schedules the work (or the floating expression). */
  readonly node: TSESTree.Node;
  readonly functions: readonly DeferredFunction[];
  /** Expressions handed to the work as data (`setTimeout(f, 0, c)`, `void send(c)`). */
  readonly values: readonly TSESTree.Expression[];
  /** How the work that receives `values` is described, when it differs from `sink`. */
  readonly valueSink?: string;
  /** Runs more than once (`setInterval`, listeners on long-lived emitters). */
  readonly repeating: boolean;
  /** For floating promises: the expression that must be promise-typed for this to be a deferral. */
  readonly promiseExpression?: TSESTree.Expression;
  /** The call that spawns the work, matched against `safeSinks`. */
  readonly spawningCall?: TSESTree.CallExpression | TSESTree.NewExpression;
  /** Listener receiver: listeners on the request's own objects are exempt. */
  readonly listenerReceiver?: TSESTree.Expression;
  /** Background API name (`waitUntil`, `after`). */
  readonly backgroundApi?: string;
  /** A type check that must also pass; run only once the work is known to capture a context. */
  readonly confirm?: () => boolean;
}

const TIMERS: Record<string, { label: string; firstValueArgument: number; repeating: boolean }> = {
  setTimeout: { label: 'a setTimeout callback', firstValueArgument: 2, repeating: false },
  setInterval: { label: 'a setInterval callback', firstValueArgument: 2, repeating: true },
  setImmediate: { label: 'a setImmediate callback', firstValueArgument: 1, repeating: false },
  queueMicrotask: { label: 'a queueMicrotask callback', firstValueArgument: Infinity, repeating: false },
  nextTick: { label: 'a process.nextTick callback', firstValueArgument: 1, repeating: false },
};

const TIMER_MODULES = new Set(['timers', 'node:timers']);
const GLOBAL_OBJECTS = new Set(['globalThis', 'window', 'self', 'global']);

const LISTENER_METHODS = new Set([
  'on', 'once', 'addListener', 'prependListener', 'prependOnceListener', 'addEventListener',
]);

const PROMISE_CALLBACK_METHODS = new Set(['then', 'catch', 'finally']);

const ERROR_PARAMETER = /^(?:err|error)$/i;

/** Callbacks of these methods run synchronously or belong to promise chains, never error-first APIs. */
const NOT_ERROR_FIRST_METHODS = new Set([
  'forEach', 'map', 'filter', 'some', 'every', 'find', 'findIndex', 'findLast', 'findLastIndex', 'reduce',
  'reduceRight', 'flatMap', 'sort', 'then', 'catch', 'finally', 'use', 'onError', 'setErrorHandler',
]);

/** Looks up a variable by name from the scope of `node`. */
export type FindVariable = (node: TSESTree.Identifier) => TSESLint.Scope.Variable | null;

/**
 * Recognises the deferral a call schedules, from syntax alone: timers, listeners,
 * error-first callbacks, background APIs. Type checks come later, and only for
 * deferrals that capture something.
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
      sink: timer.label,
      node: call,
      functions: deferredFunctionArguments(first ? [first] : [], findVariable, false),
      values: valueArguments(call.arguments.slice(Math.min(timer.firstValueArgument, call.arguments.length))).concat(
        first && !isFunctionLike(first, findVariable) ? valueArguments([first]) : [],
      ),
      repeating: timer.repeating,
      spawningCall: call,
    };
  }

  if (callee.type === AST_NODE_TYPES.MemberExpression && LISTENER_METHODS.has(name)) {
    const handler = call.arguments[1];
    if (!handler) return undefined;
    const functions = deferredFunctionArguments([handler], findVariable, false);
    if (functions.length === 0) return undefined;
    const event = call.arguments[0];
    const eventName = event?.type === AST_NODE_TYPES.Literal ? String(event.value) : undefined;
    return {
      family: 'listeners',
      sink: eventName ? `a '${eventName}' listener` : `a listener registered with ${name}()`,
      node: call,
      functions,
      values: [],
      repeating: name !== 'once' && name !== 'prependOnceListener',
      spawningCall: call,
      listenerReceiver: callee.object,
    };
  }

  const background = backgroundApis.get(name);
  if (background && isBackgroundCallee(callee, background, findVariable)) {
    const work = call.arguments[0];
    if (!work || work.type === AST_NODE_TYPES.SpreadElement) return undefined;
    const inner = floatingParts(work, findVariable);
    return {
      family: 'background',
      sink: name === 'after' ? 'an after() callback' : 'work registered with waitUntil()',
      node: call,
      // Registered work is described as such, not as the floating parts it is made of.
      functions: [...deferredFunctionArguments([work], findVariable, false), ...unlabelled(inner.functions)],
      values: inner.values,
      repeating: false,
      spawningCall: call,
      backgroundApi: name,
    };
  }

  const last = call.arguments.at(-1);
  if (last && isFunctionNode(last) && isErrorFirst(last) && !NOT_ERROR_FIRST_METHODS.has(name)) {
    return {
      family: 'callbacks',
      sink: `an error-first callback of ${name}()`,
      node: call,
      functions: [{ node: last, startsSynchronously: false, nestedOnly: false }],
      values: [],
      repeating: false,
      spawningCall: call,
    };
  }
  return undefined;
}

/** A call to a configured sink (job queue adder): callbacks and values passed to it run later. */
export function deferralOfSinkCall(call: TSESTree.CallExpression | TSESTree.NewExpression, findVariable: FindVariable): Deferral {
  const name = staticName(call.callee) ?? 'a configured sink';
  return {
    family: 'sinks',
    sink: `work passed to ${name}()`,
    node: call,
    functions: deferredFunctionArguments(call.arguments, findVariable, false),
    values: valueArguments(call.arguments),
    repeating: false,
    spawningCall: call,
  };
}

/**
 * A promise-valued expression that nothing waits for: the deferred callbacks of
 * its `.then/.catch/.finally` chain, an async IIFE body, a `new Promise`
 * executor's nested callbacks, and the values passed to the root call.
 * Whether the expression really is a promise is checked later, by type.
 */
export function floatingDeferral(expression: TSESTree.Expression, findVariable: FindVariable): Deferral | undefined {
  let target = skipTransparent(expression);
  if (target.type === AST_NODE_TYPES.UnaryExpression && target.operator === 'void') target = skipTransparent(target.argument);
  if (target.type !== AST_NODE_TYPES.CallExpression && target.type !== AST_NODE_TYPES.NewExpression) return undefined;
  const parts = floatingParts(target, findVariable);
  if (parts.functions.length === 0 && parts.values.length === 0) return undefined;
  return {
    family: 'promises',
    sink: parts.sink,
    node: target,
    functions: parts.functions,
    values: parts.values,
    repeating: false,
    valueSink: parts.valueSink,
    promiseExpression: target as TSESTree.Expression,
    spawningCall: parts.root,
  };
}

interface FloatingParts {
  functions: DeferredFunction[];
  values: TSESTree.Expression[];
  sink: string;
  /** The sink as seen by values passed to the root call. */
  valueSink?: string;
  root?: TSESTree.CallExpression | TSESTree.NewExpression;
}

function floatingParts(expression: TSESTree.Node, findVariable: FindVariable): FloatingParts {
  const functions: DeferredFunction[] = [];
  let current = skipTransparent(expression);
  let sink: string | undefined;
  // .then/.catch/.finally callbacks of the chain run after the promise settles.
  while (
    current.type === AST_NODE_TYPES.CallExpression &&
    current.callee.type === AST_NODE_TYPES.MemberExpression &&
    PROMISE_CALLBACK_METHODS.has(staticName(current.callee) ?? '')
  ) {
    const label = `a .${staticName(current.callee)}() callback of a floating promise`;
    functions.push(...labelled(deferredFunctionArguments(current.arguments, findVariable, false), label));
    sink ??= label;
    current = skipTransparent(current.callee.object);
  }
  if (current.type === AST_NODE_TYPES.NewExpression) {
    const executor = current.arguments[0];
    const label = 'a floating new Promise()';
    if (isFunctionNode(executor)) functions.push({ node: executor, startsSynchronously: true, nestedOnly: true, sink: label });
    return { functions, values: [], sink: sink ?? label, root: current };
  }
  if (current.type !== AST_NODE_TYPES.CallExpression) return { functions, values: [], sink: sink ?? 'a floating promise' };
  const callee = skipTransparent(current.callee);
  if (isFunctionNode(callee)) {
    // Async IIFE: its body runs now up to the first await, the rest later.
    const label = 'a floating async IIFE';
    functions.push({ node: callee, startsSynchronously: true, nestedOnly: false, sink: label });
    return { functions, values: valueArguments(current.arguments), sink: sink ?? label, valueSink: label, root: current };
  }
  const calleeName = staticName(callee);
  const rootLabel = calleeName ? `the floating promise of ${calleeName}()` : 'a floating promise';
  if (isPromiseJoin(callee)) {
    // `void Promise.all([audit(c), …])`: every joined promise floats with it.
    const joinLabel = `a floating Promise.${calleeName}()`;
    const values: TSESTree.Expression[] = [];
    for (const element of joinedElements(current)) {
      const part = floatingParts(element, findVariable);
      functions.push(...part.functions);
      values.push(...part.values);
    }
    return { functions, values, sink: sink ?? joinLabel, valueSink: joinLabel, root: current };
  }
  if (callee.type === AST_NODE_TYPES.Identifier) {
    const local = localFunction(callee, findVariable);
    if (local) functions.push({ node: local, startsSynchronously: true, nestedOnly: false, sink: rootLabel });
  }
  functions.push(...labelled(deferredFunctionArguments(current.arguments, findVariable, false), rootLabel));
  return { functions, values: valueArguments(current.arguments), sink: sink ?? rootLabel, valueSink: rootLabel, root: current };
}

function labelled(functions: DeferredFunction[], sink: string): DeferredFunction[] {
  return functions.map(fn => ({ ...fn, sink }));
}

/** The same work under one description: the deferral's own `sink`. */
export function unlabelled(functions: readonly DeferredFunction[]): DeferredFunction[] {
  return functions.map(fn => ({ ...fn, sink: undefined }));
}

const JOIN_METHODS = new Set(['all', 'allSettled', 'race', 'any']);

/** `Promise.all/allSettled/race/any` as a callee. */
export function isPromiseJoin(callee: TSESTree.Node): boolean {
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
  const object = skipTransparent(callee.object);
  return object.type === AST_NODE_TYPES.Identifier && object.name === 'Promise' && JOIN_METHODS.has(staticName(callee) ?? '');
}

function joinedElements(call: TSESTree.CallExpression): TSESTree.Node[] {
  const list = call.arguments[0] && skipTransparent(call.arguments[0]);
  if (list?.type !== AST_NODE_TYPES.ArrayExpression) return [];
  return list.elements.flatMap(element => (element && element.type !== AST_NODE_TYPES.SpreadElement ? [element] : []));
}

function deferredFunctionArguments(
  args: readonly TSESTree.Node[],
  findVariable: FindVariable,
  startsSynchronously: boolean,
): DeferredFunction[] {
  const functions: DeferredFunction[] = [];
  for (const arg of args) {
    const node = skipTransparent(arg);
    if (isFunctionNode(node)) functions.push({ node, startsSynchronously, nestedOnly: false });
    else if (node.type === AST_NODE_TYPES.Identifier) {
      const local = localFunction(node, findVariable);
      if (local) functions.push({ node: local, startsSynchronously, nestedOnly: false });
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

/** A function declared in this file and referenced by name: `function log() {}` or `const log = () => {}`. */
export function localFunction(identifier: TSESTree.Identifier, findVariable: FindVariable): FunctionNode | undefined {
  const variable = findVariable(identifier);
  const def = variable?.defs[0];
  if (!def || variable.defs.length !== 1) return undefined;
  if (def.type === DefinitionType.FunctionName && isFunctionNode(def.node)) return def.node;
  if (def.type === DefinitionType.Variable && def.node.type === AST_NODE_TYPES.VariableDeclarator && def.parent?.kind === 'const') {
    const init = def.node.init && skipTransparent(def.node.init);
    if (isFunctionNode(init)) return init;
  }
  return undefined;
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

/** How a background API is called: as a method on any receiver, and/or as a function imported from packages. */
export interface BackgroundApiMatch {
  readonly method: boolean;
  readonly packages: readonly string[];
}

function isBackgroundCallee(callee: TSESTree.Node, background: BackgroundApiMatch, findVariable: FindVariable): boolean {
  if (callee.type === AST_NODE_TYPES.MemberExpression) return background.method;
  if (callee.type !== AST_NODE_TYPES.Identifier) return false;
  return background.packages.length > 0 && importedFrom(callee, background.packages, findVariable);
}

/** True when `identifier` resolves to an import from one of `sources`. */
export function importedFrom(identifier: TSESTree.Identifier, sources: readonly string[], findVariable: FindVariable): boolean {
  const def = findVariable(identifier)?.defs[0];
  return (
    def?.type === DefinitionType.ImportBinding &&
    def.parent?.type === AST_NODE_TYPES.ImportDeclaration &&
    sources.includes(def.parent.source.value)
  );
}

function isErrorFirst(fn: FunctionNode): boolean {
  const first = fn.params[0];
  return fn.params.length >= 1 && first?.type === AST_NODE_TYPES.Identifier && ERROR_PARAMETER.test(first.name);
}

/** Finds the variable an identifier refers to, from its own scope. */
export function variableFinder(sourceCode: Readonly<TSESLint.SourceCode>): FindVariable {
  return identifier => ASTUtils.findVariable(sourceCode.getScope(identifier), identifier);
}
