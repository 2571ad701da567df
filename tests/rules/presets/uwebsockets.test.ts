// uWebSockets.js: `HttpRequest` is only valid during the synchronous part of the
// handler (an `await` counts as a return) and throws afterwards. `HttpResponse`
// is valid until it ends or is aborted, and deferred use needs an `onAborted`
// handler registered before the handler returns or first awaits.
import rule from '../../../src/rules/no-escaping-context.js';
import { createTypedRuleTester } from '../../util/rule-tester.js';

const ruleTester = createTypedRuleTester();

ruleTester.run('no-escaping-context', rule, {
  valid: [
    // A helper registers the abort handler and records the abort; the .then() write checks it
    {
      code: `
import { App, type HttpResponse } from 'uWebSockets.js';
declare function load(): Promise<string>;
async function prepare(res: HttpResponse, steps: Array<() => Promise<string>>): Promise<HttpResponse> {
  res.onAborted(() => {
    res.aborted = true;
  });
  for (const step of steps) await step();
  return res;
}
function send(res: HttpResponse, body: string) {
  res.cork(() => res.end(body));
}
App().get('/', res => {
  prepare(res, [load]).then(res => {
    if (!res.aborted) send(res, 'OK');
  });
});
`,
    },
    // A function returning a promise chain whose write checks the flag the caller's abort handler sets
    {
      code: `
import { App, type HttpResponse } from 'uWebSockets.js';
declare function load(): Promise<string>;
function respond(res: HttpResponse) {
  return load().then(body => {
    if (!res.aborted) res.end(body);
  });
}
App().get('/', res => {
  res.onAborted(() => {
    res.aborted = true;
  });
  void respond(res);
});
`,
    },
    // Middleware handed the response: an early return on the flag guards the write after its await
    {
      code: `
import type { HttpResponse } from 'uWebSockets.js';
declare function load(): Promise<string>;
let aborted = false;
export async function middleware(res: HttpResponse) {
  res.onAborted(() => {
    aborted = true;
  });
  const body = await load();
  if (aborted) return;
  res.cork(() => res.end(body));
}
`,
    },
    // A synchronous helper that writes the response it is handed: nothing runs after async work
    {
      code: `
import { App, type HttpResponse } from 'uWebSockets.js';
function sendJson(res: HttpResponse, value: unknown) {
  res.cork(() => res.writeHeader('content-type', 'application/json').end(JSON.stringify(value)));
}
App().get('/health', res => {
  sendJson(res, { ok: true });
});
`,
    },
    // Abort handler first, headers copied before the first await, writes guarded and corked
    {
      code: `
import { App } from 'uWebSockets.js';
declare function loadOrder(id: string): Promise<{ id: string; total: number }>;
const app = App();
app.get('/orders/:id/summary', async (res, req) => {
  let aborted = false;
  res.onAborted(() => {
    aborted = true;
  });
  const id = req.getParameter(0) ?? '';
  const lang = req.getHeader('accept-language');
  const order = await loadOrder(id);
  if (!aborted) res.cork(() => res.end(JSON.stringify({ ...order, lang })));
});
`,
    },
    // All headers copied with forEach before the first await
    {
      code: `
import { App } from 'uWebSockets.js';
declare function forward(url: string, headers: Record<string, string>): Promise<string>;
const app = App();
app.any('/*', async (res, req) => {
  let aborted = false;
  res.onAborted(() => {
    aborted = true;
  });
  const headers: Record<string, string> = {};
  req.forEach((key, value) => {
    headers[key] = value;
  });
  const url = req.getUrl();
  const body = await forward(url, headers);
  if (!aborted) res.cork(() => res.end(body));
});
`,
    },
    // A synchronous handler that answers immediately
    {
      code: `
import { App } from 'uWebSockets.js';
const app = App();
app.get('/health', (res, req) => {
  res.writeHeader('x-method', req.getMethod()).end('ok');
});
`,
    },
    // A timer that sends the only response after onAborted was registered
    {
      code: `
import { App } from 'uWebSockets.js';
const app = App();
app.get('/slow', (res, req) => {
  const url = req.getUrl();
  let aborted = false;
  res.onAborted(() => {
    aborted = true;
  });
  setTimeout(() => {
    if (!aborted) res.cork(() => res.end('slow ' + url));
  }, 100);
});
`,
    },
    // A promise chain that sends the only response after onAborted was registered
    {
      code: `
import { App } from 'uWebSockets.js';
declare function loadOrder(id: string): Promise<{ id: string; total: number }>;
const app = App();
app.get('/orders/:id', (res, req) => {
  res.onAborted(() => {
    res.aborted = true;
  });
  loadOrder(req.getParameter(0) ?? '').then(order => {
    if (!res.aborted) res.cork(() => res.end(JSON.stringify(order)));
  });
});
`,
    },
    // An interval cleared in the abort handler
    {
      code: `
import { App } from 'uWebSockets.js';
const app = App();
app.get('/ticks', (res, req) => {
  res.writeHeader('content-type', 'text/plain');
  const ticker = setInterval(() => res.cork(() => res.write('tick')), 1000);
  res.onAborted(() => clearInterval(ticker));
});
`,
    },
    // A request header copied before it is used in a timer
    {
      code: `
import { App } from 'uWebSockets.js';
declare function log(message: string, fields?: Record<string, unknown>): void;
const app = App();
app.get('/orders', (res, req) => {
  const ua = req.getHeader('user-agent');
  res.end('ok');
  setTimeout(() => log('served', { ua }), 0);
});
`,
    },
    // The remote address copied early, before any await
    {
      code: `
import { App } from 'uWebSockets.js';
declare function geolocate(ip: string): Promise<string>;
const app = App();
app.get('/where', async (res, req) => {
  res.onAborted(() => {
    res.aborted = true;
  });
  const ip = Buffer.from(res.getRemoteAddressAsText()).toString();
  const country = await geolocate(ip);
  if (!res.aborted) res.cork(() => res.end(country));
});
`,
    },
    // onData: the body arrives after the handler returned, with onAborted registered
    {
      code: `
import { App } from 'uWebSockets.js';
const app = App();
app.post('/echo', (res, req) => {
  const type = req.getHeader('content-type');
  let body = Buffer.alloc(0);
  res.onAborted(() => {
    res.aborted = true;
  });
  res.onData((chunk, isLast) => {
    body = Buffer.concat([body, Buffer.from(chunk)]);
    if (isLast && !res.aborted) res.cork(() => res.writeHeader('content-type', type).end(body));
  });
});
`,
    },
    // An async handler that never awaits may use the request throughout
    {
      code: `
import { App } from 'uWebSockets.js';
const app = App();
app.get('/echo', async (res, req) => {
  res.end(req.getUrl() + '?' + (req.getQuery() ?? ''));
});
`,
    },
    // Copied values passed to an awaited call
    {
      code: `
import { App } from 'uWebSockets.js';
declare function audit(url: string, method: string): Promise<void>;
const app = App();
app.del('/orders/:id', async (res, req) => {
  res.onAborted(() => {
    res.aborted = true;
  });
  await audit(req.getUrl(), req.getMethod());
  if (!res.aborted) res.cork(() => res.end('deleted'));
});
`,
    },
    // Work joined with Promise.all, every header read before the await
    {
      code: `
import { App } from 'uWebSockets.js';
declare function loadOrder(id: string): Promise<{ id: string; total: number }>;
declare function loadStats(user: string): Promise<{ orders: number }>;
const app = App();
app.get('/dashboard/:user', async (res, req) => {
  res.onAborted(() => {
    res.aborted = true;
  });
  const [order, stats] = await Promise.all([loadOrder(req.getQuery('last') ?? ''), loadStats(req.getParameter(0) ?? '')]);
  if (!res.aborted) res.cork(() => res.end(JSON.stringify({ order, stats })));
});
`,
    },
    // A timer bounded by clearTimeout in finally
    {
      code: `
import { App } from 'uWebSockets.js';
declare function loadOrder(id: string): Promise<{ id: string; total: number }>;
declare function log(message: string, fields?: Record<string, unknown>): void;
const app = App();
app.get('/orders/:id', async (res, req) => {
  res.onAborted(() => {
    res.aborted = true;
  });
  const id = req.getParameter(0) ?? '';
  const slow = setTimeout(() => log('slow', { id, aborted: res.aborted }), 5000);
  try {
    const order = await loadOrder(id);
    if (!res.aborted) res.cork(() => res.end(JSON.stringify(order)));
  } finally {
    clearTimeout(slow);
  }
});
`,
    },
    // reads: 'unsafe-only': every deferred uWS access is unsafe, so only copies may be used
    {
      code: `
import { App } from 'uWebSockets.js';
declare function log(message: string, fields?: Record<string, unknown>): void;
const app = App();
app.get('/orders', (res, req) => {
  const url = req.getUrl();
  res.end('ok');
  setImmediate(() => log('served', { url }));
});
`,
      options: [{ reads: 'unsafe-only' }],
    },
    // With presets limited to hono, uWS objects are not request contexts
    {
      code: `
import { App } from 'uWebSockets.js';
declare function loadOrder(id: string): Promise<{ id: string; total: number }>;
const app = App();
app.get('/orders/:id', async (res, req) => {
  const order = await loadOrder(req.getParameter(0) ?? '');
  res.end(JSON.stringify({ ...order, lang: req.getHeader('accept-language') }));
});
`,
      options: [{ presets: ['hono'] }],
    },
    // A cork callback runs synchronously, so the request is still valid inside it
    {
      code: `
import { App } from 'uWebSockets.js';
const app = App();
app.get('/whoami', (res, req) => {
  res.cork(() => res.writeHeader('x-url', req.getUrl()).end(req.getHeader('user-agent')));
});
`,
    },
  ],
  invalid: [
    // The helper's abort handler only logs: the write in .then() is judged on its own, at the write
    {
      code: `
import { App, type HttpResponse } from 'uWebSockets.js';
declare function load(): Promise<string>;
async function prepare(res: HttpResponse, steps: Array<() => Promise<string>>): Promise<HttpResponse> {
  res.onAborted(() => {
    console.log('aborted');
  });
  for (const step of steps) await step();
  return res;
}
function send(res: HttpResponse, body: string) {
  res.cork(() => res.end(body));
}
App().get('/', res => {
  prepare(res, [load])
    .then(res => send(res, 'OK'))
    .catch(console.error);
});
`,
      output: null,
      errors: [
        {
          messageId: 'writesWithoutAbortCheck',
          data: { name: 'res', kind: 'uWS HttpResponse', where: 'inside a then() callback' },
          line: 16,
          column: 23,
          endLine: 16,
          endColumn: 26,
        },
      ],
    },
    // A function returning a chain that writes after async work, its callers dropping it: reported in the function
    {
      code: `
import { App, type HttpResponse } from 'uWebSockets.js';
declare function load(): Promise<string>;
function respond(res: HttpResponse) {
  return load().then(body => res.end(body));
}
App().get('/', res => {
  res.onAborted(() => {});
  void respond(res);
});
`,
      output: null,
      errors: [
        {
          messageId: 'writesWithoutAbortCheck',
          data: { name: 'res', kind: 'uWS HttpResponse', where: 'inside a then() callback' },
          line: 5,
          column: 30,
          endLine: 5,
          endColumn: 43,
        },
      ],
    },
    // An abort handler that only logs does not make the write after the await safe
    {
      code: `
import { App } from 'uWebSockets.js';
declare function load(): Promise<string>;
App().get('/', async res => {
  res.onAborted(() => {
    console.log('aborted');
  });
  const body = await load();
  res.cork(() => res.end(body));
});
`,
      output: null,
      errors: [
        {
          messageId: 'writesWithoutAbortCheck',
          data: { name: 'res', kind: 'uWS HttpResponse', where: "after the function's first \`await\`" },
          line: 9,
          column: 3,
          endLine: 9,
          endColumn: 32,
        },
      ],
    },
    // Middleware handed the response writes after its await without a check (the caller registers the handler)
    {
      code: `
import type { HttpResponse } from 'uWebSockets.js';
declare function load(): Promise<string>;
export async function middleware(res: HttpResponse) {
  const body = await load();
  res.end(body);
}
`,
      output: null,
      errors: [
        {
          messageId: 'writesWithoutAbortCheck',
          data: { name: 'res', kind: 'uWS HttpResponse', where: "after the function's first \`await\`" },
          line: 6,
          column: 3,
          endLine: 6,
          endColumn: 16,
        },
      ],
    },
    // HttpRequest read after the first await throws
    {
      code: `
import { App } from 'uWebSockets.js';
declare function loadOrder(id: string): Promise<{ id: string; total: number }>;
const app = App();
app.get('/orders/:id', async (res, req) => {
  res.onAborted(() => {
    res.aborted = true;
  });
  const order = await loadOrder(req.getParameter(0) ?? '');
  const lang = req.getHeader('accept-language');
  if (!res.aborted) res.cork(() => res.end(JSON.stringify({ ...order, lang })));
});
`,
      output: `
import { App } from 'uWebSockets.js';
declare function loadOrder(id: string): Promise<{ id: string; total: number }>;
const app = App();
app.get('/orders/:id', async (res, req) => {
  res.onAborted(() => {
    res.aborted = true;
  });
  const acceptLanguage = req.getHeader('accept-language');
  const order = await loadOrder(req.getParameter(0) ?? '');
  const lang = acceptLanguage;
  if (!res.aborted) res.cork(() => res.end(JSON.stringify({ ...order, lang })));
});
`,
      errors: [
        {
          messageId: 'usedAfterAwait',
          data: { name: 'req', kind: 'uWS HttpRequest' },
          line: 10,
          column: 16,
          endLine: 10,
          endColumn: 48,
        },
      ],
    },
    // HttpResponse used after the first await without an abort handler
    {
      code: `
import { App } from 'uWebSockets.js';
declare function loadOrder(id: string): Promise<{ id: string; total: number }>;
const app = App();
app.get('/orders/:id/status', async (res, req) => {
  const id = req.getParameter(0) ?? '';
  const order = await loadOrder(id);
  res.end(JSON.stringify({ id: order.id, total: order.total }));
});
`,
      errors: [
        {
          messageId: 'responseWithoutAbortHandler',
          data: { name: 'res', kind: 'uWS HttpResponse', where: "after the handler's first `await`" },
          line: 8,
          column: 3,
          endLine: 8,
          endColumn: 64,
        },
      ],
    },
    // onAborted registered only after the first await is too late
    {
      code: `
import { App } from 'uWebSockets.js';
declare function loadOrder(id: string): Promise<{ id: string; total: number }>;
const app = App();
app.get('/orders/:id', async (res, req) => {
  const id = req.getParameter(0) ?? '';
  const order = await loadOrder(id);
  res.onAborted(() => {});
  res.end(JSON.stringify(order));
});
`,
      errors: [
        {
          messageId: 'responseWithoutAbortHandler',
          data: { name: 'res', kind: 'uWS HttpResponse', where: "after the handler's first `await`" },
          line: 8,
          column: 3,
          endLine: 8,
          endColumn: 26,
        },
      ],
    },
    // An await inside a loop: later iterations read the request after suspending
    {
      code: `
import { App } from 'uWebSockets.js';
declare function check(key: string): Promise<boolean>;
const app = App();
app.get('/check', async (res, req) => {
  res.onAborted(() => {
    res.aborted = true;
  });
  for (const key of ['x-a', 'x-b']) {
    const value = req.getHeader(key);
    await check(value);
  }
  if (!res.aborted) res.cork(() => res.end('ok'));
});
`,
      errors: [
        {
          messageId: 'usedAfterAwait',
          data: { name: 'req', kind: 'uWS HttpRequest' },
          line: 10,
          column: 19,
          endLine: 10,
          endColumn: 37,
        },
      ],
    },
    // A timer reads the request after the handler returned
    {
      code: `
import { App } from 'uWebSockets.js';
declare function log(message: string, fields?: Record<string, unknown>): void;
const app = App();
app.get('/orders', (res, req) => {
  res.end('ok');
  setTimeout(() => log('served', { url: req.getUrl() }), 0);
});
`,
      output: `
import { App } from 'uWebSockets.js';
declare function log(message: string, fields?: Record<string, unknown>): void;
const app = App();
app.get('/orders', (res, req) => {
  res.end('ok');
  const url = req.getUrl();
  setTimeout(() => log('served', { url }), 0);
});
`,
      errors: [
        {
          messageId: 'escapes',
          data: { name: 'req', kind: 'uWS HttpRequest', sink: 'a setTimeout() callback' },
          line: 7,
          column: 41,
          endLine: 7,
          endColumn: 53,
        },
      ],
    },
    // A .then callback reads the request
    {
      code: `
import { App } from 'uWebSockets.js';
declare function loadOrder(id: string): Promise<{ id: string; total: number }>;
const app = App();
app.get('/orders/:id', (res, req) => {
  res.onAborted(() => {
    res.aborted = true;
  });
  loadOrder(req.getParameter(0) ?? '').then(order => {
    if (!res.aborted) res.cork(() => res.end(JSON.stringify({ ...order, lang: req.getHeader('accept-language') })));
  });
});
`,
      output: `
import { App } from 'uWebSockets.js';
declare function loadOrder(id: string): Promise<{ id: string; total: number }>;
const app = App();
app.get('/orders/:id', (res, req) => {
  res.onAborted(() => {
    res.aborted = true;
  });
  const acceptLanguage = req.getHeader('accept-language');
  loadOrder(req.getParameter(0) ?? '').then(order => {
    if (!res.aborted) res.cork(() => res.end(JSON.stringify({ ...order, lang: acceptLanguage })));
  });
});
`,
      errors: [
        {
          messageId: 'escapes',
          data: { name: 'req', kind: 'uWS HttpRequest', sink: 'a then() callback' },
          line: 10,
          column: 79,
          endLine: 10,
          endColumn: 111,
        },
      ],
    },
    // An interval keeps writing to the response, even with an abort handler
    {
      code: `
import { App } from 'uWebSockets.js';
const app = App();
app.get('/ticks', (res, req) => {
  res.onAborted(() => {
    res.aborted = true;
  });
  setInterval(() => res.cork(() => res.write('tick')), 1000);
});
`,
      errors: [
        {
          messageId: 'writesRepeatedly',
          data: { name: 'res', kind: 'uWS HttpResponse', sink: 'a setInterval callback' },
          line: 8,
          column: 21,
          endLine: 8,
          endColumn: 54,
        },
      ],
    },
    // A second response from a timer after the handler already ended the response
    {
      code: `
import { App } from 'uWebSockets.js';
const app = App();
app.get('/orders', (res, req) => {
  res.onAborted(() => {});
  res.end('accepted');
  setTimeout(() => res.end('done'), 100);
});
`,
      errors: [
        {
          messageId: 'writesAfterSent',
          data: { name: 'res', kind: 'uWS HttpResponse', sink: 'a setTimeout callback', sentLine: '6' },
          line: 7,
          column: 20,
          endLine: 7,
          endColumn: 35,
        },
      ],
    },
    // The request passed to an async call nobody awaits
    {
      code: `
import { App } from 'uWebSockets.js';
import type { HttpRequest } from 'uWebSockets.js';
declare function audit(req: HttpRequest): Promise<void>;
const app = App();
app.get('/orders', (res, req) => {
  void audit(req);
  res.end('ok');
});
`,
      errors: [
        {
          messageId: 'escapesAsArgument',
          data: { name: 'req', kind: 'uWS HttpRequest', sink: 'the floating promise of audit()' },
          line: 7,
          column: 14,
          endLine: 7,
          endColumn: 17,
        },
      ],
    },
    // An async IIFE reads the request after its first await
    {
      code: `
import { App } from 'uWebSockets.js';
declare function log(message: string, fields?: Record<string, unknown>): void;
declare function sleep(ms: number): Promise<void>;
const app = App();
app.get('/orders', (res, req) => {
  (async () => {
    await sleep(10);
    log('served', { url: req.getUrl() });
  })();
  res.end('ok');
});
`,
      output: `
import { App } from 'uWebSockets.js';
declare function log(message: string, fields?: Record<string, unknown>): void;
declare function sleep(ms: number): Promise<void>;
const app = App();
app.get('/orders', (res, req) => {
  const url = req.getUrl();
  (async () => {
    await sleep(10);
    log('served', { url });
  })();
  res.end('ok');
});
`,
      errors: [
        {
          messageId: 'escapes',
          data: { name: 'req', kind: 'uWS HttpRequest', sink: 'a floating async IIFE' },
          line: 9,
          column: 26,
          endLine: 9,
          endColumn: 38,
        },
      ],
    },
    // A listener on a process-wide emitter writes the response on every event
    {
      code: `
import { App } from 'uWebSockets.js';
import { EventEmitter } from 'node:events';
const feed = new EventEmitter();
const app = App();
app.get('/feed', (res, req) => {
  res.onAborted(() => {
    res.aborted = true;
  });
  feed.on('item', (item: string) => res.cork(() => res.write(item)));
});
`,
      errors: [
        {
          messageId: 'writesRepeatedly',
          data: { name: 'res', kind: 'uWS HttpResponse', sink: "a 'item' listener" },
          line: 10,
          column: 37,
          endLine: 10,
          endColumn: 68,
        },
      ],
    },
    // Both objects used after the first await: the request is invalid and the response has no abort handler
    {
      code: `
import { App } from 'uWebSockets.js';
declare function loadOrder(id: string): Promise<{ id: string; total: number }>;
const app = App();
app.get('/orders/:id', async (res, req) => {
  const order = await loadOrder(req.getParameter(0) ?? '');
  res.cork(() => res.end(JSON.stringify({ order, lang: req.getHeader('accept-language') })));
});
`,
      output: `
import { App } from 'uWebSockets.js';
declare function loadOrder(id: string): Promise<{ id: string; total: number }>;
const app = App();
app.get('/orders/:id', async (res, req) => {
  const acceptLanguage = req.getHeader('accept-language');
  const order = await loadOrder(req.getParameter(0) ?? '');
  res.cork(() => res.end(JSON.stringify({ order, lang: acceptLanguage })));
});
`,
      errors: [
        {
          messageId: 'responseWithoutAbortHandler',
          data: { name: 'res', kind: 'uWS HttpResponse', where: "after the handler's first `await`" },
          line: 7,
          column: 3,
          endLine: 7,
          endColumn: 93,
        },
        {
          messageId: 'usedAfterAwait',
          data: { name: 'req', kind: 'uWS HttpRequest' },
          line: 7,
          column: 56,
          endLine: 7,
          endColumn: 88,
        },
      ],
    },
    // The whole request handed to a helper after the first await cannot be fixed by a copy
    {
      code: `
import { App } from 'uWebSockets.js';
import type { HttpRequest } from 'uWebSockets.js';
declare function describe(req: HttpRequest): string;
declare function sleep(ms: number): Promise<void>;
const app = App();
app.get('/orders', async (res, req) => {
  res.onAborted(() => {
    res.aborted = true;
  });
  await sleep(1);
  const text = describe(req);
  if (!res.aborted) res.cork(() => res.end(text));
});
`,
      errors: [
        {
          messageId: 'usedAfterAwait',
          data: { name: 'req', kind: 'uWS HttpRequest' },
          line: 12,
          column: 25,
          endLine: 12,
          endColumn: 28,
        },
      ],
    },
    // A queueMicrotask callback runs after the handler returned
    {
      code: `
import { App } from 'uWebSockets.js';
declare function log(message: string, fields?: Record<string, unknown>): void;
const app = App();
app.get('/orders', (res, req) => {
  res.end('ok');
  queueMicrotask(() => log('served', { url: req.getUrl() }));
});
`,
      output: `
import { App } from 'uWebSockets.js';
declare function log(message: string, fields?: Record<string, unknown>): void;
const app = App();
app.get('/orders', (res, req) => {
  res.end('ok');
  const url = req.getUrl();
  queueMicrotask(() => log('served', { url }));
});
`,
      errors: [
        {
          messageId: 'escapes',
          data: { name: 'req', kind: 'uWS HttpRequest', sink: 'a queueMicrotask() callback' },
          line: 7,
          column: 45,
          endLine: 7,
          endColumn: 57,
        },
      ],
    },
    // A .catch-only chain reads the request
    {
      code: `
import { App } from 'uWebSockets.js';
declare function log(message: string, fields?: Record<string, unknown>): void;
declare function track(event: string): Promise<void>;
const app = App();
app.get('/orders', (res, req) => {
  track('order').catch(err => log('failed', { err, url: req.getUrl() }));
  res.end('ok');
});
`,
      output: `
import { App } from 'uWebSockets.js';
declare function log(message: string, fields?: Record<string, unknown>): void;
declare function track(event: string): Promise<void>;
const app = App();
app.get('/orders', (res, req) => {
  const url = req.getUrl();
  track('order').catch(err => log('failed', { err, url }));
  res.end('ok');
});
`,
      errors: [
        {
          messageId: 'escapes',
          data: { name: 'req', kind: 'uWS HttpRequest', sink: 'a catch() callback' },
          line: 7,
          column: 57,
          endLine: 7,
          endColumn: 69,
        },
      ],
    },
    // A timer scheduled by a floating new Promise reads the request; the copy is taken in the handler's own body, before any of it
    {
      code: `
import { App } from 'uWebSockets.js';
declare function log(message: string, fields?: Record<string, unknown>): void;
const app = App();
app.get('/orders', (res, req) => {
  res.end('ok');
  new Promise<void>(resolve => {
    setTimeout(() => {
      log('served', { url: req.getUrl() });
      resolve();
    }, 10);
  });
});
`,
      output: `
import { App } from 'uWebSockets.js';
declare function log(message: string, fields?: Record<string, unknown>): void;
const app = App();
app.get('/orders', (res, req) => {
  res.end('ok');
  const url = req.getUrl();
  new Promise<void>(resolve => {
    setTimeout(() => {
      log('served', { url });
      resolve();
    }, 10);
  });
});
`,
      errors: [
        {
          messageId: 'escapes',
          data: { name: 'req', kind: 'uWS HttpRequest', sink: 'a setTimeout() callback' },
          line: 9,
          column: 28,
          endLine: 9,
          endColumn: 40,
        },
      ],
    },
    // A promise stored in a variable and never awaited
    {
      code: `
import { App } from 'uWebSockets.js';
import type { HttpRequest } from 'uWebSockets.js';
declare function audit(req: HttpRequest): Promise<void>;
const app = App();
app.get('/orders', (res, req) => {
  const audited = audit(req);
  res.end('ok');
});
`,
      errors: [
        {
          messageId: 'escapesAsArgument',
          data: { name: 'req', kind: 'uWS HttpRequest', sink: 'the promise stored in `audited`, which is never awaited' },
          line: 7,
          column: 25,
          endLine: 7,
          endColumn: 28,
        },
      ],
    },
    // An error-first callback reads the request
    {
      code: `
import { App } from 'uWebSockets.js';
import { readFile } from 'node:fs';
const app = App();
app.get('/files/:name', (res, req) => {
  res.onAborted(() => {
    res.aborted = true;
  });
  readFile('public/index.html', (err, data) => {
    if (!res.aborted) res.cork(() => res.writeHeader('x-path', req.getUrl()).end(err ? 'missing' : data));
  });
});
`,
      output: `
import { App } from 'uWebSockets.js';
import { readFile } from 'node:fs';
const app = App();
app.get('/files/:name', (res, req) => {
  res.onAborted(() => {
    res.aborted = true;
  });
  const url = req.getUrl();
  readFile('public/index.html', (err, data) => {
    if (!res.aborted) res.cork(() => res.writeHeader('x-path', url).end(err ? 'missing' : data));
  });
});
`,
      errors: [
        {
          messageId: 'escapes',
          data: { name: 'req', kind: 'uWS HttpRequest', sink: 'an error-first callback of readFile()' },
          line: 10,
          column: 64,
          endLine: 10,
          endColumn: 76,
        },
      ],
    },
    // A p-queue job reads the request
    {
      code: `
import { App } from 'uWebSockets.js';
import PQueue from 'p-queue';
declare function log(message: string, fields?: Record<string, unknown>): void;
const jobs = new PQueue({ concurrency: 1 });
const app = App();
app.get('/orders', (res, req) => {
  jobs.add(async () => log('served', { url: req.getUrl() }));
  res.end('ok');
});
`,
      output: `
import { App } from 'uWebSockets.js';
import PQueue from 'p-queue';
declare function log(message: string, fields?: Record<string, unknown>): void;
const jobs = new PQueue({ concurrency: 1 });
const app = App();
app.get('/orders', (res, req) => {
  const url = req.getUrl();
  jobs.add(async () => log('served', { url }));
  res.end('ok');
});
`,
      errors: [
        {
          messageId: 'escapes',
          data: { name: 'req', kind: 'uWS HttpRequest', sink: 'an add() callback' },
          line: 8,
          column: 45,
          endLine: 8,
          endColumn: 57,
        },
      ],
    },
    // reads: 'unsafe-only' still reports a getter: every deferred HttpRequest access is unsafe
    {
      code: `
import { App } from 'uWebSockets.js';
declare function log(message: string, fields?: Record<string, unknown>): void;
const app = App();
app.get('/orders', (res, req) => {
  res.end('ok');
  setImmediate(() => log('served', { method: req.getMethod() }));
});
`,
      options: [{ reads: 'unsafe-only' }],
      output: `
import { App } from 'uWebSockets.js';
declare function log(message: string, fields?: Record<string, unknown>): void;
const app = App();
app.get('/orders', (res, req) => {
  res.end('ok');
  const method = req.getMethod();
  setImmediate(() => log('served', { method }));
});
`,
      errors: [
        {
          messageId: 'escapes',
          data: { name: 'req', kind: 'uWS HttpRequest', sink: 'a setImmediate() callback' },
          line: 7,
          column: 46,
          endLine: 7,
          endColumn: 61,
        },
      ],
    },
    // With presets: ['uwebsockets'] the late request read is reported
    {
      code: `
import { App } from 'uWebSockets.js';
declare function loadOrder(id: string): Promise<{ id: string; total: number }>;
const app = App();
app.get('/orders/:id', async (res, req) => {
  res.onAborted(() => {
    res.aborted = true;
  });
  const order = await loadOrder(req.getParameter(0) ?? '');
  if (!res.aborted) res.cork(() => res.end(JSON.stringify({ ...order, lang: req.getHeader('accept-language') })));
});
`,
      options: [{ presets: ['uwebsockets'] }],
      output: `
import { App } from 'uWebSockets.js';
declare function loadOrder(id: string): Promise<{ id: string; total: number }>;
const app = App();
app.get('/orders/:id', async (res, req) => {
  res.onAborted(() => {
    res.aborted = true;
  });
  const acceptLanguage = req.getHeader('accept-language');
  const order = await loadOrder(req.getParameter(0) ?? '');
  if (!res.aborted) res.cork(() => res.end(JSON.stringify({ ...order, lang: acceptLanguage })));
});
`,
      errors: [
        {
          messageId: 'usedAfterAwait',
          data: { name: 'req', kind: 'uWS HttpRequest' },
          line: 10,
          column: 77,
          endLine: 10,
          endColumn: 109,
        },
      ],
    },
    // A .then callback runs after the handler suspended, even when the chain is awaited
    {
      code: `
import { App } from 'uWebSockets.js';
declare function loadOrder(id: string): Promise<{ id: string; total: number }>;
const app = App();
app.get('/orders/:id', async (res, req) => {
  res.onAborted(() => {
    res.aborted = true;
  });
  const order = await loadOrder(req.getParameter(0) ?? '').then(found => ({ ...found, lang: req.getHeader('accept-language') }));
  if (!res.aborted) res.cork(() => res.end(JSON.stringify(order)));
});
`,
      output: `
import { App } from 'uWebSockets.js';
declare function loadOrder(id: string): Promise<{ id: string; total: number }>;
const app = App();
app.get('/orders/:id', async (res, req) => {
  res.onAborted(() => {
    res.aborted = true;
  });
  const acceptLanguage = req.getHeader('accept-language');
  const order = await loadOrder(req.getParameter(0) ?? '').then(found => ({ ...found, lang: acceptLanguage }));
  if (!res.aborted) res.cork(() => res.end(JSON.stringify(order)));
});
`,
      errors: [
        {
          messageId: 'escapes',
          data: { name: 'req', kind: 'uWS HttpRequest', sink: 'a then() callback' },
          line: 9,
          column: 93,
          endLine: 9,
          endColumn: 125,
        },
      ],
    },
    // An onData callback runs after a non-async handler returned: the request is gone by then
    {
      code: `
import { App } from 'uWebSockets.js';
const app = App();
app.post('/echo', (res, req) => {
  res.onAborted(() => {
    res.aborted = true;
  });
  let body = '';
  res.onData((chunk, isLast) => {
    body += Buffer.from(chunk).toString();
    if (isLast && !res.aborted) res.cork(() => res.writeHeader('content-type', req.getHeader('content-type')).end(body));
  });
});
`,
      output: `
import { App } from 'uWebSockets.js';
const app = App();
app.post('/echo', (res, req) => {
  res.onAborted(() => {
    res.aborted = true;
  });
  let body = '';
  const contentType = req.getHeader('content-type');
  res.onData((chunk, isLast) => {
    body += Buffer.from(chunk).toString();
    if (isLast && !res.aborted) res.cork(() => res.writeHeader('content-type', contentType).end(body));
  });
});
`,
      errors: [
        {
          messageId: 'escapes',
          data: { name: 'req', kind: 'uWS HttpRequest', sink: 'an onData() callback' },
          line: 11,
          column: 80,
          endLine: 11,
          endColumn: 109,
        },
      ],
    },
    // An onAborted callback runs after the handler returned: the request is gone by then
    {
      code: `
import { App } from 'uWebSockets.js';
declare function log(message: string, fields?: Record<string, unknown>): void;
const app = App();
app.get('/orders', (res, req) => {
  res.onAborted(() => log('client left', { url: req.getUrl() }));
  res.end('ok');
});
`,
      output: `
import { App } from 'uWebSockets.js';
declare function log(message: string, fields?: Record<string, unknown>): void;
const app = App();
app.get('/orders', (res, req) => {
  const url = req.getUrl();
  res.onAborted(() => log('client left', { url }));
  res.end('ok');
});
`,
      errors: [
        {
          messageId: 'escapes',
          data: { name: 'req', kind: 'uWS HttpRequest', sink: 'an onAborted() callback' },
          line: 6,
          column: 49,
          endLine: 6,
          endColumn: 61,
        },
      ],
    },
    // An awaited p-queue job still runs after the handler suspended
    {
      code: `
import { App } from 'uWebSockets.js';
import PQueue from 'p-queue';
declare function render(url: string): Promise<string>;
const jobs = new PQueue({ concurrency: 1 });
const app = App();
app.get('/pages/*', async (res, req) => {
  res.onAborted(() => {
    res.aborted = true;
  });
  const html = await jobs.add(() => render(req.getUrl()));
  if (!res.aborted) res.cork(() => res.end(html ?? ''));
});
`,
      output: `
import { App } from 'uWebSockets.js';
import PQueue from 'p-queue';
declare function render(url: string): Promise<string>;
const jobs = new PQueue({ concurrency: 1 });
const app = App();
app.get('/pages/*', async (res, req) => {
  res.onAborted(() => {
    res.aborted = true;
  });
  const url = req.getUrl();
  const html = await jobs.add(() => render(url));
  if (!res.aborted) res.cork(() => res.end(html ?? ''));
});
`,
      errors: [
        {
          messageId: 'escapes',
          data: { name: 'req', kind: 'uWS HttpRequest', sink: 'an add() callback' },
          line: 11,
          column: 44,
          endLine: 11,
          endColumn: 56,
        },
      ],
    },
    // A timer writes the response but no abort handler was registered
    {
      code: `
import { App } from 'uWebSockets.js';
const app = App();
app.get('/slow', (res, req) => {
  setTimeout(() => res.end('slow'), 100);
});
`,
      errors: [
        {
          messageId: 'responseWithoutAbortHandler',
          data: { name: 'res', kind: 'uWS HttpResponse', where: 'inside a setTimeout callback' },
          line: 5,
          column: 20,
          endLine: 5,
          endColumn: 35,
        },
      ],
    },
  ],
});
