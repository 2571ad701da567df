import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { AST_NODE_TYPES } from '@typescript-eslint/utils';

import type { AbortVocabulary, Loop, WriteCall } from '../analysis/abort.js';
import type { PresetName, RequestSignal, ResponseStream } from '../presets/index.js';

import {
  checksAbort,
  enclosingFunctions,
  forwardsToClient,
  hasConstantCondition,
  hasExit,
  identifierParameters,
  isClearedOnAbort,
  signalOption,
  upstreamCallOf,
  writeCalls,
} from '../analysis/abort.js';
import { rootIdentifier, skipTransparent } from '../analysis/ast.js';
import { createContextResolver } from '../analysis/contexts.js';
import { deferralOfCall } from '../analysis/deferrals.js';
import { assignedVariable, isBoundedTimer } from '../analysis/exemptions.js';
import { variableFinder } from '../analysis/scope.js';
import { presetsSchema, resolveSettings } from '../analysis/settings.js';
import { createStreamResolver } from '../analysis/streams.js';
import { clearTimerOnAbort, passSignal, replaceLoopCondition } from '../fixes/abort.js';
import { ABORT_SIGNAL, UPSTREAM_BODY_MEMBERS, UPSTREAM_CLIENTS } from '../presets/index.js';
import { createRule } from '../util/create-rule.js';
import { fillTemplate } from '../util/template.js';
import { missingTypeInformationListener, missingTypeInformationMessage, typedServicesOf } from '../util/typed-services.js';

export type Options = [
  {
    presets?: PresetName[];
    loops?: boolean;
    timers?: boolean;
    upstreamFetch?: boolean;
  },
];

export type MessageIds =
  | 'loopWithoutAbortCheck'
  | 'timerWithoutAbortCleanup'
  | 'upstreamWithoutSignal'
  | 'upstreamWithoutCloseHandling'
  | 'missingTypeInformation'
  | 'suggestAbortCheck'
  | 'suggestClearOnAbort'
  | 'suggestPassSignal';

const CLEAR_FUNCTIONS = new Set(['clearInterval', 'clearTimeout']);
const upstreamBodyMembers = new Set(UPSTREAM_BODY_MEMBERS);

export default createRule<Options, MessageIds>({
  name: 'require-abort-handling',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require streaming loops, repeating timers and proxied upstream requests to stop when the client disconnects',
      recommended: 'recommended',
      requiresTypeChecking: true,
      // Upstream requests are strict-only: on isolate runtimes (Workers) the platform already
      // cancels them when the client leaves, so their reports are noise there (see the docs).
      recommendedOptions: { upstreamFetch: false },
    },
    fixable: 'code',
    hasSuggestions: true,
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          presets: { ...presetsSchema, description: 'Framework presets whose streams and request signals apply. Defaults to all of them.' },
          loops: { type: 'boolean', description: 'Report endless loops that write to a response stream without a disconnect check.' },
          timers: {
            type: 'boolean',
            description: 'Report repeating timers that write to a response stream and are not cleared when the client leaves.',
          },
          upstreamFetch: {
            type: 'boolean',
            description: "Report upstream requests whose response is forwarded to the client without the request's abort signal.",
          },
        },
      },
    ],
    defaultOptions: [{ loops: true, timers: true, upstreamFetch: true }],
    messages: {
      loopWithoutAbortCheck:
        'This loop writes to {{stream}} and nothing ends it when the client disconnects: it keeps running, and working, after the client left. {{advice}}',
      timerWithoutAbortCleanup:
        'This setInterval writes to {{stream}} and is never cleared when the client disconnects: it keeps firing after the client left. {{advice}}',
      upstreamWithoutSignal:
        "This `{{call}}` forwards its response to the client but does not get the request's abort signal: when the client disconnects, the upstream request keeps running. Pass `signal: {{signal}}`.",
      upstreamWithoutCloseHandling:
        "This `{{call}}` forwards its response to the client but is never aborted: when the client disconnects, the upstream request keeps running. Abort it from `{{emitter}}.on('{{event}}')` with an `AbortController` and pass its `signal`.",
      suggestAbortCheck: 'Loop only while `{{condition}}`.',
      suggestClearOnAbort: 'Clear the timer with `{{registration}}`.',
      suggestPassSignal: 'Pass `signal: {{signal}}`.',
      // Reported by missingTypeInformationListener, which the lint rule cannot follow.
      // eslint-disable-next-line eslint-plugin/no-unused-message-ids
      missingTypeInformation: missingTypeInformationMessage,
    },
    languages: ['js/js'],
  },
  create(context, [options]) {
    const services = typedServicesOf(context);
    if (!services) return missingTypeInformationListener(context);
    const { sourceCode } = context;
    // `presets` from the options, else from `settings['context-escape']`, shared with the other rules.
    const settings = resolveSettings(context, { presets: options.presets });
    const { presets } = settings;
    const streams = unique(presets.flatMap(preset => preset.streams ?? []));
    const signals = unique(presets.flatMap(preset => preset.requestSignals ?? []));
    const findVariable = variableFinder(sourceCode);
    const resolver = createStreamResolver(services, streams, signals, findVariable);
    // Timers writing through a request context are reported by no-escaping-context (`writesRepeatedly`).
    const contexts = createContextResolver(services, settings, findVariable);
    const writeMethods = new Set(streams.flatMap(stream => stream.writeMethods));
    const vocabulary: AbortVocabulary = {
      flags: new Set([...streams.flatMap(stream => stream.abortFlags ?? []), ...ABORT_SIGNAL.flags]),
      throwingMethods: new Set(ABORT_SIGNAL.throwingMethods),
      hooks: new Set(streams.flatMap(stream => stream.abortHooks ?? [])),
      events: new Set([
        ...streams.flatMap(stream => stream.closeEvents ?? []),
        ...signals.flatMap(signal => signal.closeEvents ?? []),
        ABORT_SIGNAL.event,
      ]),
    };
    const newNames = new Set<string>();
    const noBackgroundApis = new Map();

    const listeners: TSESLint.RuleListener = {};
    if (options.loops !== false && streams.length > 0) {
      listeners.WhileStatement = checkLoop;
      listeners.DoWhileStatement = checkLoop;
      listeners.ForStatement = checkLoop;
    }
    const checksTimers = options.timers !== false && streams.length > 0;
    const checksUpstream = options.upstreamFetch !== false && signals.length > 0;
    if (checksTimers || checksUpstream) {
      listeners.CallExpression = (node): void => {
        if (checksTimers) checkTimer(node);
        if (checksUpstream) checkUpstream(node);
      };
    }
    return listeners;

    function checkLoop(loop: Loop): void {
      // Syntax first: most loops have a changing condition or an exit, and need no type query.
      if (!hasConstantCondition(loop, findVariable) || hasExit(loop, sourceCode.visitorKeys)) return;
      if (checksAbort(loop, vocabulary, sourceCode.visitorKeys)) return;
      const writes = writeCalls(loop.body, writeMethods, sourceCode.visitorKeys);
      if (writes.length === 0) return;
      // Types last: only a write to a response stream makes this loop response-producing.
      const written = firstStreamWrite(writes, stream => !stream.writesThrowAfterAbort);
      if (!written) return;
      const { write, stream } = written;
      const flag = stream.abortFlags?.[0];
      const receiver = plainReceiverText(write.receiver, loop);
      const condition = flag && receiver && resolver.hasProperty(write.receiver, flag) ? `!${receiver}.${flag}` : undefined;
      const literalTest = loop.test === null || skipTransparent(loop.test).type !== AST_NODE_TYPES.Identifier;
      const fix = condition && literalTest ? replaceLoopCondition(sourceCode, loop, condition) : undefined;
      context.report({
        node: loop,
        // The loop's head (`while (true)`, `for (;;)`), or its closing `while (true)`.
        loc: loop.type === AST_NODE_TYPES.DoWhileStatement ? loop.test.loc : { start: loop.loc.start, end: loop.body.loc.start },
        messageId: 'loopWithoutAbortCheck',
        data: { stream: stream.label, advice: loopAdvice(stream, receiver) },
        fix: stream.abortFlagFix ? fix : undefined,
        suggest: !stream.abortFlagFix && fix && condition ? [{ messageId: 'suggestAbortCheck', data: { condition }, fix }] : [],
      });
    }

    function checkTimer(node: TSESTree.CallExpression): void {
      const deferral = deferralOfCall(node, findVariable, noBackgroundApis);
      if (deferral?.family !== 'timers' || !deferral.repeating) return;
      const callbacks = deferral.functions.map(fn => fn.node);
      const writes = callbacks.flatMap(callback => writeCalls(callback.body, writeMethods, sourceCode.visitorKeys));
      if (writes.length === 0) return;
      const handle = assignedVariable(node, findVariable);
      if (handle && (isBoundedTimer(deferral, findVariable) || isClearedOnAbort(handle, callbacks, CLEAR_FUNCTIONS, vocabulary))) {
        return;
      }
      const written = firstStreamWrite(writes, () => true);
      if (!written) return;
      // A request context written by the timer (`res.write` in an Express handler) is
      // reported once, by no-escaping-context, as `writesRepeatedly`.
      const root = rootIdentifier(written.write.receiver);
      const rootVariable = root && findVariable(root);
      if (rootVariable && contexts.kindOfVariable(rootVariable)) return;
      const { write, stream } = written;
      const receiver = plainReceiverText(write.receiver, node);
      const registration = receiver && timerRegistration(stream, receiver);
      const fix = registration ? clearTimerOnAbort(sourceCode, node, handle?.name, registration, newNames) : undefined;
      context.report({
        node: node.callee,
        messageId: 'timerWithoutAbortCleanup',
        data: { stream: stream.label, advice: timerAdvice(stream, registration) },
        suggest:
          fix && registration
            ? [
                {
                  messageId: 'suggestClearOnAbort',
                  data: { registration: fillTemplate(registration, { handle: handle?.name ?? 'timer' }) },
                  fix,
                },
              ]
            : [],
      });
    }

    function checkUpstream(node: TSESTree.CallExpression): void {
      const upstream = upstreamCallOf(node, UPSTREAM_CLIENTS, findVariable);
      if (!upstream) return;
      const given = signalOption(upstream, ABORT_SIGNAL);
      if (given === 'given' || !forwardsToClient(node, upstreamBodyMembers, findVariable)) return;
      // Types last: the handler must have a request whose signal or close event we can name.
      const source = requestSignalAround(node);
      if (!source) return;
      // `fetch(request)` and `fetch(new Request(url, request))` carry the request's own signal.
      if (given === 'none' && upstream.optionsIndex === 1 && carriesSignal(node.arguments[0])) return;
      const { signal, parameter } = source;
      if (!signal.signal) {
        const emitter = fillTemplate(signal.closeEmitter ?? '{{name}}', { name: parameter.name });
        const event = signal.closeEvents?.[0] ?? ABORT_SIGNAL.event;
        context.report({ node, messageId: 'upstreamWithoutCloseHandling', data: { call: upstream.name, emitter, event } });
        return;
      }
      const signalText = fillTemplate(signal.signal, { name: parameter.name });
      const fix = passSignal(
        sourceCode,
        node,
        upstream.optionsIndex,
        ABORT_SIGNAL.option,
        signalText,
        `${ABORT_SIGNAL.global}.${ABORT_SIGNAL.combine}`,
      );
      context.report({
        node,
        messageId: 'upstreamWithoutSignal',
        data: { call: upstream.name, signal: signalText },
        suggest: fix ? [{ messageId: 'suggestPassSignal', data: { signal: signalText }, fix }] : [],
      });
    }

    /** The first write whose receiver is a response stream (one type query per receiver variable). */
    function firstStreamWrite(
      writes: readonly WriteCall[],
      accept: (stream: ResponseStream) => boolean,
    ): { write: WriteCall; stream: ResponseStream } | undefined {
      for (const write of writes) {
        const stream = resolver.streamOf(write.receiver, write.method);
        if (stream && accept(stream)) return { write, stream };
      }
      return undefined;
    }

    /** The innermost enclosing handler parameter that gives a request signal or close event. */
    function requestSignalAround(node: TSESTree.Node): { signal: RequestSignal; parameter: TSESTree.Identifier } | undefined {
      for (const fn of enclosingFunctions(node)) {
        for (const parameter of identifierParameters(fn)) {
          const signal = resolver.signalOf(parameter);
          if (signal) return { signal, parameter };
        }
      }
      return undefined;
    }

    function carriesSignal(argument: TSESTree.Node | undefined): boolean {
      if (!argument || argument.type === AST_NODE_TYPES.SpreadElement) return false;
      const target = skipTransparent(argument);
      if (target.type === AST_NODE_TYPES.Literal || target.type === AST_NODE_TYPES.TemplateLiteral) return false;
      return resolver.hasProperty(target, ABORT_SIGNAL.option);
    }

    /**
     * The receiver's source text when it is an identifier or a member chain
     * whose root is declared before `site` (so a fix can name it there): `stream`, `ctx.res`.
     */
    function plainReceiverText(receiver: TSESTree.Expression, site: TSESTree.Node): string | undefined {
      let node: TSESTree.Node = skipTransparent(receiver);
      while (node.type === AST_NODE_TYPES.MemberExpression && !node.computed) node = skipTransparent(node.object);
      if (node.type !== AST_NODE_TYPES.Identifier) return undefined;
      const declaration = findVariable(node)?.defs[0]?.name;
      if (!declaration || declaration.range[1] > site.range[0]) return undefined;
      return sourceCode.getText(skipTransparent(receiver));
    }
  },
});

function loopAdvice(stream: ResponseStream, receiver: string | undefined): string {
  const name = receiver ?? 'the stream';
  if (stream.abortFlags?.length) return `Loop while \`!${name}.${stream.abortFlags[0]}\`.`;
  if (stream.abortHooks?.length) return `Set a flag in \`${name}.${stream.abortHooks[0]}(…)\` and loop while it is unset.`;
  if (stream.closeEvents?.length) return `Set a flag on \`${name}.on('${stream.closeEvents[0]}')\` and loop while it is unset.`;
  return 'Check for the disconnect inside the loop.';
}

/** `stream.onAbort(() => clearInterval({{handle}}))`, `res.on('close', …)`; `undefined` for source methods such as `cancel()`. */
function timerRegistration(stream: ResponseStream, receiver: string): string | undefined {
  const hook = stream.abortHooks?.[0];
  // `cancel` is a method of the underlying source, not of the controller.
  if (hook && !stream.writesThrowAfterAbort) return `${receiver}.${hook}(() => clearInterval({{handle}}))`;
  const event = stream.closeEvents?.[0];
  if (event) return `${receiver}.on('${event}', () => clearInterval({{handle}}))`;
  return undefined;
}

function timerAdvice(stream: ResponseStream, registration: string | undefined): string {
  if (registration) return `Clear it with \`${fillTemplate(registration, { handle: 'timer' })}\`.`;
  if (stream.abortHooks?.length) return `Clear it in the stream's \`${stream.abortHooks[0]}()\`.`;
  return 'Clear it when the client disconnects.';
}

function unique<T>(items: readonly T[]): T[] {
  return [...new Set(items)];
}
