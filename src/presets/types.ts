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
 * - Lambda callback handlers end when `callback` is called (writer `()`).
 */
export type PendingResponse =
  | 'always'
  | 'unless-async-without-return'
  | 'after-on-aborted'
  | 'after-respond-false-or-stream-body';

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
}

/** A context recognised by where a value comes from rather than by its type. */
export interface PositionalContext {
  readonly kind: ContextKind;
  /**
   * - `handler-parameter`: a parameter of a function passed to a method named
   *   in `methods` on a receiver whose type matches `receiver` (Elysia).
   * - `decorated-parameter`: a parameter decorated with one of `decorators`
   *   imported from `package` (NestJS `@Req()`).
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
      };
}

/** A function that reads the current request from async-local storage (Next.js `cookies()`). */
export interface RequestFunction {
  readonly package: readonly string[];
  readonly names: readonly string[];
  readonly label: string;
  /**
   * Where calling it inside work registered with the background API `api` is
   * allowed: in files whose path matches `files` (Next.js Route Handlers) and
   * in files or functions with the `directive` (Server Functions, `'use server'`).
   */
  readonly allowedInside?: { readonly api: string; readonly files: RegExp; readonly directive: string };
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

export interface Preset {
  readonly name: string;
  readonly label: string;
  readonly contexts: readonly ContextKind[];
  readonly positional?: readonly PositionalContext[];
  readonly requestFunctions?: readonly RequestFunction[];
  readonly backgroundApis?: readonly BackgroundApi[];
  /** Calls that spawn work, e.g. job-queue adders. */
  readonly sinks?: readonly TypeOrValueSpecifier[];
  /**
   * Methods whose callbacks run after the code registering them has returned
   * (uWS `res.onData(cb)`), besides timers, listeners and promise callbacks.
   */
  readonly lateCallbackMethods?: readonly string[];
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
}
