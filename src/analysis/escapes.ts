import type { ParserServicesWithTypeInformation, TSESLint, TSESTree } from '@typescript-eslint/utils';
import type { RuleContext, SourceCode } from '@typescript-eslint/utils/ts-eslint';

import { AST_NODE_TYPES } from '@typescript-eslint/utils';

import type { RequestFunction } from '../presets/index.js';
import type { FunctionNode } from './ast.js';
import type { Capture } from './captures.js';
import type { ContextResolver, ResolvedKind } from './contexts.js';
import type { BackgroundApiMatch, Deferral } from './deferrals.js';
import type { HeldUse } from './held.js';
import type { KindedCapture, UnguardedWrite } from './responses.js';
import type { FindVariable } from './scope.js';
import type { Settings } from './settings.js';

import { DEFAULT_JOB_RUNNERS, packagesOfSuspendSensitiveKinds } from '../presets/index.js';
import { contains, enclosingFunction, firstSuspension, staticName } from './ast.js';
import { capturesOf } from './captures.js';
import { createContextResolver } from './contexts.js';
import { backgroundApiTable, deferralOfCall, deferralOfSinkCall, LATE_CALLBACK_NAMES, spawningCallOf } from './deferrals.js';
import { isBoundedOrJoined } from './exemptions.js';
import { exportedNames } from './handlers.js';
import { findHeldUses } from './held.js';
import { declaredNotPromise, declaredPromise, isAwaitedOrJoined, isPromiseTyped } from './promises.js';
import {
  missesAbortHandler,
  pendingResponseHandlers,
  registersAbortHandlerBefore,
  responseSentOutside,
  unguardedLateWrites,
} from './responses.js';
import { declaringHandler, variableFinder } from './scope.js';
import { calledFunction, describeLateUse, firstLateUse, parameterReceiving, summaryOf } from './summaries.js';
import { describeCallback, importsAnyOf, lateReferences } from './suspension.js';
import { calleeMatchesSpecifiers, specifierNames } from './types.js';
import { captureWrites, firstUnsafeReference, isUnsafeMemberPath, isUnsafeUse, writesThroughRequestFunction } from './uses.js';

type Variable = TSESLint.Scope.Variable;

/**
 * What a rule needs to analyse one file: its source, types, settings and the
 * context resolver, created once per file in `create()`.
 */
export interface Analysis {
  readonly sourceCode: Readonly<SourceCode>;
  readonly services: ParserServicesWithTypeInformation;
  readonly settings: Settings;
  readonly filename: string;
  readonly findVariable: FindVariable;
  readonly resolver: ContextResolver;
  readonly backgroundApis: ReadonlyMap<string, BackgroundApiMatch>;
  /** Names of configured sinks and safe sinks, to screen calls by syntax before their callee's type is checked. */
  readonly sinkNames: ReadonlySet<string>;
  readonly safeSinkNames: ReadonlySet<string>;
  /**
   * References already part of an escape, so that a use reached by nested or
   * overlapping work (`setTimeout(() => void send(c))`) is reported once.
   */
  readonly claimed: Set<TSESTree.Node>;
  /** Whether this file can hold contexts that go stale at a handler's first `await` (computed once). */
  mayHoldSuspendSensitiveContexts(): boolean;
}

/** The analysis of the file `context` lints, with the resolved `settings`. */
export function createAnalysis(
  context: Readonly<RuleContext<string, readonly unknown[]>>,
  services: ParserServicesWithTypeInformation,
  settings: Settings,
): Analysis {
  const { sourceCode } = context;
  const findVariable = variableFinder(sourceCode);
  let suspendSensitive: boolean | undefined;
  return {
    sourceCode,
    services,
    settings,
    filename: context.filename,
    findVariable,
    resolver: createContextResolver(services, settings, findVariable),
    backgroundApis: backgroundApiTable(settings.presets),
    sinkNames: specifierNames(settings.sinks),
    safeSinkNames: specifierNames(settings.safeSinks),
    claimed: new Set(),
    mayHoldSuspendSensitiveContexts() {
      suspendSensitive ??= importsAnyOf(sourceCode, packagesOfSuspendSensitiveKinds(settings.presets));
      return suspendSensitive;
    },
  };
}

/** Why a use of a context happens too late. */
export type EscapeCause =
  /** It is reached by deferred work. */
  | { readonly type: 'deferred'; readonly deferral: Deferral }
  /** It runs after the handler's first `await` (uWS `HttpRequest`, or a response without abort handler). */
  | { readonly type: 'after-await' }
  /** It runs in a callback that runs after the handler returned (`.then`, `onData`), for contexts valid only until then. */
  | { readonly type: 'late-callback'; readonly method: string };

/** A request context used where it may no longer be valid: data for a rule to report and fix. */
export interface Escape {
  readonly cause: EscapeCause;
  /** The variable and its late uses (for `argument` captures, the value handed over). */
  readonly capture: Capture;
  readonly kind: ResolvedKind;
  /** Where to report: the first use, or with `reads: 'unsafe-only'` the first unsafe one. */
  readonly site: TSESTree.Identifier;
  /** The handler whose parameter the context is (computed once). */
  readonly handler: FunctionNode | undefined;
  /** Whether the late uses write the context or its response, which copying cannot fix (computed once). */
  readonly writes: boolean;
  /** A response that needs an abort handler (uWS) is used with none registered before. */
  readonly missingAbortHandler: boolean;
  /** For late writes: the handler's own statement that sends the response, which makes the late write a second response. */
  readonly sentBy?: TSESTree.Node;
  /** A response that needs an abort handler is written after async work without checking that it was aborted. */
  readonly unguardedWrite?: boolean;
  /** How the late part is described: "a setTimeout callback", "the rest of the handler". */
  readonly reach: string;
  /** Where the use is, as a phrase: "inside a setTimeout callback", "after the handler's first `await`". */
  readonly where: string;
  /** A copy must be taken before this node: the scheduling call, a local function it schedules, or the first `await`. */
  readonly snapshotBefore: TSESTree.Node;
  /** The deferral, for `cause.type === 'deferred'`. */
  readonly deferral: Deferral | undefined;
  /** What the helper a context is handed to does with it late: "`ping()` reads `c.req.raw` after its first `await`". */
  readonly helper?: string;
}

/** Which uses are reported: every capture, or only accesses the preset marks unsafe after the response. */
export type Reads = 'all' | 'unsafe-only';

/**
 * The deferral a call schedules, by syntax: timers, listeners, callbacks,
 * background APIs, or a call to a configured sink (`queue.add(job)`; its
 * callee's type is checked only once the work captures a context).
 */
export function deferralOfCallExpression(call: TSESTree.CallExpression, analysis: Analysis): Deferral | undefined {
  const deferral = deferralOfCall(call, analysis.findVariable, analysis.backgroundApis);
  if (deferral) return deferral;
  if (analysis.sinkNames.has(staticName(call.callee) ?? '')) return deferralOfSinkCall(call, analysis.findVariable);
  return undefined;
}

/**
 * The escapes of one deferral: deferral → captures → exemptions by syntax →
 * kinds and type checks → lifetime (pending responses, request APIs allowed
 * inside `after()`). Claims the references it returns.
 *
 * ```ts
 * // setTimeout(() => console.log(c.req.url), 10) in a Hono handler
 * findEscapes(deferral, analysis, 'all') // [{ kind: Hono Context, site: c, reach: 'a setTimeout callback', writes: false, … }]
 * ```
 */
export function findEscapes(deferral: Deferral, analysis: Analysis, reads: Reads): Escape[] {
  const { findVariable, resolver, services, settings, sourceCode, claimed } = analysis;
  const captures = capturesOf(deferral, sourceCode, findVariable);
  if (captures.length === 0) return [];
  // Syntax first: bounded and joined work needs no type query at all.
  if (isBoundedOrJoined(deferral, findVariable)) return [];
  // Then declarations: a call declared to return no promise floats nothing.
  if (deferral.family === 'promises' && declaredNotPromise(services, deferral.node)) return [];
  // A callback that the called helper runs before it returns (or before its awaited promise settles) is not deferred.
  const callbackTiming = deferral.family === 'callbacks' ? callbackTimingOf(deferral.node, analysis) : undefined;
  if (callbackTiming === 'joined') return [];
  const candidates: (KindedCapture & { unsafeMember: boolean; helper: string | undefined })[] = [];
  for (const capture of captures) {
    if (capture.references.every(reference => claimed.has(reference))) continue;
    // `waitUntil(ping(c))`: what the helper does with `c` decides (syntax only, so before any type query).
    const received = capture.argument ? parameterReceiving(capture.argument, analysis) : undefined;
    const summary = received && !received.summary.opaque ? received.summary : undefined;
    const lateUse = summary && firstLateUse(summary);
    if (summary?.registersAbortHook) continue;
    let kind = resolver.kindOfVariable(capture.variable);
    if (!kind || resolver.isSnapshotCopy(capture.variable)) continue;
    // A helper done with the context before its first await holds nothing later; on Lambda the floating
    // work itself is frozen with the invocation it was handed, so handing it over stays reported.
    if (summary && !lateUse && summary.invocation === 'never' && kind.lifetime !== 'invocation') continue;
    let unsafeMember = false;
    if (capture.argument && capture.argument.type !== AST_NODE_TYPES.Identifier) {
      // `send(c.req)` hands over the request and `send(c.req.raw)` its stream (an
      // unsafe member of `c`); `send(c.req.url)` a string read now.
      unsafeMember = isUnsafeMemberPath(kind, capture.argument);
      const handedOver = resolver.kindOfExpression(capture.argument);
      if (handedOver) kind = handedOver;
      else if (!unsafeMember) continue;
    }
    candidates.push({
      capture,
      kind,
      unsafeMember,
      helper: received && lateUse ? describeLateUse(received.callee, lateUse) : undefined,
      helperUses: summary?.uses,
    });
  }
  if (candidates.length === 0) return [];
  if (floatsNoPromise(deferral, services)) return [];
  // Types last: an awaited call of a declared function that returns a promise runs its callbacks before the `await` resumes.
  if (callbackTiming === 'joined-if-promise' && isPromiseTyped(services, deferral.node)) return [];
  if (deferral.family === 'sinks' && !isConfirmedSink(deferral.node, analysis)) return [];
  const spawningCall = spawningCallOf(deferral);
  if (spawningCall && analysis.safeSinkNames.has(staticName(spawningCall.callee) ?? '')) {
    if (calleeMatchesSpecifiers(services, spawningCall.callee, settings.safeSinks)) return [];
  }
  // Listeners on the request's own objects end with it.
  const onRequestObject = deferral.family === 'listeners' && resolver.isContextRooted(deferral.receiver);
  const pendingHandlers = pendingResponseHandlers(deferral, candidates, sourceCode);

  const escapes: Escape[] = [];
  for (const { capture, kind, unsafeMember, helper } of candidates) {
    if (kind.lifetime !== 'sync' && onRequestObject) continue;
    const handler = declaringHandler(capture.variable);
    if (handler && kind.lifetime !== 'sync' && pendingHandlers.has(handler)) continue;
    if (kind.requestFunction && isAllowedInside(kind.requestFunction, deferral, analysis)) {
      const writers = kind.requestFunction.writers;
      if (!capture.references.some(reference => writesThroughRequestFunction(reference, writers))) continue;
    }
    const site = reads === 'unsafe-only' && !unsafeMember ? firstUnsafeReference(capture, kind) : capture.references[0];
    if (!site) continue;
    for (const reference of capture.references) claimed.add(reference);
    const writes = captureWrites(capture, kind);
    const reach = describeReach(deferral, capture);
    const sentBy =
      writes && handler && kind.responseWriters
        ? responseSentOutside(handler, capture.variable, kind.responseWriters, deferral.node)
        : undefined;
    escapes.push({
      cause: { type: 'deferred', deferral },
      capture,
      kind,
      site,
      handler,
      writes,
      sentBy,
      missingAbortHandler: writes && missesAbortHandler(capture, kind, deferral.node.range[0], analysis),
      reach,
      where: `inside ${reach}`,
      snapshotBefore: snapshotAnchor(deferral, capture),
      deferral,
      helper,
    });
  }
  return escapes;
}

/**
 * When the callback of `fs.readFile(path, (err, data) => …)`-like calls runs:
 * `joined` when the called helper of this file calls it before returning, or
 * before its promise settles and the call is awaited; `joined-if-promise`
 * when the call is awaited and its callee has no body here (the signature
 * decides: a callback of a call whose promise is awaited runs before the
 * `await` resumes); `deferred` otherwise.
 *
 * ```ts
 * await trySafe(load(), error => { ctx.status = 500; }) // joined
 * ```
 */
function callbackTimingOf(call: TSESTree.CallExpression, analysis: Analysis): 'joined' | 'joined-if-promise' | 'deferred' {
  const awaited = isAwaitedOrJoined(call, analysis.findVariable);
  const fn = calledFunction(call, analysis.findVariable);
  if (!fn) return awaited ? 'joined-if-promise' : 'deferred';
  const invocation = summaryOf(fn, analysis).parameters[call.arguments.length - 1]?.invocation;
  if (invocation === 'never' || invocation === 'now') return 'joined';
  return invocation === 'before-settle' && awaited ? 'joined' : 'deferred';
}

/**
 * Contexts held by an instance (`this.ctx = c`) and read inside this deferral
 * (`setTimeout(() => log(this.ctx.req.url))`): uses not claimed yet, of work
 * that is neither bounded by the request nor joined; with `reads:
 * 'unsafe-only'`, only unsafe uses. Claims the uses it returns.
 */
export function findHeldEscapes(deferral: Deferral, analysis: Analysis, reads: Reads): HeldUse[] {
  const uses = findHeldUses(deferral, analysis).filter(
    use => !analysis.claimed.has(use.self) && (reads === 'all' || isUnsafeUse(use.self.parent, use.field.kind)),
  );
  if (uses.length === 0 || isBoundedOrJoined(deferral, analysis.findVariable)) return [];
  if (floatsNoPromise(deferral, analysis.services)) return [];
  for (const use of uses) analysis.claimed.add(use.self);
  return uses;
}

/**
 * A statement judged as a floating promise whose value is no promise after
 * all: declarations decide first (`notify(id).then(…)` is declared to return
 * one), the value's type last.
 */
function floatsNoPromise(deferral: Deferral, services: Analysis['services']): boolean {
  return deferral.family === 'promises' && !declaredPromise(services, deferral.node) && !isPromiseTyped(services, deferral.node);
}

/**
 * Escapes without deferred work, for contexts valid only until the handler
 * first awaits or returns (uWS `HttpRequest`) or that need an abort handler by
 * then (uWS `HttpResponse`): uses of `handler`'s parameters after its first
 * `await`, or inside callbacks that run after it returned. Claims the references it returns.
 *
 * ```ts
 * app.get('/', async (res, req) => { await auth(); res.end(req.getUrl()); }) // req used after the first await
 * ```
 */
export function findHandlerEscapes(handler: FunctionNode, analysis: Analysis): Escape[] {
  const { findVariable, resolver, sourceCode, claimed } = analysis;
  let suspension: ReturnType<typeof firstSuspension> | null = null;
  const escapes: Escape[] = [];
  for (const param of handler.params) {
    if (param.type !== AST_NODE_TYPES.Identifier) continue;
    const variable = findVariable(param);
    const kind = variable && resolver.kindOfVariable(variable);
    if (!variable || !kind) continue;
    const invalidAfterReturn = kind.lifetime === 'sync';
    const needsAbortHandler = kind.pendingResponse === 'after-on-aborted' && kind.abortHook !== undefined;
    if (!invalidAfterReturn && !needsAbortHandler) continue;
    suspension ??= firstSuspension(handler, sourceCode.visitorKeys);
    const offset = suspension?.offset ?? Infinity;
    // A response written after async work must check that it was not aborted meanwhile: where an abort
    // handler is registered, and in functions that are handed the response (the caller registers it).
    if (needsAbortHandler && (!isRouteCallback(handler) || registersAbortHandlerBefore(variable, kind.abortHook, offset, analysis))) {
      const unguarded = unguardedLateWrites(handler, variable, kind, suspension, analysis).filter(write => !claimed.has(write.identifier));
      if (unguarded.length > 0) escapes.push(unguardedWriteEscape(handler, variable, kind, unguarded, claimed));
      continue;
    }
    const late = lateReferences(handler, variable, suspension, invalidAfterReturn, identifier => claimed.has(identifier));
    if (late.length === 0) continue;
    if (!invalidAfterReturn && !suspension) continue;
    for (const { identifier } of late) claimed.add(identifier);
    const [first] = late;
    const callback = first.callback === undefined ? undefined : describeCallback(first.callback);
    const capture: Capture = { variable, references: late.map(entry => entry.identifier) };
    escapes.push({
      cause: first.callback === undefined ? { type: 'after-await' } : { type: 'late-callback', method: first.callback },
      capture,
      kind,
      site: first.identifier,
      handler,
      writes: captureWrites(capture, kind),
      missingAbortHandler: !invalidAfterReturn,
      reach: callback ?? 'the rest of the handler',
      where: callback ? `inside ${callback}, which runs after the handler returned` : "after the handler's first `await`",
      snapshotBefore: late.reduce((earliest, entry) => (entry.after.range[0] < earliest.range[0] ? entry.after : earliest), first.after),
      deferral: undefined,
    });
  }
  return escapes;
}

/** The escape of a response written after async work without an abort check: reported at the first such write. */
function unguardedWriteEscape(
  handler: FunctionNode,
  variable: Variable,
  kind: ResolvedKind,
  writes: readonly UnguardedWrite[],
  claimed: Set<TSESTree.Node>,
): Escape {
  const capture: Capture = { variable, references: writes.map(write => write.identifier) };
  for (const write of writes) claimed.add(write.identifier);
  const [first] = writes;
  return {
    cause: { type: 'after-await' },
    capture,
    kind,
    site: first.identifier,
    handler,
    writes: true,
    missingAbortHandler: false,
    unguardedWrite: true,
    reach: 'the rest of the function',
    where: first.where,
    snapshotBefore: first.after,
    deferral: undefined,
  };
}

/** `app.get('/', (res, req) => …)`: a function written inline as an argument of a call that does not run it late (a route, not a `.then` callback). */
function isRouteCallback(fn: FunctionNode): boolean {
  const call = fn.parent;
  if (call?.type !== AST_NODE_TYPES.CallExpression || !call.arguments.includes(fn as TSESTree.CallExpressionArgument)) return false;
  return !LATE_CALLBACK_NAMES.has(staticName(call.callee) ?? '');
}

/** `queue.add(job)`: the callee is a configured sink by type, and not an awaited job runner (`await queue.add(job)` waits for the job). */
function isConfirmedSink(call: TSESTree.CallExpression | TSESTree.NewExpression, analysis: Analysis): boolean {
  const { services, settings, findVariable } = analysis;
  return (
    calleeMatchesSpecifiers(services, call.callee, settings.sinks) &&
    !(isAwaitedOrJoined(call, findVariable) && calleeMatchesSpecifiers(services, call.callee, DEFAULT_JOB_RUNNERS))
  );
}

/**
 * Whether a request function may be called inside this deferral: Next.js
 * allows request APIs inside `after()` in Route Handlers and Server Functions
 * (by file name, by the handlers the file exports, or a directive in the file
 * or an enclosing function).
 */
function isAllowedInside(requestFunction: RequestFunction, deferral: Deferral, analysis: Analysis): boolean {
  const allowed = requestFunction.allowedInside;
  if (!allowed || deferral.family !== 'background' || deferral.api !== allowed.api) return false;
  const program = analysis.sourceCode.ast;
  if (allowed.files.test(analysis.filename) || hasDirective(program.body, allowed.directive)) return true;
  const exported = exportedNames(program);
  if (allowed.exports.some(name => exported.has(name))) return true;
  for (let fn = enclosingFunction(deferral.node); fn; fn = enclosingFunction(fn)) {
    if (fn.body.type === AST_NODE_TYPES.BlockStatement && hasDirective(fn.body.body, allowed.directive)) return true;
  }
  return false;
}

function hasDirective(body: readonly TSESTree.Node[], directive: string): boolean {
  return body.some(statement => statement.type === AST_NODE_TYPES.ExpressionStatement && statement.directive === directive);
}

/** The part of the work a capture reaches: the callback it is used in, or the call it is passed to. */
function describeReach(deferral: Deferral, capture: Capture): string {
  if (capture.argument) return (deferral.family === 'promises' ? deferral.valueDescription : undefined) ?? deferral.description;
  const first = capture.references[0];
  return deferral.functions.find(fn => contains(fn.node, first))?.description ?? deferral.description;
}

/**
 * Where the snapshot must be taken: before the scheduling call, or before the
 * declaration of a named local function it schedules (`setTimeout(later)`),
 * which may also run earlier.
 */
function snapshotAnchor(deferral: Deferral, capture: Capture): TSESTree.Node {
  let anchor: TSESTree.Node = deferral.node;
  for (const fn of deferral.functions) {
    if (contains(deferral.node, fn.node) || fn.node.range[0] >= anchor.range[0]) continue;
    if (capture.references.some(reference => contains(fn.node, reference))) anchor = fn.node;
  }
  return anchor;
}
