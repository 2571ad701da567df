// Express: `req`/`res` are new per request, but a module, `app.locals` or a
// singleton service is shared by every request the process serves.
import type { RunTests } from '@typescript-eslint/rule-tester';

import type { MessageIds, Options } from '../../../src/rules/no-shared-request-state.js';

export const cases: RunTests<MessageIds, Options> = {
  valid: [
    // res.locals is the per-request store
    `
import express from 'express';
const app = express();
app.use((req, res, next) => { res.locals.user = req.headers['x-user']; next(); });
`,
    // a cache keyed by a value
    `
import express from 'express';
declare function load(id: string): Promise<{ id: string }>;
const cache = new Map<string, { id: string }>();
const app = express();
app.get('/orders/:id', async (req, res) => {
  cache.set(req.params.id, await load(req.params.id));
  res.json(cache.get(req.params.id));
});
`,
    // a WeakMap keyed by the request
    `
import express, { type Request } from 'express';
const seen = new WeakMap<Request, number>();
const app = express();
app.use((req, res, next) => { seen.set(req, Date.now()); next(); });
`,
    // AsyncLocalStorage carries the request through the async chain
    `
import { AsyncLocalStorage } from 'node:async_hooks';
import express from 'express';
const als = new AsyncLocalStorage<{ user?: string }>();
const app = express();
app.use((req, res, next) => als.run({ user: req.get('x-user') }, next));
`,
    // a counter and a metric
    `
import express from 'express';
let requests = 0;
const metrics = { lastStatus: 0, bytes: 0 };
const app = express();
app.use((req, res, next) => {
  requests++;
  metrics.bytes += Number(req.headers['content-length'] ?? 0);
  metrics.lastStatus = res.statusCode;
  next();
});
`,
    // an SSE registry whose entry leaves on close
    `
import express, { type Response } from 'express';
const clients = new Set<Response>();
const app = express();
app.get('/events', (req, res) => {
  clients.add(res);
  req.on('close', () => clients.delete(res));
});
`,
    // start-up values at module scope
    `
import express from 'express';
const app = express();
let port = Number(process.env.PORT ?? 3000);
app.locals.title = 'Orders';
app.listen(port);
`,
    // an object created per request
    `
import express from 'express';
class RequestState { user?: string; setUser(user?: string) { this.user = user; } }
const app = express();
app.get('/me', (req, res) => {
  const state = new RequestState();
  state.setUser(req.get('x-user'));
  const audit: { user?: string } = {};
  audit.user = req.get('x-user');
  res.json(state);
});
`,
    // data kept under the request's own key
    `
import express from 'express';
const lastSeenByUser: Record<string, string> = {};
const app = express();
app.use((req, res, next) => { lastSeenByUser[String(req.get('x-user'))] = req.path; next(); });
`,
    // a test's module-level request, made up in beforeEach: no request is being handled
    `
import type { Request } from 'express';
declare function createRequest(init: { headers: Record<string, string> }): Request;
declare function beforeEach(fn: () => void): void;
let req: Request;
let user: string | undefined;
beforeEach(() => {
  req = createRequest({ headers: { 'x-user': 'ada' } });
  const fresh = createRequest({ headers: {} });
  user = fresh.get('x-user');
});
`,
  ],
  invalid: [
    // module-scope let set by middleware and read by a handler after an await
    {
      code: `
import express from 'express';
declare function loadOrders(user: unknown): Promise<unknown[]>;
let currentUser: unknown;
const app = express();
app.use((req, res, next) => { currentUser = req.headers['x-user']; next(); });
app.get('/orders', async (req, res) => { res.json(await loadOrders(currentUser)); });
`,
      errors: [
        {
          messageId: 'storesRequestData',
          data: {
            value: "`req.headers['x-user']`",
            kind: 'Express Request',
            root: 'req',
            storage: 'module-scope `currentUser`',
            consequence: "concurrent requests overwrite it, so a request can read another request's data (the wrong user or tenant)",
            store: '`res.locals` (or `req` itself)',
          },
        },
      ],
    },
    // the request itself kept for later
    {
      code: `
import express, { type Request } from 'express';
let lastRequest: Request | undefined;
const app = express();
app.use((req, res, next) => { lastRequest = req; next(); });
`,
      errors: [{ messageId: 'storesContext' }],
    },
    // globalThis
    {
      code: `
import express from 'express';
const app = express();
app.use((req, res, next) => { (globalThis as any).lastRequest = req; next(); });
`,
      errors: [{ messageId: 'storesContext' }],
    },
    // a property of a module-scope object
    {
      code: `
import express from 'express';
const config = { MAGIC: '' };
const app = express();
app.use((req, res, next) => { config.MAGIC = String(req.headers.magic); next(); });
`,
      errors: [
        {
          messageId: 'storesRequestData',
          data: {
            value: '`String(req.headers.magic)`',
            kind: 'Express Request',
            root: 'req',
            storage: 'module-scope `config.MAGIC`',
            consequence: "concurrent requests overwrite it, so a request can read another request's data (the wrong user or tenant)",
            store: '`res.locals` (or `req` itself)',
          },
        },
      ],
    },
    // app.locals is shared by every request
    {
      code: `
import express from 'express';
const app = express();
app.use((req, res, next) => { app.locals.user = req.get('x-user'); next(); });
`,
      errors: [{ messageId: 'storesRequestData' }],
    },
    // responses pushed into a module-scope array that nothing empties
    {
      code: `
import express, { type Response } from 'express';
const waiting: Response[] = [];
const app = express();
app.get('/poll', (req, res) => { waiting.push(res); });
`,
      errors: [{ messageId: 'storesContext' }],
    },
    // a singleton service instantiated at module scope
    {
      code: `
import express from 'express';
class OrdersService { tenant?: string; use(tenant?: string) { this.tenant = tenant; } setFrom(req: express.Request) { this.tenant = req.get('x-tenant'); } }
export const orders = new OrdersService();
`,
      errors: [
        {
          messageId: 'storesRequestData',
          data: {
            value: "`req.get('x-tenant')`",
            kind: 'Express Request',
            root: 'req',
            storage: 'singleton `OrdersService.tenant`',
            consequence: "concurrent requests overwrite it, so a request can read another request's data (the wrong user or tenant)",
            store: '`res.locals` (or `req` itself)',
          },
        },
      ],
    },
    // a value copied into a local first
    {
      code: `
import express from 'express';
let tenant: string | undefined;
const app = express();
app.use((req, res, next) => { const header = req.get('x-tenant'); tenant = header; next(); });
`,
      errors: [{ messageId: 'storesRequestData' }],
    },
    // the keep-alive socket, reused by the connection's next request
    {
      code: `
import express from 'express';
import type { Socket } from 'node:net';
let lastSocket: Socket | undefined;
const app = express();
app.use((req, res, next) => { lastSocket = req.socket; next(); });
`,
      errors: [{ messageId: 'storesContext' }],
    },
    // a static field
    {
      code: `
import express, { type Request } from 'express';
class Current { static request?: Request; }
const app = express();
app.use((req, res, next) => { Current.request = req; next(); });
`,
      errors: [{ messageId: 'storesContext' }],
    },
  ],
};
