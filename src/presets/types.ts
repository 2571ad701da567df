import type { TypeOrValueSpecifier } from '@typescript-eslint/type-utils';

/**
 * How long a request context stays valid.
 * - `sync`: only during the synchronous part of the handler (uWS `HttpRequest`):
 *   code after the handler's first `await` counts as deferred too.
 * - `response`: until the response is sent (most frameworks).
 * - `invocation`: until the invocation returns; later work is frozen and resumes
 *   inside another invocation (AWS Lambda).
 */
export type Lifetime = 'sync' | 'response' | 'invocation';

/**
 * When deferred work that *produces* the response is legitimate. Frameworks in
 * which the handler ends the response explicitly keep the request alive until
 * then, so a one-shot deferral that sends the first response is not an escape.
 * - `always`: the response always ends explicitly (Express, Node `http`).
 * - `unless-async-without-return`: Fastify; an async handler must `return reply`
 *   or `await reply`, a non-async handler ends the response explicitly.
 * - `after-on-aborted`: uWS `HttpResponse`, once the handler registers `onAborted`.
 * - `after-respond-false-or-stream-body`: Koa, once the handler sets
 *   `ctx.respond = false` or streams the body (`ctx.body = stream`).
 * - `unless-async`: Lambda callback handlers end when `callback` is called
 *   (writer `()`); an async handler ends when its promise settles, and a later
 *   `callback(…)` is ignored.
 */
export type PendingResponse =
  'always' | 'unless-async' | 'unless-async-without-return' | 'after-on-aborted' | 'after-respond-false-or-stream-body';

/** Members that are unsafe to touch once the response is gone (`reads: 'unsafe-only'`). */
export interface UnsafeMembers {
  /** Accessing these at all is unsafe (methods that write, socket-derived getters, body reads). Dotted paths name nested members. */
  readonly members: readonly string[];
  /** Assigning these is unsafe (`ctx.body = …`); `*` means assigning through any member (`set.status = 500`). */
  readonly writes: readonly string[];
}

export interface ContextKind {
  /** Shown in messages, e.g. "Hono Context". */
  readonly label: string;
  /** Declared types that identify this context. */
  readonly types: readonly TypeOrValueSpecifier[];
  readonly lifetime: Lifetime;
  /** What `reads: 'unsafe-only'` still reports. */
  readonly unsafe: 'all' | UnsafeMembers;
  /** Methods that send, end or write the response (dotted paths name nested members): writes get no fix; a one-shot deferral that calls one can be pending-response work. */
  readonly responseWriters?: readonly string[];
  /** Functions that write the response when given the context as first argument (h3 `setCookie(event, …)`). */
  readonly writerFunctions?: readonly string[];
  /** Methods whose result is a safe copy of the context (Workers `request.clone()` taken before the response). */
  readonly snapshotMethods?: readonly string[];
  /** See {@link PendingResponse}; absent when the response ends on return. */
  readonly pendingResponse?: PendingResponse;
  /**
   * Reads a snapshot fix may hoist out of deferred code: getters and methods
   * without side effects whose result is plain data.
   */
  readonly pureMembers?: readonly string[];
  /**
   * Live state: members whose value changes while the request is served
   * (`reply.sent`, `res.headersSent`, `ctx.status`). Code that checks them
   * later means to see the later value, so a fix never hoists them: a copy
   * taken before the work would change what the code does.
   */
  readonly liveMembers?: readonly string[];
  /** Pure methods that read the body and return a promise: hoisted only with `await`, as a suggestion. */
  readonly asyncPureMembers?: readonly string[];
  /**
   * How a variable of this kind registers work with the runtime so it is kept
   * alive, as a template: `{{name}}.waitUntil({{work}})`.
   */
  readonly registersWork?: string;
  /**
   * A global type whose presence shows that the program targets a runtime
   * where {@link registersWork} exists: Hono's `c.executionCtx` exists only on
   * Workers-like runtimes and throws on Node, so its registration is offered
   * only when `ExecutionContext` is declared globally (by
   * `@cloudflare/workers-types` or `wrangler types`).
   */
  readonly registersWorkWithGlobal?: string;
  /**
   * The method that registers an abort handler (uWS `onAborted`): with
   * `pendingResponse: 'after-on-aborted'`, the response stays valid for
   * deferred work only once the handler has registered one.
   */
  readonly abortHook?: string;
  /**
   * With `pendingResponse: 'after-respond-false-or-stream-body'`: the member
   * that hands the framework a stream as the body (Koa `body`) and the flag
   * that takes the response over (Koa `respond`).
   */
  readonly streamBody?: { readonly member: string; readonly respondFlag: string };
  /**
   * The kind is the rest of the request's middleware chain (Koa `next`): a
   * call to it that is neither awaited nor returned lets the middleware settle
   * first, so the framework answers while the downstream middleware still use
   * the request.
   */
  readonly continuesChain?: boolean;
  /**
   * Objects of this kind are request contexts only when the framework hands
   * them to a handler, or code derives them from one: an object the code
   * builds itself with `new` (`new Request(url)` to call `fetch`) is an
   * outgoing request or a copy, not the request being served.
   */
  readonly servedOnly?: boolean;
}

/** A context recognised by where a value comes from rather than by its type. */
export interface PositionalContext {
  readonly kind: ContextKind;
  /**
   * - `handler-parameter`: a parameter of a function passed to a method named
   *   in `methods` on a receiver whose type matches `receiver` (Elysia).
   * - `decorated-parameter`: a parameter decorated with one of `decorators`
   *   imported from `package` (NestJS `@Req()`).
   * - `module-handler`: the parameter at index `parameter` of a method named in
   *   `methods` of the module's handler object (Workers `export default { fetch(request, env, ctx) }`):
   *   the default export with at least `minParameters` parameters, or an
   *   object typed with one of `handlerTypes` (`satisfies ExportedHandler<Env>`).
   *   An annotated parameter must have one of `parameterTypes` (the global
   *   `Request` of `lib.dom` or undici), so the context is found whichever
   *   typings declare it.
   */
  readonly position:
    | {
        readonly type: 'handler-parameter';
        readonly receiver: TypeOrValueSpecifier;
        readonly methods: readonly string[];
        /** Destructured properties of the context that are themselves request-scoped, with their kinds. */
        readonly scopedProperties: Readonly<Record<string, ContextKind>>;
      }
    | {
        readonly type: 'decorated-parameter';
        readonly package: string;
        readonly decorators: readonly string[];
        /** An option of the decorator after which the framework sends the return value (NestJS `@Res({ passthrough: true })`). */
        readonly passthroughOption?: string;
      }
    | {
        readonly type: 'module-handler';
        readonly methods: readonly string[];
        readonly parameter: number;
        readonly handlerTypes: readonly string[];
        readonly minParameters: number;
        readonly parameterTypes: readonly TypeOrValueSpecifier[];
      };
}

/** A function that reads the current request from async-local storage (Next.js `cookies()`). */
export interface RequestFunction {
  readonly package: readonly string[];
  readonly names: readonly string[];
  readonly label: string;
  /**
   * Where calling it inside work registered with the background API `api` is
   * allowed: in files whose path matches `files` or that export one of
   * `exports` (Next.js Route Handlers: `route.ts`, `export async function GET`)
   * and in files or functions with the `directive` (Server Functions, `'use server'`).
   */
  readonly allowedInside?: {
    readonly api: string;
    readonly files: RegExp;
    readonly exports: readonly string[];
    readonly directive: string;
  };
  /** Methods of its result that write the response (`cookies().set(…)`). */
  readonly writers: readonly string[];
}

/** An API that keeps work alive after the response (still reported: captures stay invalid). */
export interface BackgroundApi {
  /** Method or function name: `waitUntil`, `after`. */
  readonly name: string;
  /** For free functions: the packages they are imported from. Methods match any receiver. */
  readonly packages?: readonly string[];
  readonly label: string;
}

/**
 * Facts for `no-shared-request-state`: where the framework keeps per-request
 * data, and what goes wrong when a request's objects or data are kept where
 * every request sees them (module scope, `globalThis`, singletons).
 */
export interface SharedStateFacts {
  /** The framework's per-request store, named in messages: "`c.set()`/`c.get()`". */
  readonly requestStore: string;
  /** The consequence of storing a request context in shared storage; the rule's generic one when absent. */
  readonly contextConsequence?: string;
  /** The consequence of a value read from a request kept in a single shared slot; the rule's generic one when absent. */
  readonly dataConsequence?: string;
  /**
   * I/O objects bound to the request during which they were created (Workers):
   * applies in functions with a parameter of one of this preset's contexts.
   */
  readonly requestBound?: {
    /** Types of request-bound objects (`Response`, `ReadableStream`, `WebSocket`). */
    readonly types: readonly TypeOrValueSpecifier[];
    /** Whether objects of classes from packages, created with `new` during the request (database clients), are bound too. */
    readonly packageObjects: boolean;
    /** What happens when another request uses one. */
    readonly consequence: string;
  };
}

/**
 * Classes the framework instantiates once and shares between requests unless
 * they are declared request-scoped (NestJS providers and controllers).
 */
export interface SingletonClasses {
  /** Where the decorators come from: `@nestjs/common`. */
  readonly package: string;
  /** Class decorators that make a class a shared instance: `Injectable`, `Controller`. */
  readonly decorators: readonly string[];
  /** A decorator option that makes the class per-request: `{ scope: Scope.REQUEST }` is `{ property: 'scope', values: ['REQUEST'] }` (the enum member's name). */
  readonly requestScope: { readonly property: string; readonly values: readonly string[] };
  /**
   * Constructor-parameter decorators whose token makes the class per-request
   * (scopes bubble up the injection chain): `@Inject(REQUEST)`.
   */
  readonly requestInjection: {
    readonly decorators: readonly string[];
    readonly tokens: readonly string[];
    readonly packages: readonly string[];
  };
}

/**
 * A stream or response through which a handler sends data to the client while
 * it is connected (`require-abort-handling`).
 */
export interface ResponseStream {
  /** Shown in messages, e.g. "a Hono SSE stream". */
  readonly label: string;
  /** Declared types of the stream (subtypes match). */
  readonly types: readonly TypeOrValueSpecifier[];
  /** Methods that send data to the client: `writeSSE`, `write`, `enqueue`. */
  readonly writeMethods: readonly string[];
  /** Members that read `true` once the client has gone (`stream.aborted`); reading one counts as a disconnect check. */
  readonly abortFlags?: readonly string[];
  /**
   * Rewriting `while (true)` to `while (!stream.<abortFlags[0]>)` is an autofix:
   * the flag only changes once the client left, so behaviour changes only then.
   */
  readonly abortFlagFix?: boolean;
  /** Methods registering a callback that runs when the client leaves (`stream.onAbort(cb)`), or underlying-source methods (`cancel()`). */
  readonly abortHooks?: readonly string[];
  /** Events the stream emits when the client leaves (`res.on('close', cb)`). */
  readonly closeEvents?: readonly string[];
  /** Writes throw once the client has gone (`controller.enqueue`), so a loop stops at its next write: loops are not reported. */
  readonly writesThrowAfterAbort?: boolean;
  /**
   * The stream is the response only when handed to the framework as the body:
   * assigned to a member named here (`ctx.body = stream`) or passed to a method
   * named here (`reply.send(stream)`). Generic Node streams are matched this way.
   */
  readonly asBody?: { readonly members?: readonly string[]; readonly methods?: readonly string[] };
}

/** Where a handler finds out that its client disconnected, for upstream requests it makes. */
export interface RequestSignal {
  /** Shown in messages, e.g. "Hono Context". */
  readonly label: string;
  /** Declared types of a handler parameter that gives the signal. */
  readonly types: readonly TypeOrValueSpecifier[];
  /** The request's `AbortSignal`, as a template: `{{name}}.req.raw.signal`. Absent for Node requests. */
  readonly signal?: string;
  /** Node requests: events emitted when the client disconnects (`req.on('close', …)`). */
  readonly closeEvents?: readonly string[];
  /** What emits `closeEvents`, as a template: `{{name}}.req` for Koa's `ctx`; the parameter itself when absent. */
  readonly closeEmitter?: string;
}

/**
 * A function making an upstream HTTP request (`fetch`, `undici.request`), with
 * the argument index of its options object (where `signal` goes) per export:
 * `default` is the default import called itself (`got(url)`); without `package`, the keys are globals.
 */
export interface UpstreamClient {
  /** The package it is imported from; absent for globals (`fetch`). */
  readonly package?: string;
  readonly calls: Readonly<Record<string, number>>;
}

export interface Preset {
  readonly name: string;
  readonly label: string;
  readonly contexts: readonly ContextKind[];
  readonly positional?: readonly PositionalContext[];
  readonly requestFunctions?: readonly RequestFunction[];
  readonly backgroundApis?: readonly BackgroundApi[];
  /**
   * Calls that make an outgoing request: the parameters of their callbacks are
   * the upstream's response (`http.get(url, res => …)` gives an
   * `IncomingMessage`), not a request being served.
   */
  readonly clientCalls?: readonly TypeOrValueSpecifier[];
  /** Calls that spawn work, e.g. job-queue adders. */
  readonly sinks?: readonly TypeOrValueSpecifier[];
  /**
   * Methods whose callbacks run after the code registering them has returned
   * (uWS `res.onData(cb)`), besides timers, listeners and promise callbacks.
   */
  readonly lateCallbackMethods?: readonly string[];
  /** Methods that call their callback before they return (uWS `res.cork(cb)`): code inside runs where the call is. */
  readonly synchronousCallbackMethods?: readonly string[];
  /**
   * Members and methods through which code reaches a request context from
   * another one (`c.req`, `host.switchToHttp().getRequest()`): a variable
   * initialised from one may hold a context, so its type is checked.
   */
  readonly reachedThrough?: readonly string[];
  /**
   * Hooks registered by name whose callbacks run when a request ends (Fastify
   * `addHook('onResponse', …)`): a timer stored on the request and cleared
   * there is bounded by the request.
   */
  readonly endHooks?: readonly string[];
  /** A function that registers work with the runtime, imported where needed: Next.js `after`. */
  readonly registerFunction?: { readonly name: string; readonly from: string; readonly template: string };
  /** See {@link SharedStateFacts} (`no-shared-request-state`). */
  readonly sharedState?: SharedStateFacts;
  /** See {@link SingletonClasses} (`no-shared-request-state`). */
  readonly singletons?: SingletonClasses;
  /** Streams and responses handlers write to while the client is connected (`require-abort-handling`). */
  readonly streams?: readonly ResponseStream[];
  /** Handler parameters that give the request's abort signal or close events (`require-abort-handling`). */
  readonly requestSignals?: readonly RequestSignal[];
}
