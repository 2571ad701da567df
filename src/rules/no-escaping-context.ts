import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { isBuiltinSymbolLike } from '@typescript-eslint/type-utils';
import { AST_NODE_TYPES, ASTUtils } from '@typescript-eslint/utils';
import * as tsutils from 'ts-api-utils';

import {
  type FunctionNode,
  contains,
  enclosingFunction,
  firstSuspension,
  isAssignmentTarget,
  rootIdentifier,
  skipTransparent,
  staticName,
  valueNode,
} from '../analysis/ast.js';
import { type Capture, capturesOf } from '../analysis/captures.js';
import { type ResolvedKind, createContextResolver } from '../analysis/contexts.js';
import { type SharedOptions, resolveSettings, sharedOptionsSchema } from '../analysis/settings.js';
import {
  declaringHandler,
  isAwaitedOrJoined,
  isBoundedListener,
  isBoundedTimer,
  isJoinedThroughPromiseExecutor,
  isPendingResponse,
  isPromiseVariableHandled,
  isResponseWrite,
  sendsResponseOutside,
  streamBodies,
} from '../analysis/lifetimes.js';
import {
  type BackgroundApiMatch,
  type Deferral,
  type SinkFamily,
  SINK_FAMILIES,
  deferralOfCall,
  deferralOfSinkCall,
  floatingDeferral,
  unlabelled,
  variableFinder,
} from '../analysis/sinks.js';
import { calleeMatchesSpecifiers, specifierNames, typeMatchesAnySpecifier } from '../analysis/type-specifiers.js';
import { analyzeUses, canAwaitAt, hoistReads, insertionStatement, snapshotWhole } from '../fixes/snapshot.js';
import { awaitWork, floatingStatementOf, registerWork } from '../fixes/suggestions.js';
import { DEFAULT_JOB_RUNNERS, type Preset } from '../presets/index.js';
import { createRule } from '../util/create-rule.js';
import { missingTypeInformationListener, missingTypeInformationMessage, typedServicesOf } from '../util/typed-services.js';
import { DefinitionType } from '../analysis/definition-type.js';

export type Options = [
  SharedOptions & {
    sinkFamilies?: Partial<Record<SinkFamily, boolean>>;
    reads?: 'all' | 'unsafe-only';
  },
];

export type MessageIds =
  | 'escapes'
  | 'escapesAsArgument'
  | 'escapesInvocation'
  | 'escapesToBackground'
  | 'missingTypeInformation'
  | 'requestApiDeferred'
  | 'responseWithoutAbortHandler'
  | 'usedAfterAwait'
  | 'writesAfterResponse'
  | 'writesRepeatedly'
  | 'suggestAwait'
  | 'suggestCopyFields'
  | 'suggestReadFirst'
  | 'suggestRegister';

const ROUTE_HANDLER_FILE = /(?:^|[\\/])route\.[cm]?[jt]sx?$/;

export default createRule<Options, MessageIds>({
  name: 'no-escaping-context',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow request contexts captured by work that outlives the request',
      recommended: true,
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
            properties: Object.fromEntries(
              SINK_FAMILIES.map(family => [family, { type: 'boolean', description: `Check ${family}.` }]),
            ),
          },
          reads: {
            type: 'string',
            enum: ['all', 'unsafe-only'],
            description:
              "`all` reports every capture; `unsafe-only` reports only accesses the preset marks unsafe after the response (writes, body reads, socket-derived getters).",
          },
        },
      },
    ],
    defaultOptions: [
      {
        sinkFamilies: Object.fromEntries(SINK_FAMILIES.map(family => [family, true])),
        reads: 'all',
      },
    ],
    messages: {
      escapes:
        '`{{name}}` ({{kind}}) is used inside {{sink}} that runs after the request may have ended. Copy what you need before scheduling it.',
      escapesAsArgument:
        '`{{name}}` ({{kind}}) is passed to {{sink}}, which runs after the request may have ended. Pass a copy of the values it needs instead.',
      escapesToBackground:
        '`{{name}}` ({{kind}}) is used inside {{sink}}, which runs after the response was sent; the request is no longer usable then. Copy what you need before registering the work.',
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
      writesAfterResponse:
        '`{{name}}` ({{kind}}) is written inside {{sink}}, which runs after the response may have been sent: the write fails or is silently lost, and copying cannot fix that. Send the response before the handler finishes, or await the work.',
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
    const services = typedServices;
    const { sourceCode } = context;
    const settings = resolveSettings(context, options);
    const presets = settings.presets;
    const findVariable = variableFinder(sourceCode);
    const resolver = createContextResolver(services, presets, settings.contexts, findVariable);
    const families = new Set(SINK_FAMILIES.filter(family => options.sinkFamilies?.[family] !== false));
    const unsafeOnly = options.reads === 'unsafe-only';
    const sinkSpecifiers = settings.sinks;
    const sinkNames = specifierNames(sinkSpecifiers);
    const safeSinks = settings.safeSinks;
    const safeSinkNames = specifierNames(safeSinks);
    const backgroundApis = backgroundApiTable(presets);
    const suspendSensitivePackages = packagesOfSuspendSensitiveKinds(presets);
    let fileImportsSuspendSensitivePackage: boolean | undefined;
    const snapshotCallees = new Set(settings.snapshots.flatMap(entry => calledName(entry.call) ?? []));
    const reported = new Set<TSESTree.Node>();
    // Names of constants the fixes of this file introduce, so that fixes applied in one pass never collide.
    const newNames = new Set<string>();
    let allowsRequestApisInAfter: boolean | undefined;

    return {
      CallExpression(node): void {
        const deferral = deferralOfCall(node, findVariable, backgroundApis);
        if (deferral) {
          if (families.has(deferral.family)) check(deferral);
          return;
        }
        if (families.has('sinks') && sinkNames.has(staticName(node.callee) ?? '')) {
          // Names such as `add` and `emit` are common: the callee's type is checked only for work that captures a context.
          check({
            ...deferralOfSinkCall(node, findVariable),
            confirm: () =>
              calleeMatchesSpecifiers(services, node.callee, sinkSpecifiers) &&
              // `await queue.add(job)` on a job runner waits for the job itself.
              !(isAwaitedOrJoined(node, findVariable) && calleeMatchesSpecifiers(services, node.callee, DEFAULT_JOB_RUNNERS)),
          });
        }
      },
      ExpressionStatement(node): void {
        if (!families.has('promises')) return;
        const expression = node.expression;
        if (expression.type === AST_NODE_TYPES.CallExpression && deferralOfCall(expression, findVariable, backgroundApis)) return;
        const deferral = floatingDeferral(expression, findVariable);
        if (!deferral) return;
        // `res.json(item)`, `request.log.info(msg, fields)`: methods of a handler's own
        // parameters take values, not work; checking them would type every handler.
        if (deferral.functions.length === 0 && calleeRootIsParameter(deferral.spawningCall)) return;
        check(deferral);
      },
      VariableDeclarator(node): void {
        if (!families.has('promises') || node.id.type !== AST_NODE_TYPES.Identifier || !node.init) return;
        const deferral = floatingDeferral(node.init, findVariable);
        if (!deferral) return;
        const variable = findVariable(node.id);
        if (!variable || isPromiseVariableHandled(variable)) return;
        const sink = `the promise stored in \`${node.id.name}\`, which is never awaited`;
        check({ ...deferral, sink, valueSink: sink, functions: unlabelled(deferral.functions) });
      },
      ':function'(node: FunctionNode): void {
        if (node.params.length > 0 && importsSuspendSensitivePackage()) checkSuspendingHandler(node);
      },
    };

    function check(deferral: Deferral): void {
      const captures = capturesOf(deferral, sourceCode, findVariable);
      if (captures.length === 0) return;
      const candidates: { capture: Capture; kind: ResolvedKind; unsafeMember: boolean }[] = [];
      for (const capture of captures) {
        if (capture.references.every(reference => reported.has(reference))) continue;
        let kind = resolver.kindOfVariable(capture.variable);
        if (!kind || isSnapshotCopy(capture.variable)) continue;
        let unsafeMember = false;
        if (capture.argument && capture.argument.type !== AST_NODE_TYPES.Identifier) {
          // `send(c.req)` hands over the request and `send(c.req.raw)` its stream (an
          // unsafe member of `c`); `send(c.req.url)` a string read now.
          unsafeMember = isUnsafeMemberPath(kind, capture.argument);
          const handedOver = resolver.kindOfExpression(capture.argument);
          if (handedOver) kind = handedOver;
          else if (!unsafeMember) continue;
        }
        candidates.push({ capture, kind, unsafeMember });
      }
      if (candidates.length === 0) return;
      if (deferral.promiseExpression && !isPromiseTyped(deferral.promiseExpression)) return;
      if (deferral.confirm && !deferral.confirm()) return;
      if (deferral.spawningCall && safeSinkNames.has(staticName(deferral.spawningCall.callee) ?? '')) {
        if (calleeMatchesSpecifiers(services, deferral.spawningCall.callee, safeSinks)) return;
      }
      if (deferral.family === 'timers' && isBoundedTimer(deferral, findVariable)) return;
      if (deferral.family === 'listeners' && isBoundedListener(deferral, findVariable)) return;
      if (deferral.family !== 'promises' && isJoinedThroughPromiseExecutor(deferral, findVariable)) return;
      const onRequestObject = deferral.listenerReceiver !== undefined && isRequestObject(deferral.listenerReceiver);
      const pendingHandlers = pendingResponseHandlers(deferral, candidates);

      for (const { capture, kind, unsafeMember } of candidates) {
        if (kind.lifetime !== 'sync' && onRequestObject) continue;
        const handler = declaringHandler(capture.variable);
        if (handler && kind.lifetime !== 'sync' && pendingHandlers.has(handler)) continue;
        if (
          kind.requestFunction &&
          deferral.backgroundApi === 'after' &&
          requestApisAllowedInAfter(deferral.node) &&
          !capture.references.some(writesThroughRequestFunction)
        ) {
          continue;
        }
        const site = unsafeOnly && !unsafeMember ? firstUnsafeReference(capture, kind) : capture.references[0];
        if (!site) continue;
        for (const reference of capture.references) reported.add(reference);
        reportCapture(deferral, capture, kind, site);
      }
    }

    function reportCapture(deferral: Deferral, capture: Capture, kind: ResolvedKind, site: TSESTree.Identifier): void {
      const name = capture.variable.name;
      const sink = sinkOf(deferral, capture);
      // `void send(c.req)` names what is handed over, with that object's kind.
      const shown = capture.argument ? sourceCode.getText(capture.argument) : name;
      const data = { name: shown, kind: kind.label, sink };
      const statement = kind.requestFunction
        ? undefined
        : insertionStatement(snapshotAnchor(deferral, capture), capture.variable, capture.references);
      // Arguments of hoisted reads must exist where the constants go.
      const isDeclaredInside = (identifier: TSESTree.Identifier): boolean => {
        const declaration = findVariable(identifier)?.defs[0]?.name;
        if (declaration === undefined) return false;
        return statement ? declaration.range[1] > statement.range[0] : deferral.functions.some(fn => contains(fn.node, declaration));
      };
      const uses = capture.argument ? undefined : analyzeUses(capture.references, kind, sourceCode, isDeclaredInside);
      const snapshot = statement && snapshotCallFor(capture.variable);
      const writes =
        kind.lifetime !== 'invocation' &&
        (kind.requestFunction ? capture.references.some(writesThroughRequestFunction) : uses !== undefined && uses.writes.length > 0);
      let fix: TSESLint.ReportFixFunction | undefined;
      const suggest: TSESLint.SuggestionReportDescriptor<MessageIds>[] = [];

      if (statement && kind.lifetime !== 'invocation') {
        if (uses && uses.writes.length === 0 && uses.opaque.length === 0 && uses.reads.every(read => !read.async)) {
          fix = hoistReads(sourceCode, statement, uses.reads, name, newNames);
        } else if (snapshot && !writes) {
          const references = capture.argument ? [capture.references[0]] : capture.references;
          fix = snapshotWhole(sourceCode, statement, references, name, snapshot, newNames);
        } else if (uses) {
          const syncReads = uses.reads.filter(read => !read.async);
          if (syncReads.length > 0 && uses.opaque.length + uses.writes.length > 0) {
            suggest.push({ messageId: 'suggestCopyFields', fix: hoistReads(sourceCode, statement, syncReads, name, newNames) });
          }
          if (uses.opaque.length + uses.writes.length === 0 && canAwaitAt(statement)) {
            suggest.push({ messageId: 'suggestReadFirst', fix: hoistReads(sourceCode, statement, uses.reads, name, newNames) });
          }
        }
      }
      if (!fix) suggest.push(...lifetimeSuggestions(deferral, capture, kind, writes));
      let messageId = messageFor(deferral, capture, kind);
      if (writes) {
        const handler = declaringHandler(capture.variable);
        if (kind.pendingResponse === 'after-on-aborted' && handler && !registersAbortHandlerBefore(capture.variable, deferral.node.range[0])) {
          messageId = 'responseWithoutAbortHandler';
        } else {
          messageId = deferral.repeating ? 'writesRepeatedly' : 'writesAfterResponse';
        }
      }
      context.report({
        node: site,
        messageId,
        data: { ...data, where: `inside ${sink}` },
        fix,
        suggest,
      });
    }

    /** The part of the work the capture reaches: the callback it is used in, or the call it is passed to. */
    function sinkOf(deferral: Deferral, capture: Capture): string {
      if (capture.argument) return deferral.valueSink ?? deferral.sink;
      const first = capture.references[0];
      return deferral.functions.find(fn => contains(fn.node, first))?.sink ?? deferral.sink;
    }

    /** "Await this work" and "register it with waitUntil/after" for floating promises. */
    function lifetimeSuggestions(
      deferral: Deferral,
      capture: Capture,
      kind: ResolvedKind,
      writes: boolean,
    ): TSESLint.SuggestionReportDescriptor<MessageIds>[] {
      if (deferral.family !== 'promises' || !deferral.promiseExpression) return [];
      const floating = floatingStatementOf(deferral.promiseExpression);
      if (!floating) return [];
      const suggestions: TSESLint.SuggestionReportDescriptor<MessageIds>[] = [];
      const awaitFix = awaitWork(sourceCode, floating);
      if (awaitFix) suggestions.push({ messageId: 'suggestAwait', fix: awaitFix });
      // Keeping the work alive cannot make a write after the response arrive.
      const registration = writes ? undefined : registrationFor(floating.statement, capture, kind);
      if (registration) suggestions.push({ messageId: 'suggestRegister', data: { api: registration.api }, fix: registration.fix(floating) });
      return suggestions;
    }

    function registrationFor(
      statement: TSESTree.Node,
      capture: Capture,
      kind: ResolvedKind,
    ): { api: string; fix: (floating: NonNullable<ReturnType<typeof floatingStatementOf>>) => TSESLint.ReportFixFunction } | undefined {
      const target = kind.registersWork ? { name: capture.variable.name, template: kind.registersWork } : registeringParameter(statement);
      if (target) {
        const api = target.template.replace('({{work}})', '()').replaceAll('{{name}}', target.name);
        return { api, fix: floating => registerWork(sourceCode, floating, target.template, target.name) };
      }
      const registerFunction = kind.preset.registerFunction;
      if (!registerFunction) return undefined;
      const existing = ASTUtils.findVariable(sourceCode.getScope(statement), registerFunction.name);
      const imported = existing !== null && existing.defs.some(def => def.type === DefinitionType.ImportBinding);
      if (existing && !imported) return undefined; // a local `after` would be shadowed or misused
      const missingImport = imported ? undefined : { name: registerFunction.name, from: registerFunction.from };
      return {
        api: `${registerFunction.name}()`,
        fix: floating => registerWork(sourceCode, floating, registerFunction.template, registerFunction.name, missingImport),
      };
    }

    /** A parameter of an enclosing function whose kind can register work (`ctx: ExecutionContext`). */
    function registeringParameter(node: TSESTree.Node): { name: string; template: string } | undefined {
      for (let fn = enclosingFunction(node); fn; fn = enclosingFunction(fn)) {
        for (const param of fn.params) {
          if (param.type !== AST_NODE_TYPES.Identifier) continue;
          const variable = findVariable(param);
          const template = variable && resolver.kindOfVariable(variable)?.registersWork;
          if (template) return { name: param.name, template };
        }
      }
      return undefined;
    }

    /**
     * `const copy = c.copy()` with a configured snapshot call, or a kind's own
     * copy method taken before the deferral (`request.clone()`): the copy is
     * not the request's context.
     */
    function isSnapshotCopy(variable: TSESLint.Scope.Variable): boolean {
      const def = variable.defs[0];
      if (def?.type !== DefinitionType.Variable || def.node.type !== AST_NODE_TYPES.VariableDeclarator) return false;
      const init = def.node.init && skipTransparent(def.node.init);
      if (init?.type !== AST_NODE_TYPES.CallExpression) return false;
      const method = staticName(init.callee) ?? '';
      if (snapshotCallees.has(method)) return true;
      if (init.callee.type !== AST_NODE_TYPES.MemberExpression) return false;
      const root = rootIdentifier(init.callee.object);
      const source = root && findVariable(root);
      return source ? (resolver.kindOfVariable(source)?.snapshotMethods ?? []).includes(method) : false;
    }

    function snapshotCallFor(variable: TSESLint.Scope.Variable): string | undefined {
      const snapshots = settings.snapshots;
      const declaration = variable.defs[0]?.name;
      if (snapshots.length === 0 || !declaration) return undefined;
      const type = services.getTypeAtLocation(declaration);
      return snapshots.find(entry => typeMatchesAnySpecifier(type, [entry.type], services.program))?.call;
    }

    /**
     * uWS: `HttpRequest` used after the handler's first `await` or inside a
     * callback that runs after the handler returned (even awaited ones such as
     * `.then` or `onData`), and `HttpResponse` used after the first `await`
     * without an abort handler.
     */
    function checkSuspendingHandler(node: FunctionNode): void {
      let suspension: ReturnType<typeof firstSuspension> | null = null;
      for (const param of node.params) {
        if (param.type !== AST_NODE_TYPES.Identifier) continue;
        const variable = findVariable(param);
        const kind = variable && resolver.kindOfVariable(variable);
        if (!variable || !kind) continue;
        const invalidAfterReturn = kind.lifetime === 'sync';
        const needsAbortHandler = kind.pendingResponse === 'after-on-aborted';
        if (!invalidAfterReturn && !needsAbortHandler) continue;
        suspension ??= firstSuspension(node, sourceCode.visitorKeys);
        const offset = suspension?.offset ?? Infinity;
        const late: { identifier: TSESTree.Identifier; after: TSESTree.Node; callback?: string }[] = [];
        for (const reference of variable.references) {
          const identifier = reference.identifier as TSESTree.Identifier;
          if (reported.has(identifier) || !contains(node, identifier)) continue;
          // Closures created after the first await can only run after it too.
          if (suspension && identifier.range[0] >= offset) late.push({ identifier, after: suspension.node });
          else if (invalidAfterReturn) {
            const callback = lateCallbackAround(identifier, node);
            if (callback) late.push({ identifier, after: callback.call, callback: callback.name });
          }
        }
        if (late.length === 0) continue;
        if (needsAbortHandler && !invalidAfterReturn && (!suspension || registersAbortHandlerBefore(variable, offset))) continue;
        for (const { identifier } of late) reported.add(identifier);
        const first = late[0];
        const callback = first.callback && `${/^[aeiou]/i.test(first.callback) ? 'an' : 'a'} ${first.callback}() callback`;
        const where = callback ? `inside ${callback}, which runs after the handler returned` : "after the handler's first `await`";
        const data = { name: variable.name, kind: kind.label, where, sink: callback ?? 'the rest of the handler' };
        if (!invalidAfterReturn) {
          context.report({ node: first.identifier, messageId: 'responseWithoutAbortHandler', data });
          continue;
        }
        const anchor = late.reduce((earliest, entry) => (entry.after.range[0] < earliest.range[0] ? entry.after : earliest), first.after);
        const statement = insertionStatement(anchor, variable, late.map(entry => entry.identifier));
        const uses = analyzeUses(late.map(entry => entry.identifier), kind, sourceCode, identifier => {
          const declaration = findVariable(identifier)?.defs[0]?.name;
          return declaration !== undefined && declaration.range[1] > (statement?.range[0] ?? offset);
        });
        const fixable = statement && uses.writes.length === 0 && uses.opaque.length === 0 && uses.reads.every(read => !read.async);
        context.report({
          node: first.identifier,
          messageId: first.callback ? 'escapes' : 'usedAfterAwait',
          data,
          fix: fixable ? hoistReads(sourceCode, statement, uses.reads, variable.name, newNames) : undefined,
        });
      }
    }

    function registersAbortHandlerBefore(variable: TSESLint.Scope.Variable, offset: number): boolean {
      return variable.references.some(reference => {
        const member = reference.identifier.parent;
        return (
          reference.identifier.range[0] < offset &&
          member?.type === AST_NODE_TYPES.MemberExpression &&
          member.object === reference.identifier &&
          staticName(member) === 'onAborted'
        );
      });
    }

    function messageFor(deferral: Deferral, capture: Capture, kind: ResolvedKind): MessageIds {
      if (kind.requestFunction) return 'requestApiDeferred';
      if (kind.lifetime === 'invocation') return 'escapesInvocation';
      if (deferral.family === 'background') return 'escapesToBackground';
      return capture.argument ? 'escapesAsArgument' : 'escapes';
    }

    function calleeRootIsParameter(call: TSESTree.CallExpression | TSESTree.NewExpression | undefined): boolean {
      const callee = call && skipTransparent(call.callee);
      if (callee?.type !== AST_NODE_TYPES.MemberExpression) return false;
      const root = rootIdentifier(callee.object);
      return root !== undefined && findVariable(root)?.defs[0]?.type === DefinitionType.Parameter;
    }

    /** Handlers for which this deferral is the (first) response: their contexts stay valid until it runs. */
    function pendingResponseHandlers(
      deferral: Deferral,
      candidates: readonly { capture: Capture; kind: ResolvedKind }[],
    ): Set<FunctionNode> {
      const handlers = new Set<FunctionNode>();
      for (const { capture, kind } of candidates) {
        if (!kind.pendingResponse || !kind.responseWriters) continue;
        const handler = declaringHandler(capture.variable);
        if (!handler || handlers.has(handler)) continue;
        const writers = kind.responseWriters;
        const writes =
          capture.references.some(reference => isResponseWrite(reference, writers, kind.writerFunctions)) ||
          writesStreamBody(handler, deferral);
        const sentElsewhere = sendsResponseOutside(handler, capture.variable, writers, deferral.node);
        if (isPendingResponse(deferral, handler, kind, writes, sentElsewhere, sourceCode.visitorKeys)) handlers.add(handler);
      }
      return handlers;
    }

    /** Koa `ctx.body = stream`: the response stays open while deferred work writes the stream. */
    function writesStreamBody(handler: FunctionNode, deferral: Deferral): boolean {
      const streams = streamBodies(handler, sourceCode.visitorKeys);
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

    function firstUnsafeReference(capture: Capture, kind: ResolvedKind): TSESTree.Identifier | undefined {
      if (kind.unsafe === 'all') return capture.references[0];
      // A whole object handed to other code is judged by what it is (`caches.default.put(request, …)`
      // only reads it); an unsafe member handed over (`c.req.raw`) is reported.
      if (capture.argument) return isUnsafeMemberPath(kind, capture.argument) ? capture.references[0] : undefined;
      const { members, writes } = kind.unsafe;
      return capture.references.find(reference => {
        const first = memberPath(reference, 1);
        if (first === '') return true; // handed on whole: anything may happen to it
        if (members.includes(first) || members.includes(memberPath(reference, 2))) return true;
        if (writes.includes('*') && assignsThrough(reference)) return true;
        return writes.includes(first) && isAssignmentTarget(reference.parent);
      });
    }

    function isRequestObject(receiver: TSESTree.Expression): boolean {
      const root = rootIdentifier(receiver);
      const variable = root && findVariable(root);
      if (variable && resolver.kindOfVariable(variable)) return true;
      return resolver.kindOfExpression(receiver) !== undefined;
    }

    function isPromiseTyped(expression: TSESTree.Expression): boolean {
      try {
        const checker = services.program.getTypeChecker();
        const type = checker.getApparentType(services.getTypeAtLocation(expression));
        return tsutils.unionConstituents(type).some(part => isBuiltinSymbolLike(services.program, part, 'Promise'));
      } catch {
        return false;
      }
    }

    /**
     * Whether this file can hold contexts that go stale at the handler's first
     * `await` (uWS): their types are only reachable through an import of their
     * package, so other files skip the per-function check.
     */
    function importsSuspendSensitivePackage(): boolean {
      if (suspendSensitivePackages === 'any') return true;
      fileImportsSuspendSensitivePackage ??= sourceCode.ast.body.some(
        statement =>
          (statement.type === AST_NODE_TYPES.ImportDeclaration || statement.type === AST_NODE_TYPES.ExportNamedDeclaration) &&
          statement.source !== null &&
          suspendSensitivePackages.has(statement.source.value),
      );
      return fileImportsSuspendSensitivePackage;
    }

    /** Route Handlers and Server Functions (a `'use server'` file or function) may call request APIs inside `after()`. */
    function requestApisAllowedInAfter(afterCall: TSESTree.Node): boolean {
      allowsRequestApisInAfter ??= ROUTE_HANDLER_FILE.test(context.filename) || hasUseServerDirective(sourceCode.ast.body);
      if (allowsRequestApisInAfter) return true;
      for (let fn = enclosingFunction(afterCall); fn; fn = enclosingFunction(fn)) {
        if (fn.body.type === AST_NODE_TYPES.BlockStatement && hasUseServerDirective(fn.body.body)) return true;
      }
      return false;
    }
  },
});

/** Packages declaring kinds that expire at the first `await`, or `'any'` when one is matched by something other than a package. */
function packagesOfSuspendSensitiveKinds(presets: readonly Preset[]): Set<string> | 'any' {
  const packages = new Set<string>();
  for (const kind of presets.flatMap(preset => preset.contexts)) {
    if (kind.lifetime !== 'sync' && kind.pendingResponse !== 'after-on-aborted') continue;
    for (const specifier of kind.types) {
      if (typeof specifier !== 'object' || specifier.from !== 'package') return 'any';
      packages.add(specifier.package);
    }
  }
  return packages;
}

function backgroundApiTable(presets: readonly Preset[]): Map<string, BackgroundApiMatch> {
  const table = new Map<string, { method: boolean; packages: string[] }>();
  for (const preset of presets) {
    for (const api of preset.backgroundApis ?? []) {
      const entry = table.get(api.name) ?? { method: false, packages: [] };
      if (api.packages) entry.packages.push(...api.packages);
      else entry.method = true;
      table.set(api.name, entry);
    }
  }
  return table;
}

/** `a.b.c` from the identifier `a`: depth 1 → `b`, depth 2 → `b.c`; `''` when `a` is not the object of a member access. */
function memberPath(identifier: TSESTree.Node, depth: number): string {
  const names: string[] = [];
  let node: TSESTree.Node = valueNode(identifier);
  while (names.length < depth) {
    const parent = node.parent;
    if (parent?.type !== AST_NODE_TYPES.MemberExpression || parent.object !== node) break;
    const name = staticName(parent);
    if (name === undefined) break;
    names.push(name);
    node = valueNode(parent);
  }
  return names.join('.');
}

/** `c.req.raw` for Hono: a member the kind marks unsafe, handed over as a value. */
function isUnsafeMemberPath(kind: ResolvedKind, expression: TSESTree.Node): boolean {
  if (kind.unsafe === 'all') return false;
  const names: string[] = [];
  let node = skipTransparent(expression);
  while (node.type === AST_NODE_TYPES.MemberExpression) {
    const name = staticName(node);
    if (name === undefined) return false;
    names.unshift(name);
    node = skipTransparent(node.object);
  }
  const members = kind.unsafe.members;
  return names.some((_, i) => members.includes(names.slice(0, i + 1).join('.')));
}

const STREAM_WRITES = new Set(['write', 'end', 'push', 'destroy']);

/** Callbacks that run after the code registering them has returned, even when the surrounding work is awaited. */
const LATE_CALLBACK_METHODS = new Set([
  'then', 'catch', 'finally', 'setTimeout', 'setInterval', 'setImmediate', 'queueMicrotask', 'nextTick',
  'on', 'once', 'addListener', 'prependListener', 'addEventListener', 'onData', 'onWritable', 'onAborted', 'add', 'addAll',
]);

/** The outermost late-running callback between `identifier` and `handler`, with the call registering it. */
function lateCallbackAround(
  identifier: TSESTree.Node,
  handler: TSESTree.Node,
): { call: TSESTree.CallExpression; name: string } | undefined {
  let found: { call: TSESTree.CallExpression; name: string } | undefined;
  for (let node = identifier.parent; node && node !== handler; node = node.parent) {
    const call = node.parent;
    if (
      (node.type === AST_NODE_TYPES.ArrowFunctionExpression || node.type === AST_NODE_TYPES.FunctionExpression) &&
      call?.type === AST_NODE_TYPES.CallExpression &&
      call.arguments.includes(node) &&
      LATE_CALLBACK_METHODS.has(staticName(call.callee) ?? '')
    ) {
      found = { call, name: staticName(call.callee)! };
    }
  }
  return found;
}

/** `set.headers['x'] = '1'`, `cookie.session.value = t`: an assignment to any member reached from the identifier. */
function assignsThrough(identifier: TSESTree.Node): boolean {
  let node: TSESTree.Node = valueNode(identifier);
  while (node.parent?.type === AST_NODE_TYPES.MemberExpression && node.parent.object === node) {
    node = node.parent;
    if (isAssignmentTarget(node)) return true;
    node = valueNode(node);
  }
  return false;
}

const REQUEST_FUNCTION_WRITES = new Set(['set', 'delete', 'append']);

/** `(await cookies()).set(…)` / `cookies().delete(…)`: a write through a request API, lost once the response is sent. */
function writesThroughRequestFunction(reference: TSESTree.Identifier): boolean {
  const call = reference.parent;
  if (call?.type !== AST_NODE_TYPES.CallExpression || call.callee !== reference) return false;
  const value = call.parent?.type === AST_NODE_TYPES.AwaitExpression ? call.parent : call;
  const member = value.parent;
  return (
    member?.type === AST_NODE_TYPES.MemberExpression &&
    member.object === value &&
    REQUEST_FUNCTION_WRITES.has(staticName(member) ?? '') &&
    member.parent?.type === AST_NODE_TYPES.CallExpression
  );
}

/**
 * Where the snapshot must be taken: before the scheduling call, or before the
 * declaration of a named local function it schedules (`setTimeout(later)`),
 * which may also run earlier.
 */
function snapshotAnchor(deferral: Deferral, capture: Capture): TSESTree.Node {
  let anchor = deferral.node;
  for (const fn of deferral.functions) {
    if (contains(deferral.node, fn.node) || fn.node.range[0] >= anchor.range[0]) continue;
    if (capture.references.some(reference => contains(fn.node, reference))) anchor = fn.node;
  }
  return anchor;
}

/** The function or method a snapshot template calls: `{{context}}.copy()` → `copy`. */
function calledName(template: string): string | undefined {
  return /([A-Za-z_$][\w$]*)\s*\([^()]*\)\s*$/.exec(template)?.[1];
}


function hasUseServerDirective(body: readonly TSESTree.Node[]): boolean {
  return body.some(
    statement => statement.type === AST_NODE_TYPES.ExpressionStatement && statement.directive === 'use server',
  );
}
