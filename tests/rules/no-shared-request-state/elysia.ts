// Elysia: the handler context is per request and `derive()`/`resolve()` add
// to it; `store` (from `.state()`) is shared by every request.
import type { RunTests } from '@typescript-eslint/rule-tester';

import type { MessageIds, Options } from '../../../src/rules/no-shared-request-state.js';

export const cases: RunTests<MessageIds, Options> = {
  valid: [
    // derive() adds per-request values to the context
    `
import { Elysia } from 'elysia';
new Elysia()
  .derive(({ headers }) => ({ user: headers['x-user'] }))
  .get('/me', ({ user }) => user);
`,
    // a counter in the shared store
    `
import { Elysia } from 'elysia';
new Elysia().state('hits', 0).get('/', ({ store }) => { store.hits++; return store.hits; });
`,
    // a cache keyed by a param
    `
import { Elysia } from 'elysia';
declare function load(id: string): Promise<string>;
const cache = new Map<string, string>();
new Elysia().get('/orders/:id', async ({ params }) => {
  cache.set(params.id, await load(params.id));
  return cache.get(params.id);
});
`,
    // a WeakMap keyed by the request
    `
import { Elysia } from 'elysia';
const started = new WeakMap<Request, number>();
new Elysia().onRequest(({ request }) => { started.set(request, Date.now()); });
`,
    // AsyncLocalStorage
    `
import { AsyncLocalStorage } from 'node:async_hooks';
import { Elysia } from 'elysia';
const als = new AsyncLocalStorage<string>();
new Elysia().get('/', ({ path }) => als.run(path, () => 'ok'));
`,
    // start-up values
    `
import { Elysia } from 'elysia';
let version = '1.0.0';
new Elysia().get('/version', () => version);
`,
    // a per-request object
    `
import { Elysia } from 'elysia';
new Elysia().get('/x', ctx => {
  const view: { path?: string } = {};
  view.path = ctx.path;
  return view;
});
`,
    // a request removed from the registry in finally
    `
import { Elysia } from 'elysia';
declare function wait(ms: number): Promise<void>;
const live = new Set<Request>();
new Elysia().get('/poll', async ({ request }) => {
  live.add(request);
  try { await wait(1000); return 'done'; } finally { live.delete(request); }
});
`,
  ],
  invalid: [
    {
      code: `
import { Elysia } from 'elysia';
let lastPath: string | undefined;
new Elysia().get('/x', ctx => { lastPath = ctx.path; return 'ok'; });
`,
      errors: [
        {
          messageId: 'storesRequestData',
          data: {
            value: '`ctx.path`',
            kind: 'Elysia Context',
            root: 'ctx',
            storage: 'module-scope `lastPath`',
            consequence: "concurrent requests overwrite it, so a request can read another request's data (the wrong user or tenant)",
            store: '`derive()`/`resolve()` (not `store`, which every request shares)',
          },
        },
      ],
    },
    {
      code: `
import { Elysia } from 'elysia';
let lastRequest: Request | undefined;
new Elysia().get('/x', ({ request }) => { lastRequest = request; return 'ok'; });
`,
      errors: [{ messageId: 'storesContext' }],
    },
    {
      code: `
import { Elysia } from 'elysia';
new Elysia().get('/x', ctx => { (globalThis as any).ctx = ctx; return 'ok'; });
`,
      errors: [{ messageId: 'storesContext' }],
    },
    {
      code: `
import { Elysia } from 'elysia';
const requests: Request[] = [];
new Elysia().onRequest(({ request }) => { requests.push(request); });
`,
      errors: [{ messageId: 'storesContext' }],
    },
    {
      code: `
import { Elysia } from 'elysia';
const session = { url: '' };
new Elysia().onRequest(({ request }) => { session.url = request.url; });
`,
      errors: [{ messageId: 'storesRequestData' }],
    },
    {
      code: `
import { Elysia } from 'elysia';
let user: unknown;
new Elysia().get('/x', ctx => { user = ctx.headers['x-user']; return 'ok'; });
`,
      errors: [{ messageId: 'storesRequestData' }],
    },
    // the cookie jar kept for later
    {
      code: `
import { Elysia } from 'elysia';
let jar: unknown;
new Elysia().get('/x', ({ cookie }) => { jar = cookie; return 'ok'; });
`,
      errors: [{ messageId: 'storesContext' }],
    },
    {
      code: `
import { Elysia } from 'elysia';
let body: unknown;
new Elysia().post('/x', ctx => { body ??= ctx.body; return 'ok'; });
`,
      errors: [{ messageId: 'storesRequestData' }],
    },
  ],
};
