import type { TypeOrValueSpecifier } from '@typescript-eslint/type-utils';

import type { Preset, UpstreamClient } from './types.js';

import { awsLambda } from './aws-lambda.js';
import { cloudflareWorkers } from './cloudflare-workers.js';
import { elysia } from './elysia.js';
import { express } from './express.js';
import { fastify } from './fastify.js';
import { h3 } from './h3.js';
import { hono } from './hono.js';
import { koa } from './koa.js';
import { nestjs } from './nestjs.js';
import { nextjs } from './nextjs.js';
import { uwebsockets } from './uwebsockets.js';

export type {
  BackgroundApi,
  ContextKind,
  Lifetime,
  PendingResponse,
  Preset,
  RequestFunction,
  SharedStateFacts,
  SingletonClasses,
  RequestSignal,
  ResponseStream,
  UpstreamClient,
} from './types.js';

/** Every framework preset, by name. Adding a framework means adding one file here. */
export const PRESETS = {
  'aws-lambda': awsLambda,
  'cloudflare-workers': cloudflareWorkers,
  elysia,
  express,
  fastify,
  h3,
  hono,
  koa,
  nestjs,
  nextjs,
  uwebsockets,
} as const satisfies Record<string, Preset>;

export type PresetName = keyof typeof PRESETS;

export const PRESET_NAMES = Object.keys(PRESETS) as PresetName[];

/**
 * Job runners whose returned promise settles when the job has run
 * (`await queue.add(job)` keeps the job inside the request).
 */
export const DEFAULT_JOB_RUNNERS: readonly TypeOrValueSpecifier[] = [{ from: 'package', package: 'p-queue', name: ['add', 'addAll'] }];

/**
 * Job queues and emitters whose work runs elsewhere, later, even when the call
 * itself is awaited (BullMQ resolves once the job is stored). Users add more with `sinks`.
 */
export const DEFAULT_SINKS: readonly TypeOrValueSpecifier[] = [
  ...DEFAULT_JOB_RUNNERS,
  { from: 'package', package: 'bullmq', name: ['add', 'addBulk'] },
  { from: 'package', package: 'eventemitter2', name: ['emit', 'emitAsync'] },
];

const ALL_PRESETS: readonly Preset[] = Object.values(PRESETS);

/**
 * Members through which code reaches a context from another one, from every
 * preset (`c.req`, `host.switchToHttp()`), whichever presets a rule uses: the
 * syntactic screen before a type query must not depend on the preset list.
 */
export const CONTEXT_MEMBERS: ReadonlySet<string> = new Set(ALL_PRESETS.flatMap(preset => preset.reachedThrough ?? []));

/** Methods that register an abort handler, from every preset (uWS `onAborted`): work cleared there ends with the request. */
export const ABORT_HOOKS: ReadonlySet<string> = new Set(
  ALL_PRESETS.flatMap(preset => preset.contexts.flatMap(kind => (kind.abortHook ? [kind.abortHook] : []))),
);

/** Hooks registered by name that run when a request ends (Fastify `onResponse`), from every preset. */
export const END_HOOK_NAMES: ReadonlySet<string> = new Set(ALL_PRESETS.flatMap(preset => preset.endHooks ?? []));

/** Methods of framework objects whose callbacks run after the registering code returned (uWS `onData`), from every preset. */
export const LATE_CALLBACK_METHODS: ReadonlySet<string> = new Set(ALL_PRESETS.flatMap(preset => preset.lateCallbackMethods ?? []));

/** Methods of framework objects that call their callback before returning (uWS `cork`), from every preset. */
export const SYNCHRONOUS_CALLBACK_METHODS: ReadonlySet<string> = new Set(
  ALL_PRESETS.flatMap(preset => preset.synchronousCallbackMethods ?? []),
);

/**
 * Packages declaring kinds that expire at the handler's first `await` (or
 * need an abort handler by then), or `'any'` when such a kind is matched by
 * something other than a package: other files skip the per-function check.
 */
export function packagesOfSuspendSensitiveKinds(presets: readonly Preset[]): ReadonlySet<string> | 'any' {
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

/** Members that take a stream as the response body (Koa `ctx.body = stream`), from every preset. */
export const STREAM_BODY_MEMBERS: ReadonlySet<string> = new Set(
  ALL_PRESETS.flatMap(preset => preset.contexts.flatMap(kind => (kind.streamBody ? [kind.streamBody.member] : []))),
);

/**
 * Upstream HTTP clients whose response a proxy or streaming handler forwards to
 * its client, with the argument index of their options object (where `signal`
 * goes). Without `package` the names are globals; `default` is the default import called itself.
 */
export const UPSTREAM_CLIENTS: readonly UpstreamClient[] = [
  { calls: { fetch: 1 } },
  { package: 'undici', calls: { fetch: 1, request: 1, stream: 1 } },
  { package: 'got', calls: { default: 1, stream: 1, get: 1 } },
  { package: 'axios', calls: { default: 0, request: 0, get: 1 } },
];

/** Members of an upstream response that carry its body: `upstream.body` (fetch, undici), `response.data` (axios streams). */
export const UPSTREAM_BODY_MEMBERS: readonly string[] = ['body', 'data'];

/** The web `AbortSignal`, on every runtime: how code reads it and how signals combine. */
export const ABORT_SIGNAL = {
  /** The options key through which clients take a signal. */
  option: 'signal',
  /** Members reading `true` once aborted. */
  flags: ['aborted'],
  /** Methods that throw once aborted. */
  throwingMethods: ['throwIfAborted'],
  /** The event a signal emits. */
  event: 'abort',
  /** `AbortSignal.timeout(ms)`: a signal unrelated to the client. */
  global: 'AbortSignal',
  timeout: 'timeout',
  /** `AbortSignal.any([a, b])`. */
  combine: 'any',
} as const;

/**
 * Live state of every preset (`sent`, `headersSent`, `raw.headersSent`) that
 * no kind lists as a pure read, as dotted member paths: a fix must never copy
 * these ahead of deferred work (checked by the fuzzer).
 */
export const LIVE_MEMBERS: readonly string[] = (() => {
  const kinds = ALL_PRESETS.flatMap(preset => [
    ...preset.contexts,
    ...(preset.positional ?? []).flatMap(({ kind, position }) => [
      kind,
      ...(position.type === 'handler-parameter' ? Object.values(position.scopedProperties) : []),
    ]),
  ]);
  const pure = new Set(kinds.flatMap(kind => [...(kind.pureMembers ?? []), ...(kind.asyncPureMembers ?? [])]));
  return [...new Set(kinds.flatMap(kind => kind.liveMembers ?? []))].filter(member => !pure.has(member));
})();
