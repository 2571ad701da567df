import type { Preset, ResponseStream } from './types.js';

/**
 * The controller of a `ReadableStream` returned as a `Response` body: the
 * runtime cancels the stream when the client leaves (the source's `cancel()`
 * runs) and `enqueue` throws from then on, so loops stop at their next write
 * but timers keep firing and throwing.
 */
export const WEB_STREAM_CONTROLLER: ResponseStream = {
  label: 'a ReadableStream controller',
  types: [
    { from: 'lib', name: ['ReadableStreamDefaultController', 'ReadableByteStreamController'] },
    { from: 'package', package: '@cloudflare/workers-types', name: ['ReadableStreamDefaultController', 'ReadableByteStreamController'] },
  ],
  writeMethods: ['enqueue'],
  abortHooks: ['cancel'],
  writesThrowAfterAbort: true,
};

/** Next.js App Router: request APIs are scoped to the request; `after()` runs once the response is finished. */
export const nextjs: Preset = {
  name: 'nextjs',
  label: 'Next.js',
  reachedThrough: ['cookies', 'headers'],
  contexts: [
    {
      label: 'NextRequest',
      types: [{ from: 'package', package: 'next', name: 'NextRequest' }],
      lifetime: 'response',
      unsafe: {
        members: ['json', 'text', 'formData', 'arrayBuffer', 'blob', 'body', 'bytes', 'cookies.set', 'cookies.delete', 'signal'],
        writes: [],
      },
      pureMembers: ['method', 'url', 'nextUrl', 'headers.get', 'cookies.get', 'geo', 'ip'],
      liveMembers: ['signal.aborted', 'bodyUsed'],
      snapshotMethods: ['clone'],
      asyncPureMembers: ['json', 'text', 'formData'],
      // `new NextRequest(url)` builds a request (tests, rewrites), it does not serve one.
      servedOnly: true,
    },
    {
      label: 'Next.js request cookies',
      types: [{ from: 'package', package: 'next', name: ['ReadonlyRequestCookies', 'RequestCookies', 'ResponseCookies'] }],
      lifetime: 'response',
      unsafe: { members: ['set', 'delete'], writes: [] },
      pureMembers: ['get', 'getAll', 'has'],
      responseWriters: ['set', 'delete'],
    },
    {
      label: 'NextResponse',
      types: [{ from: 'package', package: 'next', name: 'NextResponse' }],
      lifetime: 'response',
      unsafe: { members: ['cookies.set', 'cookies.delete', 'headers.set', 'headers.append', 'headers.delete'], writes: [] },
      responseWriters: ['cookies.set', 'cookies.delete', 'headers.set', 'headers.append', 'headers.delete'],
      pureMembers: ['status', 'headers.get', 'cookies.get'],
    },
    {
      label: 'NextFetchEvent',
      types: [{ from: 'package', package: 'next', name: 'NextFetchEvent' }],
      lifetime: 'response',
      unsafe: 'all',
      registersWork: '{{name}}.waitUntil({{work}})',
    },
    {
      label: 'Next.js pages API request',
      types: [{ from: 'package', package: 'next', name: ['NextApiRequest', 'NextApiResponse'] }],
      lifetime: 'response',
      unsafe: { members: ['send', 'json', 'status', 'redirect', 'end', 'write', 'setHeader', 'socket'], writes: [] },
      responseWriters: ['send', 'json', 'redirect', 'end'],
      pendingResponse: 'always',
    },
  ],
  requestFunctions: [
    {
      package: ['next/headers', 'next/server'],
      names: ['cookies', 'headers', 'draftMode', 'connection'],
      label: 'Next.js request API',
      // Route Handlers (a `route.ts` file, or a module exporting HTTP method handlers)
      // and Server Functions may call request APIs inside `after()`.
      allowedInside: {
        api: 'after',
        files: /(?:^|[\\/])route\.[cm]?[jt]sx?$/,
        exports: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'],
        directive: 'use server',
      },
      writers: ['set', 'delete', 'append'],
    },
  ],
  backgroundApis: [
    { name: 'after', packages: ['next/server'], label: 'an after() callback' },
    { name: 'waitUntil', label: 'work registered with waitUntil()' },
    { name: 'waitUntil', packages: ['@vercel/functions'], label: 'work registered with waitUntil()' },
  ],
  registerFunction: { name: 'after', from: 'next/server', template: 'after(() => {{work}})' },
  sharedState: { requestStore: 'React `cache()`' },
  streams: [WEB_STREAM_CONTROLLER],
  // Route Handlers take the standard `Request` (or `NextRequest`); its signal aborts when the client leaves.
  requestSignals: [
    {
      label: 'Route Handler request',
      types: [
        { from: 'package', package: 'next', name: 'NextRequest' },
        { from: 'lib', name: 'Request' },
      ],
      signal: '{{name}}.signal',
    },
  ],
};
