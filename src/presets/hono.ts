import type { Preset } from './types.js';

/** Hono: one `Context` per request; writes after the response are silent no-ops, late body reads throw. */
export const hono: Preset = {
  name: 'hono',
  label: 'Hono',
  reachedThrough: ['req', 'raw', 'executionCtx', 'event'],
  contexts: [
    {
      label: 'Hono Context',
      types: [{ from: 'package', package: 'hono', name: 'Context' }],
      lifetime: 'response',
      unsafe: {
        members: [
          'json',
          'text',
          'html',
          'body',
          'header',
          'status',
          'redirect',
          'notFound',
          'newResponse',
          'render',
          'setRenderer',
          'executionCtx',
          'event',
          'req.json',
          'req.text',
          'req.arrayBuffer',
          'req.blob',
          'req.formData',
          'req.parseBody',
          'req.raw',
        ],
        writes: ['res', 'error'],
      },
      responseWriters: ['json', 'text', 'html', 'body', 'header', 'status', 'redirect', 'newResponse', 'notFound', 'render'],
      pureMembers: [
        'req.header',
        'req.param',
        'req.query',
        'req.queries',
        'req.url',
        'req.path',
        'req.method',
        'req.routePath',
        'get',
        'var',
        'env',
      ],
      asyncPureMembers: ['req.json', 'req.text', 'req.parseBody', 'req.formData', 'req.arrayBuffer', 'req.blob'],
      liveMembers: ['finalized', 'res', 'error', 'req.raw.signal.aborted'],
      // Only on Workers-like runtimes: `c.executionCtx` throws on Node, Bun and Deno.
      registersWork: '{{name}}.executionCtx.waitUntil({{work}})',
      registersWorkWithGlobal: 'ExecutionContext',
    },
    {
      label: 'Hono request',
      types: [{ from: 'package', package: 'hono', name: 'HonoRequest' }],
      lifetime: 'response',
      unsafe: {
        members: ['json', 'text', 'arrayBuffer', 'blob', 'formData', 'parseBody', 'raw'],
        writes: [],
      },
      pureMembers: ['header', 'param', 'query', 'queries', 'url', 'path', 'method', 'routePath'],
      asyncPureMembers: ['json', 'text', 'parseBody', 'formData', 'arrayBuffer', 'blob'],
    },
  ],
  backgroundApis: [{ name: 'waitUntil', label: 'work registered with waitUntil()' }],
  sharedState: { requestStore: '`c.set()`/`c.get()`' },
  // `stream()`, `streamText()`, `streamSSE()` from `hono/streaming`: writes after the
  // client left are swallowed, so only `aborted`/`onAbort` can end the work.
  streams: [
    {
      label: 'a Hono stream',
      types: [{ from: 'package', package: 'hono', name: ['StreamingApi', 'SSEStreamingApi'] }],
      writeMethods: ['write', 'writeln', 'writeSSE'],
      abortFlags: ['aborted'],
      abortFlagFix: true,
      abortHooks: ['onAbort'],
    },
  ],
  requestSignals: [
    { label: 'Hono Context', types: [{ from: 'package', package: 'hono', name: 'Context' }], signal: '{{name}}.req.raw.signal' },
    { label: 'Hono request', types: [{ from: 'package', package: 'hono', name: 'HonoRequest' }], signal: '{{name}}.raw.signal' },
  ],
};
