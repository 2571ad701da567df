// Cloudflare Workers: floating work is cancelled when the response is done,
// and the request body cannot be read after the response, not even inside
// waitUntil(). Both the importable types and the ambient global types of
// @cloudflare/workers-types are request contexts.
import path from 'node:path';

import rule from '../../../src/rules/no-escaping-context.js';
import { createTypedRuleTester, FIXTURES } from '../../util/rule-tester.js';

// Types imported from `@cloudflare/workers-types` (the default fixture).
const ruleTester = createTypedRuleTester();
// Global types from `types: ["@cloudflare/workers-types"]` in tsconfig.json.
const ambientTester = createTypedRuleTester(path.join(FIXTURES, 'workers-ambient'));

// Types imported from @cloudflare/workers-types.
ruleTester.run('no-escaping-context', rule, {
  valid: [
    // awaited work finishes before the response
    `
import type { ExecutionContext, Request } from '@cloudflare/workers-types';
interface Env { LOGS: string }
export default {
  async fetch(request: Request, env: Env, ctx: ExecutionContext) {
    await fetch(env.LOGS, { method: 'POST', body: request.url });
    return new Response('ok');
  },
};
`,
    // an awaited .then() chain is not floating
    `
import type { ExecutionContext, Request } from '@cloudflare/workers-types';
interface Env { LOGS: string }
export default {
  async fetch(request: Request, env: Env, ctx: ExecutionContext) {
    await fetch(env.LOGS).then(() => console.log(request.url));
    return new Response('ok');
  },
};
`,
    // a returned promise chain produces the response
    `
import type { ExecutionContext, Request } from '@cloudflare/workers-types';
interface Env { UPSTREAM: string }
export default {
  fetch(request: Request, env: Env, ctx: ExecutionContext) {
    return fetch(env.UPSTREAM).then(res => new Response(res.body, { headers: { 'x-url': request.url } }));
  },
};
`,
    // work joined into an awaited Promise.all
    `
import type { ExecutionContext, Request } from '@cloudflare/workers-types';
interface Env { UPSTREAM: string }
declare function logRequest(request: Request): Promise<void>;
export default {
  async fetch(request: Request, env: Env, ctx: ExecutionContext) {
    const [upstream] = await Promise.all([fetch(env.UPSTREAM), logRequest(request)]);
    return upstream;
  },
};
`,
    // a promise kept in a variable and awaited later in the handler
    `
import type { ExecutionContext, Request } from '@cloudflare/workers-types';
interface Env { UPSTREAM: string }
declare function logRequest(request: Request): Promise<void>;
export default {
  async fetch(request: Request, env: Env, ctx: ExecutionContext) {
    const logged = logRequest(request);
    const upstream = await fetch(env.UPSTREAM);
    await logged;
    return upstream;
  },
};
`,
    // the documented snapshot: body, header and path read before responding, copies registered with waitUntil
    `
import type { ExecutionContext, Request } from '@cloudflare/workers-types';
interface Env { LOGS: string }
export default {
  async fetch(request: Request, env: Env, ctx: ExecutionContext) {
    const body = await request.text();
    const ip = request.headers.get('cf-connecting-ip');
    const path = new URL(request.url).pathname;
    ctx.waitUntil(fetch(env.LOGS, { method: 'POST', body: JSON.stringify({ ip, path, body }) }));
    return new Response('ok');
  },
};
`,
    // an object literal of values read now is a copy, not the request
    `
import type { ExecutionContext, Request } from '@cloudflare/workers-types';
declare function log(entry: { url: string; ua: string | null }): Promise<void>;
export default {
  async fetch(request: Request, env: unknown, ctx: ExecutionContext) {
    ctx.waitUntil(log({ url: request.url, ua: request.headers.get('user-agent') }));
    return new Response('ok');
  },
};
`,
    // a member read passed as an argument is evaluated now: the work receives a string
    `
import type { ExecutionContext, Request } from '@cloudflare/workers-types';
interface Env { LOGS: string }
export default {
  async fetch(request: Request, env: Env, ctx: ExecutionContext) {
    ctx.waitUntil(fetch(env.LOGS, { method: 'POST', body: request.method }));
    return new Response('ok');
  },
};
`,
    // a timer cleared in finally cannot outlive the handler
    `
import type { ExecutionContext, Request } from '@cloudflare/workers-types';
interface Env { UPSTREAM: string }
export default {
  async fetch(request: Request, env: Env, ctx: ExecutionContext) {
    const timer = setTimeout(() => console.warn('slow upstream', request.url), 1000);
    try {
      return await fetch(env.UPSTREAM);
    } finally {
      clearTimeout(timer);
    }
  },
};
`,
    // a listener on the request's own abort signal lives and dies with the request
    `
import type { ExecutionContext, Request } from '@cloudflare/workers-types';
interface Env { UPSTREAM: string }
export default {
  async fetch(request: Request, env: Env, ctx: ExecutionContext) {
    request.signal.addEventListener('abort', () => console.log('client went away', request.url));
    return await fetch(env.UPSTREAM);
  },
};
`,
    // a listener on a long-lived target registered with the request's abort signal is removed with it
    `
import type { ExecutionContext, Request } from '@cloudflare/workers-types';
const bus = new EventTarget();
export default {
  async fetch(request: Request, env: unknown, ctx: ExecutionContext) {
    bus.addEventListener('flush', () => console.log(request.url), { signal: request.signal });
    return new Response('ok');
  },
};
`,
    // a listener removed again before the handler returns is bounded
    `
import type { ExecutionContext, Request } from '@cloudflare/workers-types';
interface Env { UPSTREAM: string }
const bus = new EventTarget();
export default {
  async fetch(request: Request, env: Env, ctx: ExecutionContext) {
    const onFlush = () => console.log(request.url);
    bus.addEventListener('flush', onFlush);
    try {
      return await fetch(env.UPSTREAM);
    } finally {
      bus.removeEventListener('flush', onFlush);
    }
  },
};
`,
    // `env` is the same object for every request: capturing it is fine
    `
import type { ExecutionContext, Request } from '@cloudflare/workers-types';
interface Env { LOGS: string }
export default {
  async fetch(request: Request, env: Env, ctx: ExecutionContext) {
    setTimeout(() => console.log(env.LOGS), 10);
    return new Response('ok');
  },
};
`,
    // callbacks that run synchronously (Headers#forEach) are not deferred
    `
import type { ExecutionContext, Request } from '@cloudflare/workers-types';
export default {
  async fetch(request: Request, env: unknown, ctx: ExecutionContext) {
    const lines: string[] = [];
    request.headers.forEach((value, key) => lines.push(key + ': ' + value));
    return new Response(lines.join('\\n'));
  },
};
`,
    // an awaited sleep whose timer captures nothing from the request
    `
import type { ExecutionContext, Request } from '@cloudflare/workers-types';
export default {
  async fetch(request: Request, env: unknown, ctx: ExecutionContext) {
    const url = request.url;
    await new Promise(resolve => setTimeout(resolve, 100));
    return new Response(url);
  },
};
`,
    // a clone taken before the response has its own body: reading it inside waitUntil is fine
    `
import type { ExecutionContext, Request } from '@cloudflare/workers-types';
interface Env { LOGS: string }
export default {
  async fetch(request: Request, env: Env, ctx: ExecutionContext) {
    const copy = request.clone();
    ctx.waitUntil(copy.text().then(body => fetch(env.LOGS, { method: 'POST', body })));
    return new Response('ok');
  },
};
`,
    // reads: 'unsafe-only': url, method, headers and cf are plain data, safe to read inside waitUntil
    {
      code: `
import type { ExecutionContext, Request } from '@cloudflare/workers-types';
interface Env { LOGS: string }
export default {
  async fetch(request: Request, env: Env, ctx: ExecutionContext) {
    ctx.waitUntil(fetch(env.LOGS).then(() => console.log(request.method, request.url, request.headers.get('cf-ray'), request.cf?.colo)));
    return new Response('ok');
  },
};
`,
      options: [{ reads: 'unsafe-only' }],
    },
    // without the cloudflare-workers preset the Workers types are not request contexts
    {
      code: `
import type { ExecutionContext, Request } from '@cloudflare/workers-types';
export default {
  async fetch(request: Request, env: unknown, ctx: ExecutionContext) {
    setTimeout(() => console.log(request.url, ctx.props), 10);
    return new Response('ok');
  },
};
`,
      options: [{ presets: ['hono', 'express'] }],
    },
  ],
  invalid: [
    // a floating call handed the request: the runtime cancels it when the response is done
    {
      code: `
import type { ExecutionContext, Request } from '@cloudflare/workers-types';
async function logRequest(request: Request): Promise<void> {
  await fetch('https://logs.example.com', { method: 'POST', body: await request.text() });
}
export default {
  async fetch(request: Request, env: unknown, ctx: ExecutionContext) {
    logRequest(request);
    return new Response('ok');
  },
};
`,
      output: null,
      errors: [
        {
          messageId: 'escapesThroughHelper',
          data: {
            name: 'request',
            kind: 'Workers Request',
            sink: 'the floating promise of logRequest()',
            helper: '`logRequest()` calls `request.text()` and awaits it',
          },
          line: 8,
          column: 16,
          endLine: 8,
          endColumn: 23,
          suggestions: [
            {
              messageId: 'suggestAwait',
              output: `
import type { ExecutionContext, Request } from '@cloudflare/workers-types';
async function logRequest(request: Request): Promise<void> {
  await fetch('https://logs.example.com', { method: 'POST', body: await request.text() });
}
export default {
  async fetch(request: Request, env: unknown, ctx: ExecutionContext) {
    await logRequest(request);
    return new Response('ok');
  },
};
`,
            },
            {
              messageId: 'suggestRegister',
              data: { api: 'ctx.waitUntil()' },
              output: `
import type { ExecutionContext, Request } from '@cloudflare/workers-types';
async function logRequest(request: Request): Promise<void> {
  await fetch('https://logs.example.com', { method: 'POST', body: await request.text() });
}
export default {
  async fetch(request: Request, env: unknown, ctx: ExecutionContext) {
    ctx.waitUntil(logRequest(request));
    return new Response('ok');
  },
};
`,
            },
          ],
        },
      ],
    },
    // `void` marks the promise as intentionally floating but does not keep it alive
    {
      code: `
import type { ExecutionContext, Request } from '@cloudflare/workers-types';
declare function logRequest(request: Request): Promise<void>;
export default {
  async fetch(request: Request, env: unknown, ctx: ExecutionContext) {
    void logRequest(request);
    return new Response('ok');
  },
};
`,
      output: null,
      errors: [
        {
          messageId: 'escapesAsArgument',
          data: { name: 'request', kind: 'Workers Request', sink: 'the floating promise of logRequest()' },
          line: 6,
          column: 21,
          endLine: 6,
          endColumn: 28,
          suggestions: [
            {
              messageId: 'suggestAwait',
              output: `
import type { ExecutionContext, Request } from '@cloudflare/workers-types';
declare function logRequest(request: Request): Promise<void>;
export default {
  async fetch(request: Request, env: unknown, ctx: ExecutionContext) {
    await logRequest(request);
    return new Response('ok');
  },
};
`,
            },
            {
              messageId: 'suggestRegister',
              data: { api: 'ctx.waitUntil()' },
              output: `
import type { ExecutionContext, Request } from '@cloudflare/workers-types';
declare function logRequest(request: Request): Promise<void>;
export default {
  async fetch(request: Request, env: unknown, ctx: ExecutionContext) {
    ctx.waitUntil(logRequest(request));
    return new Response('ok');
  },
};
`,
            },
          ],
        },
      ],
    },
    // a floating fetch(...).then() whose callback reads the request after the response
    {
      code: `
import type { ExecutionContext, Request } from '@cloudflare/workers-types';
interface Env { LOGS: string }
export default {
  async fetch(request: Request, env: Env, ctx: ExecutionContext) {
    fetch(env.LOGS).then(() => console.log(request.url));
    return new Response('ok');
  },
};
`,
      output: `
import type { ExecutionContext, Request } from '@cloudflare/workers-types';
interface Env { LOGS: string }
export default {
  async fetch(request: Request, env: Env, ctx: ExecutionContext) {
    const url = request.url;
    fetch(env.LOGS).then(() => console.log(url));
    return new Response('ok');
  },
};
`,
      errors: [
        {
          messageId: 'escapes',
          data: { name: 'request', kind: 'Workers Request', sink: 'a .then() callback of a floating promise' },
          line: 6,
          column: 44,
          endLine: 6,
          endColumn: 55,
        },
      ],
    },
    // forwarding the request with an un-awaited fetch: the subrequest is cancelled with the event
    {
      code: `
import type { ExecutionContext, Request } from '@cloudflare/workers-types';
export default {
  async fetch(request: Request, env: unknown, ctx: ExecutionContext) {
    fetch(request);
    return new Response('accepted', { status: 202 });
  },
};
`,
      output: null,
      errors: [
        {
          messageId: 'escapesAsArgument',
          data: { name: 'request', kind: 'Workers Request', sink: 'the floating promise of fetch()' },
          line: 5,
          column: 11,
          endLine: 5,
          endColumn: 18,
          suggestions: [
            {
              messageId: 'suggestAwait',
              output: `
import type { ExecutionContext, Request } from '@cloudflare/workers-types';
export default {
  async fetch(request: Request, env: unknown, ctx: ExecutionContext) {
    await fetch(request);
    return new Response('accepted', { status: 202 });
  },
};
`,
            },
            {
              messageId: 'suggestRegister',
              data: { api: 'ctx.waitUntil()' },
              output: `
import type { ExecutionContext, Request } from '@cloudflare/workers-types';
export default {
  async fetch(request: Request, env: unknown, ctx: ExecutionContext) {
    ctx.waitUntil(fetch(request));
    return new Response('accepted', { status: 202 });
  },
};
`,
            },
          ],
        },
      ],
    },
    // the part of an async IIFE after its first await runs after the handler returned
    {
      code: `
import type { ExecutionContext, Request } from '@cloudflare/workers-types';
interface Env { LOGS: string }
export default {
  async fetch(request: Request, env: Env, ctx: ExecutionContext) {
    (async () => {
      await fetch(env.LOGS);
      console.log(request.url);
    })();
    return new Response('ok');
  },
};
`,
      output: `
import type { ExecutionContext, Request } from '@cloudflare/workers-types';
interface Env { LOGS: string }
export default {
  async fetch(request: Request, env: Env, ctx: ExecutionContext) {
    const url = request.url;
    (async () => {
      await fetch(env.LOGS);
      console.log(url);
    })();
    return new Response('ok');
  },
};
`,
      errors: [
        {
          messageId: 'escapes',
          data: { name: 'request', kind: 'Workers Request', sink: 'a floating async IIFE' },
          line: 8,
          column: 19,
          endLine: 8,
          endColumn: 30,
        },
      ],
    },
    // a body read inside waitUntil after an await throws "Can't read from request stream after response has been sent"
    {
      code: `
import type { ExecutionContext, Request } from '@cloudflare/workers-types';
interface Env { LOGS: string }
export default {
  async fetch(request: Request, env: Env, ctx: ExecutionContext) {
    ctx.waitUntil((async () => {
      await fetch(env.LOGS);
      const body = await request.text();
      console.log(body);
    })());
    return new Response('ok');
  },
};
`,
      output: null,
      errors: [
        {
          messageId: 'escapesToBackground',
          data: { name: 'request', kind: 'Workers Request', sink: 'work registered with waitUntil()' },
          line: 8,
          column: 26,
          endLine: 8,
          endColumn: 40,
          suggestions: [
            {
              messageId: 'suggestReadFirst',
              output: `
import type { ExecutionContext, Request } from '@cloudflare/workers-types';
interface Env { LOGS: string }
export default {
  async fetch(request: Request, env: Env, ctx: ExecutionContext) {
    const text = await request.text();
    ctx.waitUntil((async () => {
      await fetch(env.LOGS);
      const body = text;
      console.log(body);
    })());
    return new Response('ok');
  },
};
`,
            },
          ],
        },
      ],
    },
    // a .then() callback of work registered with waitUntil reads the body after the response
    {
      code: `
import type { ExecutionContext, Request } from '@cloudflare/workers-types';
interface Env { LOGS: string }
export default {
  async fetch(request: Request, env: Env, ctx: ExecutionContext) {
    ctx.waitUntil(fetch(env.LOGS).then(() => request.text()));
    return new Response('ok');
  },
};
`,
      output: null,
      errors: [
        {
          messageId: 'escapesToBackground',
          data: { name: 'request', kind: 'Workers Request', sink: 'work registered with waitUntil()' },
          line: 6,
          column: 46,
          endLine: 6,
          endColumn: 60,
        },
      ],
    },
    // waitUntil keeps the work alive, but the request handed to it is still used after the response
    {
      code: `
import type { ExecutionContext, Request } from '@cloudflare/workers-types';
declare function sendToAnalytics(request: Request): Promise<void>;
export default {
  async fetch(request: Request, env: unknown, ctx: ExecutionContext) {
    ctx.waitUntil(sendToAnalytics(request));
    return new Response('ok');
  },
};
`,
      output: null,
      errors: [
        {
          messageId: 'escapesToBackground',
          data: { name: 'request', kind: 'Workers Request', sink: 'work registered with waitUntil()' },
          line: 6,
          column: 35,
          endLine: 6,
          endColumn: 42,
        },
      ],
    },
    // the request inside an object literal still travels as a whole
    {
      code: `
import type { ExecutionContext, Request } from '@cloudflare/workers-types';
declare function log(entry: { request: Request }): Promise<void>;
export default {
  async fetch(request: Request, env: unknown, ctx: ExecutionContext) {
    ctx.waitUntil(log({ request }));
    return new Response('ok');
  },
};
`,
      output: null,
      errors: [
        {
          messageId: 'escapesToBackground',
          data: { name: 'request', kind: 'Workers Request', sink: 'work registered with waitUntil()' },
          line: 6,
          column: 25,
          endLine: 6,
          endColumn: 32,
        },
      ],
    },
    // a timer callback runs after the response, if at all
    {
      code: `
import type { ExecutionContext, Request } from '@cloudflare/workers-types';
export default {
  async fetch(request: Request, env: unknown, ctx: ExecutionContext) {
    setTimeout(() => console.log(request.method), 1000);
    return new Response('ok');
  },
};
`,
      output: `
import type { ExecutionContext, Request } from '@cloudflare/workers-types';
export default {
  async fetch(request: Request, env: unknown, ctx: ExecutionContext) {
    const method = request.method;
    setTimeout(() => console.log(method), 1000);
    return new Response('ok');
  },
};
`,
      errors: [
        {
          messageId: 'escapes',
          data: { name: 'request', kind: 'Workers Request', sink: 'a setTimeout callback' },
          line: 5,
          column: 34,
          endLine: 5,
          endColumn: 48,
        },
      ],
    },
    // extra timer arguments are handed to the callback later
    {
      code: `
import type { ExecutionContext, Request } from '@cloudflare/workers-types';
export default {
  async fetch(request: Request, env: unknown, ctx: ExecutionContext) {
    setTimeout(console.log, 100, request);
    return new Response('ok');
  },
};
`,
      output: null,
      errors: [
        {
          messageId: 'escapesAsArgument',
          data: { name: 'request', kind: 'Workers Request', sink: 'a setTimeout callback' },
          line: 5,
          column: 34,
          endLine: 5,
          endColumn: 41,
        },
      ],
    },
    // a repeating timer holds the request forever
    {
      code: `
import type { ExecutionContext, Request } from '@cloudflare/workers-types';
export default {
  async fetch(request: Request, env: unknown, ctx: ExecutionContext) {
    setInterval(() => console.log(request.headers.get('cf-ray')), 1000);
    return new Response('ok');
  },
};
`,
      output: `
import type { ExecutionContext, Request } from '@cloudflare/workers-types';
export default {
  async fetch(request: Request, env: unknown, ctx: ExecutionContext) {
    const cfRay = request.headers.get('cf-ray');
    setInterval(() => console.log(cfRay), 1000);
    return new Response('ok');
  },
};
`,
      errors: [
        {
          messageId: 'escapes',
          data: { name: 'request', kind: 'Workers Request', sink: 'a setInterval callback' },
          line: 5,
          column: 35,
          endLine: 5,
          endColumn: 64,
        },
      ],
    },
    // registering work from a timer on the ExecutionContext of a request that may be done
    {
      code: `
import type { ExecutionContext, Request } from '@cloudflare/workers-types';
interface Env { LOGS: string }
export default {
  async fetch(request: Request, env: Env, ctx: ExecutionContext) {
    setTimeout(() => ctx.waitUntil(fetch(env.LOGS)), 0);
    return new Response('ok');
  },
};
`,
      output: null,
      errors: [
        {
          messageId: 'escapes',
          data: { name: 'ctx', kind: 'Workers ExecutionContext', sink: 'a setTimeout callback' },
          line: 6,
          column: 22,
          endLine: 6,
          endColumn: 52,
        },
      ],
    },
    // a floating call handed the ExecutionContext
    {
      code: `
import type { ExecutionContext, Request } from '@cloudflare/workers-types';
declare function flushMetrics(ctx: ExecutionContext): Promise<void>;
export default {
  async fetch(request: Request, env: unknown, ctx: ExecutionContext) {
    flushMetrics(ctx);
    return new Response('ok');
  },
};
`,
      output: null,
      errors: [
        {
          messageId: 'escapesAsArgument',
          data: { name: 'ctx', kind: 'Workers ExecutionContext', sink: 'the floating promise of flushMetrics()' },
          line: 6,
          column: 18,
          endLine: 6,
          endColumn: 21,
          suggestions: [
            {
              messageId: 'suggestAwait',
              output: `
import type { ExecutionContext, Request } from '@cloudflare/workers-types';
declare function flushMetrics(ctx: ExecutionContext): Promise<void>;
export default {
  async fetch(request: Request, env: unknown, ctx: ExecutionContext) {
    await flushMetrics(ctx);
    return new Response('ok');
  },
};
`,
            },
            {
              messageId: 'suggestRegister',
              data: { api: 'ctx.waitUntil()' },
              output: `
import type { ExecutionContext, Request } from '@cloudflare/workers-types';
declare function flushMetrics(ctx: ExecutionContext): Promise<void>;
export default {
  async fetch(request: Request, env: unknown, ctx: ExecutionContext) {
    ctx.waitUntil(flushMetrics(ctx));
    return new Response('ok');
  },
};
`,
            },
          ],
        },
      ],
    },
    // a promise stored in a variable that nothing awaits is still floating
    {
      code: `
import type { ExecutionContext, Request } from '@cloudflare/workers-types';
interface Env { LOGS: string }
export default {
  async fetch(request: Request, env: Env, ctx: ExecutionContext) {
    const pending = fetch(env.LOGS).then(() => console.log(request.url));
    return new Response('ok');
  },
};
`,
      output: `
import type { ExecutionContext, Request } from '@cloudflare/workers-types';
interface Env { LOGS: string }
export default {
  async fetch(request: Request, env: Env, ctx: ExecutionContext) {
    const url = request.url;
    const pending = fetch(env.LOGS).then(() => console.log(url));
    return new Response('ok');
  },
};
`,
      errors: [
        {
          messageId: 'escapes',
          data: { name: 'request', kind: 'Workers Request', sink: 'the promise stored in `pending`, which is never awaited' },
          line: 6,
          column: 60,
          endLine: 6,
          endColumn: 71,
        },
      ],
    },
    // a listener on a module-level EventTarget outlives the request that registered it
    {
      code: `
import type { ExecutionContext, Request } from '@cloudflare/workers-types';
const bus = new EventTarget();
export default {
  async fetch(request: Request, env: unknown, ctx: ExecutionContext) {
    bus.addEventListener('flush', () => console.log(request.url));
    return new Response('ok');
  },
};
`,
      output: `
import type { ExecutionContext, Request } from '@cloudflare/workers-types';
const bus = new EventTarget();
export default {
  async fetch(request: Request, env: unknown, ctx: ExecutionContext) {
    const url = request.url;
    bus.addEventListener('flush', () => console.log(url));
    return new Response('ok');
  },
};
`,
      errors: [
        {
          messageId: 'escapes',
          data: { name: 'request', kind: 'Workers Request', sink: "a 'flush' listener" },
          line: 6,
          column: 53,
          endLine: 6,
          endColumn: 64,
        },
      ],
    },
    // callbacks nested in a floating new Promise executor run later
    {
      code: `
import type { ExecutionContext, Request } from '@cloudflare/workers-types';
export default {
  async fetch(request: Request, env: unknown, ctx: ExecutionContext) {
    new Promise<void>(resolve => {
      setTimeout(() => {
        console.log(request.url);
        resolve();
      }, 100);
    });
    return new Response('ok');
  },
};
`,
      output: `
import type { ExecutionContext, Request } from '@cloudflare/workers-types';
export default {
  async fetch(request: Request, env: unknown, ctx: ExecutionContext) {
    const url = request.url;
    new Promise<void>(resolve => {
      setTimeout(() => {
        console.log(url);
        resolve();
      }, 100);
    });
    return new Response('ok');
  },
};
`,
      errors: [
        {
          messageId: 'escapes',
          data: { name: 'request', kind: 'Workers Request', sink: 'a floating new Promise()' },
          line: 7,
          column: 21,
          endLine: 7,
          endColumn: 32,
        },
      ],
    },
    // selecting only the cloudflare-workers preset still reports Workers contexts
    {
      code: `
import type { ExecutionContext, Request } from '@cloudflare/workers-types';
export default {
  async fetch(request: Request, env: unknown, ctx: ExecutionContext) {
    queueMicrotask(() => console.log(request.url));
    return new Response('ok');
  },
};
`,
      output: `
import type { ExecutionContext, Request } from '@cloudflare/workers-types';
export default {
  async fetch(request: Request, env: unknown, ctx: ExecutionContext) {
    const url = request.url;
    queueMicrotask(() => console.log(url));
    return new Response('ok');
  },
};
`,
      options: [{ presets: ['cloudflare-workers'] }],
      errors: [
        {
          messageId: 'escapes',
          data: { name: 'request', kind: 'Workers Request', sink: 'a queueMicrotask callback' },
          line: 5,
          column: 38,
          endLine: 5,
          endColumn: 49,
        },
      ],
    },
    // the request body stream handed to waitUntil work is read after the response
    {
      code: `
import type { ExecutionContext, Request } from '@cloudflare/workers-types';
declare function archive(body: ReadableStream | null): Promise<void>;
export default {
  async fetch(request: Request, env: unknown, ctx: ExecutionContext) {
    ctx.waitUntil(archive(request.body));
    return new Response('ok');
  },
};
`,
      output: null,
      errors: [
        {
          messageId: 'escapesToBackground',
          data: { name: 'request.body', kind: 'Workers Request', sink: 'work registered with waitUntil()' },
          line: 6,
          column: 27,
          endLine: 6,
          endColumn: 39,
        },
      ],
    },
    // reads: 'unsafe-only': a body read inside waitUntil is still reported (it throws after the response)
    {
      code: `
import type { ExecutionContext, Request } from '@cloudflare/workers-types';
interface Env { LOGS: string }
export default {
  async fetch(request: Request, env: Env, ctx: ExecutionContext) {
    ctx.waitUntil(fetch(env.LOGS).then(() => console.log(request.url, request.text())));
    return new Response('ok');
  },
};
`,
      output: null,
      options: [{ reads: 'unsafe-only' }],
      errors: [
        {
          messageId: 'escapesToBackground',
          data: { name: 'request', kind: 'Workers Request', sink: 'work registered with waitUntil()' },
          line: 6,
          column: 71,
          endLine: 6,
          endColumn: 85,
          suggestions: [
            {
              messageId: 'suggestCopyFields',
              output: `
import type { ExecutionContext, Request } from '@cloudflare/workers-types';
interface Env { LOGS: string }
export default {
  async fetch(request: Request, env: Env, ctx: ExecutionContext) {
    const url = request.url;
    ctx.waitUntil(fetch(env.LOGS).then(() => console.log(url, request.text())));
    return new Response('ok');
  },
};
`,
            },
          ],
        },
      ],
    },
    // reads: 'unsafe-only': the body stream is an unsafe member, so handing it to floating work is reported
    {
      code: `
import type { ExecutionContext, Request } from '@cloudflare/workers-types';
declare function archive(body: ReadableStream | null): Promise<void>;
export default {
  async fetch(request: Request, env: unknown, ctx: ExecutionContext) {
    void archive(request.body);
    return new Response('ok');
  },
};
`,
      output: null,
      options: [{ reads: 'unsafe-only' }],
      errors: [
        {
          messageId: 'escapesAsArgument',
          data: { name: 'request.body', kind: 'Workers Request', sink: 'the floating promise of archive()' },
          line: 6,
          column: 18,
          endLine: 6,
          endColumn: 30,
          suggestions: [
            {
              messageId: 'suggestAwait',
              output: `
import type { ExecutionContext, Request } from '@cloudflare/workers-types';
declare function archive(body: ReadableStream | null): Promise<void>;
export default {
  async fetch(request: Request, env: unknown, ctx: ExecutionContext) {
    await archive(request.body);
    return new Response('ok');
  },
};
`,
            },
            {
              messageId: 'suggestRegister',
              data: { api: 'ctx.waitUntil()' },
              output: `
import type { ExecutionContext, Request } from '@cloudflare/workers-types';
declare function archive(body: ReadableStream | null): Promise<void>;
export default {
  async fetch(request: Request, env: unknown, ctx: ExecutionContext) {
    ctx.waitUntil(archive(request.body));
    return new Response('ok');
  },
};
`,
            },
          ],
        },
      ],
    },
    // reads: 'unsafe-only': any use of the ExecutionContext in deferred code is unsafe
    {
      code: `
import type { ExecutionContext, Request } from '@cloudflare/workers-types';
export default {
  async fetch(request: Request, env: unknown, ctx: ExecutionContext) {
    setTimeout(() => ctx.passThroughOnException(), 10);
    return new Response('ok');
  },
};
`,
      output: null,
      options: [{ reads: 'unsafe-only' }],
      errors: [
        {
          messageId: 'escapes',
          data: { name: 'ctx', kind: 'Workers ExecutionContext', sink: 'a setTimeout callback' },
          line: 5,
          column: 22,
          endLine: 5,
          endColumn: 50,
        },
      ],
    },
  ],
});

// Global types from the workers-ambient fixture.
ambientTester.run('no-escaping-context', rule, {
  valid: [
    // inline handler parameters typed by `satisfies ExportedHandler`: awaited work is fine
    `
interface Env { LOGS: string }
export default {
  async fetch(request, env, ctx) {
    await fetch(env.LOGS, { method: 'POST', body: request.url });
    return new Response('ok');
  },
} satisfies ExportedHandler<Env>;
`,
    // values copied before the work is registered with waitUntil() from cloudflare:workers
    `
import { waitUntil } from 'cloudflare:workers';
interface Env { LOGS: string }
export default {
  async fetch(request, env) {
    const body = await request.text();
    waitUntil(fetch(env.LOGS, { method: 'POST', body }));
    return new Response('ok');
  },
} satisfies ExportedHandler<Env>;
`,
    // a Durable Object that awaits its storage write before responding
    `
export class Counter {
  constructor(private readonly state: DurableObjectState) {}
  async fetch(request: Request) {
    await this.state.storage.put('last-url', request.url);
    return new Response('ok');
  }
}
`,
    // reads: 'unsafe-only': caching the response under the request only reads the request, so the whole request may be handed over
    {
      code: `
export default {
  async fetch(request, env, ctx) {
    const res = await fetch(request);
    ctx.waitUntil(caches.default.put(request, res.clone()));
    return res;
  },
} satisfies ExportedHandler;
`,
      options: [{ reads: 'unsafe-only' }],
    },
    // without the cloudflare-workers preset the global Workers types are not request contexts
    {
      code: `
interface Env { LOGS: string }
export default {
  async fetch(request, env, ctx) {
    setTimeout(() => console.log(request.url), 10);
    return new Response('ok');
  },
} satisfies ExportedHandler<Env>;
`,
      options: [{ presets: ['hono'] }],
    },
  ],
  invalid: [
    // inline parameters typed by `satisfies ExportedHandler` are the global Workers Request
    {
      code: `
interface Env { LOGS: string }
export default {
  async fetch(request, env, ctx) {
    setTimeout(() => console.log(request.url), 10);
    return new Response('ok');
  },
} satisfies ExportedHandler<Env>;
`,
      output: `
interface Env { LOGS: string }
export default {
  async fetch(request, env, ctx) {
    const url = request.url;
    setTimeout(() => console.log(url), 10);
    return new Response('ok');
  },
} satisfies ExportedHandler<Env>;
`,
      errors: [
        {
          messageId: 'escapes',
          data: { name: 'request', kind: 'Workers Request', sink: 'a setTimeout callback' },
          line: 5,
          column: 34,
          endLine: 5,
          endColumn: 45,
        },
      ],
    },
    // the global ExecutionContext in a floating .then() callback
    {
      code: `
interface Env { LOGS: string }
export default {
  async fetch(request, env, ctx) {
    fetch(env.LOGS).then(() => ctx.passThroughOnException());
    return new Response('ok');
  },
} satisfies ExportedHandler<Env>;
`,
      output: null,
      errors: [
        {
          messageId: 'escapes',
          data: { name: 'ctx', kind: 'Workers ExecutionContext', sink: 'a .then() callback of a floating promise' },
          line: 5,
          column: 32,
          endLine: 5,
          endColumn: 60,
          suggestions: [
            {
              messageId: 'suggestAwait',
              output: `
interface Env { LOGS: string }
export default {
  async fetch(request, env, ctx) {
    await fetch(env.LOGS).then(() => ctx.passThroughOnException());
    return new Response('ok');
  },
} satisfies ExportedHandler<Env>;
`,
            },
            {
              messageId: 'suggestRegister',
              data: { api: 'ctx.waitUntil()' },
              output: `
interface Env { LOGS: string }
export default {
  async fetch(request, env, ctx) {
    ctx.waitUntil(fetch(env.LOGS).then(() => ctx.passThroughOnException()));
    return new Response('ok');
  },
} satisfies ExportedHandler<Env>;
`,
            },
          ],
        },
      ],
    },
    // annotated global types: a body read in work registered with ctx.waitUntil()
    {
      code: `
interface Env { LOGS: string }
export default {
  async fetch(request: Request, env: Env, ctx: ExecutionContext): Promise<Response> {
    ctx.waitUntil(fetch(env.LOGS).then(() => request.json()));
    return new Response('ok');
  },
};
`,
      output: null,
      errors: [
        {
          messageId: 'escapesToBackground',
          data: { name: 'request', kind: 'Workers Request', sink: 'work registered with waitUntil()' },
          line: 5,
          column: 46,
          endLine: 5,
          endColumn: 60,
        },
      ],
    },
    // waitUntil() imported from cloudflare:workers is a background API like ctx.waitUntil()
    {
      code: `
import { waitUntil } from 'cloudflare:workers';
interface Env { LOGS: string }
export default {
  async fetch(request, env) {
    waitUntil(fetch(env.LOGS).then(() => request.text()));
    return new Response('ok');
  },
} satisfies ExportedHandler<Env>;
`,
      output: null,
      errors: [
        {
          messageId: 'escapesToBackground',
          data: { name: 'request', kind: 'Workers Request', sink: 'work registered with waitUntil()' },
          line: 6,
          column: 42,
          endLine: 6,
          endColumn: 56,
        },
      ],
    },
    // the ExecutionContext of a scheduled event, used from a timer
    {
      code: `
interface Env { LOGS: string }
export default {
  async scheduled(controller, env, ctx) {
    setTimeout(() => ctx.waitUntil(fetch(env.LOGS)), 10);
  },
} satisfies ExportedHandler<Env>;
`,
      output: null,
      errors: [
        {
          messageId: 'escapes',
          data: { name: 'ctx', kind: 'Workers ExecutionContext', sink: 'a setTimeout callback' },
          line: 5,
          column: 22,
          endLine: 5,
          endColumn: 52,
        },
      ],
    },
    // a Durable Object's request used by a timer after the response
    {
      code: `
export class Counter {
  constructor(private readonly state: DurableObjectState) {}
  async fetch(request: Request) {
    setTimeout(() => console.log(request.url), 10);
    return new Response('ok');
  }
}
`,
      output: `
export class Counter {
  constructor(private readonly state: DurableObjectState) {}
  async fetch(request: Request) {
    const url = request.url;
    setTimeout(() => console.log(url), 10);
    return new Response('ok');
  }
}
`,
      errors: [
        {
          messageId: 'escapes',
          data: { name: 'request', kind: 'Workers Request', sink: 'a setTimeout callback' },
          line: 5,
          column: 34,
          endLine: 5,
          endColumn: 45,
        },
      ],
    },
    // a floating call handed the global Request
    {
      code: `
interface Env { LOGS: string }
async function logRequest(request: Request, env: Env): Promise<void> {
  await fetch(env.LOGS, { method: 'POST', body: await request.text() });
}
export default {
  async fetch(request, env) {
    void logRequest(request, env);
    return new Response('ok');
  },
} satisfies ExportedHandler<Env>;
`,
      output: null,
      errors: [
        {
          messageId: 'escapesThroughHelper',
          data: {
            name: 'request',
            kind: 'Workers Request',
            sink: 'the floating promise of logRequest()',
            helper: '`logRequest()` calls `request.text()` and awaits it',
          },
          line: 8,
          column: 21,
          endLine: 8,
          endColumn: 28,
          suggestions: [
            {
              messageId: 'suggestAwait',
              output: `
interface Env { LOGS: string }
async function logRequest(request: Request, env: Env): Promise<void> {
  await fetch(env.LOGS, { method: 'POST', body: await request.text() });
}
export default {
  async fetch(request, env) {
    await logRequest(request, env);
    return new Response('ok');
  },
} satisfies ExportedHandler<Env>;
`,
            },
          ],
        },
      ],
    },
    // with the default reads, the whole request handed to caches.default.put() inside waitUntil is reported
    {
      code: `
export default {
  async fetch(request, env, ctx) {
    const res = await fetch(request);
    ctx.waitUntil(caches.default.put(request, res.clone()));
    return res;
  },
} satisfies ExportedHandler;
`,
      output: null,
      errors: [
        {
          messageId: 'escapesToBackground',
          data: { name: 'request', kind: 'Workers Request', sink: 'work registered with waitUntil()' },
          line: 5,
          column: 38,
          endLine: 5,
          endColumn: 45,
        },
      ],
    },
  ],
});

// Module Workers typed with the global `Request` (lib.dom or undici, without
// workers-types' own `Request`): the handler is recognised by its shape.
ruleTester.run('no-escaping-context', rule, {
  valid: [
    // a default export whose fetch takes only the request (Bun, Deno) is not taken for a Workers handler
    `
export default {
  fetch(request: Request) {
    setTimeout(() => console.log(request.url), 0);
    return new Response('ok');
  },
};
`,
    // a fetch method of an object that is not the module's handler
    `
export const client = {
  async fetch(request: Request, retries: number, timeout: number) {
    setTimeout(() => console.log('retrying', request.url, retries), timeout);
    return fetch(request);
  },
};
`,
    // a first parameter of another type than Request is not the request
    `
import type { ExecutionContext } from '@cloudflare/workers-types';
interface Env { LOGS: string }
export default {
  async fetch(job: { url: string }, env: Env, ctx: ExecutionContext) {
    setTimeout(() => console.log(job.url), 0);
    return new Response('ok');
  },
};
`,
    // awaited work, and a copy of the URL in registered work
    `
import type { ExecutionContext } from '@cloudflare/workers-types';
interface Env { LOGS: string }
export default {
  async fetch(request: Request, env: Env, ctx: ExecutionContext) {
    await fetch(env.LOGS, { method: 'POST', body: request.url });
    const url = request.url;
    ctx.waitUntil(fetch(env.LOGS, { method: 'POST', body: url }));
    return new Response('ok');
  },
};
`,
    // a clone taken before the response keeps its own body
    `
import type { ExecutionContext } from '@cloudflare/workers-types';
interface Env { LOGS: string }
export default {
  async fetch(request: Request, env: Env, ctx: ExecutionContext) {
    const copy = request.clone();
    ctx.waitUntil(copy.text().then(body => fetch(env.LOGS, { method: 'POST', body })));
    return new Response('ok');
  },
};
`,
  ],
  invalid: [
    // the global Request of a default-exported fetch(request, env, ctx) read in a timer
    {
      code: `
import type { ExecutionContext } from '@cloudflare/workers-types';
interface Env { LOGS: string }
export default {
  async fetch(request: Request, env: Env, ctx: ExecutionContext) {
    setTimeout(() => console.log('served', request.url), 0);
    return new Response('ok');
  },
};
`,
      output: `
import type { ExecutionContext } from '@cloudflare/workers-types';
interface Env { LOGS: string }
export default {
  async fetch(request: Request, env: Env, ctx: ExecutionContext) {
    const url = request.url;
    setTimeout(() => console.log('served', url), 0);
    return new Response('ok');
  },
};
`,
      errors: [
        {
          messageId: 'escapes',
          data: { name: 'request', kind: 'Workers Request', sink: 'a setTimeout callback' },
          line: 6,
          column: 44,
          endLine: 6,
          endColumn: 55,
        },
      ],
    },
    // an object that satisfies ExportedHandler: fetch(request, env) hands the request to a floating call
    {
      code: `
import type { ExportedHandler } from '@cloudflare/workers-types';
interface Env { LOGS: string }
declare function audit(request: Request): Promise<void>;
export default {
  async fetch(request: Request, env: Env) {
    void audit(request);
    return new Response('ok');
  },
} satisfies ExportedHandler<Env>;
`,
      errors: [
        {
          messageId: 'escapesAsArgument',
          data: { name: 'request', kind: 'Workers Request', sink: 'the floating promise of audit()' },
          line: 7,
          column: 16,
          endLine: 7,
          endColumn: 23,
          suggestions: [
            {
              messageId: 'suggestAwait',
              output: `
import type { ExportedHandler } from '@cloudflare/workers-types';
interface Env { LOGS: string }
declare function audit(request: Request): Promise<void>;
export default {
  async fetch(request: Request, env: Env) {
    await audit(request);
    return new Response('ok');
  },
} satisfies ExportedHandler<Env>;
`,
            },
          ],
        },
      ],
    },
    // a handler object declared apart and exported as the default: the body is read after the response
    {
      code: `
import type { ExecutionContext } from '@cloudflare/workers-types';
interface Env { LOGS: string }
const worker = {
  async fetch(request: Request, env: Env, ctx: ExecutionContext) {
    ctx.waitUntil(fetch(env.LOGS).then(async () => fetch(env.LOGS, { method: 'POST', body: await request.text() })));
    return new Response('ok');
  },
};
export default worker;
`,
      errors: [
        {
          messageId: 'escapesToBackground',
          data: { name: 'request', kind: 'Workers Request', sink: 'work registered with waitUntil()' },
          line: 6,
          column: 98,
          endLine: 6,
          endColumn: 112,
          suggestions: [
            {
              messageId: 'suggestReadFirst',
              output: `
import type { ExecutionContext } from '@cloudflare/workers-types';
interface Env { LOGS: string }
const worker = {
  async fetch(request: Request, env: Env, ctx: ExecutionContext) {
    const text = await request.text();
    ctx.waitUntil(fetch(env.LOGS).then(async () => fetch(env.LOGS, { method: 'POST', body: text })));
    return new Response('ok');
  },
};
export default worker;
`,
            },
          ],
        },
      ],
    },
  ],
});
