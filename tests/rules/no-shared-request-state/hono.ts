// Hono: `c` is new per request and `c.set()`/`c.get()` is its store; on
// Workers, the module is shared by the isolate's concurrent requests.
import type { RunTests } from '@typescript-eslint/rule-tester';

import type { MessageIds, Options } from '../../../src/rules/no-shared-request-state.js';

export const cases: RunTests<MessageIds, Options> = {
  valid: [
    // c.set() is the per-request store
    `
import { Hono } from 'hono';
const app = new Hono<{ Variables: { user: string } }>();
app.use(async (c, next) => { c.set('user', c.req.header('x-user') ?? ''); await next(); });
`,
    // a cache keyed by the path
    `
import { Hono } from 'hono';
declare function render(path: string): Promise<string>;
const pages = new Map<string, string>();
const app = new Hono();
app.get('/pages/*', async c => {
  const html = pages.get(c.req.path) ?? (await render(c.req.path));
  pages.set(c.req.path, html);
  return c.html(html);
});
`,
    // a request counter
    `
import { Hono } from 'hono';
let hits = 0;
const app = new Hono();
app.use(async (c, next) => { hits++; await next(); });
`,
    // a WeakRef to the context is not a strong shared reference
    `
import { Hono, type Context } from 'hono';
let lastSeen: WeakRef<Context> | undefined;
const app = new Hono();
app.use(async (c, next) => { lastSeen = new WeakRef(c); await next(); });
`,
    // AsyncLocalStorage.run
    `
import { AsyncLocalStorage } from 'node:async_hooks';
import { Hono } from 'hono';
const als = new AsyncLocalStorage<string>();
const app = new Hono();
app.use((c, next) => als.run(c.req.header('x-request-id') ?? '', next));
`,
    // a stream registry cleaned up on abort
    `
import { Hono } from 'hono';
import { streamSSE, type SSEStreamingApi } from 'hono/streaming';
const streams = new Set<SSEStreamingApi>();
const app = new Hono();
app.get('/events', c => streamSSE(c, async stream => {
  streams.add(stream);
  stream.onAbort(() => { streams.delete(stream); });
  await stream.sleep(60_000);
}));
`,
    // start-up: routes and a module-level value computed once
    `
import { Hono } from 'hono';
const app = new Hono();
let startedAt = Date.now();
app.get('/uptime', c => c.json({ uptime: Date.now() - startedAt }));
`,
    // a per-request object
    `
import { Hono } from 'hono';
class Audit { path = ''; record(path: string) { this.path = path; } }
const app = new Hono();
app.get('/x', c => { const audit = new Audit(); audit.record(c.req.path); return c.json(audit); });
`,
  ],
  invalid: [
    {
      code: `
import { Hono } from 'hono';
let currentTenant: string | undefined;
const app = new Hono();
app.use(async (c, next) => { currentTenant = c.req.header('x-tenant'); await next(); });
`,
      errors: [
        {
          messageId: 'storesRequestData',
          data: {
            value: "`c.req.header('x-tenant')`",
            kind: 'Hono Context',
            root: 'c',
            storage: 'module-scope `currentTenant`',
            consequence: "concurrent requests overwrite it, so a request can read another request's data (the wrong user or tenant)",
            store: '`c.set()`/`c.get()`',
          },
        },
      ],
    },
    {
      code: `
import { Hono, type Context } from 'hono';
let lastContext: Context | undefined;
const app = new Hono();
app.use(async (c, next) => { lastContext = c; await next(); });
`,
      errors: [{ messageId: 'storesContext' }],
    },
    // the platform request behind c.req
    {
      code: `
import { Hono } from 'hono';
let lastRequest: Request | undefined;
const app = new Hono();
app.use(async (c, next) => { lastRequest = c.req.raw; await next(); });
`,
      errors: [
        {
          messageId: 'storesContext',
          data: {
            value: '`c.req.raw`',
            kind: "Hono Context's `req.raw`",
            storage: 'module-scope `lastRequest`',
            consequence: "another request can reach this request's objects after it ended, or overwrite them with its own",
            store: '`c.set()`/`c.get()`',
          },
        },
      ],
    },
    {
      code: `
import { Hono, type HonoRequest } from 'hono';
const requests: HonoRequest[] = [];
const app = new Hono();
app.use(async (c, next) => { requests.push(c.req); await next(); });
`,
      errors: [{ messageId: 'storesContext' }],
    },
    {
      code: `
import { Hono } from 'hono';
const app = new Hono();
app.use(async (c, next) => { (globalThis as any).lastUser = await c.req.json(); await next(); });
`,
      errors: [{ messageId: 'storesRequestData' }],
    },
    {
      code: `
import { Hono } from 'hono';
const state = { user: '' };
const app = new Hono();
app.use(async (c, next) => { state.user = c.req.header('authorization') ?? ''; await next(); });
`,
      errors: [{ messageId: 'storesRequestData' }],
    },
    // a singleton service
    {
      code: `
import { Hono, type Context } from 'hono';
class Session { context?: Context; bind(c: Context) { this.context = c; } }
export const session = new Session();
`,
      errors: [
        {
          messageId: 'storesContext',
          data: {
            value: '`c`',
            kind: 'Hono Context',
            storage: 'singleton `Session.context`',
            consequence: "another request can reach this request's objects after it ended, or overwrite them with its own",
            store: '`c.set()`/`c.get()`',
          },
        },
      ],
    },
    // a Map as the value, never removed
    {
      code: `
import { Hono, type Context } from 'hono';
const pending = new Map<string, Context>();
const app = new Hono();
app.get('/jobs/:id', c => { pending.set(c.req.param('id'), c); return c.text('queued'); });
`,
      errors: [{ messageId: 'storesContext' }],
    },
  ],
};
