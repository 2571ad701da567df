import type { TSESTree } from '@typescript-eslint/utils';

import type { DeferralFamily } from '../analysis/deferrals.js';
import type { Analysis, Escape } from '../analysis/escapes.js';
import type { HeldUse } from '../analysis/held.js';
import type { SharedOptions } from '../analysis/settings.js';

import { type FunctionNode } from '../analysis/ast.js';
import { DEFERRAL_FAMILIES, deferralOfStatement, deferralOfStoredPromise } from '../analysis/deferrals.js';
import { createAnalysis, deferralOfCallExpression, findEscapes, findHandlerEscapes, findHeldEscapes } from '../analysis/escapes.js';
import { resolveSettings, sharedOptionsSchema } from '../analysis/settings.js';
import { useExpression } from '../analysis/uses.js';
import { planFix } from '../fixes/plan.js';
import { createRule } from '../util/create-rule.js';
import { missingTypeInformationListener, missingTypeInformationMessage, typedServicesOf } from '../util/typed-services.js';

export type Options = [
  SharedOptions & {
    sinkFamilies?: Partial<Record<DeferralFamily, boolean>>;
    reads?: 'all' | 'unsafe-only';
  },
];

export type MessageIds =
  | 'chainNotAwaited'
  | 'escapes'
  | 'escapesAsArgument'
  | 'escapesInvocation'
  | 'escapesReadingLiveState'
  | 'escapesThroughHelper'
  | 'escapesToBackground'
  | 'heldByInstance'
  | 'missingTypeInformation'
  | 'requestApiDeferred'
  | 'responseWithoutAbortHandler'
  | 'usedAfterAwait'
  | 'writesAfterResponse'
  | 'writesAfterSent'
  | 'writesWithoutAbortCheck'
  | 'writesRepeatedly'
  | 'suggestAwait'
  | 'suggestCopyFields'
  | 'suggestReadFirst'
  | 'suggestRegister';

/** Families recognised at a call expression (the others are floating promises, recognised at statements). */
const CALL_FAMILIES: readonly DeferralFamily[] = ['timers', 'listeners', 'callbacks', 'background', 'sinks'];

export default createRule<Options, MessageIds>({
  name: 'no-escaping-context',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow request contexts captured by work that outlives the request',
      // `recommended` keeps the promise: every capture without a copy (the defaults).
      // `essential` reports only what breaks after the response.
      recommended: 'essential',
      essentialOptions: { reads: 'unsafe-only' },
      requiresTypeChecking: true,
    },
    fixable: 'code',
    hasSuggestions: true,
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          ...sharedOptionsSchema,
          sinkFamilies: {
            type: 'object',
            additionalProperties: false,
            description: 'Turn families of deferred work on or off.',
            properties: Object.fromEntries(DEFERRAL_FAMILIES.map(family => [family, { type: 'boolean', description: `Check ${family}.` }])),
          },
          reads: {
            type: 'string',
            enum: ['all', 'unsafe-only'],
            description:
              '`all` reports every capture; `unsafe-only` reports only accesses the preset marks unsafe after the response (writes, body reads, socket-derived getters).',
          },
        },
      },
    ],
    defaultOptions: [
      {
        sinkFamilies: Object.fromEntries(DEFERRAL_FAMILIES.map(family => [family, true])),
        reads: 'all',
      },
    ],
    messages: {
      chainNotAwaited:
        '`{{name}}()` ({{kind}}) is called without `await` or `return`: this middleware settles first, so the response is sent while the downstream middleware still run and use the request; their writes are lost (often after a 404). Await it or return its promise.',
      escapes:
        '`{{name}}` ({{kind}}) is used inside {{sink}} that runs after the request may have ended. Copy what you need before scheduling it.',
      escapesReadingLiveState:
        '`{{name}}` ({{kind}}) is used inside {{sink}} that runs after the request may have ended. `{{live}}` is live state that changes while the request is served: this code means to read it when the work runs, so it is not copied (reading it late is safe). Copy the other values before scheduling the work, and stop the work when the response finishes so that it does not hold `{{name}}`.',
      escapesAsArgument:
        '`{{name}}` ({{kind}}) is passed to {{sink}}, which runs after the request may have ended. Pass a copy of the values it needs instead.',
      escapesThroughHelper:
        '`{{name}}` ({{kind}}) is passed to {{sink}}, and {{helper}}, when the request may have ended. Read what it needs before the work is deferred and pass those values instead.',
      escapesToBackground:
        '`{{name}}` ({{kind}}) is used inside {{sink}}, which runs after the response was sent; the request is no longer usable then. Copy what you need before registering the work.',
      heldByInstance:
        '`this.{{field}}` holds a request context ({{kind}}) and is used inside {{sink}} that runs after the request may have ended: the instance keeps the context alive. Copy the values the work needs before scheduling it instead of keeping the context in a field.',
      escapesInvocation:
        '`{{name}}` ({{kind}}) is held by {{sink}}, which can outlive the invocation: Lambda freezes the process when the handler returns and the work resumes during a later invocation. Await the work before returning.',
      requestApiDeferred:
        '`{{name}}()` ({{kind}}) is called inside {{sink}}, after the request scope may have ended; in a Server Component it throws. Call it before scheduling the work and pass the value in.',
      usedAfterAwait:
        "`{{name}}` ({{kind}}) is used after the handler's first `await`; it is only valid until the handler first awaits or returns. Read what you need before the first `await`.",
      responseWithoutAbortHandler:
        '`{{name}}` ({{kind}}) is used {{where}}, but no `{{name}}.onAborted(...)` handler is registered before it: if the client disconnects the response is invalid, and returning without one aborts the process. Register `onAborted` first and check it before writing.',
      writesRepeatedly:
        '`{{name}}` ({{kind}}) is written by {{sink}}, which keeps running after the response may have ended: the writes fail or are silently lost. Stop the work when the request closes (clear the timer or remove the listener on `close`).',
      writesAfterSent:
        '`{{name}}` ({{kind}}) is written inside {{sink}}, but the handler already sends the response on line {{sentLine}}: when the work runs the response is finished, and this write fails or is silently lost. Write the response in one place.',
      writesAfterResponse:
        '`{{name}}` ({{kind}}) is written inside {{sink}}, which runs after the response may have been sent: the write fails or is silently lost, and copying cannot fix that. Send the response before the handler finishes, or await the work.',
      writesWithoutAbortCheck:
        '`{{name}}` ({{kind}}) is written {{where}} without checking that the request was aborted meanwhile: an abort handler that does not record the abort does not make later writes safe, and writing an aborted response throws. Set a flag in the abort handler and check it before writing.',
      suggestAwait: 'Await this work so the request waits for it.',
      suggestCopyFields: 'Copy the values read here into constants before scheduling the work.',
      suggestReadFirst: 'Read these values (with `await`) before scheduling the work.',
      suggestRegister: 'Register the work with `{{api}}` so the runtime keeps it alive (still copy what it reads).',
      missingTypeInformation: missingTypeInformationMessage,
    },
    // Typed linting of JavaScript and TypeScript source through typescript-eslint's parser.
    languages: ['js/js'],
  },
  create(context, [options]) {
    const typedServices = typedServicesOf(context);
    if (!typedServices) return missingTypeInformationListener(context);
    const analysis = createAnalysis(context, typedServices, resolveSettings(context, options));
    const families = new Set(DEFERRAL_FAMILIES.filter(family => options.sinkFamilies?.[family] !== false));
    const reads = options.reads ?? 'all';
    // Names of constants the fixes of this file introduce, so that fixes applied in one pass never collide.
    const newNames = new Set<string>();

    // `sinkFamilies` chooses the listeners; a family off costs nothing.
    return {
      ...(CALL_FAMILIES.some(family => families.has(family)) && {
        CallExpression(node: TSESTree.CallExpression): void {
          const deferral = deferralOfCallExpression(node, analysis);
          if (!deferral || !families.has(deferral.family)) return;
          reportAll(findEscapes(deferral, analysis, reads));
          reportHeld(findHeldEscapes(deferral, analysis, reads));
        },
      }),
      ...(families.has('promises') && {
        ExpressionStatement(node: TSESTree.ExpressionStatement): void {
          const deferral = deferralOfStatement(node, analysis.findVariable, analysis.backgroundApis);
          if (!deferral) return;
          reportAll(findEscapes(deferral, analysis, reads));
          reportHeld(findHeldEscapes(deferral, analysis, reads));
        },
        VariableDeclarator(node: TSESTree.VariableDeclarator): void {
          const deferral = deferralOfStoredPromise(node, analysis.findVariable);
          if (deferral) reportAll(findEscapes(deferral, analysis, reads));
        },
      }),
      ':function'(node: FunctionNode): void {
        if (node.params.length > 0 && analysis.mayHoldSuspendSensitiveContexts()) reportAll(findHandlerEscapes(node, analysis));
      },
    };

    function reportAll(escapes: readonly Escape[]): void {
      for (const escape of escapes) report(escape, analysis);
    }

    // No fix: the field may be read elsewhere, so only the user can decide what to copy.
    function reportHeld(uses: readonly HeldUse[]): void {
      for (const { field, self, description } of uses) {
        context.report({
          node: useExpression(self),
          messageId: 'heldByInstance',
          data: { field: field.name, kind: field.kind.label, sink: description },
        });
      }
    }

    function report(escape: Escape, { sourceCode }: Analysis): void {
      const { fix, suggest, liveRead } = planFix(escape, analysis, newNames);
      // `void send(c.req)` names what is handed over, with that object's kind.
      const name = escape.capture.argument ? sourceCode.getText(escape.capture.argument) : escape.capture.variable.name;
      context.report({
        // The whole use (`c.req.header('ua')`) or the value handed over, not one identifier.
        node: useExpression(escape.capture.argument ?? escape.site),
        messageId: messageFor(escape, liveRead),
        data: {
          name,
          kind: escape.kind.label,
          sink: escape.reach,
          where: escape.where,
          live: liveRead ?? '',
          sentLine: String(escape.sentBy?.loc.start.line ?? ''),
          helper: escape.helper ?? '',
        },
        fix,
        suggest,
      });
    }
  },
});

/**
 * The one message for an escape: what went wrong first, then what kind of
 * work holds the context; a plain capture that reads live state (`liveRead`)
 * says why that read is not copied.
 */
function messageFor(escape: Escape, liveRead: string | undefined): MessageIds {
  const { cause, kind } = escape;
  if (escape.missingAbortHandler) return 'responseWithoutAbortHandler';
  if (escape.unguardedWrite) return 'writesWithoutAbortCheck';
  if (cause.type === 'late-callback') return 'escapes';
  if (cause.type === 'after-await') return 'usedAfterAwait';
  if (kind.continuesChain && isCalleeOfWork(escape)) return 'chainNotAwaited';
  if (escape.helper !== undefined && kind.lifetime !== 'invocation') return 'escapesThroughHelper';
  if (escape.writes && cause.deferral.repeating) return 'writesRepeatedly';
  if (escape.writes) return escape.sentBy ? 'writesAfterSent' : 'writesAfterResponse';
  if (kind.requestFunction) return 'requestApiDeferred';
  if (kind.lifetime === 'invocation') return 'escapesInvocation';
  if (cause.deferral.family === 'background') return 'escapesToBackground';
  if (escape.capture.argument) return 'escapesAsArgument';
  return liveRead === undefined ? 'escapes' : 'escapesReadingLiveState';
}

/** `next();`: the context handed over is the function the floating promise runs. */
function isCalleeOfWork({ capture, deferral }: Escape): boolean {
  return deferral?.family === 'promises' && capture.argument !== undefined && deferral.spawningCall?.callee === capture.argument;
}
