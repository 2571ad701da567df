import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { AST_NODE_TYPES } from '@typescript-eslint/utils';

import type { FunctionNode } from './ast.js';
import type { FindVariable } from './scope.js';

import { ABORT_HOOKS, LATE_CALLBACK_METHODS, SYNCHRONOUS_CALLBACK_METHODS } from '../presets/index.js';
import {
  ARRAY_CALLBACK_METHODS,
  contains,
  firstSuspension,
  isAssignmentTarget,
  isFunctionNode,
  skipTransparent,
  staticName,
} from './ast.js';
import { LATE_CALLBACK_NAMES } from './deferrals.js';
import { localFunction } from './scope.js';

/**
 * What does this function do with each parameter? Function summaries let the
 * escape analysis see through the helpers a handler hands its context or its
 * callbacks to, for functions declared in the same file with a body.
 *
 * A summary is computed from syntax and scope alone (no type query), lazily,
 * and cached per function node in a `WeakMap`, so it lives exactly as long as
 * the program's AST. The work is bounded:
 *
 * - depth: a summary follows a parameter into at most {@link MAX_DEPTH}
 *   nested helpers (`ping(c)` → `log(c)` → …); deeper, or a recursive cycle,
 *   makes the parameter opaque;
 * - work: at most {@link MAX_USES} uses are recorded per parameter, and a
 *   parameter with more is opaque.
 *
 * An opaque parameter (stored, returned, captured by a function the summary
 * does not follow, handed to code without a body) tells the caller to keep
 * its own judgement: the rules then behave as they do without summaries.
 *
 * ```ts
 * async function ping(c: Context, url: string) { await fetch(url); log(c.req.raw); }
 * summaryOf(ping, sourceCode).parameters[0].uses[0] // { text: 'c.req.raw', late: 'after its first `await`', … }
 * ```
 */
export interface FunctionSummary {
  readonly name: string;
  readonly parameters: readonly ParameterSummary[];
}

/** Nested helpers a parameter is followed into. */
export const MAX_DEPTH = 3;
/** Uses recorded per parameter before it is given up as opaque. */
export const MAX_USES = 64;

export interface ParameterSummary {
  /** The parameter is used in a way the summary does not follow; callers keep their own judgement. */
  readonly opaque: boolean;
  /** Every use of the parameter, its own and those of the helpers it is passed to. */
  readonly uses: readonly ParameterUse[];
  /** An abort hook (uWS `res.onAborted(…)`, from the presets) is registered on it before the function first suspends. */
  readonly registersAbortHook: boolean;
  /**
   * When the parameter, as a callback, is called: `now` (before the function
   * returns), `before-settle` (in the body of an async function, possibly
   * after an `await`: before its promise settles), `later` (from a callback
   * of its own), `never`; `unknown` when it is handed on.
   */
  readonly invocation: Invocation;
}

export type Invocation = 'now' | 'before-settle' | 'later' | 'never' | 'unknown';

/** One use of a parameter, in the summarised function or in a helper it is passed to. */
export interface ParameterUse {
  /** The identifier referring to the parameter (in the function that uses it). */
  readonly identifier: TSESTree.Identifier;
  /** The use, as written: `c.req.raw`, `res.end()` for `res.end(body)`. */
  readonly text: string;
  /** What the use does: reads a member, writes one (`ctx.status = 500`), or calls a method (`res.end()`). */
  readonly verb: 'reads' | 'writes' | 'calls' | 'returns';
  /** When it runs after the function's start: "after its first `await`", "inside a .then() callback"; `undefined` if synchronously. */
  readonly late: string | undefined;
  /** The helpers the parameter went through to reach the use, outermost first: `['log']`. */
  readonly via: readonly string[];
}

/** What a summary reads: the file's source (scopes, visitor keys) and its variable lookup. */
export interface SummaryEnvironment {
  readonly sourceCode: Readonly<TSESLint.SourceCode>;
  readonly findVariable: FindVariable;
}

const cache = new WeakMap<FunctionNode, FunctionSummary>();
const inProgress = new WeakSet<FunctionNode>();

const OPAQUE: ParameterSummary = { opaque: true, uses: [], registersAbortHook: false, invocation: 'unknown' };

/**
 * The summary of `fn`, computed once per function node.
 *
 * ```ts
 * function trySafe(work, onError) { try { return work(); } catch (e) { onError(e); } }
 * summaryOf(trySafe, env).parameters[1].invocation // 'now'
 * ```
 */
export function summaryOf(fn: FunctionNode, env: SummaryEnvironment, depth = 0): FunctionSummary {
  const cached = cache.get(fn);
  if (cached) return cached;
  // A cycle, or a chain deeper than the bound: every parameter is opaque (not cached, a shallower call may do better).
  if (inProgress.has(fn) || depth > MAX_DEPTH) return { name: functionName(fn), parameters: fn.params.map(() => OPAQUE) };
  inProgress.add(fn);
  try {
    const suspension = firstSuspension(fn, env.sourceCode.visitorKeys);
    const parameters = fn.params.map(param => summarizeParameter(fn, param, suspension?.offset ?? Infinity, env, depth));
    const summary = { name: functionName(fn), parameters };
    if (depth === 0 || !parameters.some(parameter => parameter === OPAQUE)) cache.set(fn, summary);
    return summary;
  } finally {
    inProgress.delete(fn);
  }
}

/**
 * The local function called by `call` (same file, with a body), and the
 * summary of the parameter that receives `argument`.
 *
 * ```ts
 * parameterReceiving(argument c of `ping(c, url)`, env) // { fn: ping, summary: ping's first parameter }
 * ```
 */
export function parameterReceiving(
  argument: TSESTree.Node,
  env: SummaryEnvironment,
): { readonly call: TSESTree.CallExpression; readonly callee: string; readonly summary: ParameterSummary } | undefined {
  const node = argument;
  const call = node.parent;
  if (call?.type !== AST_NODE_TYPES.CallExpression) return undefined;
  const index = call.arguments.indexOf(node as TSESTree.CallExpressionArgument);
  if (index < 0 || call.arguments.slice(0, index).some(arg => arg.type === AST_NODE_TYPES.SpreadElement)) return undefined;
  const fn = calledFunction(call, env.findVariable);
  if (!fn) return undefined;
  const param = fn.params[index];
  if (!param) return undefined;
  return { call, callee: functionName(fn), summary: summaryOf(fn, env).parameters[index] };
}

/** `helper(…)` where `helper` is a function of this file with a body. */
export function calledFunction(call: TSESTree.CallExpression, findVariable: FindVariable): FunctionNode | undefined {
  const callee = skipTransparent(call.callee);
  return callee.type === AST_NODE_TYPES.Identifier ? localFunction(callee, findVariable) : undefined;
}

/** The first use that runs late: after the function's first suspension, or in a callback that runs after it returned. */
export function firstLateUse(summary: ParameterSummary): ParameterUse | undefined {
  return summary.uses.find(use => use.late !== undefined);
}

/** "`ping()` reads `c.req.raw` after its first `await`": what a helper does late with what it is handed. */
export function describeLateUse(callee: string, use: ParameterUse): string {
  const through = use.via.length > 0 ? ` (through \`${use.via.join('()`, `')}()\`)` : '';
  return `\`${callee}()\`${through} ${use.verb} \`${use.text}\` ${use.late ?? ''}`.trimEnd();
}

function summarizeParameter(
  fn: FunctionNode,
  param: TSESTree.Parameter,
  suspended: number,
  env: SummaryEnvironment,
  depth: number,
): ParameterSummary {
  if (param.type !== AST_NODE_TYPES.Identifier) return OPAQUE;
  // Parameters are declared by their function.
  const variable = env.sourceCode.scopeManager?.getDeclaredVariables(fn).find(declared => declared.defs.some(def => def.name === param));
  if (!variable) return OPAQUE;
  const uses: ParameterUse[] = [];
  let registersAbortHook = false;
  let invocation: Invocation = 'never';
  for (const reference of variable.references) {
    const identifier = reference.identifier as TSESTree.Identifier;
    if (identifier === param || reference.init) continue;
    if (reference.isWrite()) return OPAQUE;
    const late = lateness(identifier, fn, suspended);
    if (late === OPAQUE_USE) return OPAQUE;
    const parent = identifier.parent;
    // `onError(e)`: the parameter is a callback, called here.
    if (parent?.type === AST_NODE_TYPES.CallExpression && parent.callee === identifier) {
      invocation = laterOf(invocation, late === undefined ? 'now' : late === AFTER_AWAIT && fn.async ? 'before-settle' : 'later');
      continue;
    }
    // `c.req.raw`, `res.end(body)`: a member use.
    if (parent?.type === AST_NODE_TYPES.MemberExpression && parent.object === identifier) {
      if (late === undefined && ABORT_HOOKS.has(staticName(parent) ?? '') && parent.parent?.type === AST_NODE_TYPES.CallExpression) {
        registersAbortHook = true;
      }
      const use = useText(identifier);
      // `await request.text()`: the read itself runs until the awaited promise settles.
      uses.push({ identifier, text: use.text, verb: use.verb, late: late ?? (use.awaited ? AWAITED : undefined), via: [] });
      continue;
    }
    // `return res`: handed back to the caller, who judges what it does with the value on its own.
    if ((parent?.type === AST_NODE_TYPES.ReturnStatement && parent.argument === identifier) || (parent === fn && fn.body === identifier)) {
      uses.push({ identifier, text: identifier.name, verb: 'returns', late, via: [] });
      continue;
    }
    // `log(c)`: handed to another helper of the file, followed within the bounds.
    const received = parent?.type === AST_NODE_TYPES.CallExpression ? receivingParameter(identifier, env, depth) : undefined;
    if (!received || received.summary.opaque || received.summary.invocation !== 'never') return OPAQUE;
    if (late === undefined && received.summary.registersAbortHook) registersAbortHook = true;
    for (const inner of received.summary.uses) {
      uses.push({ ...inner, late: late ?? inner.late, via: [received.callee, ...inner.via] });
    }
    if (uses.length > MAX_USES) return OPAQUE;
  }
  if (uses.length > MAX_USES) return OPAQUE;
  return { opaque: false, uses, registersAbortHook, invocation };
}

function receivingParameter(
  identifier: TSESTree.Identifier,
  env: SummaryEnvironment,
  depth: number,
): { callee: string; summary: ParameterSummary } | undefined {
  const call = identifier.parent as TSESTree.CallExpression;
  const index = call.arguments.indexOf(identifier);
  if (index < 0 || call.arguments.slice(0, index).some(arg => arg.type === AST_NODE_TYPES.SpreadElement)) return undefined;
  const fn = calledFunction(call, env.findVariable);
  if (!fn || !fn.params[index]) return undefined;
  return { callee: functionName(fn), summary: summaryOf(fn, env, depth + 1).parameters[index] };
}

const AFTER_AWAIT = 'after its first `await`';
const AWAITED = 'and awaits it';
const OPAQUE_USE = Symbol('opaque use');

/**
 * When a use inside `fn` runs: synchronously (`undefined`), after the first
 * suspension, inside a late callback; or `OPAQUE_USE` inside a nested
 * function the summary cannot place in time.
 */
function lateness(identifier: TSESTree.Node, fn: FunctionNode, suspended: number): string | undefined | typeof OPAQUE_USE {
  let late: string | undefined = identifier.range[0] >= suspended ? AFTER_AWAIT : undefined;
  for (let node = identifier.parent; node && node !== fn; node = node.parent) {
    if (!isFunctionNode(node)) continue;
    const call = node.parent;
    if (call?.type !== AST_NODE_TYPES.CallExpression) return OPAQUE_USE;
    // Closures created after the first await can only run after it too; otherwise by how the callback is called.
    if (skipTransparent(call.callee) === node && !node.async) continue;
    if (!call.arguments.includes(node as TSESTree.CallExpressionArgument)) return OPAQUE_USE;
    const method = staticName(call.callee) ?? '';
    if ((ARRAY_CALLBACK_METHODS.has(method) || SYNCHRONOUS_CALLBACK_METHODS.has(method)) && !node.async) continue;
    // The callback decides, even after the first await: it runs after the function's promise settles.
    if (LATE_CALLBACK_NAMES.has(method) || LATE_CALLBACK_METHODS.has(method)) late = `inside a ${method}() callback`;
    else return OPAQUE_USE;
  }
  return late;
}

const INVOCATION_ORDER: readonly Invocation[] = ['never', 'now', 'before-settle', 'later', 'unknown'];

function laterOf(a: Invocation, b: Invocation): Invocation {
  return INVOCATION_ORDER.indexOf(a) >= INVOCATION_ORDER.indexOf(b) ? a : b;
}

/**
 * `c.req.raw` from `c` in `c.req.raw.url` (at most three members, up to a
 * call or a computed member), `res.end()` from `res.end(body)`, `ctx.status`
 * written in `ctx.status = 500`.
 */
function useText(identifier: TSESTree.Identifier): { text: string; verb: ParameterUse['verb']; awaited?: boolean } {
  const names = [identifier.name];
  let node: TSESTree.Node = identifier;
  while (
    node.parent?.type === AST_NODE_TYPES.MemberExpression &&
    node.parent.object === node &&
    !node.parent.computed &&
    names.length < 4
  ) {
    names.push(staticName(node.parent) ?? '');
    node = node.parent;
  }
  const text = names.join('.');
  const parent = node.parent;
  if (parent?.type === AST_NODE_TYPES.CallExpression && parent.callee === node) {
    return { text: `${text}()`, verb: 'calls', awaited: parent.parent?.type === AST_NODE_TYPES.AwaitExpression };
  }
  return { text, verb: isAssignmentTarget(node) ? 'writes' : 'reads' };
}

/** The name a function is called by: `ping` for `function ping() {}` or `const ping = () => {}`. */
function functionName(fn: FunctionNode): string {
  if (fn.id) return fn.id.name;
  const parent = fn.parent;
  if (parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.id.type === AST_NODE_TYPES.Identifier) return parent.id.name;
  return 'the function';
}

/** Whether `node` is inside `fn`'s own body (not in the parameters). */
export function insideBody(fn: FunctionNode, node: TSESTree.Node): boolean {
  return contains(fn.body, node);
}
