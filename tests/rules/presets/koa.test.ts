// Koa 2/3: the response is sent when the middleware chain settles. Work that is
// not awaited or returned runs afterwards: body, status and header writes are
// silently lost (often after a 404), `ctx.cookies.set()` throws, `ctx.ip` may be
// empty. With `ctx.respond = false` the middleware owns the raw response.
import rule from '../../../src/rules/no-escaping-context.js';
import { createTypedRuleTester } from '../../util/rule-tester.js';

const ruleTester = createTypedRuleTester();

ruleTester.run('no-escaping-context', rule, {
  valid: [
    // An error callback of an awaited helper runs before the await resumes: not deferred work
    {
      code: `
import Koa from 'koa';
declare function load(): Promise<string>;
async function trySafe<T>(work: Promise<T>, onError: (error: unknown) => void): Promise<T | undefined> {
  try {
    return await work;
  } catch (error) {
    onError(error);
    return undefined;
  }
}
new Koa().use(async ctx => {
  const body = await trySafe(load(), error => {
    ctx.status = 500;
  });
  if (body !== undefined) ctx.body = body;
});
`,
    },
    // An error callback of a synchronous helper runs before it returns
    {
      code: `
import Koa from 'koa';
declare function parse(text: string): unknown;
function trySafe<T>(work: () => T, onError: (error: unknown) => void): T | undefined {
  try {
    return work();
  } catch (error) {
    onError(error);
    return undefined;
  }
}
new Koa().use(async ctx => {
  const parsed = trySafe(() => parse(ctx.querystring), error => {
    ctx.status = 400;
  });
  ctx.body = parsed ?? {};
});
`,
    },
    // A declared helper whose promise is awaited: its callbacks run before the await resumes (the signature decides)
    {
      code: `
import Koa from 'koa';
declare function load(): Promise<string>;
declare function trySafe<T>(work: Promise<T>, onError: (error: unknown) => void): Promise<T | undefined>;
new Koa().use(async ctx => {
  const body = await trySafe(load(), error => {
    ctx.status = 500;
  });
  ctx.body = body ?? 'fallback';
});
`,
    },
    // next() returned from a middleware that is not async: Koa waits for the downstream chain
    {
      code: `
import Koa from 'koa';
const app = new Koa();
app.use((ctx, next) => {
  ctx.set('x-powered-by', 'koa');
  return next();
});
`,
    },
    // next() whose .then chain is returned
    {
      code: `
import Koa from 'koa';
const app = new Koa();
app.use((ctx, next) => {
  const started = Date.now();
  return next().then(() => {
    ctx.set('x-response-time', String(Date.now() - started));
  });
});
`,
    },
    // next() stored and awaited later in the middleware
    {
      code: `
import Koa from 'koa';
declare function warmCache(): Promise<void>;
const app = new Koa();
app.use(async (ctx, next) => {
  const downstream = next();
  await warmCache();
  await downstream;
});
`,
    },
    // next() joined into an awaited Promise.all
    {
      code: `
import Koa from 'koa';
declare function warmCache(): Promise<void>;
const app = new Koa();
app.use(async (ctx, next) => {
  await Promise.all([next(), warmCache()]);
});
`,
    },
    // Express's next() returns nothing: calling it is how Express continues
    {
      code: `
import express from 'express';
const app = express();
app.use(async (req, res, next) => {
  res.set('x-powered-by', 'express');
  next();
});
`,
    },
    // A function parameter that is not Koa's next, called without await, runs no middleware
    {
      code: `
import Koa from 'koa';
const app = new Koa();
async function retry(task: () => Promise<void>, ctx: Koa.Context): Promise<void> {
  ctx.set('x-retry', '1');
  task();
}
app.use(async (ctx, next) => {
  await retry(() => next(), ctx);
});
`,
    },
    // Awaiting the work keeps the request open until the body is set
    {
      code: `
import Koa from 'koa';
declare function loadOrder(id: string): Promise<{ id: string; total: number }>;
declare function sleep(ms: number): Promise<void>;
const app = new Koa();
app.use(async ctx => {
  await sleep(100);
  ctx.body = await loadOrder(String(ctx.query.id));
});
`,
    },
    // Returning the promise tells Koa to wait for it
    {
      code: `
import Koa from 'koa';
declare function loadOrder(id: string): Promise<{ id: string; total: number }>;
const app = new Koa();
app.use(ctx => {
  return loadOrder(String(ctx.query.id)).then(order => {
    ctx.body = order;
  });
});
`,
    },
    // An awaited .then chain sets the body before Koa responds
    {
      code: `
import Koa from 'koa';
declare function sleep(ms: number): Promise<void>;
const app = new Koa();
app.use(async ctx => {
  await sleep(100).then(() => {
    ctx.body = { report: 'ready' };
  });
});
`,
    },
    // Values copied before the deferral
    {
      code: `
import Koa from 'koa';
declare function log(message: string, fields?: Record<string, unknown>): void;
const app = new Koa();
app.use(async ctx => {
  ctx.body = 'ok';
  const { ip, path } = ctx;
  setImmediate(() => log('served', { ip, path }));
});
`,
    },
    // A floating call that receives only plain values read now
    {
      code: `
import Koa from 'koa';
declare function track(event: string, fields?: Record<string, unknown>): Promise<void>;
const app = new Koa();
app.use(async (ctx, next) => {
  const started = Date.now();
  await next();
  void track('request', { path: ctx.path, status: ctx.status, ms: Date.now() - started });
});
`,
    },
    // The context passed to an awaited helper
    {
      code: `
import Koa from 'koa';
declare function recordTiming(ctx: Koa.Context, ms: number): Promise<void>;
const app = new Koa();
app.use(async (ctx, next) => {
  const started = Date.now();
  await next();
  await recordTiming(ctx, Date.now() - started);
});
`,
    },
    // Work joined with Promise.all and awaited
    {
      code: `
import Koa from 'koa';
declare function loadOrder(id: string): Promise<{ id: string; total: number }>;
declare function loadStats(user: string): Promise<{ orders: number }>;
const app = new Koa();
app.use(async ctx => {
  const [order, stats] = await Promise.all([
    loadOrder(String(ctx.query.id)),
    loadStats(ctx.state.user).then(s => ({ ...s, path: ctx.path })),
  ]);
  ctx.body = { order, stats };
});
`,
    },
    // A promise variable awaited later in the middleware
    {
      code: `
import Koa from 'koa';
declare function recordTiming(ctx: Koa.Context, ms: number): Promise<void>;
declare function loadOrder(id: string): Promise<{ id: string; total: number }>;
const app = new Koa();
app.use(async ctx => {
  const timing = recordTiming(ctx, 0);
  ctx.body = await loadOrder(String(ctx.query.id));
  await timing;
});
`,
    },
    // A warning timer cleared in finally
    {
      code: `
import Koa from 'koa';
declare function log(message: string, fields?: Record<string, unknown>): void;
const app = new Koa();
app.use(async (ctx, next) => {
  const slow = setTimeout(() => log('slow request', { path: ctx.path }), 5000);
  try {
    await next();
  } finally {
    clearTimeout(slow);
  }
});
`,
    },
    // A listener on the request's own close event
    {
      code: `
import Koa from 'koa';
declare function log(message: string, fields?: Record<string, unknown>): void;
const app = new Koa();
app.use(async (ctx, next) => {
  ctx.req.on('close', () => log('client closed', { path: ctx.path }));
  await next();
});
`,
    },
    // An interval cleared when the response closes
    {
      code: `
import Koa from 'koa';
import { PassThrough } from 'node:stream';
const app = new Koa();
app.use(async ctx => {
  const stream = new PassThrough();
  ctx.type = 'text/event-stream';
  ctx.body = stream;
  const heartbeat = setInterval(() => stream.write(': ping ' + ctx.path), 15000);
  ctx.res.on('close', () => clearInterval(heartbeat));
});
`,
    },
    // With ctx.respond = false the middleware owns the response: a one-shot timer may end it
    {
      code: `
import Koa from 'koa';
const app = new Koa();
app.use(async ctx => {
  ctx.respond = false;
  ctx.res.writeHead(200, { 'content-type': 'text/plain' });
  setTimeout(() => ctx.res.end('done'), 100);
});
`,
    },
    // An error-first callback wrapped in an awaited new Promise
    {
      code: `
import Koa from 'koa';
import { readFile } from 'node:fs';
const app = new Koa();
app.use(async ctx => {
  ctx.body = await new Promise<string>((resolve, reject) => {
    readFile('terms' + ctx.path + '.txt', 'utf8', (err, data) => (err ? reject(err) : resolve(data)));
  });
});
`,
    },
    // A promisified error-first API awaited in the middleware
    {
      code: `
import Koa from 'koa';
import { promisify } from 'node:util';
import { readFile } from 'node:fs';
const readFileAsync = promisify(readFile);
const app = new Koa();
app.use(async ctx => {
  ctx.body = await readFileAsync('terms.txt', 'utf8');
});
`,
    },
    // reads: 'unsafe-only' allows state, path, header and parsed body reads
    {
      code: `
import Koa from 'koa';
declare function log(message: string, fields?: Record<string, unknown>): void;
const app = new Koa();
app.use(async (ctx, next) => {
  await next();
  setImmediate(() => log('served', { user: ctx.state.user, path: ctx.path, ua: ctx.get('user-agent'), method: ctx.method }));
});
`,
      options: [{ reads: 'unsafe-only' }],
    },
    // With presets limited to express, a Koa context is not a request context
    {
      code: `
import Koa from 'koa';
const app = new Koa();
app.use(async ctx => {
  setTimeout(() => {
    ctx.body = { report: 'ready' };
  }, 100);
});
`,
      options: [{ presets: ['express'] }],
    },
    // next() awaited in the middleware itself
    {
      code: `
import Koa from 'koa';
const app = new Koa();
app.use(async (ctx, next) => {
  const started = Date.now();
  await next();
  ctx.set('x-response-time', String(Date.now() - started));
});
`,
    },
    // An error listener on the stream that is the response body lives exactly as long as the response
    {
      code: `
import Koa from 'koa';
import { createReadStream } from 'node:fs';
const app = new Koa();
app.use(async ctx => {
  const file = createReadStream('export.csv');
  ctx.type = 'text/csv';
  ctx.body = file;
  file.on('error', err => ctx.app.emit('error', err, ctx));
});
`,
    },
    // With ctx.body = stream the response stays open: a one-shot timer that writes and ends the stream may use the context
    {
      code: `
import Koa from 'koa';
import { PassThrough } from 'node:stream';
const app = new Koa();
app.use(async ctx => {
  const stream = new PassThrough();
  ctx.body = stream;
  setTimeout(() => {
    stream.write('path: ' + ctx.path + '\\n');
    stream.end();
  }, 100);
});
`,
    },
    // With ctx.body = stream, a one-shot listener that ends the stream may use the context
    {
      code: `
import Koa from 'koa';
import { PassThrough } from 'node:stream';
import { EventEmitter } from 'node:events';
const reports = new EventEmitter();
const app = new Koa();
app.use(async ctx => {
  const stream = new PassThrough();
  ctx.body = stream;
  reports.once('ready', (csv: string) => stream.end(csv + '\\n# ' + ctx.path));
});
`,
    },
    // A listener on a file stream the middleware waits to finish with finished(stream)
    {
      code: `
import Koa from 'koa';
import { createReadStream } from 'node:fs';
import { finished } from 'node:stream/promises';
declare function log(message: string, fields?: Record<string, unknown>): void;
const app = new Koa();
app.use(async ctx => {
  const file = createReadStream('report.csv');
  let size = 0;
  file.on('data', chunk => {
    size += chunk.length;
    log('chunk', { path: ctx.path, size });
  });
  await finished(file);
  ctx.body = { size };
});
`,
    },
    // reads: 'unsafe-only' does not report the whole context handed to other code: only its unsafe members are judged
    {
      code: `
import Koa from 'koa';
declare function recordTiming(ctx: Koa.Context, ms: number): Promise<void>;
const app = new Koa();
app.use(async (ctx, next) => {
  const started = Date.now();
  await next();
  void recordTiming(ctx, Date.now() - started);
});
`,
      options: [{ reads: 'unsafe-only' }],
    },
  ],
  invalid: [
    // The same helper left floating: its error callback may run after Koa responded
    {
      code: `
import Koa from 'koa';
declare function load(): Promise<string>;
async function trySafe<T>(work: Promise<T>, onError: (error: unknown) => void): Promise<T | undefined> {
  try {
    return await work;
  } catch (error) {
    onError(error);
    return undefined;
  }
}
new Koa().use(async ctx => {
  void trySafe(load(), error => {
    ctx.status = 500;
  });
  ctx.body = 'ok';
});
`,
      output: null,
      errors: [
        {
          messageId: 'writesAfterResponse',
          line: 14,
          column: 5,
          endLine: 14,
          endColumn: 15,
          suggestions: [
            {
              messageId: 'suggestAwait',
              output: `
import Koa from 'koa';
declare function load(): Promise<string>;
async function trySafe<T>(work: Promise<T>, onError: (error: unknown) => void): Promise<T | undefined> {
  try {
    return await work;
  } catch (error) {
    onError(error);
    return undefined;
  }
}
new Koa().use(async ctx => {
  await trySafe(load(), error => {
    ctx.status = 500;
  });
  ctx.body = 'ok';
});
`,
            },
          ],
        },
      ],
    },
    // A helper that calls its error callback from a timer: awaiting the helper does not wait for the callback
    {
      code: `
import Koa from 'koa';
declare function load(): Promise<string>;
async function trySafe<T>(work: Promise<T>, onError: (error: unknown) => void): Promise<T | undefined> {
  try {
    return await work;
  } catch (error) {
    setTimeout(() => onError(error), 0);
    return undefined;
  }
}
new Koa().use(async ctx => {
  await trySafe(load(), error => {
    ctx.status = 500;
  });
  ctx.body = 'ok';
});
`,
      output: null,
      errors: [{ messageId: 'writesAfterResponse', line: 14, column: 5, endLine: 14, endColumn: 15 }],
    },
    // next() left floating in an async middleware: it settles at once and Koa answers 404 while the router still runs
    {
      code: `
import Koa from 'koa';
const app = new Koa();
app.use(async (ctx, next) => {
  ctx.set('x-powered-by', 'koa');
  next();
});
`,
      errors: [
        {
          messageId: 'chainNotAwaited',
          data: { name: 'next', kind: 'Koa next()', sink: 'the floating promise of next()' },
          line: 6,
          column: 3,
          endLine: 6,
          endColumn: 9,
          suggestions: [
            {
              messageId: 'suggestAwait',
              output: `
import Koa from 'koa';
const app = new Koa();
app.use(async (ctx, next) => {
  ctx.set('x-powered-by', 'koa');
  await next();
});
`,
            },
          ],
        },
      ],
    },
    // void next() does not make Koa wait either
    {
      code: `
import Koa from 'koa';
declare function log(message: string): void;
const app = new Koa();
app.use(async (ctx, next) => {
  void next();
  log('passed on');
});
`,
      errors: [
        {
          messageId: 'chainNotAwaited',
          data: { name: 'next', kind: 'Koa next()', sink: 'the floating promise of next()' },
          line: 6,
          column: 8,
          endLine: 6,
          endColumn: 14,
          suggestions: [
            {
              messageId: 'suggestAwait',
              output: `
import Koa from 'koa';
declare function log(message: string): void;
const app = new Koa();
app.use(async (ctx, next) => {
  await next();
  log('passed on');
});
`,
            },
          ],
        },
      ],
    },
    // A middleware that is not async and neither returns nor awaits next(): Koa answers when it returns
    {
      code: `
import Koa from 'koa';
const app = new Koa();
app.use((ctx, next) => {
  ctx.set('x-powered-by', 'koa');
  next();
});
`,
      errors: [
        {
          messageId: 'chainNotAwaited',
          data: { name: 'next', kind: 'Koa next()', sink: 'the floating promise of next()' },
          line: 6,
          column: 3,
          endLine: 6,
          endColumn: 9,
        },
      ],
    },
    // next() stored in a variable that is never awaited
    {
      code: `
import Koa from 'koa';
const app = new Koa();
app.use(async (ctx, next) => {
  const downstream = next();
  ctx.set('x-powered-by', 'koa');
});
`,
      errors: [
        {
          messageId: 'chainNotAwaited',
          data: { name: 'next', kind: 'Koa next()', sink: 'the promise stored in \`downstream\`, which is never awaited' },
          line: 5,
          column: 22,
          endLine: 5,
          endColumn: 28,
        },
      ],
    },
    // A middleware declared apart and typed Koa.Middleware
    {
      code: `
import type Koa from 'koa';
export const loadOrder: Koa.Middleware = async (ctx, next) => {
  ctx.state.orderId = ctx.query.id;
  next();
};
`,
      errors: [
        {
          messageId: 'chainNotAwaited',
          data: { name: 'next', kind: 'Koa next()', sink: 'the floating promise of next()' },
          line: 5,
          column: 3,
          endLine: 5,
          endColumn: 9,
          suggestions: [
            {
              messageId: 'suggestAwait',
              output: `
import type Koa from 'koa';
export const loadOrder: Koa.Middleware = async (ctx, next) => {
  ctx.state.orderId = ctx.query.id;
  await next();
};
`,
            },
          ],
        },
      ],
    },
    // The same listener on a stream kept in ctx.state, not handed to Koa as the body, can outlive the response
    {
      code: `
import Koa from 'koa';
import { createReadStream } from 'node:fs';
const app = new Koa();
app.use(async ctx => {
  const file = createReadStream('export.csv');
  ctx.state.export = file;
  file.on('error', err => ctx.app.emit('error', err, ctx));
  ctx.body = 'queued';
});
`,
      errors: [
        {
          messageId: 'escapes',
          data: { name: 'ctx', kind: 'Koa Context', sink: "a 'error' listener" },
          line: 8,
          column: 27,
          endLine: 8,
          endColumn: 58,
        },
      ],
    },
    // Koa has already answered 404 when the timer sets the body
    {
      code: `
import Koa from 'koa';
const app = new Koa();
app.use(async (ctx, next) => {
  if (ctx.path !== '/reports') return next();
  setTimeout(() => {
    ctx.body = { report: 'ready' };
  }, 100);
});
`,
      errors: [
        {
          messageId: 'writesAfterResponse',
          data: { name: 'ctx', kind: 'Koa Context', sink: 'a setTimeout callback' },
          line: 7,
          column: 5,
          endLine: 7,
          endColumn: 13,
        },
      ],
    },
    // An error-first callback sets the body after the middleware resolved
    {
      code: `
import Koa from 'koa';
import { readFile } from 'node:fs';
const app = new Koa();
app.use(async (ctx, next) => {
  if (ctx.path !== '/terms') return next();
  readFile('terms.txt', 'utf8', (err, text) => {
    ctx.body = err ? 'unavailable' : text;
  });
});
`,
      errors: [
        {
          messageId: 'writesAfterResponse',
          data: { name: 'ctx', kind: 'Koa Context', sink: 'an error-first callback of readFile()' },
          line: 8,
          column: 5,
          endLine: 8,
          endColumn: 13,
        },
      ],
    },
    // The context handed to an async helper nobody awaits
    {
      code: `
import Koa from 'koa';
declare function recordTiming(ctx: Koa.Context, ms: number): Promise<void>;
const app = new Koa();
app.use(async (ctx, next) => {
  const started = Date.now();
  await next();
  recordTiming(ctx, Date.now() - started);
});
`,
      errors: [
        {
          messageId: 'escapesAsArgument',
          data: { name: 'ctx', kind: 'Koa Context', sink: 'the floating promise of recordTiming()' },
          line: 8,
          column: 16,
          endLine: 8,
          endColumn: 19,
          suggestions: [
            {
              messageId: 'suggestAwait',
              output: `
import Koa from 'koa';
declare function recordTiming(ctx: Koa.Context, ms: number): Promise<void>;
const app = new Koa();
app.use(async (ctx, next) => {
  const started = Date.now();
  await next();
  await recordTiming(ctx, Date.now() - started);
});
`,
            },
          ],
        },
      ],
    },
    // A .then callback of a floating promise sets the status too late
    {
      code: `
import Koa from 'koa';
declare function loadOrder(id: string): Promise<{ id: string; total: number }>;
const app = new Koa();
app.use(async ctx => {
  loadOrder(String(ctx.query.id)).then(order => {
    ctx.status = 200;
    ctx.body = order;
  });
});
`,
      errors: [
        {
          messageId: 'writesAfterResponse',
          data: { name: 'ctx', kind: 'Koa Context', sink: 'a .then() callback of a floating promise' },
          line: 7,
          column: 5,
          endLine: 7,
          endColumn: 15,
          suggestions: [
            {
              messageId: 'suggestAwait',
              output: `
import Koa from 'koa';
declare function loadOrder(id: string): Promise<{ id: string; total: number }>;
const app = new Koa();
app.use(async ctx => {
  await loadOrder(String(ctx.query.id)).then(order => {
    ctx.status = 200;
    ctx.body = order;
  });
});
`,
            },
          ],
        },
      ],
    },
    // void does not make a floating chain safe
    {
      code: `
import Koa from 'koa';
declare function log(message: string, fields?: Record<string, unknown>): void;
declare function track(event: string, fields?: Record<string, unknown>): Promise<void>;
const app = new Koa();
app.use(async (ctx, next) => {
  await next();
  void track('request').then(() => log('tracked', { path: ctx.path }));
});
`,
      output: `
import Koa from 'koa';
declare function log(message: string, fields?: Record<string, unknown>): void;
declare function track(event: string, fields?: Record<string, unknown>): Promise<void>;
const app = new Koa();
app.use(async (ctx, next) => {
  await next();
  const path = ctx.path;
  void track('request').then(() => log('tracked', { path }));
});
`,
      errors: [
        {
          messageId: 'escapes',
          data: { name: 'ctx', kind: 'Koa Context', sink: 'a .then() callback of a floating promise' },
          line: 8,
          column: 59,
          endLine: 8,
          endColumn: 67,
        },
      ],
    },
    // A .catch-only chain reads the context when the promise rejects
    {
      code: `
import Koa from 'koa';
declare function log(message: string, fields?: Record<string, unknown>): void;
declare function track(event: string, fields?: Record<string, unknown>): Promise<void>;
const app = new Koa();
app.use(async (ctx, next) => {
  await next();
  track('request').catch(err => log('tracking failed', { err, path: ctx.path }));
});
`,
      output: `
import Koa from 'koa';
declare function log(message: string, fields?: Record<string, unknown>): void;
declare function track(event: string, fields?: Record<string, unknown>): Promise<void>;
const app = new Koa();
app.use(async (ctx, next) => {
  await next();
  const path = ctx.path;
  track('request').catch(err => log('tracking failed', { err, path }));
});
`,
      errors: [
        {
          messageId: 'escapes',
          data: { name: 'ctx', kind: 'Koa Context', sink: 'a .catch() callback of a floating promise' },
          line: 8,
          column: 69,
          endLine: 8,
          endColumn: 77,
        },
      ],
    },
    // An async IIFE reads ctx.ip after its first await
    {
      code: `
import Koa from 'koa';
declare function log(message: string, fields?: Record<string, unknown>): void;
declare function sleep(ms: number): Promise<void>;
const app = new Koa();
app.use(async (ctx, next) => {
  (async () => {
    await sleep(100);
    log('visit', { ip: ctx.ip });
  })();
  await next();
});
`,
      output: `
import Koa from 'koa';
declare function log(message: string, fields?: Record<string, unknown>): void;
declare function sleep(ms: number): Promise<void>;
const app = new Koa();
app.use(async (ctx, next) => {
  const ip = ctx.ip;
  (async () => {
    await sleep(100);
    log('visit', { ip });
  })();
  await next();
});
`,
      errors: [
        {
          messageId: 'escapes',
          data: { name: 'ctx', kind: 'Koa Context', sink: 'a floating async IIFE' },
          line: 9,
          column: 24,
          endLine: 9,
          endColumn: 30,
        },
      ],
    },
    // A floating new Promise whose executor schedules a redirect
    {
      code: `
import Koa from 'koa';
const app = new Koa();
app.use(async ctx => {
  new Promise<void>(resolve => {
    setTimeout(() => {
      ctx.redirect('/done');
      resolve();
    }, 100);
  });
});
`,
      errors: [
        {
          messageId: 'writesAfterResponse',
          data: { name: 'ctx', kind: 'Koa Context', sink: 'a floating new Promise()' },
          line: 7,
          column: 7,
          endLine: 7,
          endColumn: 28,
          suggestions: [
            {
              messageId: 'suggestAwait',
              output: `
import Koa from 'koa';
const app = new Koa();
app.use(async ctx => {
  await new Promise<void>(resolve => {
    setTimeout(() => {
      ctx.redirect('/done');
      resolve();
    }, 100);
  });
});
`,
            },
          ],
        },
      ],
    },
    // A promise stored in a variable and never awaited
    {
      code: `
import Koa from 'koa';
declare function recordTiming(ctx: Koa.Context, ms: number): Promise<void>;
const app = new Koa();
app.use(async (ctx, next) => {
  const timing = recordTiming(ctx, 0);
  await next();
});
`,
      errors: [
        {
          messageId: 'escapesAsArgument',
          data: { name: 'ctx', kind: 'Koa Context', sink: 'the promise stored in `timing`, which is never awaited' },
          line: 6,
          column: 31,
          endLine: 6,
          endColumn: 34,
        },
      ],
    },
    // A listener on a process-wide emitter sets headers on later events
    {
      code: `
import Koa from 'koa';
import { EventEmitter } from 'node:events';
const deploys = new EventEmitter();
const app = new Koa();
app.use(async (ctx, next) => {
  deploys.on('deployed', (version: string) => ctx.set('x-version', version));
  await next();
});
`,
      errors: [
        {
          messageId: 'writesRepeatedly',
          data: { name: 'ctx', kind: 'Koa Context', sink: "a 'deployed' listener" },
          line: 7,
          column: 47,
          endLine: 7,
          endColumn: 76,
        },
      ],
    },
    // A p-queue job holds the context
    {
      code: `
import Koa from 'koa';
import PQueue from 'p-queue';
declare function sendReceipt(to: string): Promise<void>;
const jobs = new PQueue({ concurrency: 2 });
const app = new Koa();
app.use(async ctx => {
  jobs.add(() => sendReceipt(ctx.state.user.email));
  ctx.status = 202;
});
`,
      output: `
import Koa from 'koa';
import PQueue from 'p-queue';
declare function sendReceipt(to: string): Promise<void>;
const jobs = new PQueue({ concurrency: 2 });
const app = new Koa();
app.use(async ctx => {
  const email = ctx.state.user.email;
  jobs.add(() => sendReceipt(email));
  ctx.status = 202;
});
`,
      errors: [
        {
          messageId: 'escapes',
          data: { name: 'ctx', kind: 'Koa Context', sink: 'the floating promise of add()' },
          line: 8,
          column: 30,
          endLine: 8,
          endColumn: 50,
        },
      ],
    },
    // A setInterval callback reading the context
    {
      code: `
import Koa from 'koa';
declare function log(message: string, fields?: Record<string, unknown>): void;
const app = new Koa();
app.use(async (ctx, next) => {
  setInterval(() => log('still alive', { path: ctx.path }), 1000);
  await next();
});
`,
      output: `
import Koa from 'koa';
declare function log(message: string, fields?: Record<string, unknown>): void;
const app = new Koa();
app.use(async (ctx, next) => {
  const path = ctx.path;
  setInterval(() => log('still alive', { path }), 1000);
  await next();
});
`,
      errors: [
        {
          messageId: 'escapes',
          data: { name: 'ctx', kind: 'Koa Context', sink: 'a setInterval callback' },
          line: 6,
          column: 48,
          endLine: 6,
          endColumn: 56,
        },
      ],
    },
    // A helper annotated with Koa.Context schedules a timer
    {
      code: `
import type Koa from 'koa';
declare function log(message: string, fields?: Record<string, unknown>): void;
export function logLater(ctx: Koa.Context): void {
  setTimeout(() => log('served', { path: ctx.path }), 0);
}
`,
      output: `
import type Koa from 'koa';
declare function log(message: string, fields?: Record<string, unknown>): void;
export function logLater(ctx: Koa.Context): void {
  const path = ctx.path;
  setTimeout(() => log('served', { path }), 0);
}
`,
      errors: [
        {
          messageId: 'escapes',
          data: { name: 'ctx', kind: 'Koa Context', sink: 'a setTimeout callback' },
          line: 5,
          column: 42,
          endLine: 5,
          endColumn: 50,
        },
      ],
    },
    // reads: 'unsafe-only' skips the safe read and reports the status write
    {
      code: `
import Koa from 'koa';
declare function log(message: string, fields?: Record<string, unknown>): void;
const app = new Koa();
app.use(async ctx => {
  setTimeout(() => {
    log('late', { path: ctx.path });
    ctx.status = 503;
  }, 100);
});
`,
      options: [{ reads: 'unsafe-only' }],
      errors: [
        {
          messageId: 'writesAfterResponse',
          data: { name: 'ctx', kind: 'Koa Context', sink: 'a setTimeout callback' },
          line: 8,
          column: 5,
          endLine: 8,
          endColumn: 15,
          suggestions: [
            {
              messageId: 'suggestCopyFields',
              output: `
import Koa from 'koa';
declare function log(message: string, fields?: Record<string, unknown>): void;
const app = new Koa();
app.use(async ctx => {
  const path = ctx.path;
  setTimeout(() => {
    log('late', { path });
    ctx.status = 503;
  }, 100);
});
`,
            },
          ],
        },
      ],
    },
    // reads: 'unsafe-only' reports ctx.ip, which may be empty after the response
    {
      code: `
import Koa from 'koa';
declare function log(message: string, fields?: Record<string, unknown>): void;
const app = new Koa();
app.use(async (ctx, next) => {
  await next();
  setImmediate(() => log('served', { path: ctx.path, ip: ctx.ip }));
});
`,
      options: [{ reads: 'unsafe-only' }],
      output: `
import Koa from 'koa';
declare function log(message: string, fields?: Record<string, unknown>): void;
const app = new Koa();
app.use(async (ctx, next) => {
  await next();
  const path = ctx.path;
  const ip = ctx.ip;
  setImmediate(() => log('served', { path, ip }));
});
`,
      errors: [
        {
          messageId: 'escapes',
          data: { name: 'ctx', kind: 'Koa Context', sink: 'a setImmediate callback' },
          line: 7,
          column: 58,
          endLine: 7,
          endColumn: 64,
        },
      ],
    },
    // reads: 'unsafe-only' reports a cookie set after the response (throws ERR_HTTP_HEADERS_SENT)
    {
      code: `
import Koa from 'koa';
const app = new Koa();
app.use(async (ctx, next) => {
  await next();
  setTimeout(() => ctx.cookies.set('seen', '1'), 0);
});
`,
      options: [{ reads: 'unsafe-only' }],
      errors: [
        {
          messageId: 'writesAfterResponse',
          data: { name: 'ctx', kind: 'Koa Context', sink: 'a setTimeout callback' },
          line: 6,
          column: 20,
          endLine: 6,
          endColumn: 48,
        },
      ],
    },
    // With presets: ['koa'] the late body is reported
    {
      code: `
import Koa from 'koa';
const app = new Koa();
app.use(async ctx => {
  setTimeout(() => {
    ctx.body = { report: 'ready' };
  }, 100);
});
`,
      options: [{ presets: ['koa'] }],
      errors: [
        {
          messageId: 'writesAfterResponse',
          data: { name: 'ctx', kind: 'Koa Context', sink: 'a setTimeout callback' },
          line: 6,
          column: 5,
          endLine: 6,
          endColumn: 13,
        },
      ],
    },
    // next() called from a timer runs the downstream middleware after the response
    {
      code: `
import Koa from 'koa';
const app = new Koa();
app.use(async (ctx, next) => {
  setTimeout(() => {
    void next();
  }, 10);
});
`,
      errors: [
        {
          messageId: 'escapes',
          data: { name: 'next', kind: 'Koa next()', sink: 'a setTimeout callback' },
          line: 6,
          column: 10,
          endLine: 6,
          endColumn: 16,
        },
      ],
    },
    // The Node request (an unsafe member of the context) handed to an async call nobody awaits is named as passed, with its own kind
    {
      code: `
import Koa from 'koa';
import type { IncomingMessage } from 'node:http';
declare function archive(body: IncomingMessage): Promise<void>;
const app = new Koa();
app.use(async ctx => {
  void archive(ctx.req);
  ctx.status = 202;
});
`,
      errors: [
        {
          messageId: 'escapesAsArgument',
          data: { name: 'ctx.req', kind: 'Node IncomingMessage', sink: 'the floating promise of archive()' },
          line: 7,
          column: 16,
          endLine: 7,
          endColumn: 23,
          suggestions: [
            {
              messageId: 'suggestAwait',
              output: `
import Koa from 'koa';
import type { IncomingMessage } from 'node:http';
declare function archive(body: IncomingMessage): Promise<void>;
const app = new Koa();
app.use(async ctx => {
  await archive(ctx.req);
  ctx.status = 202;
});
`,
            },
          ],
        },
      ],
    },
    // With ctx.body = stream, an interval writing the stream is repeating work, not the pending response
    {
      code: `
import Koa from 'koa';
import { PassThrough } from 'node:stream';
const app = new Koa();
app.use(async ctx => {
  const stream = new PassThrough();
  ctx.body = stream;
  setInterval(() => stream.write('path: ' + ctx.path + '\\n'), 1000);
});
`,
      output: `
import Koa from 'koa';
import { PassThrough } from 'node:stream';
const app = new Koa();
app.use(async ctx => {
  const stream = new PassThrough();
  ctx.body = stream;
  const path = ctx.path;
  setInterval(() => stream.write('path: ' + path + '\\n'), 1000);
});
`,
      errors: [
        {
          messageId: 'escapes',
          data: { name: 'ctx', kind: 'Koa Context', sink: 'a setInterval callback' },
          line: 8,
          column: 45,
          endLine: 8,
          endColumn: 53,
        },
      ],
    },
  ],
});
