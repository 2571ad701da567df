// Sink families, exemptions, options and fixes of no-escaping-context, shown
// on Hono (whose context is the simplest to read); every framework has its
// own suite under tests/rules/presets/.
import path from 'node:path';
import { describe } from 'vitest';

import rule from '../../src/rules/no-escaping-context.js';
import { createTypedRuleTester, FIXTURES } from '../util/rule-tester.js';

const ruleTester = createTypedRuleTester();

ruleTester.run('no-escaping-context', rule, {
  valid: [
    // A floating helper done with the context before its first await
    {
      code: `import { Hono, type Context } from 'hono';
async function audit(ctx: Context) { await fetch(ctx.req.url); }
new Hono().get('/', c => {
  void audit(c);
  return c.text('ok');
});`,
    },
    // ... through a helper of its own
    {
      code: `import { Hono, type Context } from 'hono';
function describe(ctx: Context) { return ctx.req.method + ' ' + ctx.req.path; }
async function audit(ctx: Context) {
  const line = describe(ctx);
  await fetch('https://audit.example.com', { method: 'POST', body: line });
}
new Hono().get('/', c => {
  void audit(c);
  return c.text('ok');
});`,
    },
    // copied value in the timer
    {
      code: `import { Hono, type Context } from 'hono';
new Hono().get('/', c => {
  const url = c.req.url;
  setTimeout(() => console.log(url), 10);
  return c.text('ok');
});`,
    },
    // plain object built synchronously
    {
      code: `import { Hono, type Context } from 'hono';
new Hono().get('/', c => {
  const info = { url: c.req.url, ua: c.req.header('user-agent') };
  setTimeout(() => console.log(info), 10);
  return c.text('ok');
});`,
    },
    // timers/promises setTimeout is awaited work
    {
      code: `import { Hono, type Context } from 'hono';
import { setTimeout } from 'node:timers/promises';
new Hono().get('/', async c => {
  await setTimeout(10);
  return c.text(c.req.url);
});`,
    },
    // a local function named setTimeout
    {
      code: `import { Hono, type Context } from 'hono';
function setTimeout(fn: () => void) { fn(); }
new Hono().get('/', c => {
  setTimeout(() => console.log(c.req.url));
  return c.text('ok');
});`,
    },
    // timer cleared in finally is bounded
    {
      code: `import { Hono, type Context } from 'hono';
new Hono().get('/', async c => {
  const timer = setTimeout(() => console.log('slow', c.req.url), 5000);
  try {
    await fetch('https://example.com');
  } finally {
    clearTimeout(timer);
  }
  return c.text('ok');
});`,
    },
    // timer cleared later in the same body is bounded
    {
      code: `import { Hono, type Context } from 'hono';
new Hono().get('/', async c => {
  const timer = setTimeout(() => console.log('slow', c.req.url), 5000);
  await fetch('https://example.com');
  clearTimeout(timer);
  return c.text('ok');
});`,
    },
    // timer with no context capture
    {
      code: `import { Hono, type Context } from 'hono';
new Hono().get('/', c => {
  setTimeout(() => console.log('tick'), 10);
  return c.text('ok');
});`,
    },
    // async IIFE reading before its first await
    {
      code: `import { Hono, type Context } from 'hono';
new Hono().get('/', c => {
  void (async () => {
    const id = c.req.header('x-request-id');
    await fetch('https://example.com/' + id);
  })();
  return c.text('ok');
});`,
    },
    // new Promise executor body runs synchronously
    {
      code: `import { Hono, type Context } from 'hono';
new Hono().get('/', async c => {
  await new Promise<string>(resolve => resolve(c.req.url));
  return c.text('ok');
});`,
    },
    // promise variable awaited later
    {
      code: `import { Hono, type Context } from 'hono';
declare function audit(ctx: Context): Promise<void>;
new Hono().get('/', async c => {
  const pending = audit(c);
  const body = c.req.url;
  await pending;
  return c.text(body);
});`,
    },
    // joined with Promise.all
    {
      code: `import { Hono, type Context } from 'hono';
declare function audit(ctx: Context): Promise<void>;
new Hono().get('/', async c => {
  const a = audit(c);
  const b = audit(c);
  await Promise.all([a, b]);
  return c.text('ok');
});`,
    },
    // returned promise
    {
      code: `import { Hono, type Context } from 'hono';
async function audit(ctx: Context) { await fetch(ctx.req.url); return ctx.text('ok'); }
new Hono().get('/', c => {
  return audit(c);
});`,
    },
    // awaited directly
    {
      code: `import { Hono, type Context } from 'hono';
declare function audit(ctx: Context): Promise<void>;
new Hono().get('/', async c => {
  await audit(c);
  return c.text('ok');
});`,
    },
    // copy passed to an unawaited call
    {
      code: `import { Hono, type Context } from 'hono';
async function audit(url: string) { await fetch(url); }
new Hono().get('/', c => {
  void audit(c.req.url);
  return c.text('ok');
});`,
    },
    // sync function result is not a promise
    {
      code: `import { Hono, type Context } from 'hono';
function audit(ctx: Context) { console.log(ctx.req.url); }
new Hono().get('/', c => {
  audit(c);
  return c.text('ok');
});`,
    },
    // listener on the request own signal
    {
      code: `import { Hono, type Context } from 'hono';
new Hono().get('/', c => {
  c.req.raw.signal.addEventListener('abort', () => console.log('aborted', c.req.url));
  return c.text('ok');
});`,
    },
    // listener removed again
    {
      code: `import { Hono, type Context } from 'hono';
import { EventEmitter } from 'node:events';
const bus = new EventEmitter();
new Hono().get('/', async c => {
  const onReload = () => console.log(c.req.url);
  bus.on('reload', onReload);
  await fetch('https://example.com');
  bus.off('reload', onReload);
  return c.text('ok');
});`,
    },
    // listener bound to an abort signal
    {
      code: `import { Hono, type Context } from 'hono';
declare const channel: EventTarget;
new Hono().get('/', c => {
  channel.addEventListener('message', () => console.log(c.req.url), { signal: c.req.raw.signal });
  return c.text('ok');
});`,
    },
    // array callback with a parameter named error
    {
      code: `import { Hono, type Context } from 'hono';
new Hono().get('/', c => {
  ['a'].forEach(error => console.log(error, c.req.url));
  return c.text('ok');
});`,
    },
    // waitUntil with copied values
    {
      code: `import { Hono, type Context } from 'hono';
async function log(url: string) { await fetch(url); }
new Hono().get('/', c => {
  const url = c.req.url;
  c.executionCtx.waitUntil(log(url));
  return c.text('ok');
});`,
    },
    // p-queue add awaited
    {
      code: `import { Hono, type Context } from 'hono';
import PQueue from 'p-queue';
const queue = new PQueue({ concurrency: 1 });
new Hono().get('/', async c => {
  const url = c.req.url;
  await queue.add(async () => console.log(url));
  return c.text('ok');
});`,
    },
    // same call without the sinks option
    {
      code: `import { Hono, type Context } from 'hono';
declare function enqueue(job: () => void): void;
new Hono().get('/', c => {
  enqueue(() => console.log(c.req.url));
  return c.text('ok');
});`,
    },
    // safeSinks silences an error-first API that runs synchronously
    {
      code: `import { Hono, type Context } from 'hono';
declare function withLock(cb: (err: Error | null) => void): void;
new Hono().get('/', c => {
  withLock(err => console.log(err, c.req.url));
  return c.text('ok');
});`,
      options: [
        {
          safeSinks: [
            {
              from: 'file',
              name: 'withLock',
            },
          ],
        },
      ],
    },
    // sinkFamilies timers off
    {
      code: `import { Hono, type Context } from 'hono';
new Hono().get('/', c => {
  setTimeout(() => console.log(c.req.url), 10);
  return c.text('ok');
});`,
      options: [
        {
          sinkFamilies: {
            timers: false,
          },
        },
      ],
    },
    // sinkFamilies promises off
    {
      code: `import { Hono, type Context } from 'hono';
declare function audit(ctx: Context): Promise<void>;
new Hono().get('/', c => {
  void audit(c);
  return c.text('ok');
});`,
      options: [
        {
          sinkFamilies: {
            promises: false,
          },
        },
      ],
    },
    // sinkFamilies listeners off
    {
      code: `import { Hono, type Context } from 'hono';
import { EventEmitter } from 'node:events';
const bus = new EventEmitter();
new Hono().get('/', c => {
  bus.on('reload', () => console.log(c.req.url));
  return c.text('ok');
});`,
      options: [
        {
          sinkFamilies: {
            listeners: false,
          },
        },
      ],
    },
    // sinkFamilies callbacks off
    {
      code: `import { Hono, type Context } from 'hono';
import { readFile } from 'node:fs';
new Hono().get('/', c => {
  readFile('config.json', (err, data) => console.log(err, data, c.req.url));
  return c.text('ok');
});`,
      options: [
        {
          sinkFamilies: {
            callbacks: false,
          },
        },
      ],
    },
    // sinkFamilies background off
    {
      code: `import { Hono, type Context } from 'hono';
new Hono().get('/', c => {
  c.executionCtx.waitUntil(fetch('https://example.com').then(() => console.log(c.req.url)));
  return c.text('ok');
});`,
      options: [
        {
          sinkFamilies: {
            background: false,
          },
        },
      ],
    },
    // sinkFamilies sinks off
    {
      code: `import { Hono, type Context } from 'hono';
declare function enqueue(job: () => void): void;
new Hono().get('/', c => {
  enqueue(() => console.log(c.req.url));
  return c.text('ok');
});`,
      options: [
        {
          sinks: [
            {
              from: 'file',
              name: 'enqueue',
            },
          ],
          sinkFamilies: {
            sinks: false,
          },
        },
      ],
    },
    // presets without hono
    {
      code: `import { Hono, type Context } from 'hono';
new Hono().get('/', c => {
  setTimeout(() => console.log(c.req.url), 10);
  return c.text('ok');
});`,
      options: [
        {
          presets: ['express'],
        },
      ],
    },
    // reads unsafe-only: safe read
    {
      code: `import { Hono, type Context } from 'hono';
new Hono().get('/', c => {
  setTimeout(() => console.log(c.req.header('user-agent')), 10);
  return c.text('ok');
});`,
      options: [
        {
          reads: 'unsafe-only',
        },
      ],
    },
    // timer inside an awaited promise executor that it settles
    {
      code: `import { Hono, type Context } from 'hono';
new Hono().get('/', async c => {
  await new Promise<void>(resolve => setTimeout(() => { c.header('x-ready', '1'); resolve(); }, 100));
  return c.text('ok');
});`,
    },
    // p-queue job awaited inside the request
    {
      code: `import { Hono, type Context } from 'hono';
import PQueue from 'p-queue';
const queue = new PQueue({ concurrency: 1 });
new Hono().get('/', async c => {
  const total = await queue.add(async () => c.req.url.length);
  return c.text(String(total));
});`,
    },
    // Known limitation: a bound method passed as the callback is not seen as a capture
    {
      code: `import { Hono, type Context } from 'hono';
new Hono().get('/', c => {
  setTimeout(c.text.bind(c), 10, 'late');
  return c.text('ok');
});`,
    },
    // an alias of an alias of a context type (APIGatewayProxyCallback) is matched
    {
      code: `import type { APIGatewayProxyCallback, APIGatewayProxyEvent, Context } from 'aws-lambda';
export function handler(event: APIGatewayProxyEvent, context: Context, callback: APIGatewayProxyCallback) {
  setTimeout(() => callback(null, { statusCode: 200, body: event.path + context.awsRequestId }), 100);
}`,
    },
    // a read through a non-null assertion is a safe read
    {
      code: `import { Hono, type Context } from 'hono';
declare const maybe: Context | undefined;
setTimeout(() => console.log(maybe!.req.url), 10);`,
      options: [
        {
          reads: 'unsafe-only',
        },
      ],
    },
    // array callbacks and IIFEs inside a promise executor run with it
    {
      code: `import { Hono, type Context } from 'hono';
new Hono().get('/', async c => {
  await new Promise<void>(resolve => {
    [1].forEach(() => console.log(c.req.url));
    resolve();
  });
  void new Promise<void>(resolve => {
    (() => console.log(c.req.path))();
    resolve();
  });
  return c.text('ok');
});`,
    },
  ],
  invalid: [
    // A floating helper that reads the context after its first await, through a helper of its own
    {
      code: `import { Hono, type Context } from 'hono';
function log(ctx: Context) { console.log(ctx.req.path); }
async function audit(ctx: Context) {
  await fetch('https://audit.example.com');
  log(ctx);
}
new Hono().get('/', c => {
  void audit(c);
  return c.text('ok');
});`,
      output: null,
      errors: [
        {
          messageId: 'escapesThroughHelper',
          data: {
            name: 'c',
            kind: 'Hono Context',
            sink: 'the floating promise of audit()',
            helper: '`audit()` (through `log()`) reads `ctx.req.path` after its first `await`',
          },
          line: 8,
          column: 14,
          endLine: 8,
          endColumn: 15,
          suggestions: [],
        },
      ],
    },
    // A helper that hands the context to code without a body: judged as without summaries
    {
      code: `import { Hono, type Context } from 'hono';
declare function send(ctx: Context): Promise<void>;
async function audit(ctx: Context) { await send(ctx); }
new Hono().get('/', c => {
  void audit(c);
  return c.text('ok');
});`,
      output: null,
      errors: [
        {
          messageId: 'escapesAsArgument',
          line: 5,
          column: 14,
          endLine: 5,
          endColumn: 15,
          suggestions: [],
        },
      ],
    },
    // setTimeout callback reads the Hono context
    {
      code: `import { Hono, type Context } from 'hono';
new Hono().get('/', c => {
  setTimeout(() => console.log(c.req.header('user-agent')), 10);
  return c.text('ok');
});`,
      output: `import { Hono, type Context } from 'hono';
new Hono().get('/', c => {
  const userAgent = c.req.header('user-agent');
  setTimeout(() => console.log(userAgent), 10);
  return c.text('ok');
});`,
      errors: [
        {
          messageId: 'escapes',
          line: 3,
          column: 32,
          endLine: 3,
          endColumn: 58,
        },
      ],
    },
    // setInterval callback
    {
      code: `import { Hono, type Context } from 'hono';
new Hono().get('/', c => {
  setInterval(() => console.log(c.req.path), 1000);
  return c.text('ok');
});`,
      output: `import { Hono, type Context } from 'hono';
new Hono().get('/', c => {
  const path = c.req.path;
  setInterval(() => console.log(path), 1000);
  return c.text('ok');
});`,
      errors: [
        {
          messageId: 'escapes',
          line: 3,
          column: 33,
          endLine: 3,
          endColumn: 43,
        },
      ],
    },
    // setImmediate callback
    {
      code: `import { Hono, type Context } from 'hono';
new Hono().get('/', c => {
  setImmediate(() => console.log(c.req.method));
  return c.text('ok');
});`,
      output: `import { Hono, type Context } from 'hono';
new Hono().get('/', c => {
  const method = c.req.method;
  setImmediate(() => console.log(method));
  return c.text('ok');
});`,
      errors: [
        {
          messageId: 'escapes',
          line: 3,
          column: 34,
          endLine: 3,
          endColumn: 46,
        },
      ],
    },
    // queueMicrotask callback
    {
      code: `import { Hono, type Context } from 'hono';
new Hono().get('/', c => {
  queueMicrotask(() => console.log(c.req.url));
  return c.text('ok');
});`,
      output: `import { Hono, type Context } from 'hono';
new Hono().get('/', c => {
  const url = c.req.url;
  queueMicrotask(() => console.log(url));
  return c.text('ok');
});`,
      errors: [
        {
          messageId: 'escapes',
          line: 3,
          column: 36,
          endLine: 3,
          endColumn: 45,
        },
      ],
    },
    // process.nextTick callback
    {
      code: `import { Hono, type Context } from 'hono';
new Hono().get('/', c => {
  process.nextTick(() => console.log(c.req.url));
  return c.text('ok');
});`,
      output: `import { Hono, type Context } from 'hono';
new Hono().get('/', c => {
  const url = c.req.url;
  process.nextTick(() => console.log(url));
  return c.text('ok');
});`,
      errors: [
        {
          messageId: 'escapes',
          line: 3,
          column: 38,
          endLine: 3,
          endColumn: 47,
        },
      ],
    },
    // context passed as a timer argument
    {
      code: `import { Hono, type Context } from 'hono';
function log(ctx: Context) { console.log(ctx.req.url); }
new Hono().get('/', c => {
  setTimeout(log, 0, c);
  return c.text('ok');
});`,
      output: null,
      errors: [
        {
          messageId: 'escapesAsArgument',
          line: 4,
          column: 22,
          endLine: 4,
          endColumn: 23,
        },
      ],
    },
    // globalThis.setTimeout
    {
      code: `import { Hono, type Context } from 'hono';
new Hono().get('/', c => {
  globalThis.setTimeout(() => console.log(c.req.url), 10);
  return c.text('ok');
});`,
      output: `import { Hono, type Context } from 'hono';
new Hono().get('/', c => {
  const url = c.req.url;
  globalThis.setTimeout(() => console.log(url), 10);
  return c.text('ok');
});`,
      errors: [
        {
          messageId: 'escapes',
          line: 3,
          column: 43,
          endLine: 3,
          endColumn: 52,
        },
      ],
    },
    // named local function as the timer callback
    {
      code: `import { Hono, type Context } from 'hono';
new Hono().get('/', c => {
  function later() { console.log(c.req.url); }
  setTimeout(later, 10);
  return c.text('ok');
});`,
      output: `import { Hono, type Context } from 'hono';
new Hono().get('/', c => {
  const url = c.req.url;
  function later() { console.log(url); }
  setTimeout(later, 10);
  return c.text('ok');
});`,
      errors: [
        {
          messageId: 'escapes',
          line: 3,
          column: 34,
          endLine: 3,
          endColumn: 43,
        },
      ],
    },
    // timer cleared only on one branch is not bounded
    {
      code: `import { Hono, type Context } from 'hono';
new Hono().get('/', async c => {
  const timer = setTimeout(() => console.log('slow', c.req.url), 5000);
  if (Math.random() > 0.5) clearTimeout(timer);
  return c.text('ok');
});`,
      output: `import { Hono, type Context } from 'hono';
new Hono().get('/', async c => {
  const url = c.req.url;
  const timer = setTimeout(() => console.log('slow', url), 5000);
  if (Math.random() > 0.5) clearTimeout(timer);
  return c.text('ok');
});`,
      errors: [
        {
          messageId: 'escapes',
          line: 3,
          column: 54,
          endLine: 3,
          endColumn: 63,
        },
      ],
    },
    // context passed to an unawaited async call
    {
      code: `import { Hono, type Context } from 'hono';
declare function audit(ctx: Context): Promise<void>;
new Hono().get('/', c => {
  audit(c);
  return c.text('ok');
});`,
      output: null,
      errors: [
        {
          messageId: 'escapesAsArgument',
          line: 4,
          column: 9,
          endLine: 4,
          endColumn: 10,
          suggestions: [],
        },
      ],
    },
    // void does not make it safe
    {
      code: `import { Hono, type Context } from 'hono';
declare function audit(ctx: Context): Promise<void>;
new Hono().get('/', c => {
  void audit(c);
  return c.text('ok');
});`,
      output: null,
      errors: [
        {
          messageId: 'escapesAsArgument',
          line: 4,
          column: 14,
          endLine: 4,
          endColumn: 15,
          suggestions: [],
        },
      ],
    },
    // .catch only does not make it safe
    {
      code: `import { Hono, type Context } from 'hono';
declare function audit(ctx: Context): Promise<void>;
new Hono().get('/', c => {
  audit(c).catch(console.error);
  return c.text('ok');
});`,
      output: null,
      errors: [
        {
          messageId: 'escapesAsArgument',
          line: 4,
          column: 9,
          endLine: 4,
          endColumn: 10,
          suggestions: [],
        },
      ],
    },
    // .then callback of a floating chain
    {
      code: `import { Hono, type Context } from 'hono';
new Hono().get('/', c => {
  fetch('https://example.com').then(() => console.log(c.req.url));
  return c.text('ok');
});`,
      output: `import { Hono, type Context } from 'hono';
new Hono().get('/', c => {
  const url = c.req.url;
  fetch('https://example.com').then(() => console.log(url));
  return c.text('ok');
});`,
      errors: [
        {
          messageId: 'escapes',
          line: 3,
          column: 55,
          endLine: 3,
          endColumn: 64,
        },
      ],
    },
    // async IIFE after its first await
    {
      code: `import { Hono, type Context } from 'hono';
new Hono().get('/', c => {
  void (async () => {
    await fetch('https://example.com');
    console.log(c.req.header('x-request-id'));
  })();
  return c.text('ok');
});`,
      output: `import { Hono, type Context } from 'hono';
new Hono().get('/', c => {
  const requestId = c.req.header('x-request-id');
  void (async () => {
    await fetch('https://example.com');
    console.log(requestId);
  })();
  return c.text('ok');
});`,
      errors: [
        {
          messageId: 'escapes',
          line: 5,
          column: 17,
          endLine: 5,
          endColumn: 45,
        },
      ],
    },
    // new Promise executor callback
    {
      code: `import { Hono, type Context } from 'hono';
import { readFile } from 'node:fs';
new Hono().get('/', c => {
  new Promise<void>(resolve => readFile('x', () => { console.log(c.req.url); resolve(); }));
  return c.text('ok');
});`,
      output: `import { Hono, type Context } from 'hono';
import { readFile } from 'node:fs';
new Hono().get('/', c => {
  const url = c.req.url;
  new Promise<void>(resolve => readFile('x', () => { console.log(url); resolve(); }));
  return c.text('ok');
});`,
      errors: [
        {
          messageId: 'escapes',
          line: 4,
          column: 66,
          endLine: 4,
          endColumn: 75,
        },
      ],
    },
    // promise variable never awaited
    {
      code: `import { Hono, type Context } from 'hono';
declare function audit(ctx: Context): Promise<void>;
new Hono().get('/', c => {
  const pending = audit(c);
  return c.text('ok');
});`,
      output: null,
      errors: [
        {
          messageId: 'escapesAsArgument',
          line: 4,
          column: 25,
          endLine: 4,
          endColumn: 26,
        },
      ],
    },
    // member that is itself a context passed along
    {
      code: `import { Hono, type Context } from 'hono';
import type { HonoRequest } from 'hono';
declare function audit(req: HonoRequest): Promise<void>;
new Hono().get('/', c => {
  void audit(c.req);
  return c.text('ok');
});`,
      output: null,
      errors: [
        {
          messageId: 'escapesAsArgument',
          line: 5,
          column: 14,
          endLine: 5,
          endColumn: 19,
          suggestions: [],
        },
      ],
    },
    // local async function capturing the context
    {
      code: `import { Hono, type Context } from 'hono';
new Hono().get('/', c => {
  const report = async () => {
    await fetch('https://example.com');
    console.log(c.req.url);
  };
  report();
  return c.text('ok');
});`,
      output: `import { Hono, type Context } from 'hono';
new Hono().get('/', c => {
  const url = c.req.url;
  const report = async () => {
    await fetch('https://example.com');
    console.log(url);
  };
  report();
  return c.text('ok');
});`,
      errors: [
        {
          messageId: 'escapes',
          line: 5,
          column: 17,
          endLine: 5,
          endColumn: 26,
        },
      ],
    },
    // listener on a long-lived emitter
    {
      code: `import { Hono, type Context } from 'hono';
import { EventEmitter } from 'node:events';
const bus = new EventEmitter();
new Hono().get('/', c => {
  bus.on('reload', () => console.log(c.req.url));
  return c.text('ok');
});`,
      output: `import { Hono, type Context } from 'hono';
import { EventEmitter } from 'node:events';
const bus = new EventEmitter();
new Hono().get('/', c => {
  const url = c.req.url;
  bus.on('reload', () => console.log(url));
  return c.text('ok');
});`,
      errors: [
        {
          messageId: 'escapes',
          line: 5,
          column: 38,
          endLine: 5,
          endColumn: 47,
        },
      ],
    },
    // addEventListener on a global target
    {
      code: `import { Hono, type Context } from 'hono';
declare const channel: EventTarget;
new Hono().get('/', c => {
  channel.addEventListener('message', () => console.log(c.req.url));
  return c.text('ok');
});`,
      output: `import { Hono, type Context } from 'hono';
declare const channel: EventTarget;
new Hono().get('/', c => {
  const url = c.req.url;
  channel.addEventListener('message', () => console.log(url));
  return c.text('ok');
});`,
      errors: [
        {
          messageId: 'escapes',
          line: 4,
          column: 57,
          endLine: 4,
          endColumn: 66,
        },
      ],
    },
    // error-first callback
    {
      code: `import { Hono, type Context } from 'hono';
import { readFile } from 'node:fs';
new Hono().get('/', c => {
  readFile('config.json', (err, data) => console.log(err, data, c.req.url));
  return c.text('ok');
});`,
      output: `import { Hono, type Context } from 'hono';
import { readFile } from 'node:fs';
new Hono().get('/', c => {
  const url = c.req.url;
  readFile('config.json', (err, data) => console.log(err, data, url));
  return c.text('ok');
});`,
      errors: [
        {
          messageId: 'escapes',
          line: 4,
          column: 65,
          endLine: 4,
          endColumn: 74,
        },
      ],
    },
    // waitUntil work reads the context
    {
      code: `import { Hono, type Context } from 'hono';
new Hono().get('/', c => {
  c.executionCtx.waitUntil(fetch('https://example.com').then(() => console.log(c.req.url)));
  return c.text('ok');
});`,
      output: `import { Hono, type Context } from 'hono';
new Hono().get('/', c => {
  const url = c.req.url;
  c.executionCtx.waitUntil(fetch('https://example.com').then(() => console.log(url)));
  return c.text('ok');
});`,
      errors: [
        {
          messageId: 'escapesToBackground',
          line: 3,
          column: 80,
          endLine: 3,
          endColumn: 89,
        },
      ],
    },
    // p-queue add
    {
      code: `import { Hono, type Context } from 'hono';
import PQueue from 'p-queue';
const queue = new PQueue({ concurrency: 1 });
new Hono().get('/', c => {
  void queue.add(async () => console.log(c.req.url));
  return c.text('ok');
});`,
      output: `import { Hono, type Context } from 'hono';
import PQueue from 'p-queue';
const queue = new PQueue({ concurrency: 1 });
new Hono().get('/', c => {
  const url = c.req.url;
  void queue.add(async () => console.log(url));
  return c.text('ok');
});`,
      errors: [
        {
          messageId: 'escapes',
          line: 5,
          column: 42,
          endLine: 5,
          endColumn: 51,
        },
      ],
    },
    // user sink from options
    {
      code: `import { Hono, type Context } from 'hono';
declare function enqueue(job: () => void): void;
new Hono().get('/', c => {
  enqueue(() => console.log(c.req.url));
  return c.text('ok');
});`,
      options: [
        {
          sinks: [
            {
              from: 'file',
              name: 'enqueue',
            },
          ],
        },
      ],
      output: `import { Hono, type Context } from 'hono';
declare function enqueue(job: () => void): void;
new Hono().get('/', c => {
  const url = c.req.url;
  enqueue(() => console.log(url));
  return c.text('ok');
});`,
      errors: [
        {
          messageId: 'escapes',
          line: 4,
          column: 29,
          endLine: 4,
          endColumn: 38,
        },
      ],
    },
    // contexts option adds a type (presets still apply)
    {
      code: `import { Hono, type Context } from 'hono';
interface TenantScope { tenantId: string }
export function handle(scope: TenantScope, c: Context) {
  setTimeout(() => console.log(scope.tenantId, c.req.url), 10);
}`,
      options: [
        {
          contexts: [
            {
              from: 'file',
              name: 'TenantScope',
            },
          ],
        },
      ],
      output: `import { Hono, type Context } from 'hono';
interface TenantScope { tenantId: string }
export function handle(scope: TenantScope, c: Context) {
  const url = c.req.url;
  setTimeout(() => console.log(scope.tenantId, url), 10);
}`,
      errors: [
        {
          messageId: 'escapes',
          line: 4,
          column: 32,
          endLine: 4,
          endColumn: 46,
        },
        {
          messageId: 'escapes',
          line: 4,
          column: 48,
          endLine: 4,
          endColumn: 57,
        },
      ],
    },
    // reads unsafe-only: late write
    {
      code: `import { Hono, type Context } from 'hono';
new Hono().get('/', c => {
  setTimeout(() => c.header('x-late', '1'), 10);
  return c.text('ok');
});`,
      options: [
        {
          reads: 'unsafe-only',
        },
      ],
      output: null,
      errors: [
        {
          messageId: 'writesAfterResponse',
          line: 3,
          column: 20,
          endLine: 3,
          endColumn: 43,
        },
      ],
    },
    // snapshot call option copies the whole context
    {
      code: `class RequestScope {
  constructor(readonly userId: string) {}
  copy(): RequestScope { return new RequestScope(this.userId); }
}
declare function audit(scope: RequestScope): Promise<void>;
export function handle(scope: RequestScope) {
  void audit(scope);
}`,
      options: [
        {
          snapshots: [
            {
              type: {
                from: 'file',
                name: 'RequestScope',
              },
              call: '{{context}}.copy()',
            },
          ],
          contexts: [
            {
              from: 'file',
              name: 'RequestScope',
            },
          ],
        },
      ],
      output: `class RequestScope {
  constructor(readonly userId: string) {}
  copy(): RequestScope { return new RequestScope(this.userId); }
}
declare function audit(scope: RequestScope): Promise<void>;
export function handle(scope: RequestScope) {
  const scopeSnapshot = scope.copy();
  void audit(scopeSnapshot);
}`,
      errors: [
        {
          messageId: 'escapesAsArgument',
          line: 7,
          column: 14,
          endLine: 7,
          endColumn: 19,
        },
      ],
    },
    // fix: repeated reads share one constant and names avoid collisions
    {
      code: `import { Hono, type Context } from 'hono';
const userAgent = 'module-level';
new Hono().get('/', c => {
  setTimeout(() => console.log(userAgent, c.req.header('user-agent'), c.req.header('user-agent')), 10);
  return c.text('ok');
});`,
      output: `import { Hono, type Context } from 'hono';
const userAgent = 'module-level';
new Hono().get('/', c => {
  const cUserAgent = c.req.header('user-agent');
  setTimeout(() => console.log(userAgent, cUserAgent, cUserAgent), 10);
  return c.text('ok');
});`,
      errors: [
        {
          messageId: 'escapes',
          line: 4,
          column: 43,
          endLine: 4,
          endColumn: 69,
        },
      ],
    },
    // fix: not offered for mixed reads and writes (suggestion)
    {
      code: `import { Hono, type Context } from 'hono';
new Hono().get('/', c => {
  setTimeout(() => {
    console.log(c.req.header('user-agent'));
    c.header('x-late', '1');
  }, 10);
  return c.text('ok');
});`,
      output: null,
      errors: [
        {
          messageId: 'writesAfterResponse',
          line: 4,
          column: 17,
          endLine: 4,
          endColumn: 43,
          suggestions: [
            {
              messageId: 'suggestCopyFields',
              output: `import { Hono, type Context } from 'hono';
new Hono().get('/', c => {
  const userAgent = c.req.header('user-agent');
  setTimeout(() => {
    console.log(userAgent);
    c.header('x-late', '1');
  }, 10);
  return c.text('ok');
});`,
            },
          ],
        },
      ],
    },
    // fix: async read is a suggestion
    {
      code: `import { Hono, type Context } from 'hono';
new Hono().post('/', async c => {
  setTimeout(async () => console.log(await c.req.json()), 10);
  return c.text('ok');
});`,
      output: null,
      errors: [
        {
          messageId: 'escapes',
          line: 3,
          column: 44,
          endLine: 3,
          endColumn: 56,
          suggestions: [
            {
              messageId: 'suggestReadFirst',
              output: `import { Hono, type Context } from 'hono';
new Hono().post('/', async c => {
  const json = await c.req.json();
  setTimeout(async () => console.log(json), 10);
  return c.text('ok');
});`,
            },
          ],
        },
      ],
    },
    // fix: not offered when the read is inside a longer optional chain
    {
      code: `import { Hono, type Context } from 'hono';
declare const maybe: Context | undefined;
setTimeout(() => console.log(maybe?.req.header('x')?.trim()), 10);`,
      output: null,
      errors: [
        {
          messageId: 'escapes',
          line: 3,
          column: 30,
          endLine: 3,
          endColumn: 52,
        },
      ],
    },
    // fix: pure reads are hoisted above an enclosing if
    {
      code: `import { Hono, type Context } from 'hono';
new Hono().get('/', c => {
  if (c.req.method === 'POST') setTimeout(() => console.log(c.req.url), 10);
  return c.text('ok');
});`,
      output: `import { Hono, type Context } from 'hono';
new Hono().get('/', c => {
  const url = c.req.url;
  if (c.req.method === 'POST') setTimeout(() => console.log(url), 10);
  return c.text('ok');
});`,
      errors: [
        {
          messageId: 'escapes',
          line: 3,
          column: 61,
          endLine: 3,
          endColumn: 70,
        },
      ],
    },
    // timer inside a floating promise executor
    {
      code: `import { Hono, type Context } from 'hono';
new Hono().get('/', c => {
  void new Promise<void>(resolve => setTimeout(() => { c.header('x-ready', '1'); resolve(); }, 100));
  return c.text('ok');
});`,
      output: null,
      errors: [
        {
          messageId: 'writesAfterResponse',
          line: 3,
          column: 56,
          endLine: 3,
          endColumn: 80,
        },
      ],
    },
    // snapshot copies themselves are not reported again
    {
      code: `interface RequestScope { userId: string }
declare function snapshotOf(scope: RequestScope): RequestScope;
declare function audit(scope: RequestScope): Promise<void>;
export function handle(scope: RequestScope) {
  setTimeout(() => void audit(scope), 10);
}`,
      options: [
        {
          snapshots: [
            {
              type: {
                from: 'file',
                name: 'RequestScope',
              },
              call: 'snapshotOf({{context}})',
            },
          ],
          contexts: [
            {
              from: 'file',
              name: 'RequestScope',
            },
          ],
        },
      ],
      output: `interface RequestScope { userId: string }
declare function snapshotOf(scope: RequestScope): RequestScope;
declare function audit(scope: RequestScope): Promise<void>;
export function handle(scope: RequestScope) {
  const scopeSnapshot = snapshotOf(scope);
  setTimeout(() => void audit(scopeSnapshot), 10);
}`,
      errors: [
        {
          messageId: 'escapes',
          line: 5,
          column: 31,
          endLine: 5,
          endColumn: 36,
        },
      ],
    },
    // a helper that schedules work is reported where it captures its parameter
    {
      code: `import { Hono, type Context } from 'hono';
function logLater(ctx: Context) {
  setTimeout(() => console.log(ctx.req.url), 10);
}
new Hono().get('/', c => {
  logLater(c);
  return c.text('ok');
});`,
      output: `import { Hono, type Context } from 'hono';
function logLater(ctx: Context) {
  const url = ctx.req.url;
  setTimeout(() => console.log(url), 10);
}
new Hono().get('/', c => {
  logLater(c);
  return c.text('ok');
});`,
      errors: [
        {
          messageId: 'escapes',
          line: 3,
          column: 32,
          endLine: 3,
          endColumn: 43,
        },
      ],
    },
    // floating Promise.all joins are floating too
    {
      code: `import { Hono, type Context } from 'hono';
declare function audit(ctx: Context): Promise<void>;
new Hono().get('/', c => {
  void Promise.all([audit(c), fetch('https://example.com')]);
  return c.text('ok');
});`,
      output: null,
      errors: [
        {
          messageId: 'escapesAsArgument',
          line: 4,
          column: 27,
          endLine: 4,
          endColumn: 28,
          suggestions: [],
        },
      ],
    },
    // a repeating timer that writes gets its own advice
    {
      code: `import { Hono, type Context } from 'hono';
new Hono().get('/', c => {
  setInterval(() => c.header('x-heartbeat', String(Date.now())), 1000);
  return c.text('ok');
});`,
      output: null,
      errors: [
        {
          messageId: 'writesRepeatedly',
          line: 3,
          column: 21,
          endLine: 3,
          endColumn: 64,
        },
      ],
    },
    // an unsafe member handed over as an argument
    {
      code: `import { Hono, type Context } from 'hono';
declare function logRequest(request: Request): Promise<void>;
new Hono().get('/', c => {
  void logRequest(c.req.raw);
  return c.text('ok');
});`,
      output: null,
      errors: [
        {
          messageId: 'escapesAsArgument',
          line: 4,
          column: 19,
          endLine: 4,
          endColumn: 28,
          suggestions: [],
        },
      ],
    },
    // fix: not offered for a reassigned variable (a copy now would differ from a read later)
    {
      code: `import { Hono, type Context } from 'hono';
let latest: Context | undefined;
export function remember(c: Context) {
  latest = c;
}
setInterval(() => console.log(latest?.req.url), 1000);`,
      output: null,
      errors: [
        {
          messageId: 'escapes',
          line: 6,
          column: 31,
          endLine: 6,
          endColumn: 46,
        },
      ],
    },
    // fix: a header read through an index gets a readable name
    {
      code: `import express from 'express';
express().get('/', (req, res) => {
  res.sendStatus(204);
  setTimeout(() => console.log(req.headers['user-agent']), 10);
});`,
      output: `import express from 'express';
express().get('/', (req, res) => {
  res.sendStatus(204);
  const userAgent = req.headers['user-agent'];
  setTimeout(() => console.log(userAgent), 10);
});`,
      errors: [
        {
          messageId: 'escapes',
          line: 4,
          column: 32,
          endLine: 4,
          endColumn: 57,
        },
      ],
    },
    // reads unsafe-only: an unsafe member handed over is reported even when it is a context itself
    {
      code: `import Fastify from 'fastify';
import type { IncomingMessage } from 'node:http';
declare function archive(raw: IncomingMessage): Promise<void>;
Fastify().post('/uploads', async request => {
  void archive(request.raw);
  return { accepted: true };
});`,
      options: [
        {
          reads: 'unsafe-only',
        },
      ],
      output: null,
      errors: [
        {
          messageId: 'escapesAsArgument',
          line: 5,
          column: 16,
          endLine: 5,
          endColumn: 27,
          suggestions: [
            {
              messageId: 'suggestAwait',
              output: `import Fastify from 'fastify';
import type { IncomingMessage } from 'node:http';
declare function archive(raw: IncomingMessage): Promise<void>;
Fastify().post('/uploads', async request => {
  await archive(request.raw);
  return { accepted: true };
});`,
            },
          ],
        },
      ],
    },
    // type-only wrappers do not hide how the context is used
    {
      code: `import { Hono, type Context } from 'hono';
new Hono().get('/', c => {
  setTimeout(() => (c as Context).header('x-late', '1'), 10);
  return c.text('ok');
});`,
      options: [
        {
          reads: 'unsafe-only',
        },
      ],
      output: null,
      errors: [
        {
          messageId: 'writesAfterResponse',
          line: 3,
          column: 20,
          endLine: 3,
          endColumn: 56,
        },
      ],
    },
  ],
});

// Where contexts come from: a server handler's parameters, a preset API, or a
// value derived from one. Objects of a context's type that are not a request
// being served (the response of an outgoing request, a request built to call
// `fetch`) are not contexts.
describe('provenance', () => {
  ruleTester.run('no-escaping-context', rule, {
    valid: [
      // the response of an outgoing `http.get()` is an IncomingMessage, not a request being served
      `import http from 'node:http';
export function warmUp(url: string): void {
  http.get(url, upstream => {
    setTimeout(() => upstream.resume(), 10);
  });
}`,
      // the same inside a server handler, with `https.get` imported by name
      `import { createServer } from 'node:http';
import { get } from 'node:https';
createServer((req, res) => {
  const path = req.url;
  get('https://origin.example' + path, upstream => {
    setTimeout(() => upstream.destroy(), 1000);
  });
  res.end('ok');
});`,
      // an annotated callback parameter of `http.request`, and a copy of it
      `import http, { type IncomingMessage } from 'node:http';
export function probe(url: string): void {
  http.request(url, (upstream: IncomingMessage) => {
    const response = upstream;
    setTimeout(() => console.log(response.statusCode, upstream.headers), 10);
  }).end();
}`,
      // a request built with \`new\` (a test double, a rewrite) is not served
      `import { NextRequest } from 'next/server';
export function schedule(): void {
  const probe = new NextRequest('https://example.com/health');
  setTimeout(() => console.log(probe.url), 10);
}`,
      `import { IncomingMessage } from 'node:http';
import { Socket } from 'node:net';
export function fake(): void {
  const message = new IncomingMessage(new Socket());
  setTimeout(() => console.log(message.url), 10);
}`,
    ],
    invalid: [
      // near miss: the handler's own request is still a context next to an outgoing one
      {
        code: `import http from 'node:http';
http.createServer((req, res) => {
  http.get('http://upstream.internal/ping', upstream => upstream.resume());
  setTimeout(() => console.log(req.url), 10);
  res.end('ok');
});`,
        output: `import http from 'node:http';
http.createServer((req, res) => {
  http.get('http://upstream.internal/ping', upstream => upstream.resume());
  const url = req.url;
  setTimeout(() => console.log(url), 10);
  res.end('ok');
});`,
        errors: [{ messageId: 'escapes', line: 4, column: 32 }],
      },
      // a variable derived from a handler parameter is a context
      {
        code: `import express from 'express';
const app = express();
app.get('/', (req, res) => {
  const request = req;
  setTimeout(() => console.log(request.path), 10);
  res.send('ok');
});`,
        output: `import express from 'express';
const app = express();
app.get('/', (req, res) => {
  const request = req;
  const path = request.path;
  setTimeout(() => console.log(path), 10);
  res.send('ok');
});`,
        errors: [{ messageId: 'escapes', line: 5, column: 32 }],
      },
      {
        code: `import { Hono } from 'hono';
new Hono().get('/', c => {
  const { req } = c;
  setTimeout(() => console.log(req.path), 10);
  return c.text('ok');
});`,
        output: `import { Hono } from 'hono';
new Hono().get('/', c => {
  const { req } = c;
  const path = req.path;
  setTimeout(() => console.log(path), 10);
  return c.text('ok');
});`,
        errors: [{ messageId: 'escapes', line: 4, column: 32 }],
      },
      // a helper that receives a request is handed a context by its caller
      {
        code: `import type { IncomingMessage } from 'node:http';
export function track(req: IncomingMessage): void {
  setTimeout(() => console.log(req.url), 10);
}`,
        output: `import type { IncomingMessage } from 'node:http';
export function track(req: IncomingMessage): void {
  const url = req.url;
  setTimeout(() => console.log(url), 10);
}`,
        errors: [{ messageId: 'escapes', line: 3, column: 32 }],
      },
    ],
  });
});

// Workers: a `Request` built to call `fetch` is the global Request type too.
describe('provenance on Workers', () => {
  createTypedRuleTester(path.join(FIXTURES, 'workers-ambient')).run('no-escaping-context', rule, {
    valid: [
      `interface Env { ORIGIN: string }
export default {
  async fetch(request, env) {
    const upstream = new Request(env.ORIGIN + '/warm', { method: 'POST' });
    setTimeout(() => console.log(upstream.url), 10);
    return new Response('ok');
  },
} satisfies ExportedHandler<Env>;`,
    ],
    invalid: [
      // near miss: the served request next to a built one
      {
        code: `interface Env { ORIGIN: string }
export default {
  async fetch(request, env) {
    const upstream = new Request(env.ORIGIN + '/warm', { method: 'POST' });
    setTimeout(() => console.log(upstream.url, request.url), 10);
    return new Response('ok');
  },
} satisfies ExportedHandler<Env>;`,
        output: `interface Env { ORIGIN: string }
export default {
  async fetch(request, env) {
    const upstream = new Request(env.ORIGIN + '/warm', { method: 'POST' });
    const url = request.url;
    setTimeout(() => console.log(upstream.url, url), 10);
    return new Response('ok');
  },
} satisfies ExportedHandler<Env>;`,
        errors: [{ messageId: 'escapes', line: 5, column: 48 }],
      },
      // Hono on Workers: the raw request destructured from \`c.req\` is still a context
      {
        code: `import { Hono } from 'hono';
new Hono().get('/', c => {
  const { raw } = c.req;
  setTimeout(() => console.log(raw.url), 10);
  return c.text('ok');
});`,
        output: `import { Hono } from 'hono';
new Hono().get('/', c => {
  const { raw } = c.req;
  const url = raw.url;
  setTimeout(() => console.log(url), 10);
  return c.text('ok');
});`,
        errors: [{ messageId: 'escapes', line: 4, column: 32 }],
      },
    ],
  });
});

// Contexts held by an instance (`this.ctx = c`) and read by work the instance schedules.
ruleTester.run('no-escaping-context (contexts held in fields)', rule, {
  valid: [
    // the field holds a copied value, not the context
    {
      code: `import { Hono, type Context } from 'hono';
class Audit {
  ua: string | undefined;
  handle(c: Context) {
    this.ua = c.req.header('user-agent');
    setTimeout(() => console.log(this.ua), 10);
    return c.text('ok');
  }
}
const audit = new Audit();
new Hono().get('/', c => audit.handle(c));`,
    },
    // the field is read synchronously in the handler
    {
      code: `import { Hono, type Context } from 'hono';
class Audit {
  ctx: Context | undefined;
  handle(c: Context) {
    this.ctx = c;
    console.log(this.ctx.req.header('user-agent'));
    setTimeout(() => console.log('done'), 10);
    return c.text('ok');
  }
}
const audit = new Audit();
new Hono().get('/', c => audit.handle(c));`,
    },
    // the timer is cleared in the same request
    {
      code: `import { Hono, type Context } from 'hono';
class Watchdog {
  ctx: Context | undefined;
  async handle(c: Context) {
    this.ctx = c;
    const timer = setTimeout(() => console.log('slow', this.ctx?.req.url), 5000);
    try {
      await fetch('https://example.com');
    } finally {
      clearTimeout(timer);
    }
    return c.text('ok');
  }
}
const watchdog = new Watchdog();
new Hono().get('/', c => watchdog.handle(c));`,
    },
    // a \`function\` callback's \`this\` is not the instance
    {
      code: `import { Hono, type Context } from 'hono';
class Audit {
  ctx: Context | undefined;
  handle(c: Context) {
    this.ctx = c;
    setTimeout(function (this: { ctx?: string }) { console.log(this.ctx); }, 10);
    return c.text('ok');
  }
}
const audit = new Audit();
new Hono().get('/', c => audit.handle(c));`,
    },
    // an awaited method call reads the held context before the handler answers
    {
      code: `import { Hono, type Context } from 'hono';
class Audit {
  ctx: Context | undefined;
  async handle(c: Context) {
    this.ctx = c;
    await this.flush();
    return c.text('ok');
  }
  async flush() {
    await fetch('https://example.com');
    console.log(this.ctx?.req.url);
  }
}
const audit = new Audit();
new Hono().get('/', c => audit.handle(c));`,
    },
    // a floating method call that reads the held context only before its first await
    {
      code: `import { Hono, type Context } from 'hono';
class Audit {
  ctx: Context | undefined;
  handle(c: Context) {
    this.ctx = c;
    void this.flush();
    return c.text('ok');
  }
  async flush() {
    const url = this.ctx?.req.url;
    await fetch('https://example.com', { method: 'POST', body: url });
  }
}
const audit = new Audit();
new Hono().get('/', c => audit.handle(c));`,
    },
    // with reads: 'unsafe-only', a stable read of the held context is not reported
    {
      code: `import { Hono, type Context } from 'hono';
class Audit {
  constructor(private readonly ctx: Context) {}
  schedule() {
    setTimeout(() => console.log(this.ctx.req.header('user-agent')), 10);
  }
}
new Hono().get('/', c => {
  new Audit(c).schedule();
  return c.text('ok');
});`,
      options: [{ reads: 'unsafe-only' }],
    },
  ],
  invalid: [
    // a Hono context kept in a field and read by a timer
    {
      code: `import { Hono, type Context } from 'hono';
class Audit {
  ctx: Context | undefined;
  handle(c: Context) {
    this.ctx = c;
    setTimeout(() => console.log(this.ctx?.req.header('user-agent')), 10);
    return c.text('ok');
  }
}
const audit = new Audit();
new Hono().get('/', c => audit.handle(c));`,
      errors: [
        {
          messageId: 'heldByInstance',
          data: { field: 'ctx', kind: 'Hono Context', sink: 'a setTimeout callback' },
          line: 6,
          column: 34,
          endLine: 6,
          endColumn: 68,
        },
      ],
    },
    // a floating method call that reads the held context after its first await
    {
      code: `import { Hono, type Context } from 'hono';
class Audit {
  ctx: Context | undefined;
  handle(c: Context) {
    this.ctx = c;
    void this.flush();
    return c.text('ok');
  }
  async flush() {
    await fetch('https://example.com');
    console.log(this.ctx?.req.header('user-agent'));
  }
}
const audit = new Audit();
new Hono().get('/', c => audit.handle(c));`,
      errors: [
        {
          messageId: 'heldByInstance',
          data: { field: 'ctx', kind: 'Hono Context', sink: 'the floating promise of flush()' },
          line: 11,
          column: 17,
          endLine: 11,
          endColumn: 51,
        },
      ],
    },
    // a context kept in a private field by the constructor, read by a timer another method sets
    {
      code: `import { Hono, type Context } from 'hono';
export class AuditLog {
  #context: Context;
  constructor(context: Context) { this.#context = context; }
  later() { setTimeout(() => console.log(this.#context.req.url), 10); }
}`,
      errors: [
        {
          messageId: 'heldByInstance',
          data: { field: '#context', kind: 'Hono Context', sink: 'a setTimeout callback' },
          line: 5,
          column: 42,
          endLine: 5,
          endColumn: 63,
        },
      ],
    },
    // a parameter property read by an interval
    {
      code: `import { Hono, type Context } from 'hono';
class Poller {
  constructor(private readonly ctx: Context) {}
  start() {
    setInterval(() => console.log(this.ctx.req.raw.url), 1000);
  }
}
new Hono().get('/', c => {
  new Poller(c).start();
  return c.text('ok');
});`,
      errors: [{ messageId: 'heldByInstance', line: 5, column: 35, endLine: 5, endColumn: 55 }],
    },
    // the same with reads: 'unsafe-only' (\`req.raw\` is unsafe after the response)
    {
      code: `import { Hono, type Context } from 'hono';
class Poller {
  constructor(private readonly ctx: Context) {}
  start() {
    setInterval(() => console.log(this.ctx.req.raw.url), 1000);
  }
}
new Hono().get('/', c => {
  new Poller(c).start();
  return c.text('ok');
});`,
      options: [{ reads: 'unsafe-only' }],
      errors: [{ messageId: 'heldByInstance', line: 5, column: 35, endLine: 5, endColumn: 55 }],
    },
    // an Express request in a private field, read by a listener on a long-lived emitter
    {
      code: `import express, { type Request } from 'express';
import { EventEmitter } from 'node:events';
const bus = new EventEmitter();
class Tracker {
  #req: Request | undefined;
  track(req: Request) {
    this.#req = req;
    bus.on('flush', () => console.log(this.#req?.get('user-agent')));
  }
}
const tracker = new Tracker();
express().get('/', (req, res) => {
  tracker.track(req);
  res.send('ok');
});`,
      errors: [
        {
          messageId: 'heldByInstance',
          data: { field: '#req', kind: 'Express Request', sink: "a 'flush' listener" },
          line: 8,
          column: 39,
          endLine: 8,
          endColumn: 67,
        },
      ],
    },
    // a Koa context written by a timer through a field
    {
      code: `import Koa, { type Context } from 'koa';
class Late {
  ctx: Context | undefined;
  run(ctx: Context) {
    this.ctx = ctx;
    setImmediate(() => {
      if (this.ctx) this.ctx.body = 'late';
    });
  }
}
const late = new Late();
new Koa().use(ctx => late.run(ctx));`,
      errors: [
        { messageId: 'heldByInstance', line: 7, column: 11, endLine: 7, endColumn: 19 },
        { messageId: 'heldByInstance', line: 7, column: 21, endLine: 7, endColumn: 34 },
      ],
    },
  ],
});
