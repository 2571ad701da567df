// Hono: one `Context` per request. Once the handler has returned its `Response`,
// writes through `c` are silent no-ops and a body read for the first time throws
// or comes back empty. `c.executionCtx.waitUntil()` keeps work alive on Workers,
// but the context that work holds still belongs to a finished request.
import path from 'node:path';

import rule from '../../../src/rules/no-escaping-context.js';
import { createTypedRuleTester, FIXTURES } from '../../util/rule-tester.js';

const ruleTester = createTypedRuleTester();

ruleTester.run('no-escaping-context', rule, {
  valid: [
    // A helper that reads the context only before its first await: the work waitUntil() keeps holds no context
    {
      code: `
import { Hono, type Context } from 'hono';
async function ping(c: Context, url: string) {
  const agent = c.req.header('user-agent') ?? '';
  await fetch(url, { headers: { 'x-agent': agent } });
}
new Hono().get('/', c => {
  c.executionCtx.waitUntil(ping(c, 'https://status.example.com'));
  return c.text('ok');
});
`,
    },
    // A floating helper that reads the request before its first await, and one handed a copy
    {
      code: `
import { Hono, type Context } from 'hono';
async function audit(c: Context) {
  const path = c.req.path;
  await fetch('https://audit.example.com' + path);
}
async function auditUrl(url: string) {
  await fetch('https://audit.example.com', { method: 'POST', body: url });
}
new Hono().get('/', c => {
  void audit(c);
  void auditUrl(c.req.url);
  return c.text('ok');
});
`,
    },
    // Helpers pushed into an array that is awaited, not handed to waitUntil()
    {
      code: `
import { Hono, type Context } from 'hono';
async function audit(c: Context) {
  await fetch('https://audit.example.com');
  console.log(c.req.path);
}
new Hono().get('/', async c => {
  const tasks: Promise<void>[] = [];
  tasks.push(audit(c));
  await Promise.all(tasks);
  return c.text('ok');
});
`,
    },
    // A race whose timer is cleared once the race settles
    {
      code: `
import { Hono } from 'hono';
declare function work(): Promise<string>;
new Hono().get('/', async c => {
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    const result = await Promise.race([
      work(),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error('slow: ' + c.req.path)), 1000);
      }),
    ]);
    return c.text(result);
  } finally {
    clearTimeout(timer);
  }
});
`,
    },
    // Promise.all waits for the timer's promise too
    {
      code: `
import { Hono, type Context } from 'hono';
declare function work(): Promise<string>;
function delay(c: Context) {
  return new Promise<string>(resolve => setTimeout(() => resolve(c.req.path), 10));
}
new Hono().get('/', async c => {
  const [result, path] = await Promise.all([work(), delay(c)]);
  return c.text(result + path);
});
`,
    },
    // A header copied into a constant before the timer is scheduled
    {
      code: `
import { Hono } from 'hono';
declare function log(message: string, fields?: Record<string, unknown>): void;
const app = new Hono();
app.get('/orders/:id/viewed', c => {
  const referer = c.req.header('referer');
  setTimeout(() => log('order viewed', { referer }), 0);
  return c.body(null, 204);
});
`,
    },
    // Values destructured from the request before the microtask
    {
      code: `
import { Hono } from 'hono';
declare function log(message: string, fields?: Record<string, unknown>): void;
const app = new Hono();
app.get('/orders/:id', c => {
  const { path, url } = c.req;
  queueMicrotask(() => log('served', { path, url }));
  return c.text('ok');
});
`,
    },
    // The context is passed to an async call that is awaited
    {
      code: `
import { Hono } from 'hono';
import type { Context } from 'hono';
declare function audit(c: Context): Promise<void>;
const app = new Hono();
app.post('/orders', async c => {
  await audit(c);
  return c.json({ ok: true }, 201);
});
`,
    },
    // A .then chain that is returned produces the response
    {
      code: `
import { Hono } from 'hono';
declare function loadOrder(id: string): Promise<{ id: string; total: number }>;
const app = new Hono();
app.get('/orders/:id', c => {
  return loadOrder(c.req.param('id')).then(order => c.json(order));
});
`,
    },
    // A promise stored in a variable and returned
    {
      code: `
import { Hono } from 'hono';
declare function loadOrder(id: string): Promise<{ id: string; total: number }>;
const app = new Hono();
app.get('/orders/:id', c => {
  const response = loadOrder(c.req.param('id')).then(order => c.json({ ...order, lang: c.req.header('accept-language') }));
  return response;
});
`,
    },
    // Work joined with Promise.all and awaited before the response
    {
      code: `
import { Hono } from 'hono';
declare function loadOrder(id: string): Promise<{ id: string; total: number }>;
declare function loadStats(user: string): Promise<{ orders: number }>;
const app = new Hono();
app.get('/dashboard/:user', async c => {
  const [last, counts] = await Promise.all([
    loadOrder(c.req.query('last') ?? '').then(order => ({ ...order, locale: c.req.header('accept-language') })),
    loadStats(c.req.param('user')),
  ]);
  return c.json({ last, counts });
});
`,
    },
    // A promise variable awaited later in the same handler
    {
      code: `
import { Hono } from 'hono';
import type { Context } from 'hono';
declare function audit(c: Context): Promise<void>;
declare function loadOrder(id: string): Promise<{ id: string; total: number }>;
const app = new Hono();
app.get('/orders/:id', async c => {
  const audited = audit(c);
  const order = await loadOrder(c.req.param('id'));
  await audited;
  return c.json(order);
});
`,
    },
    // An awaited async IIFE finishes inside the request
    {
      code: `
import { Hono } from 'hono';
declare function loadOrder(id: string): Promise<{ id: string; total: number }>;
declare function sleep(ms: number): Promise<void>;
const app = new Hono();
app.get('/orders/:id', async c => {
  const order = await (async () => {
    await sleep(10);
    return loadOrder(c.req.param('id'));
  })();
  return c.json(order);
});
`,
    },
    // A p-queue job that is awaited runs inside the request
    {
      code: `
import { Hono } from 'hono';
import PQueue from 'p-queue';
declare function renderInvoice(id: string): Promise<string>;
const queue = new PQueue({ concurrency: 2 });
const app = new Hono();
app.get('/invoices/:id', async c => {
  const html = await queue.add(() => renderInvoice(c.req.param('id')));
  return c.html(html ?? '');
});
`,
    },
    // A timer inside an awaited new Promise settles it before the handler continues
    {
      code: `
import { Hono } from 'hono';
const app = new Hono();
app.get('/slow', async c => {
  const path = await new Promise<string>(resolve => setTimeout(() => resolve(c.req.path), 10));
  return c.text(path);
});
`,
    },
    // A warning timer cleared in finally on every path
    {
      code: `
import { Hono } from 'hono';
declare function log(message: string, fields?: Record<string, unknown>): void;
declare function renderInvoice(id: string): Promise<string>;
const app = new Hono();
app.post('/orders/:id/invoice', async c => {
  const slow = setTimeout(() => log('slow invoice', { path: c.req.path }), 5000);
  try {
    return c.text(await renderInvoice(c.req.param('id')));
  } finally {
    clearTimeout(slow);
  }
});
`,
    },
    // A timer cleared by a plain statement before the handler returns
    {
      code: `
import { Hono } from 'hono';
declare function log(message: string, fields?: Record<string, unknown>): void;
declare function loadOrder(id: string): Promise<{ id: string; total: number }>;
const app = new Hono();
app.get('/orders/:id', async c => {
  const warn = setTimeout(() => log('slow', { path: c.req.path }), 1000);
  const order = await loadOrder(c.req.param('id'));
  clearTimeout(warn);
  return c.json(order);
});
`,
    },
    // An interval cleared when the request is aborted
    {
      code: `
import { Hono } from 'hono';
declare function log(message: string, fields?: Record<string, unknown>): void;
const app = new Hono();
app.get('/poll', c => {
  const timer = setInterval(() => log('tick', { path: c.req.path }), 1000);
  c.req.raw.signal.addEventListener('abort', () => clearInterval(timer));
  return c.text('ok');
});
`,
    },
    // A listener on the request's own abort signal
    {
      code: `
import { Hono } from 'hono';
declare function log(message: string, fields?: Record<string, unknown>): void;
const app = new Hono();
app.get('/orders/export', c => {
  c.req.raw.signal.addEventListener('abort', () => log('client left', { path: c.req.path }));
  return c.text('ok');
});
`,
    },
    // A listener on a long-lived emitter removed before the handler returns
    {
      code: `
import { Hono } from 'hono';
import { EventEmitter } from 'node:events';
const orderEvents = new EventEmitter();
const app = new Hono();
app.get('/orders/:id/wait', async c => {
  const onReady = (): void => void c.header('x-ready', '1');
  orderEvents.on('ready', onReady);
  await new Promise(resolve => orderEvents.once('settled', resolve));
  orderEvents.off('ready', onReady);
  return c.text('ok');
});
`,
    },
    // waitUntil with work that only holds copied values
    {
      code: `
import { Hono } from 'hono';
declare function track(event: string, fields?: Record<string, unknown>): Promise<void>;
const app = new Hono();
app.post('/events', async c => {
  const ua = c.req.header('user-agent') ?? '';
  c.executionCtx.waitUntil(track('event', { ua }));
  return c.body(null, 202);
});
`,
    },
    // A floating call that receives only values read now, not the context
    {
      code: `
import { Hono } from 'hono';
declare function track(event: string, fields?: Record<string, unknown>): Promise<void>;
const app = new Hono();
app.get('/orders/:id', c => {
  void track('view', { path: c.req.path, id: c.req.param('id') });
  return c.text('ok');
});
`,
    },
    // A timer argument that is a string read now
    {
      code: `
import { Hono } from 'hono';
declare function log(message: string): void;
const app = new Hono();
app.get('/orders/:id', c => {
  setTimeout(log, 0, c.req.path);
  return c.text('ok');
});
`,
    },
    // Synchronous array callbacks are not deferred
    {
      code: `
import { Hono } from 'hono';
const app = new Hono();
app.get('/orders', c => {
  ['x-api-version', 'x-served-by'].forEach(name => c.header(name, '1'));
  return c.text('ok');
});
`,
    },
    // Middleware writing a header after await next() is not deferred work
    {
      code: `
import { Hono } from 'hono';
const app = new Hono();
app.use(async (c, next) => {
  const started = Date.now();
  await next();
  c.header('x-response-time', String(Date.now() - started));
});
`,
    },
    // A returned streaming response keeps the context alive until the stream ends
    {
      code: `
import { Hono } from 'hono';
import { streamText } from 'hono/streaming';
const app = new Hono();
app.get('/orders/stream', c => {
  return streamText(c, async stream => {
    await stream.writeln(c.req.path);
    await stream.sleep(100);
    await stream.writeln('done');
  });
});
`,
    },
    // reads: 'unsafe-only' allows reads of headers, params, variables and bindings
    {
      code: `
import { Hono } from 'hono';
declare function log(message: string, fields?: Record<string, unknown>): void;
const app = new Hono();
app.get('/orders/:id', c => {
  setTimeout(() => log('viewed', { ua: c.req.header('user-agent'), id: c.req.param('id'), env: c.env }), 0);
  return c.text('ok');
});
`,
      options: [{ reads: 'unsafe-only' }],
    },
    // With presets limited to express, a Hono context is not a request context
    {
      code: `
import { Hono } from 'hono';
declare function log(message: string, fields?: Record<string, unknown>): void;
const app = new Hono();
app.get('/orders/:id', c => {
  setTimeout(() => log('viewed', { ua: c.req.header('user-agent') }), 0);
  return c.text('ok');
});
`,
      options: [{ presets: ['express'] }],
    },
    // Known limitation: a context wrapped in an object is not tracked (types are checked shallowly)
    {
      code: `
import { Hono } from 'hono';
const app = new Hono();
app.get('/orders/:id', c => {
  const request = { c };
  setTimeout(() => request.c.header('x-late', '1'), 0);
  return c.text('ok');
});
`,
    },
    // reads: 'unsafe-only' does not report the whole context handed to other code: only its unsafe members are judged
    {
      code: `
import { Hono } from 'hono';
import type { Context } from 'hono';
declare function audit(c: Context): Promise<void>;
const app = new Hono();
app.get('/orders/:id', c => {
  void audit(c);
  return c.text('ok');
});
`,
      options: [{ reads: 'unsafe-only' }],
    },
  ],
  invalid: [
    // A helper handed to waitUntil() reads the request after its first await: the message says what it reads
    {
      code: `
import { Hono, type Context } from 'hono';
async function ping(c: Context, url: string) {
  await fetch(url);
  console.log(c.req.raw.headers.get('user-agent'));
}
new Hono().get('/', c => {
  c.executionCtx.waitUntil(ping(c, 'https://status.example.com'));
  return c.text('ok');
});
`,
      output: null,
      errors: [
        {
          messageId: 'escapesThroughHelper',
          data: {
            name: 'c',
            kind: 'Hono Context',
            sink: 'work registered with waitUntil()',
            helper: '`ping()` reads `c.req.raw.headers` after its first `await`',
          },
          line: 8,
          column: 33,
          endLine: 8,
          endColumn: 34,
        },
      ],
    },
    // Helpers pushed into an array that waitUntil() keeps: each is judged by what it does after its await
    {
      code: `
import { Hono, type Context } from 'hono';
async function audit(c: Context) {
  await fetch('https://audit.example.com');
  console.log(c.req.path);
}
new Hono().get('/', c => {
  const tasks: Promise<void>[] = [];
  tasks.push(audit(c));
  c.executionCtx.waitUntil(Promise.all(tasks));
  return c.text('ok');
});
`,
      output: null,
      errors: [
        {
          messageId: 'escapesThroughHelper',
          data: {
            name: 'c',
            kind: 'Hono Context',
            sink: 'work registered with waitUntil()',
            helper: '`audit()` reads `c.req.path` after its first `await`',
          },
          line: 9,
          column: 20,
          endLine: 9,
          endColumn: 21,
        },
      ],
    },
    // A timeout raced against awaited work and never cleared: the race is awaited, the timer is not
    {
      code: `
import { Hono, type Context } from 'hono';
declare function work(): Promise<string>;
function timeout(c: Context) {
  return new Promise<never>((_, reject) => setTimeout(() => reject(new Error('slow: ' + c.req.path)), 1000));
}
new Hono().get('/', async c => {
  const result = await Promise.race([work(), timeout(c)]);
  return c.text(result);
});
`,
      output: `
import { Hono, type Context } from 'hono';
declare function work(): Promise<string>;
function timeout(c: Context) {
  const path = c.req.path;
  return new Promise<never>((_, reject) => setTimeout(() => reject(new Error('slow: ' + path)), 1000));
}
new Hono().get('/', async c => {
  const result = await Promise.race([work(), timeout(c)]);
  return c.text(result);
});
`,
      errors: [{ messageId: 'escapes', line: 5, column: 89, endLine: 5, endColumn: 99 }],
    },
    // A timer reads a header after the response was returned
    {
      code: `
import { Hono } from 'hono';
declare function log(message: string, fields?: Record<string, unknown>): void;
declare function loadOrder(id: string): Promise<{ id: string; total: number }>;
const app = new Hono();
app.get('/orders/:id', async c => {
  const order = await loadOrder(c.req.param('id'));
  setTimeout(() => log('order viewed', { id: order.id, referer: c.req.header('referer') }), 0);
  return c.json(order);
});
`,
      output: `
import { Hono } from 'hono';
declare function log(message: string, fields?: Record<string, unknown>): void;
declare function loadOrder(id: string): Promise<{ id: string; total: number }>;
const app = new Hono();
app.get('/orders/:id', async c => {
  const order = await loadOrder(c.req.param('id'));
  const referer = c.req.header('referer');
  setTimeout(() => log('order viewed', { id: order.id, referer }), 0);
  return c.json(order);
});
`,
      errors: [
        {
          messageId: 'escapes',
          data: { name: 'c', kind: 'Hono Context', sink: 'a setTimeout callback' },
          line: 8,
          column: 65,
          endLine: 8,
          endColumn: 88,
        },
      ],
    },
    // A setInterval callback holds the context
    {
      code: `
import { Hono } from 'hono';
declare function log(message: string, fields?: Record<string, unknown>): void;
const app = new Hono();
app.get('/ping', c => {
  setInterval(() => log('still here', { path: c.req.path }), 1000);
  return c.text('ok');
});
`,
      output: `
import { Hono } from 'hono';
declare function log(message: string, fields?: Record<string, unknown>): void;
const app = new Hono();
app.get('/ping', c => {
  const path = c.req.path;
  setInterval(() => log('still here', { path }), 1000);
  return c.text('ok');
});
`,
      errors: [
        {
          messageId: 'escapes',
          data: { name: 'c', kind: 'Hono Context', sink: 'a setInterval callback' },
          line: 6,
          column: 47,
          endLine: 6,
          endColumn: 57,
        },
      ],
    },
    // A setImmediate callback writes a header after the response
    {
      code: `
import { Hono } from 'hono';
const app = new Hono();
app.get('/ping', c => {
  setImmediate(() => c.header('x-late', '1'));
  return c.text('ok');
});
`,
      errors: [
        {
          messageId: 'writesAfterResponse',
          data: { name: 'c', kind: 'Hono Context', sink: 'a setImmediate callback' },
          line: 5,
          column: 22,
          endLine: 5,
          endColumn: 45,
        },
      ],
    },
    // A queueMicrotask callback reads the request URL
    {
      code: `
import { Hono } from 'hono';
declare function log(message: string, fields?: Record<string, unknown>): void;
const app = new Hono();
app.get('/ping', c => {
  queueMicrotask(() => log('served', { url: c.req.url }));
  return c.text('ok');
});
`,
      output: `
import { Hono } from 'hono';
declare function log(message: string, fields?: Record<string, unknown>): void;
const app = new Hono();
app.get('/ping', c => {
  const url = c.req.url;
  queueMicrotask(() => log('served', { url }));
  return c.text('ok');
});
`,
      errors: [
        {
          messageId: 'escapes',
          data: { name: 'c', kind: 'Hono Context', sink: 'a queueMicrotask callback' },
          line: 6,
          column: 45,
          endLine: 6,
          endColumn: 54,
        },
      ],
    },
    // A process.nextTick callback reads the request URL
    {
      code: `
import { Hono } from 'hono';
declare function log(message: string, fields?: Record<string, unknown>): void;
const app = new Hono();
app.get('/ping', c => {
  process.nextTick(() => log('served', { url: c.req.url }));
  return c.text('ok');
});
`,
      output: `
import { Hono } from 'hono';
declare function log(message: string, fields?: Record<string, unknown>): void;
const app = new Hono();
app.get('/ping', c => {
  const url = c.req.url;
  process.nextTick(() => log('served', { url }));
  return c.text('ok');
});
`,
      errors: [
        {
          messageId: 'escapes',
          data: { name: 'c', kind: 'Hono Context', sink: 'a process.nextTick callback' },
          line: 6,
          column: 47,
          endLine: 6,
          endColumn: 56,
        },
      ],
    },
    // A .then callback of a floating promise reads a header after the response
    {
      code: `
import { Hono } from 'hono';
declare function log(message: string, fields?: Record<string, unknown>): void;
declare function saveOrder(order: { id: string }): Promise<{ id: string; version: string }>;
const app = new Hono();
app.post('/orders', async c => {
  const order = await c.req.json<{ id: string }>();
  saveOrder(order).then(saved => log('saved', { version: saved.version, ua: c.req.header('user-agent') }));
  return c.json(order, 201);
});
`,
      output: `
import { Hono } from 'hono';
declare function log(message: string, fields?: Record<string, unknown>): void;
declare function saveOrder(order: { id: string }): Promise<{ id: string; version: string }>;
const app = new Hono();
app.post('/orders', async c => {
  const order = await c.req.json<{ id: string }>();
  const userAgent = c.req.header('user-agent');
  saveOrder(order).then(saved => log('saved', { version: saved.version, ua: userAgent }));
  return c.json(order, 201);
});
`,
      errors: [
        {
          messageId: 'escapes',
          data: { name: 'c', kind: 'Hono Context', sink: 'a .then() callback of a floating promise' },
          line: 8,
          column: 77,
          endLine: 8,
          endColumn: 103,
        },
      ],
    },
    // void does not make a floating chain safe: the body is first read after the response
    {
      code: `
import { Hono } from 'hono';
declare function log(message: string, fields?: Record<string, unknown>): void;
declare function track(event: string, fields?: Record<string, unknown>): Promise<void>;
const app = new Hono();
app.post('/webhooks/github', async c => {
  const event = c.req.header('x-github-event') ?? 'unknown';
  void track('webhook', { event }).then(async () => log('payload', { body: await c.req.text() }));
  return c.body(null, 202);
});
`,
      errors: [
        {
          messageId: 'escapes',
          data: { name: 'c', kind: 'Hono Context', sink: 'a .then() callback of a floating promise' },
          line: 8,
          column: 82,
          endLine: 8,
          endColumn: 94,
          suggestions: [
            {
              messageId: 'suggestReadFirst',
              output: `
import { Hono } from 'hono';
declare function log(message: string, fields?: Record<string, unknown>): void;
declare function track(event: string, fields?: Record<string, unknown>): Promise<void>;
const app = new Hono();
app.post('/webhooks/github', async c => {
  const event = c.req.header('x-github-event') ?? 'unknown';
  const text = await c.req.text();
  void track('webhook', { event }).then(async () => log('payload', { body: text }));
  return c.body(null, 202);
});
`,
            },
            {
              messageId: 'suggestAwait',
              output: `
import { Hono } from 'hono';
declare function log(message: string, fields?: Record<string, unknown>): void;
declare function track(event: string, fields?: Record<string, unknown>): Promise<void>;
const app = new Hono();
app.post('/webhooks/github', async c => {
  const event = c.req.header('x-github-event') ?? 'unknown';
  await track('webhook', { event }).then(async () => log('payload', { body: await c.req.text() }));
  return c.body(null, 202);
});
`,
            },
          ],
        },
      ],
    },
    // A .catch-only chain still floats
    {
      code: `
import { Hono } from 'hono';
declare function log(message: string, fields?: Record<string, unknown>): void;
declare function track(event: string, fields?: Record<string, unknown>): Promise<void>;
const app = new Hono();
app.post('/signup', async c => {
  track('signup').catch(err => log('tracking failed', { err, path: c.req.path }));
  return c.body(null, 201);
});
`,
      output: `
import { Hono } from 'hono';
declare function log(message: string, fields?: Record<string, unknown>): void;
declare function track(event: string, fields?: Record<string, unknown>): Promise<void>;
const app = new Hono();
app.post('/signup', async c => {
  const path = c.req.path;
  track('signup').catch(err => log('tracking failed', { err, path }));
  return c.body(null, 201);
});
`,
      errors: [
        {
          messageId: 'escapes',
          data: { name: 'c', kind: 'Hono Context', sink: 'a .catch() callback of a floating promise' },
          line: 7,
          column: 68,
          endLine: 7,
          endColumn: 78,
        },
      ],
    },
    // An async IIFE uses the context after its first await
    {
      code: `
import { Hono } from 'hono';
declare function log(message: string, fields?: Record<string, unknown>): void;
declare function sleep(ms: number): Promise<void>;
const app = new Hono();
app.post('/signup', c => {
  (async () => {
    await sleep(100);
    log('signup', { ua: c.req.header('user-agent') });
  })();
  return c.body(null, 201);
});
`,
      output: `
import { Hono } from 'hono';
declare function log(message: string, fields?: Record<string, unknown>): void;
declare function sleep(ms: number): Promise<void>;
const app = new Hono();
app.post('/signup', c => {
  const userAgent = c.req.header('user-agent');
  (async () => {
    await sleep(100);
    log('signup', { ua: userAgent });
  })();
  return c.body(null, 201);
});
`,
      errors: [
        {
          messageId: 'escapes',
          data: { name: 'c', kind: 'Hono Context', sink: 'a floating async IIFE' },
          line: 9,
          column: 25,
          endLine: 9,
          endColumn: 51,
        },
      ],
    },
    // A floating new Promise whose executor schedules work that uses the context
    {
      code: `
import { Hono } from 'hono';
declare function log(message: string, fields?: Record<string, unknown>): void;
const app = new Hono();
app.post('/signup', c => {
  new Promise<void>(resolve => {
    setTimeout(() => {
      log('signup', { ua: c.req.header('user-agent') });
      resolve();
    }, 100);
  });
  return c.body(null, 201);
});
`,
      output: `
import { Hono } from 'hono';
declare function log(message: string, fields?: Record<string, unknown>): void;
const app = new Hono();
app.post('/signup', c => {
  const userAgent = c.req.header('user-agent');
  new Promise<void>(resolve => {
    setTimeout(() => {
      log('signup', { ua: userAgent });
      resolve();
    }, 100);
  });
  return c.body(null, 201);
});
`,
      errors: [
        {
          messageId: 'escapes',
          data: { name: 'c', kind: 'Hono Context', sink: 'a floating new Promise()' },
          line: 8,
          column: 27,
          endLine: 8,
          endColumn: 53,
        },
      ],
    },
    // A promise stored in a variable that is never awaited
    {
      code: `
import { Hono } from 'hono';
declare function log(message: string, fields?: Record<string, unknown>): void;
declare function loadOrder(id: string): Promise<{ id: string; total: number }>;
const app = new Hono();
app.get('/orders/:id', async c => {
  const pending = loadOrder(c.req.param('id')).then(order => log('loaded', { order, ua: c.req.header('user-agent') }));
  return c.text('ok');
});
`,
      output: `
import { Hono } from 'hono';
declare function log(message: string, fields?: Record<string, unknown>): void;
declare function loadOrder(id: string): Promise<{ id: string; total: number }>;
const app = new Hono();
app.get('/orders/:id', async c => {
  const userAgent = c.req.header('user-agent');
  const pending = loadOrder(c.req.param('id')).then(order => log('loaded', { order, ua: userAgent }));
  return c.text('ok');
});
`,
      errors: [
        {
          messageId: 'escapes',
          data: { name: 'c', kind: 'Hono Context', sink: 'the promise stored in `pending`, which is never awaited' },
          line: 7,
          column: 89,
          endLine: 7,
          endColumn: 115,
        },
      ],
    },
    // The context passed to an async call that nobody awaits
    {
      code: `
import { Hono } from 'hono';
import type { Context } from 'hono';
declare function audit(c: Context): Promise<void>;
const app = new Hono();
app.get('/orders/:id', c => {
  void audit(c);
  return c.text('ok');
});
`,
      errors: [
        {
          messageId: 'escapesAsArgument',
          data: { name: 'c', kind: 'Hono Context', sink: 'the floating promise of audit()' },
          line: 7,
          column: 14,
          endLine: 7,
          endColumn: 15,
          suggestions: [],
        },
      ],
    },
    // The context passed as an extra argument of setTimeout
    {
      code: `
import { Hono } from 'hono';
import type { Context } from 'hono';
declare function audit(c: Context): Promise<void>;
const app = new Hono();
app.get('/orders/:id', c => {
  setTimeout(audit, 0, c);
  return c.text('ok');
});
`,
      errors: [
        {
          messageId: 'escapesAsArgument',
          data: { name: 'c', kind: 'Hono Context', sink: 'a setTimeout callback' },
          line: 7,
          column: 24,
          endLine: 7,
          endColumn: 25,
        },
      ],
    },
    // A listener on a process-wide emitter writes a header on every event, long after the response
    {
      code: `
import { Hono } from 'hono';
import { EventEmitter } from 'node:events';
const orderEvents = new EventEmitter();
const app = new Hono();
app.get('/orders/:id', c => {
  orderEvents.on('updated', () => c.header('x-stale', '1'));
  return c.text('ok');
});
`,
      errors: [
        {
          messageId: 'writesRepeatedly',
          data: { name: 'c', kind: 'Hono Context', sink: "a 'updated' listener" },
          line: 7,
          column: 35,
          endLine: 7,
          endColumn: 59,
        },
      ],
    },
    // An error-first callback runs after the handler returned
    {
      code: `
import { Hono } from 'hono';
import { readFile } from 'node:fs';
declare function log(message: string, fields?: Record<string, unknown>): void;
const app = new Hono();
app.get('/terms', c => {
  readFile('terms.txt', 'utf8', (err, text) => {
    log('terms read', { ok: !err, size: text.length, path: c.req.path });
  });
  return c.text('ok');
});
`,
      output: `
import { Hono } from 'hono';
import { readFile } from 'node:fs';
declare function log(message: string, fields?: Record<string, unknown>): void;
const app = new Hono();
app.get('/terms', c => {
  const path = c.req.path;
  readFile('terms.txt', 'utf8', (err, text) => {
    log('terms read', { ok: !err, size: text.length, path });
  });
  return c.text('ok');
});
`,
      errors: [
        {
          messageId: 'escapes',
          data: { name: 'c', kind: 'Hono Context', sink: 'an error-first callback of readFile()' },
          line: 8,
          column: 60,
          endLine: 8,
          endColumn: 70,
        },
      ],
    },
    // A p-queue job reads the body when a slot frees up, long after the response
    {
      code: `
import { Hono } from 'hono';
import PQueue from 'p-queue';
declare function sendWelcome(to: string): Promise<void>;
const queue = new PQueue({ concurrency: 1 });
const app = new Hono();
app.post('/signup', async c => {
  queue.add(async () => sendWelcome((await c.req.json<{ email: string }>()).email));
  return c.body(null, 202);
});
`,
      errors: [
        {
          messageId: 'escapes',
          data: { name: 'c', kind: 'Hono Context', sink: 'the floating promise of add()' },
          line: 8,
          column: 44,
          endLine: 8,
          endColumn: 75,
          suggestions: [
            {
              messageId: 'suggestReadFirst',
              output: `
import { Hono } from 'hono';
import PQueue from 'p-queue';
declare function sendWelcome(to: string): Promise<void>;
const queue = new PQueue({ concurrency: 1 });
const app = new Hono();
app.post('/signup', async c => {
  const json = await c.req.json<{ email: string }>();
  queue.add(async () => sendWelcome((json).email));
  return c.body(null, 202);
});
`,
            },
            {
              messageId: 'suggestAwait',
              output: `
import { Hono } from 'hono';
import PQueue from 'p-queue';
declare function sendWelcome(to: string): Promise<void>;
const queue = new PQueue({ concurrency: 1 });
const app = new Hono();
app.post('/signup', async c => {
  await queue.add(async () => sendWelcome((await c.req.json<{ email: string }>()).email));
  return c.body(null, 202);
});
`,
            },
          ],
        },
      ],
    },
    // waitUntil keeps the work alive, but the context it receives is finished
    {
      code: `
import { Hono } from 'hono';
import type { Context } from 'hono';
declare function audit(c: Context): Promise<void>;
const app = new Hono();
app.use(async (c, next) => {
  await next();
  c.executionCtx.waitUntil(audit(c));
});
`,
      errors: [
        {
          messageId: 'escapesToBackground',
          data: { name: 'c', kind: 'Hono Context', sink: 'work registered with waitUntil()' },
          line: 8,
          column: 34,
          endLine: 8,
          endColumn: 35,
        },
      ],
    },
    // An async IIFE registered with waitUntil reads the response after its first await
    {
      code: `
import { Hono } from 'hono';
declare function log(message: string, fields?: Record<string, unknown>): void;
declare function sleep(ms: number): Promise<void>;
const app = new Hono();
app.use(async (c, next) => {
  await next();
  c.executionCtx.waitUntil(
    (async () => {
      await sleep(1);
      log('done', { status: c.res.status });
    })(),
  );
});
`,
      errors: [
        {
          messageId: 'escapesToBackground',
          data: { name: 'c', kind: 'Hono Context', sink: 'work registered with waitUntil()' },
          line: 11,
          column: 29,
          endLine: 11,
          endColumn: 41,
        },
      ],
    },
    // reads: 'unsafe-only' skips the safe read and reports the header write
    {
      code: `
import { Hono } from 'hono';
declare function log(message: string, fields?: Record<string, unknown>): void;
const app = new Hono();
app.get('/orders/:id', c => {
  setTimeout(() => {
    log('late', { path: c.req.path });
    c.header('x-late', '1');
  }, 0);
  return c.text('ok');
});
`,
      options: [{ reads: 'unsafe-only' }],
      errors: [
        {
          messageId: 'writesAfterResponse',
          data: { name: 'c', kind: 'Hono Context', sink: 'a setTimeout callback' },
          line: 8,
          column: 5,
          endLine: 8,
          endColumn: 28,
          suggestions: [
            {
              messageId: 'suggestCopyFields',
              output: `
import { Hono } from 'hono';
declare function log(message: string, fields?: Record<string, unknown>): void;
const app = new Hono();
app.get('/orders/:id', c => {
  const path = c.req.path;
  setTimeout(() => {
    log('late', { path });
    c.header('x-late', '1');
  }, 0);
  return c.text('ok');
});
`,
            },
          ],
        },
      ],
    },
    // reads: 'unsafe-only' reports a body first read after the response
    {
      code: `
import { Hono } from 'hono';
declare function log(message: string, fields?: Record<string, unknown>): void;
const app = new Hono();
app.post('/webhooks', c => {
  setTimeout(async () => log('payload', { body: await c.req.text() }), 0);
  return c.body(null, 202);
});
`,
      options: [{ reads: 'unsafe-only' }],
      errors: [
        {
          messageId: 'escapes',
          data: { name: 'c', kind: 'Hono Context', sink: 'a setTimeout callback' },
          line: 6,
          column: 55,
          endLine: 6,
          endColumn: 67,
        },
      ],
    },
    // With presets: ['hono'] the Hono context is still checked
    {
      code: `
import { Hono } from 'hono';
declare function log(message: string, fields?: Record<string, unknown>): void;
const app = new Hono();
app.get('/orders/:id', c => {
  setTimeout(() => log('viewed', { ua: c.req.header('user-agent') }), 0);
  return c.text('ok');
});
`,
      options: [{ presets: ['hono'] }],
      output: `
import { Hono } from 'hono';
declare function log(message: string, fields?: Record<string, unknown>): void;
const app = new Hono();
app.get('/orders/:id', c => {
  const userAgent = c.req.header('user-agent');
  setTimeout(() => log('viewed', { ua: userAgent }), 0);
  return c.text('ok');
});
`,
      errors: [
        {
          messageId: 'escapes',
          data: { name: 'c', kind: 'Hono Context', sink: 'a setTimeout callback' },
          line: 6,
          column: 40,
          endLine: 6,
          endColumn: 66,
        },
      ],
    },
    // A HonoRequest held in a variable is a request context too
    {
      code: `
import { Hono } from 'hono';
declare function log(message: string, fields?: Record<string, unknown>): void;
const app = new Hono();
app.get('/orders/:id', c => {
  const req = c.req;
  setTimeout(() => log('viewed', { url: req.url }), 0);
  return c.text('ok');
});
`,
      output: `
import { Hono } from 'hono';
declare function log(message: string, fields?: Record<string, unknown>): void;
const app = new Hono();
app.get('/orders/:id', c => {
  const req = c.req;
  const url = req.url;
  setTimeout(() => log('viewed', { url }), 0);
  return c.text('ok');
});
`,
      errors: [
        {
          messageId: 'escapes',
          data: { name: 'req', kind: 'Hono request', sink: 'a setTimeout callback' },
          line: 7,
          column: 41,
          endLine: 7,
          endColumn: 48,
        },
      ],
    },
    // A helper annotated with Context schedules a timer
    {
      code: `
import type { Context } from 'hono';
declare function log(message: string, fields?: Record<string, unknown>): void;
export function logLater(c: Context): void {
  setTimeout(() => log('viewed', { path: c.req.path }), 0);
}
`,
      output: `
import type { Context } from 'hono';
declare function log(message: string, fields?: Record<string, unknown>): void;
export function logLater(c: Context): void {
  const path = c.req.path;
  setTimeout(() => log('viewed', { path }), 0);
}
`,
      errors: [
        {
          messageId: 'escapes',
          data: { name: 'c', kind: 'Hono Context', sink: 'a setTimeout callback' },
          line: 5,
          column: 42,
          endLine: 5,
          endColumn: 52,
        },
      ],
    },
    // A timer cleared on only one path is not bounded
    {
      code: `
import { Hono } from 'hono';
declare function log(message: string, fields?: Record<string, unknown>): void;
declare function loadOrder(id: string): Promise<{ id: string; total: number } | undefined>;
const app = new Hono();
app.get('/orders/:id', async c => {
  const warn = setTimeout(() => log('slow', { path: c.req.path }), 1000);
  const order = await loadOrder(c.req.param('id'));
  if (order) clearTimeout(warn);
  return c.json(order ?? null);
});
`,
      output: `
import { Hono } from 'hono';
declare function log(message: string, fields?: Record<string, unknown>): void;
declare function loadOrder(id: string): Promise<{ id: string; total: number } | undefined>;
const app = new Hono();
app.get('/orders/:id', async c => {
  const path = c.req.path;
  const warn = setTimeout(() => log('slow', { path }), 1000);
  const order = await loadOrder(c.req.param('id'));
  if (order) clearTimeout(warn);
  return c.json(order ?? null);
});
`,
      errors: [
        {
          messageId: 'escapes',
          data: { name: 'c', kind: 'Hono Context', sink: 'a setTimeout callback' },
          line: 7,
          column: 53,
          endLine: 7,
          endColumn: 63,
        },
      ],
    },
    // A context kept in a module variable (Context | undefined) and used from a timer
    {
      code: `
import { Hono } from 'hono';
import type { Context } from 'hono';
let current: Context | undefined;
const app = new Hono();
app.use(async (c, next) => {
  current = c;
  await next();
});
export function flagLater(): void {
  setTimeout(() => current?.header('x-flag', '1'), 0);
}
`,
      errors: [
        {
          messageId: 'writesAfterResponse',
          data: { name: 'current', kind: 'Hono Context', sink: 'a setTimeout callback' },
          line: 11,
          column: 20,
          endLine: 11,
          endColumn: 50,
        },
      ],
    },
    // A timer callback declared as a local function
    {
      code: `
import { Hono } from 'hono';
declare function log(message: string, fields?: Record<string, unknown>): void;
const app = new Hono();
app.get('/orders/:id', c => {
  const report = (): void => log('viewed', { path: c.req.path });
  setTimeout(report, 100);
  return c.text('ok');
});
`,
      output: `
import { Hono } from 'hono';
declare function log(message: string, fields?: Record<string, unknown>): void;
const app = new Hono();
app.get('/orders/:id', c => {
  const path = c.req.path;
  const report = (): void => log('viewed', { path });
  setTimeout(report, 100);
  return c.text('ok');
});
`,
      errors: [
        {
          messageId: 'escapes',
          data: { name: 'c', kind: 'Hono Context', sink: 'a setTimeout callback' },
          line: 6,
          column: 52,
          endLine: 6,
          endColumn: 62,
        },
      ],
    },
    // The request object handed to an async call nobody awaits is named as passed, with its own kind
    {
      code: `
import { Hono } from 'hono';
import type { HonoRequest } from 'hono';
declare function audit(req: HonoRequest): Promise<void>;
const app = new Hono();
app.get('/orders/:id', c => {
  void audit(c.req);
  return c.text('ok');
});
`,
      errors: [
        {
          messageId: 'escapesAsArgument',
          data: { name: 'c.req', kind: 'Hono request', sink: 'the floating promise of audit()' },
          line: 7,
          column: 14,
          endLine: 7,
          endColumn: 19,
          suggestions: [],
        },
      ],
    },
    // The raw Request (an unsafe member of the context) handed to an async call nobody awaits
    {
      code: `
import { Hono } from 'hono';
declare function archive(request: Request): Promise<void>;
const app = new Hono();
app.post('/uploads', c => {
  void archive(c.req.raw);
  return c.body(null, 202);
});
`,
      errors: [
        {
          messageId: 'escapesAsArgument',
          data: { name: 'c.req.raw', kind: 'Hono Context', sink: 'the floating promise of archive()' },
          line: 6,
          column: 16,
          endLine: 6,
          endColumn: 25,
          suggestions: [],
        },
      ],
    },
    // reads: 'unsafe-only' still reports the raw Request handed over: its body may be read after the response
    {
      code: `
import { Hono } from 'hono';
declare function archive(request: Request): Promise<void>;
const app = new Hono();
app.post('/uploads', c => {
  void archive(c.req.raw);
  return c.body(null, 202);
});
`,
      options: [{ reads: 'unsafe-only' }],
      errors: [
        {
          messageId: 'escapesAsArgument',
          data: { name: 'c.req.raw', kind: 'Hono Context', sink: 'the floating promise of archive()' },
          line: 6,
          column: 16,
          endLine: 6,
          endColumn: 25,
          suggestions: [],
        },
      ],
    },
    // void Promise.all([...]) floats every joined promise, and the context passed to them
    {
      code: `
import { Hono } from 'hono';
import type { Context } from 'hono';
declare function audit(c: Context): Promise<void>;
declare function track(event: string): Promise<void>;
const app = new Hono();
app.post('/orders', c => {
  void Promise.all([audit(c), track('order')]);
  return c.text('ok');
});
`,
      errors: [
        {
          messageId: 'escapesAsArgument',
          data: { name: 'c', kind: 'Hono Context', sink: 'a floating Promise.all()' },
          line: 8,
          column: 27,
          endLine: 8,
          endColumn: 28,
          suggestions: [],
        },
      ],
    },
    // A floating .then callback writing a header: no waitUntil suggestion, keeping the work alive cannot make the write arrive
    {
      code: `
import { Hono } from 'hono';
declare function loadOrder(id: string): Promise<{ id: string; total: number }>;
const app = new Hono();
app.get('/orders/:id', async c => {
  void loadOrder(c.req.param('id')).then(order => c.header('x-total', String(order.total)));
  return c.text('ok');
});
`,
      errors: [
        {
          messageId: 'writesAfterResponse',
          data: { name: 'c', kind: 'Hono Context', sink: 'a .then() callback of a floating promise' },
          line: 6,
          column: 51,
          endLine: 6,
          endColumn: 91,
          suggestions: [
            {
              messageId: 'suggestAwait',
              output: `
import { Hono } from 'hono';
declare function loadOrder(id: string): Promise<{ id: string; total: number }>;
const app = new Hono();
app.get('/orders/:id', async c => {
  await loadOrder(c.req.param('id')).then(order => c.header('x-total', String(order.total)));
  return c.text('ok');
});
`,
            },
          ],
        },
      ],
    },
    // An interval writing a header on every tick after the response
    {
      code: `
import { Hono } from 'hono';
const app = new Hono();
app.get('/poll', c => {
  setInterval(() => c.header('x-heartbeat', String(Date.now())), 1000);
  return c.text('ok');
});
`,
      errors: [
        {
          messageId: 'writesRepeatedly',
          data: { name: 'c', kind: 'Hono Context', sink: 'a setInterval callback' },
          line: 5,
          column: 21,
          endLine: 5,
          endColumn: 64,
        },
      ],
    },
  ],
});

// `c.executionCtx` exists only on Workers-like runtimes (it throws on Node), so
// registering the work with it is suggested only when the program declares the
// Workers' global `ExecutionContext` (here through `@cloudflare/workers-types`).
const workersTester = createTypedRuleTester(path.join(FIXTURES, 'workers-ambient'));

workersTester.run('no-escaping-context', rule, {
  valid: [
    // Registered work that reads only copied values
    {
      code: `
import { Hono } from 'hono';
declare function audit(path: string): Promise<void>;
const app = new Hono();
app.get('/orders/:id', c => {
  const path = c.req.path;
  c.executionCtx.waitUntil(audit(path));
  return c.text('ok');
});
`,
    },
  ],
  invalid: [
    // The context handed to a floating promise: register it (on Workers) or copy
    {
      code: `
import { Hono } from 'hono';
import type { Context } from 'hono';
declare function audit(c: Context): Promise<void>;
const app = new Hono();
app.get('/orders/:id', c => {
  void audit(c);
  return c.text('ok');
});
`,
      errors: [
        {
          messageId: 'escapesAsArgument',
          data: { name: 'c', kind: 'Hono Context', sink: 'the floating promise of audit()' },
          line: 7,
          column: 14,
          endColumn: 15,
          suggestions: [
            {
              messageId: 'suggestRegister',
              data: { api: 'c.executionCtx.waitUntil()' },
              output: `
import { Hono } from 'hono';
import type { Context } from 'hono';
declare function audit(c: Context): Promise<void>;
const app = new Hono();
app.get('/orders/:id', c => {
  c.executionCtx.waitUntil(audit(c));
  return c.text('ok');
});
`,
            },
          ],
        },
      ],
    },
    // A floating chain that reads the body late: await it, or register it
    {
      code: `
import { Hono } from 'hono';
declare function track(event: string): Promise<void>;
declare function log(message: string, fields?: Record<string, unknown>): void;
const app = new Hono();
app.post('/webhooks', async c => {
  track('webhook').then(async () => log('payload', { body: await c.req.text() }));
  return c.body(null, 202);
});
`,
      errors: [
        {
          messageId: 'escapes',
          data: { name: 'c', kind: 'Hono Context', sink: 'a .then() callback of a floating promise' },
          line: 7,
          column: 66,
          endColumn: 78,
          suggestions: [
            {
              messageId: 'suggestReadFirst',
              output: `
import { Hono } from 'hono';
declare function track(event: string): Promise<void>;
declare function log(message: string, fields?: Record<string, unknown>): void;
const app = new Hono();
app.post('/webhooks', async c => {
  const text = await c.req.text();
  track('webhook').then(async () => log('payload', { body: text }));
  return c.body(null, 202);
});
`,
            },
            {
              messageId: 'suggestAwait',
              output: `
import { Hono } from 'hono';
declare function track(event: string): Promise<void>;
declare function log(message: string, fields?: Record<string, unknown>): void;
const app = new Hono();
app.post('/webhooks', async c => {
  await track('webhook').then(async () => log('payload', { body: await c.req.text() }));
  return c.body(null, 202);
});
`,
            },
            {
              messageId: 'suggestRegister',
              data: { api: 'c.executionCtx.waitUntil()' },
              output: `
import { Hono } from 'hono';
declare function track(event: string): Promise<void>;
declare function log(message: string, fields?: Record<string, unknown>): void;
const app = new Hono();
app.post('/webhooks', async c => {
  c.executionCtx.waitUntil(track('webhook').then(async () => log('payload', { body: await c.req.text() })));
  return c.body(null, 202);
});
`,
            },
          ],
        },
      ],
    },
  ],
});
