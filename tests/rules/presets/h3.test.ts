// h3 v2: one H3Event per request; writes after the handler returned are lost,
// the body can be read once, and event.waitUntil() keeps work alive without
// making the event usable after the response.
import rule from '../../../src/rules/no-escaping-context.js';
import { createTypedRuleTester } from '../../util/rule-tester.js';

const ruleTester = createTypedRuleTester();

ruleTester.run('no-escaping-context', rule, {
  valid: [
    // awaited work that reads the body finishes before the response
    `
import { H3, readBody } from 'h3';
declare function save(data: unknown): Promise<void>;
const app = new H3();
app.post('/orders', async event => {
  await save(await readBody(event));
  return { ok: true };
});
`,
    // the documented snapshot: ip, user agent, body and context read first, copies given to event.waitUntil()
    `
import { H3, getRequestIP, readBody } from 'h3';
declare function audit(data: unknown): Promise<void>;
const app = new H3();
app.post('/orders', async event => {
  const ip = getRequestIP(event);
  const ua = event.req.headers.get('user-agent');
  const body = await readBody(event);
  const { user } = event.context;
  event.waitUntil(audit({ ip, ua, body, user }));
  return { ok: true };
});
`,
    // a value destructured from event.context before the timer
    `
import { H3 } from 'h3';
declare function audit(user: unknown): Promise<void>;
const app = new H3();
app.get('/', event => {
  const { user } = event.context;
  setTimeout(() => audit(user), 0);
  return 'ok';
});
`,
    // a member read passed to event.waitUntil() work is a string, read now
    `
import { defineHandler } from 'h3';
declare function audit(path: string): Promise<void>;
export default defineHandler(event => {
  event.waitUntil(audit(event.url.pathname));
  return 'ok';
});
`,
    // an interval cleared by onDispose() ends with the request
    `
import { H3, onDispose } from 'h3';
const app = new H3();
app.get('/poll', event => {
  const timer = setInterval(() => console.log('still open', event.url.pathname), 1000);
  onDispose(event, () => clearInterval(timer));
  return 'ok';
});
`,
    // a timer cleared in finally is bounded by the handler
    `
import { H3 } from 'h3';
const app = new H3();
app.get('/proxy', async event => {
  const timer = setTimeout(() => console.warn('slow upstream for', event.url.pathname), 2000);
  try {
    return await fetch('https://upstream.example.com').then(res => res.text());
  } finally {
    clearTimeout(timer);
  }
});
`,
    // a listener on the request's own abort signal
    `
import { H3 } from 'h3';
const app = new H3();
app.get('/stream', async event => {
  event.req.signal.addEventListener('abort', () => console.log('client left', event.url.pathname));
  return await fetch('https://upstream.example.com').then(res => res.text());
});
`,
    // a returned promise chain produces the response
    `
import { H3 } from 'h3';
const app = new H3();
app.get('/status', event => fetch('https://upstream.example.com').then(res => ({ path: event.url.pathname, status: res.status })));
`,
    // work joined into an awaited Promise.all
    `
import { H3, type H3Event } from 'h3';
declare function audit(event: H3Event): Promise<void>;
declare function load(): Promise<string[]>;
const app = new H3();
app.get('/items', async event => {
  const [, items] = await Promise.all([audit(event), load()]);
  return items;
});
`,
    // a promise variable awaited later in the handler
    `
import { H3, type H3Event } from 'h3';
declare function audit(event: H3Event): Promise<void>;
const app = new H3();
app.get('/items', async event => {
  const audited = audit(event);
  const items = ['a', 'b'];
  await audited;
  return items;
});
`,
    // synchronous callbacks (Headers#forEach) run inside the handler
    `
import { defineHandler } from 'h3';
export default defineHandler(event => {
  const names: string[] = [];
  event.req.headers.forEach((value, name) => names.push(name));
  return names;
});
`,
    // awaited readBody() in a defineHandler() handler
    `
import { defineHandler, readBody } from 'h3';
declare function save(data: unknown): Promise<void>;
export default defineHandler(async event => {
  const body = await readBody(event);
  await save(body);
  return { saved: true };
});
`,
    // a timer that captures nothing from the event
    `
import { H3 } from 'h3';
const app = new H3();
app.get('/', event => {
  const path = event.url.pathname;
  setTimeout(() => console.log('served', path), 0);
  return 'ok';
});
`,
    // reads: 'unsafe-only': url, request headers and context are safe to read later
    {
      code: `
import { defineHandler } from 'h3';
export default defineHandler(event => {
  setTimeout(() => console.log(event.url.pathname, event.req.headers.get('x-request-id'), event.context.requestId), 10);
  return 'ok';
});
`,
      options: [{ reads: 'unsafe-only' }],
    },
    // without the h3 preset H3Event is not a request context
    {
      code: `
import { H3 } from 'h3';
const app = new H3();
app.get('/', event => {
  setTimeout(() => console.log(event.url.pathname), 0);
  return 'ok';
});
`,
      options: [{ presets: ['hono'] }],
    },
  ],
  invalid: [
    // a floating .then() callback reads the event after the handler returned
    {
      code: `
import { H3, readBody } from 'h3';
declare function audit(order: unknown): Promise<void>;
const app = new H3();
app.post('/orders', async event => {
  const order = await readBody(event);
  audit(order).then(() => console.log('audited', event.url.pathname));
  return { ok: true };
});
`,
      output: `
import { H3, readBody } from 'h3';
declare function audit(order: unknown): Promise<void>;
const app = new H3();
app.post('/orders', async event => {
  const order = await readBody(event);
  const pathname = event.url.pathname;
  audit(order).then(() => console.log('audited', pathname));
  return { ok: true };
});
`,
      errors: [
        {
          messageId: 'escapes',
          data: { name: 'event', kind: 'h3 H3Event', sink: 'a .then() callback of a floating promise' },
          line: 7,
          column: 50,
          endLine: 7,
          endColumn: 68,
        },
      ],
    },
    // a response header set from a timer is lost
    {
      code: `
import { H3, setResponseHeader } from 'h3';
const app = new H3();
app.get('/', event => {
  setTimeout(() => setResponseHeader(event, 'x-late', '1'), 10);
  return 'ok';
});
`,
      output: null,
      errors: [
        {
          messageId: 'writesAfterResponse',
          data: { name: 'event', kind: 'h3 H3Event', sink: 'a setTimeout callback' },
          line: 5,
          column: 38,
          endLine: 5,
          endColumn: 43,
        },
      ],
    },
    // a cookie set after a floating refresh resolves is lost (keeping the work alive with waitUntil would not help)
    {
      code: `
import { H3, setCookie } from 'h3';
declare function refreshToken(): Promise<string>;
const app = new H3();
app.get('/', event => {
  refreshToken().then(token => setCookie(event, 'token', token));
  return 'ok';
});
`,
      output: null,
      errors: [
        {
          messageId: 'writesAfterResponse',
          data: { name: 'event', kind: 'h3 H3Event', sink: 'a .then() callback of a floating promise' },
          line: 6,
          column: 42,
          endLine: 6,
          endColumn: 47,
        },
      ],
    },
    // event.waitUntil() keeps the work alive, but the body read in it happens after the response
    {
      code: `
import { H3, readBody } from 'h3';
declare function audit(data: unknown): Promise<void>;
const app = new H3();
app.post('/orders', event => {
  event.waitUntil(audit('received').then(async () => audit(await readBody(event))));
  return { ok: true };
});
`,
      output: null,
      errors: [
        {
          messageId: 'escapesToBackground',
          data: { name: 'event', kind: 'h3 H3Event', sink: 'work registered with waitUntil()' },
          line: 6,
          column: 75,
          endLine: 6,
          endColumn: 80,
        },
      ],
    },
    // event.waitUntil() work handed the whole event
    {
      code: `
import { H3, type H3Event } from 'h3';
declare function audit(event: H3Event): Promise<void>;
const app = new H3();
app.post('/orders', event => {
  event.waitUntil(audit(event));
  return { ok: true };
});
`,
      output: null,
      errors: [
        {
          messageId: 'escapesToBackground',
          data: { name: 'event', kind: 'h3 H3Event', sink: 'work registered with waitUntil()' },
          line: 6,
          column: 25,
          endLine: 6,
          endColumn: 30,
        },
      ],
    },
    // `void` does not keep a floating call handed the event alive
    {
      code: `
import { defineHandler, type H3Event } from 'h3';
declare function audit(event: H3Event): Promise<void>;
export default defineHandler(event => {
  void audit(event);
  return 'ok';
});
`,
      output: null,
      errors: [
        {
          messageId: 'escapesAsArgument',
          data: { name: 'event', kind: 'h3 H3Event', sink: 'the floating promise of audit()' },
          line: 5,
          column: 14,
          endLine: 5,
          endColumn: 19,
          suggestions: [
            {
              messageId: 'suggestRegister',
              data: { api: 'event.waitUntil()' },
              output: `
import { defineHandler, type H3Event } from 'h3';
declare function audit(event: H3Event): Promise<void>;
export default defineHandler(event => {
  event.waitUntil(audit(event));
  return 'ok';
});
`,
            },
          ],
        },
      ],
    },
    // an annotated H3Event parameter in a process.nextTick callback
    {
      code: `
import type { H3Event } from 'h3';
declare function audit(url: string): Promise<void>;
export async function handler(event: H3Event) {
  process.nextTick(() => audit(event.req.url));
  return 'ok';
}
`,
      output: `
import type { H3Event } from 'h3';
declare function audit(url: string): Promise<void>;
export async function handler(event: H3Event) {
  const url = event.req.url;
  process.nextTick(() => audit(url));
  return 'ok';
}
`,
      errors: [
        {
          messageId: 'escapes',
          data: { name: 'event', kind: 'h3 H3Event', sink: 'a process.nextTick callback' },
          line: 5,
          column: 32,
          endLine: 5,
          endColumn: 45,
        },
      ],
    },
    // middleware registered with app.use() scheduling a timer
    {
      code: `
import { H3 } from 'h3';
const app = new H3();
app.use(event => {
  setTimeout(() => console.log('late', event.url.pathname), 0);
});
`,
      output: `
import { H3 } from 'h3';
const app = new H3();
app.use(event => {
  const pathname = event.url.pathname;
  setTimeout(() => console.log('late', pathname), 0);
});
`,
      errors: [
        {
          messageId: 'escapes',
          data: { name: 'event', kind: 'h3 H3Event', sink: 'a setTimeout callback' },
          line: 5,
          column: 40,
          endLine: 5,
          endColumn: 58,
        },
      ],
    },
    // an onRequest() hook scheduling a timer
    {
      code: `
import { H3, onRequest } from 'h3';
const app = new H3();
app.use(onRequest(event => {
  setTimeout(() => console.log('late', event.url.pathname), 0);
}));
`,
      output: `
import { H3, onRequest } from 'h3';
const app = new H3();
app.use(onRequest(event => {
  const pathname = event.url.pathname;
  setTimeout(() => console.log('late', pathname), 0);
}));
`,
      errors: [
        {
          messageId: 'escapes',
          data: { name: 'event', kind: 'h3 H3Event', sink: 'a setTimeout callback' },
          line: 5,
          column: 40,
          endLine: 5,
          endColumn: 58,
        },
      ],
    },
    // an interval that nothing clears holds the event forever
    {
      code: `
import { H3 } from 'h3';
const app = new H3();
app.get('/poll', event => {
  setInterval(() => console.log('still open', event.url.pathname), 1000);
  return 'ok';
});
`,
      output: `
import { H3 } from 'h3';
const app = new H3();
app.get('/poll', event => {
  const pathname = event.url.pathname;
  setInterval(() => console.log('still open', pathname), 1000);
  return 'ok';
});
`,
      errors: [
        {
          messageId: 'escapes',
          data: { name: 'event', kind: 'h3 H3Event', sink: 'a setInterval callback' },
          line: 5,
          column: 47,
          endLine: 5,
          endColumn: 65,
        },
      ],
    },
    // the part of an async IIFE after its first await
    {
      code: `
import { H3 } from 'h3';
declare function warmCache(): Promise<void>;
const app = new H3();
app.get('/', event => {
  (async () => {
    await warmCache();
    console.log('warmed for', event.url.pathname);
  })();
  return 'ok';
});
`,
      output: `
import { H3 } from 'h3';
declare function warmCache(): Promise<void>;
const app = new H3();
app.get('/', event => {
  const pathname = event.url.pathname;
  (async () => {
    await warmCache();
    console.log('warmed for', pathname);
  })();
  return 'ok';
});
`,
      errors: [
        {
          messageId: 'escapes',
          data: { name: 'event', kind: 'h3 H3Event', sink: 'a floating async IIFE' },
          line: 8,
          column: 31,
          endLine: 8,
          endColumn: 49,
        },
      ],
    },
    // a promise stored in a variable that nothing awaits
    {
      code: `
import { H3 } from 'h3';
declare function audit(event: string): Promise<void>;
const app = new H3();
app.get('/', event => {
  const pending = audit('visit').then(() => console.log(event.url.pathname));
  return 'ok';
});
`,
      output: `
import { H3 } from 'h3';
declare function audit(event: string): Promise<void>;
const app = new H3();
app.get('/', event => {
  const pathname = event.url.pathname;
  const pending = audit('visit').then(() => console.log(pathname));
  return 'ok';
});
`,
      errors: [
        {
          messageId: 'escapes',
          data: { name: 'event', kind: 'h3 H3Event', sink: 'the promise stored in `pending`, which is never awaited' },
          line: 6,
          column: 57,
          endLine: 6,
          endColumn: 75,
        },
      ],
    },
    // a listener on a module-level emitter outlives the request
    {
      code: `
import { EventEmitter } from 'node:events';
import { H3 } from 'h3';
const bus = new EventEmitter();
const app = new H3();
app.get('/', event => {
  bus.on('flush', () => console.log(event.url.pathname));
  return 'ok';
});
`,
      output: `
import { EventEmitter } from 'node:events';
import { H3 } from 'h3';
const bus = new EventEmitter();
const app = new H3();
app.get('/', event => {
  const pathname = event.url.pathname;
  bus.on('flush', () => console.log(pathname));
  return 'ok';
});
`,
      errors: [
        {
          messageId: 'escapes',
          data: { name: 'event', kind: 'h3 H3Event', sink: "a 'flush' listener" },
          line: 7,
          column: 37,
          endLine: 7,
          endColumn: 55,
        },
      ],
    },
    // a response header written from a timer through event.res
    {
      code: `
import { H3 } from 'h3';
const app = new H3();
app.get('/', event => {
  setTimeout(() => event.res.headers.set('x-late', '1'), 0);
  return 'ok';
});
`,
      output: null,
      errors: [
        {
          messageId: 'writesAfterResponse',
          data: { name: 'event', kind: 'h3 H3Event', sink: 'a setTimeout callback' },
          line: 5,
          column: 20,
          endLine: 5,
          endColumn: 56,
        },
      ],
    },
    // an interval appending a response header keeps writing after the response was sent
    {
      code: `
import { H3, appendResponseHeader } from 'h3';
const app = new H3();
app.get('/', event => {
  setInterval(() => appendResponseHeader(event, 'x-heartbeat', String(Date.now())), 1000);
  return 'ok';
});
`,
      output: null,
      errors: [
        {
          messageId: 'writesRepeatedly',
          data: { name: 'event', kind: 'h3 H3Event', sink: 'a setInterval callback' },
          line: 5,
          column: 42,
          endLine: 5,
          endColumn: 47,
        },
      ],
    },
    // selecting only the h3 preset still reports H3Event
    {
      code: `
import { H3 } from 'h3';
const app = new H3();
app.get('/', event => {
  setImmediate(() => console.log(event.url.pathname));
  return 'ok';
});
`,
      output: `
import { H3 } from 'h3';
const app = new H3();
app.get('/', event => {
  const pathname = event.url.pathname;
  setImmediate(() => console.log(pathname));
  return 'ok';
});
`,
      options: [{ presets: ['h3'] }],
      errors: [
        {
          messageId: 'escapes',
          data: { name: 'event', kind: 'h3 H3Event', sink: 'a setImmediate callback' },
          line: 5,
          column: 34,
          endLine: 5,
          endColumn: 52,
        },
      ],
    },
    // reads: 'unsafe-only': a body read from a timer is unsafe
    {
      code: `
import { defineHandler } from 'h3';
export default defineHandler(event => {
  setTimeout(async () => {
    console.log(event.url.pathname, await event.req.json());
  }, 10);
  return 'ok';
});
`,
      output: null,
      options: [{ reads: 'unsafe-only' }],
      errors: [
        {
          messageId: 'escapes',
          data: { name: 'event', kind: 'h3 H3Event', sink: 'a setTimeout callback' },
          line: 5,
          column: 43,
          endLine: 5,
          endColumn: 59,
          suggestions: [
            {
              messageId: 'suggestCopyFields',
              output: `
import { defineHandler } from 'h3';
export default defineHandler(event => {
  const pathname = event.url.pathname;
  setTimeout(async () => {
    console.log(pathname, await event.req.json());
  }, 10);
  return 'ok';
});
`,
            },
          ],
        },
      ],
    },
    // reads: 'unsafe-only': a response write from a timer is unsafe
    {
      code: `
import { defineHandler } from 'h3';
export default defineHandler(event => {
  setTimeout(() => {
    event.res.headers.set('x-late', '1');
  }, 10);
  return 'ok';
});
`,
      output: null,
      options: [{ reads: 'unsafe-only' }],
      errors: [
        {
          messageId: 'writesAfterResponse',
          data: { name: 'event', kind: 'h3 H3Event', sink: 'a setTimeout callback' },
          line: 5,
          column: 5,
          endLine: 5,
          endColumn: 41,
        },
      ],
    },
    // reads: 'unsafe-only': a response header set with setResponseHeader() from a timer is a write
    {
      code: `
import { H3, setResponseHeader } from 'h3';
const app = new H3();
app.get('/', event => {
  setTimeout(() => setResponseHeader(event, 'x-late', '1'), 10);
  return 'ok';
});
`,
      output: null,
      options: [{ reads: 'unsafe-only' }],
      errors: [
        {
          messageId: 'writesAfterResponse',
          data: { name: 'event', kind: 'h3 H3Event', sink: 'a setTimeout callback' },
          line: 5,
          column: 38,
          endLine: 5,
          endColumn: 43,
        },
      ],
    },
  ],
});
