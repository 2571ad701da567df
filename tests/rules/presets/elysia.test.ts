// Elysia: the handler context is an anonymous object type, so it is matched
// by position (the parameter of a handler passed to an Elysia route or hook
// method). The raw `request`, `set`, `cookie` and `server` are request-scoped,
// each with its own kind (also when destructured further, as
// `{ cookie: { session } }`), and any assignment through `set`, `cookie` or the
// whole context is a response write; the parsed `body`, `query`, `params`,
// `headers` and the app-wide `store` are plain data.
import rule from '../../../src/rules/no-escaping-context.js';
import { createTypedRuleTester } from '../../util/rule-tester.js';

const ruleTester = createTypedRuleTester();

ruleTester.run('no-escaping-context', rule, {
  valid: [
    // parsed body, query, params, headers and the app-wide store are plain data
    `
import { Elysia } from 'elysia';
declare function audit(data: unknown): Promise<void>;
new Elysia().state('hits', 0).post('/orders/:id', ({ body, query, params, store, headers }) => {
  setTimeout(() => audit({ body, query, params, hits: store.hits, ua: headers['user-agent'] }), 10);
  return { ok: true };
});
`,
    // a floating call given only the safe destructured values
    `
import { Elysia } from 'elysia';
declare function audit(data: unknown): Promise<void>;
new Elysia().state('version', '1').get('/items', ({ store, params, query }) => {
  audit({ version: store.version, params, query });
  return 'ok';
});
`,
    // request.url copied before the timer
    `
import { Elysia } from 'elysia';
declare function audit(url: string): Promise<void>;
new Elysia().post('/', ({ request }) => {
  const url = request.url;
  setTimeout(() => audit(url), 10);
  return 'ok';
});
`,
    // awaited work may use the request
    `
import { Elysia } from 'elysia';
declare function audit(request: Request): Promise<void>;
new Elysia().post('/', async ({ request }) => {
  await audit(request);
  return 'ok';
});
`,
    // work joined into an awaited Promise.all
    `
import { Elysia } from 'elysia';
declare function audit(request: Request): Promise<void>;
declare function save(): Promise<string>;
new Elysia().post('/', async ({ request }) => {
  const [, id] = await Promise.all([audit(request), save()]);
  return { id };
});
`,
    // a promise variable awaited later in the handler
    `
import { Elysia } from 'elysia';
declare function audit(request: Request): Promise<void>;
new Elysia().post('/', async ({ request, body }) => {
  const audited = audit(request);
  await audited;
  return body;
});
`,
    // a returned promise chain produces the response
    `
import { Elysia } from 'elysia';
new Elysia().get('/proxy', ({ request }) => fetch('https://upstream.example.com', { headers: request.headers }).then(res => res.text()));
`,
    // a timer cleared in finally is bounded by the handler
    `
import { Elysia } from 'elysia';
new Elysia().get('/', async ({ request }) => {
  const timer = setTimeout(() => console.warn('slow upstream for', request.url), 1000);
  try {
    return await fetch('https://upstream.example.com').then(res => res.text());
  } finally {
    clearTimeout(timer);
  }
});
`,
    // a listener on the request's own abort signal
    `
import { Elysia } from 'elysia';
new Elysia().get('/stream', async ({ request }) => {
  request.signal.addEventListener('abort', () => console.log('client left', request.url));
  return await fetch('https://upstream.example.com').then(res => res.text());
});
`,
    // an onAfterHandle hook that uses the context synchronously
    `
import { Elysia } from 'elysia';
new Elysia().onAfterHandle(({ set, path }) => {
  set.headers['x-path'] = path;
});
`,
    // a group route that copies what its timer needs
    `
import { Elysia } from 'elysia';
new Elysia().group('/api', app => app.get('/', ({ request }) => {
  const method = request.method;
  setTimeout(() => console.log(method), 10);
  return 'ok';
}));
`,
    // a get() method of another receiver is not an Elysia handler
    `
declare const cache: { get(key: string, fill: (ctx: { request: Request }) => void): void };
cache.get('/', ctx => {
  setTimeout(() => console.log(ctx.request.url), 10);
});
`,
    // Known limitation: a handler declared apart from the route is not matched, because Elysia contexts are recognised by position only
    `
import { Elysia, type Context } from 'elysia';
function handler(ctx: Context) {
  setTimeout(() => console.log(ctx.request.url), 10);
  return 'ok';
}
new Elysia().get('/', handler);
`,
    // reads: 'unsafe-only': path, query, params, body and store are safe to read later
    {
      code: `
import { Elysia } from 'elysia';
new Elysia().get('/', ctx => {
  setTimeout(() => console.log(ctx.path, ctx.query, ctx.params, ctx.body, ctx.store), 10);
  return 'ok';
});
`,
      options: [{ reads: 'unsafe-only' }],
    },
    // reads: 'unsafe-only': method and header reads of the destructured request are safe to read later
    {
      code: `
import { Elysia } from 'elysia';
new Elysia().get('/', ({ request }) => {
  setTimeout(() => console.log(request.method, request.headers.get('user-agent')), 10);
  return 'ok';
});
`,
      options: [{ reads: 'unsafe-only' }],
    },
    // without the elysia preset handler contexts are not request contexts
    {
      code: `
import { Elysia } from 'elysia';
new Elysia().get('/', ({ request }) => {
  setTimeout(() => console.log(request.url), 10);
  return 'ok';
});
`,
      options: [{ presets: ['hono', 'express'] }],
    },
  ],
  invalid: [
    // the whole handler context in a timer
    {
      code: `
import { Elysia } from 'elysia';
new Elysia().get('/', ctx => {
  setTimeout(() => console.log(ctx.request.url), 10);
  return 'ok';
});
`,
      output: `
import { Elysia } from 'elysia';
new Elysia().get('/', ctx => {
  const url = ctx.request.url;
  setTimeout(() => console.log(url), 10);
  return 'ok';
});
`,
      errors: [
        {
          messageId: 'escapes',
          data: { name: 'ctx', kind: 'Elysia Context', sink: 'a setTimeout callback' },
          line: 4,
          column: 32,
          endLine: 4,
          endColumn: 47,
        },
      ],
    },
    // the destructured raw request in a floating .then() callback (request.url may be empty after the response on Bun)
    {
      code: `
import { Elysia } from 'elysia';
declare function audit(data: unknown): Promise<void>;
new Elysia().post('/orders', ({ request, body }) => {
  audit(body).then(() => console.log('audited', request.url));
  return { ok: true };
});
`,
      output: `
import { Elysia } from 'elysia';
declare function audit(data: unknown): Promise<void>;
new Elysia().post('/orders', ({ request, body }) => {
  const url = request.url;
  audit(body).then(() => console.log('audited', url));
  return { ok: true };
});
`,
      errors: [
        {
          messageId: 'escapes',
          data: { name: 'request', kind: 'Elysia request', sink: 'a .then() callback of a floating promise' },
          line: 5,
          column: 49,
          endLine: 5,
          endColumn: 60,
        },
      ],
    },
    // a write to the destructured `set` after the response was produced
    {
      code: `
import { Elysia } from 'elysia';
new Elysia().get('/', ({ set }) => {
  setTimeout(() => {
    set.headers['x-late'] = '1';
  }, 10);
  return 'ok';
});
`,
      output: null,
      errors: [
        {
          messageId: 'writesAfterResponse',
          data: { name: 'set', kind: 'Elysia set', sink: 'a setTimeout callback' },
          line: 5,
          column: 5,
          endLine: 5,
          endColumn: 26,
        },
      ],
    },
    // a cookie written after a floating refresh resolves
    {
      code: `
import { Elysia } from 'elysia';
declare function refreshToken(): Promise<string>;
new Elysia().get('/', ({ cookie }) => {
  refreshToken().then(token => {
    cookie.session.value = token;
  });
  return 'ok';
});
`,
      output: null,
      errors: [
        {
          messageId: 'writesAfterResponse',
          data: { name: 'cookie', kind: 'Elysia cookie', sink: 'a .then() callback of a floating promise' },
          line: 6,
          column: 5,
          endLine: 6,
          endColumn: 25,
        },
      ],
    },
    // a route registered on an app variable
    {
      code: `
import { Elysia } from 'elysia';
const app = new Elysia();
app.get('/', ctx => {
  queueMicrotask(() => console.log(ctx.path, ctx.request.method));
  return 'ok';
});
`,
      output: `
import { Elysia } from 'elysia';
const app = new Elysia();
app.get('/', ctx => {
  const path = ctx.path;
  const method = ctx.request.method;
  queueMicrotask(() => console.log(path, method));
  return 'ok';
});
`,
      errors: [
        {
          messageId: 'escapes',
          data: { name: 'ctx', kind: 'Elysia Context', sink: 'a queueMicrotask callback' },
          line: 5,
          column: 36,
          endLine: 5,
          endColumn: 44,
        },
      ],
    },
    // a route chained after state() and another route
    {
      code: `
import { Elysia } from 'elysia';
new Elysia().state('hits', 0).get('/a', () => 'a').post('/b', ({ request, store }) => {
  store.hits++;
  setTimeout(() => console.log(request.url), 10);
  return 'b';
});
`,
      output: `
import { Elysia } from 'elysia';
new Elysia().state('hits', 0).get('/a', () => 'a').post('/b', ({ request, store }) => {
  store.hits++;
  const url = request.url;
  setTimeout(() => console.log(url), 10);
  return 'b';
});
`,
      errors: [
        {
          messageId: 'escapes',
          data: { name: 'request', kind: 'Elysia request', sink: 'a setTimeout callback' },
          line: 5,
          column: 32,
          endLine: 5,
          endColumn: 43,
        },
      ],
    },
    // forwarding the raw request with an un-awaited fetch
    {
      code: `
import { Elysia } from 'elysia';
new Elysia().post('/mirror', ({ request }) => {
  void fetch(request);
  return 'accepted';
});
`,
      output: null,
      errors: [
        {
          messageId: 'escapesAsArgument',
          data: { name: 'request', kind: 'Elysia request', sink: 'the floating promise of fetch()' },
          line: 4,
          column: 14,
          endLine: 4,
          endColumn: 21,
        },
      ],
    },
    // an onAfterResponse hook that schedules more work holding the context
    {
      code: `
import { Elysia } from 'elysia';
new Elysia().onAfterResponse(ctx => {
  setTimeout(() => console.log(ctx.request.url), 10);
});
`,
      output: `
import { Elysia } from 'elysia';
new Elysia().onAfterResponse(ctx => {
  const url = ctx.request.url;
  setTimeout(() => console.log(url), 10);
});
`,
      errors: [
        {
          messageId: 'escapes',
          data: { name: 'ctx', kind: 'Elysia Context', sink: 'a setTimeout callback' },
          line: 4,
          column: 32,
          endLine: 4,
          endColumn: 47,
        },
      ],
    },
    // a derive() hook whose timer holds the request
    {
      code: `
import { Elysia } from 'elysia';
new Elysia().derive(({ request }) => {
  setTimeout(() => console.log(request.url), 10);
  return { startedAt: Date.now() };
});
`,
      output: `
import { Elysia } from 'elysia';
new Elysia().derive(({ request }) => {
  const url = request.url;
  setTimeout(() => console.log(url), 10);
  return { startedAt: Date.now() };
});
`,
      errors: [
        {
          messageId: 'escapes',
          data: { name: 'request', kind: 'Elysia request', sink: 'a setTimeout callback' },
          line: 4,
          column: 32,
          endLine: 4,
          endColumn: 43,
        },
      ],
    },
    // server.requestIP(request) from a timer: both the server handle and the request are request-scoped
    {
      code: `
import { Elysia } from 'elysia';
new Elysia().get('/', ({ server, request }) => {
  setTimeout(() => console.log(server?.requestIP(request)), 10);
  return 'ok';
});
`,
      output: null,
      errors: [
        {
          messageId: 'escapes',
          data: { name: 'server', kind: 'Elysia server', sink: 'a setTimeout callback' },
          line: 4,
          column: 32,
          endLine: 4,
          endColumn: 58,
        },
        {
          messageId: 'escapes',
          data: { name: 'request', kind: 'Elysia request', sink: 'a setTimeout callback' },
          line: 4,
          column: 50,
          endLine: 4,
          endColumn: 57,
        },
      ],
    },
    // a route inside group()
    {
      code: `
import { Elysia } from 'elysia';
new Elysia().group('/api', app => app.get('/', ({ request }) => {
  setTimeout(() => console.log(request.url), 10);
  return 'ok';
}));
`,
      output: `
import { Elysia } from 'elysia';
new Elysia().group('/api', app => app.get('/', ({ request }) => {
  const url = request.url;
  setTimeout(() => console.log(url), 10);
  return 'ok';
}));
`,
      errors: [
        {
          messageId: 'escapes',
          data: { name: 'request', kind: 'Elysia request', sink: 'a setTimeout callback' },
          line: 4,
          column: 32,
          endLine: 4,
          endColumn: 43,
        },
      ],
    },
    // a once-listener on a long-lived emitter writing the response headers
    {
      code: `
import { EventEmitter } from 'node:events';
import { Elysia } from 'elysia';
const bus = new EventEmitter();
new Elysia().get('/', ({ set }) => {
  bus.once('ready', () => {
    set.headers['x-ready'] = '1';
  });
  return 'ok';
});
`,
      output: null,
      errors: [
        {
          messageId: 'writesAfterResponse',
          data: { name: 'set', kind: 'Elysia set', sink: "a 'ready' listener" },
          line: 7,
          column: 5,
          endLine: 7,
          endColumn: 27,
        },
      ],
    },
    // the part of an async IIFE after its first await
    {
      code: `
import { Elysia } from 'elysia';
declare function warmCache(): Promise<void>;
new Elysia().get('/', ({ request }) => {
  (async () => {
    await warmCache();
    console.log('warmed for', request.url);
  })();
  return 'ok';
});
`,
      output: `
import { Elysia } from 'elysia';
declare function warmCache(): Promise<void>;
new Elysia().get('/', ({ request }) => {
  const url = request.url;
  (async () => {
    await warmCache();
    console.log('warmed for', url);
  })();
  return 'ok';
});
`,
      errors: [
        {
          messageId: 'escapes',
          data: { name: 'request', kind: 'Elysia request', sink: 'a floating async IIFE' },
          line: 7,
          column: 31,
          endLine: 7,
          endColumn: 42,
        },
      ],
    },
    // a promise stored in a variable that nothing awaits
    {
      code: `
import { Elysia } from 'elysia';
declare function audit(event: string): Promise<void>;
new Elysia().get('/', ({ request }) => {
  const pending = audit('visit').then(() => console.log(request.url));
  return 'ok';
});
`,
      output: `
import { Elysia } from 'elysia';
declare function audit(event: string): Promise<void>;
new Elysia().get('/', ({ request }) => {
  const url = request.url;
  const pending = audit('visit').then(() => console.log(url));
  return 'ok';
});
`,
      errors: [
        {
          messageId: 'escapes',
          data: { name: 'request', kind: 'Elysia request', sink: 'the promise stored in `pending`, which is never awaited' },
          line: 5,
          column: 57,
          endLine: 5,
          endColumn: 68,
        },
      ],
    },
    // selecting only the elysia preset still reports handler contexts
    {
      code: `
import { Elysia } from 'elysia';
new Elysia().get('/', ({ request }) => {
  setImmediate(() => console.log(request.url));
  return 'ok';
});
`,
      output: `
import { Elysia } from 'elysia';
new Elysia().get('/', ({ request }) => {
  const url = request.url;
  setImmediate(() => console.log(url));
  return 'ok';
});
`,
      options: [{ presets: ['elysia'] }],
      errors: [
        {
          messageId: 'escapes',
          data: { name: 'request', kind: 'Elysia request', sink: 'a setImmediate callback' },
          line: 4,
          column: 34,
          endLine: 4,
          endColumn: 45,
        },
      ],
    },
    // reads: 'unsafe-only': the raw request of the context is unsafe
    {
      code: `
import { Elysia } from 'elysia';
new Elysia().get('/', ctx => {
  setTimeout(() => console.log(ctx.path, ctx.request.url), 10);
  return 'ok';
});
`,
      output: `
import { Elysia } from 'elysia';
new Elysia().get('/', ctx => {
  const path = ctx.path;
  const url = ctx.request.url;
  setTimeout(() => console.log(path, url), 10);
  return 'ok';
});
`,
      options: [{ reads: 'unsafe-only' }],
      errors: [
        {
          messageId: 'escapes',
          data: { name: 'ctx', kind: 'Elysia Context', sink: 'a setTimeout callback' },
          line: 4,
          column: 42,
          endLine: 4,
          endColumn: 57,
        },
      ],
    },
    // a cookie destructured from the context's cookie jar, written after a floating refresh resolves
    {
      code: `
import { Elysia } from 'elysia';
declare function refreshToken(): Promise<string>;
new Elysia().get('/', ({ cookie: { session } }) => {
  refreshToken().then(token => {
    session.value = token;
  });
  return 'ok';
});
`,
      output: null,
      errors: [
        {
          messageId: 'writesAfterResponse',
          data: { name: 'session', kind: 'Elysia cookie', sink: 'a .then() callback of a floating promise' },
          line: 6,
          column: 5,
          endLine: 6,
          endColumn: 18,
        },
      ],
    },
    // reads: 'unsafe-only': a body read of the destructured request from a timer is unsafe
    {
      code: `
import { Elysia } from 'elysia';
declare function audit(data: unknown): Promise<void>;
new Elysia().post('/', ({ request }) => {
  setTimeout(async () => audit(await request.text()), 10);
  return 'ok';
});
`,
      output: null,
      options: [{ reads: 'unsafe-only' }],
      errors: [
        {
          messageId: 'escapes',
          data: { name: 'request', kind: 'Elysia request', sink: 'a setTimeout callback' },
          line: 5,
          column: 38,
          endLine: 5,
          endColumn: 52,
        },
      ],
    },
    // reads: 'unsafe-only': writing a header through the destructured set after the response is unsafe
    {
      code: `
import { Elysia } from 'elysia';
new Elysia().get('/', ({ set }) => {
  setTimeout(() => {
    set.headers['x-late'] = '1';
  }, 10);
  return 'ok';
});
`,
      output: null,
      options: [{ reads: 'unsafe-only' }],
      errors: [
        {
          messageId: 'writesAfterResponse',
          data: { name: 'set', kind: 'Elysia set', sink: 'a setTimeout callback' },
          line: 5,
          column: 5,
          endLine: 5,
          endColumn: 26,
        },
      ],
    },
    // reads: 'unsafe-only': writing ctx.set after the response is unsafe
    {
      code: `
import { Elysia } from 'elysia';
new Elysia().get('/', ctx => {
  setTimeout(() => {
    ctx.set.headers['x-late'] = '1';
  }, 10);
  return 'ok';
});
`,
      output: null,
      options: [{ reads: 'unsafe-only' }],
      errors: [
        {
          messageId: 'writesAfterResponse',
          data: { name: 'ctx', kind: 'Elysia Context', sink: 'a setTimeout callback' },
          line: 5,
          column: 5,
          endLine: 5,
          endColumn: 30,
        },
      ],
    },
    // reads: 'unsafe-only': writing a cookie through ctx.cookie after the response is unsafe
    {
      code: `
import { Elysia } from 'elysia';
new Elysia().get('/', ctx => {
  setTimeout(() => {
    ctx.cookie.session.value = 'expired';
  }, 10);
  return 'ok';
});
`,
      output: null,
      options: [{ reads: 'unsafe-only' }],
      errors: [
        {
          messageId: 'writesAfterResponse',
          data: { name: 'ctx', kind: 'Elysia Context', sink: 'a setTimeout callback' },
          line: 5,
          column: 5,
          endLine: 5,
          endColumn: 29,
        },
      ],
    },
  ],
});
