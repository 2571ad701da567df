// Koa: `ctx` is new per request and `ctx.state` is its store; modules and the
// application object are shared by every request.
import type { RunTests } from '@typescript-eslint/rule-tester';

import type { MessageIds, Options } from '../../../src/rules/no-shared-request-state.js';

export const cases: RunTests<MessageIds, Options> = {
  valid: [
    // ctx.state is the per-request store
    `
import Koa from 'koa';
const app = new Koa();
app.use(async (ctx, next) => { ctx.state.user = ctx.get('x-user'); await next(); });
`,
    // AsyncLocalStorage.enterWith scopes the value to this request's async chain
    `
import { AsyncLocalStorage } from 'node:async_hooks';
import Koa from 'koa';
const als = new AsyncLocalStorage<{ user: string }>();
const app = new Koa();
app.use(async (ctx, next) => { als.enterWith({ user: ctx.get('x-user') }); await next(); });
`,
    // a cache keyed by a value from the request
    `
import Koa from 'koa';
declare function load(id: string): Promise<string>;
const cache = new Map<string, string>();
const app = new Koa();
app.use(async ctx => { cache.set(ctx.path, await load(ctx.path)); ctx.body = cache.get(ctx.path); });
`,
    // a counter per status
    `
import Koa from 'koa';
let served = 0;
let lastStatus = 0;
const app = new Koa();
app.use(async (ctx, next) => { await next(); served += 1; lastStatus = ctx.status; });
`,
    // a WeakMap keyed by the context
    `
import Koa from 'koa';
const started = new WeakMap<Koa.Context, number>();
const app = new Koa();
app.use(async (ctx, next) => { started.set(ctx, Date.now()); await next(); });
`,
    // a long-poll registry whose entry is removed in finally
    `
import Koa from 'koa';
const waiting = new Set<Koa.Context>();
declare function wait(ms: number): Promise<void>;
const app = new Koa();
app.use(async ctx => {
  waiting.add(ctx);
  try { await wait(1000); ctx.body = 'done'; } finally { waiting.delete(ctx); }
});
`,
    // start-up configuration
    `
import Koa from 'koa';
const app = new Koa();
let keys = ['secret'];
app.keys = keys;
app.context.db = 'orders';
`,
    // an object built per request
    `
import Koa from 'koa';
const app = new Koa();
app.use(async ctx => {
  const view: { user?: string; path?: string } = {};
  view.user = ctx.get('x-user');
  view.path = ctx.path;
  ctx.body = view;
});
`,
  ],
  invalid: [
    {
      code: `
import Koa from 'koa';
let currentUser: string | undefined;
const app = new Koa();
app.use(async (ctx, next) => { currentUser = ctx.get('x-user'); await next(); });
`,
      errors: [
        {
          messageId: 'storesRequestData',
          data: {
            value: "`ctx.get('x-user')`",
            kind: 'Koa Context',
            root: 'ctx',
            storage: 'module-scope `currentUser`',
            consequence: "concurrent requests overwrite it, so a request can read another request's data (the wrong user or tenant)",
            store: '`ctx.state`',
          },
        },
      ],
    },
    {
      code: `
import Koa from 'koa';
let lastContext: Koa.Context | undefined;
const app = new Koa();
app.use(async (ctx, next) => { lastContext = ctx; await next(); });
`,
      errors: [{ messageId: 'storesContext' }],
    },
    // the Node request behind ctx.req
    {
      code: `
import Koa from 'koa';
import type { IncomingMessage } from 'node:http';
let raw: IncomingMessage | undefined;
const app = new Koa();
app.use(async (ctx, next) => { raw = ctx.req; await next(); });
`,
      errors: [{ messageId: 'storesContext' }],
    },
    // app.context is the prototype of every ctx: a value written there is seen by all requests
    {
      code: `
import Koa from 'koa';
const app = new Koa();
app.use(async (ctx, next) => { app.context.user = ctx.state.user; await next(); });
`,
      errors: [{ messageId: 'storesRequestData' }],
    },
    {
      code: `
import Koa from 'koa';
const app = new Koa();
app.use(async (ctx, next) => { (globalThis as any).ctx = ctx; await next(); });
`,
      errors: [{ messageId: 'storesContext' }],
    },
    {
      code: `
import Koa from 'koa';
const contexts: Koa.Context[] = [];
const app = new Koa();
app.use(async (ctx, next) => { contexts.push(ctx); await next(); });
`,
      errors: [{ messageId: 'storesContext' }],
    },
    {
      code: `
import Koa from 'koa';
const session = { tenant: '' };
const app = new Koa();
app.use(async (ctx, next) => { session.tenant = String(ctx.query.tenant); await next(); });
`,
      errors: [{ messageId: 'storesRequestData' }],
    },
    // lazily set once, then every later request sees the first one's user
    {
      code: `
import Koa from 'koa';
let firstUser: unknown;
const app = new Koa();
app.use(async (ctx, next) => { firstUser ??= ctx.state.user; await next(); });
`,
      errors: [{ messageId: 'storesRequestData' }],
    },
  ],
};
