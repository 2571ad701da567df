// Fastify: `request`/`reply` are new per request and request decorations are
// their store; plugins' closures and the module are shared.
import type { RunTests } from '@typescript-eslint/rule-tester';

import type { MessageIds, Options } from '../../../src/rules/no-shared-request-state.js';

export const cases: RunTests<MessageIds, Options> = {
  valid: [
    // a request decoration is per request
    `
import Fastify from 'fastify';
declare module 'fastify' { interface FastifyRequest { tenant?: string } }
const app = Fastify();
app.decorateRequest('tenant', undefined);
app.addHook('onRequest', async request => { request.tenant = String(request.headers['x-tenant']); });
`,
    // request.raw decorations stay on the request
    `
import Fastify from 'fastify';
const app = Fastify();
app.addHook('onRequest', async request => { (request.raw as any).startedAt = Date.now(); });
`,
    // a cache keyed by the id
    `
import Fastify from 'fastify';
declare function load(id: string): Promise<{ id: string }>;
const cache = new Map<string, { id: string }>();
const app = Fastify();
app.get<{ Params: { id: string } }>('/orders/:id', async request => {
  const order = await load(request.params.id);
  cache.set(request.params.id, order);
  return order;
});
`,
    // metrics
    `
import Fastify from 'fastify';
const stats = { requests: 0, lastDuration: 0 };
const app = Fastify();
app.addHook('onResponse', async (request, reply) => { stats.requests++; stats.lastDuration = reply.elapsedTime; });
`,
    // a WeakMap keyed by the request
    `
import Fastify, { type FastifyRequest } from 'fastify';
const spans = new WeakMap<FastifyRequest, string>();
const app = Fastify();
app.addHook('onRequest', async request => { spans.set(request, request.id); });
`,
    // replies of long polls, removed on close
    `
import Fastify, { type FastifyReply } from 'fastify';
const polls = new Set<FastifyReply>();
const app = Fastify();
app.get('/poll', (request, reply) => {
  polls.add(reply);
  request.raw.on('close', () => polls.delete(reply));
});
`,
    // start-up: a logger kept at module scope
    `
import Fastify, { type FastifyBaseLogger } from 'fastify';
const app = Fastify({ logger: true });
let log: FastifyBaseLogger = app.log;
log.info('started');
`,
    // a per-request object
    `
import Fastify from 'fastify';
const app = Fastify();
app.get('/me', async request => {
  const me: { id?: string; ip?: string } = {};
  me.id = request.id;
  me.ip = request.ip;
  return me;
});
`,
  ],
  invalid: [
    {
      code: `
import Fastify from 'fastify';
let currentTenant: string | undefined;
const app = Fastify();
app.addHook('onRequest', async request => { currentTenant = String(request.headers['x-tenant']); });
`,
      errors: [
        {
          messageId: 'storesRequestData',
          data: {
            value: "`String(request.headers['x-tenant'])`",
            kind: 'Fastify request',
            root: 'request',
            storage: 'module-scope `currentTenant`',
            consequence: "concurrent requests overwrite it, so a request can read another request's data (the wrong user or tenant)",
            store: 'a request decoration (`fastify.decorateRequest()`, then `request.<name>`)',
          },
        },
      ],
    },
    {
      code: `
import Fastify, { type FastifyRequest } from 'fastify';
let lastRequest: FastifyRequest | undefined;
const app = Fastify();
app.addHook('onRequest', async request => { lastRequest = request; });
`,
      errors: [{ messageId: 'storesContext' }],
    },
    {
      code: `
import Fastify, { type FastifyReply } from 'fastify';
const replies: FastifyReply[] = [];
const app = Fastify();
app.get('/wait', (request, reply) => { replies.push(reply); });
`,
      errors: [{ messageId: 'storesContext' }],
    },
    // the Node request behind request.raw
    {
      code: `
import Fastify from 'fastify';
import type { IncomingMessage } from 'node:http';
let raw: IncomingMessage | undefined;
const app = Fastify();
app.addHook('onRequest', async request => { raw = request.raw; });
`,
      errors: [{ messageId: 'storesContext' }],
    },
    {
      code: `
import Fastify from 'fastify';
const app = Fastify();
app.addHook('preHandler', async request => { (global as any).user = request.user; });
declare module 'fastify' { interface FastifyRequest { user?: { id: string } } }
`,
      errors: [{ messageId: 'storesRequestData' }],
    },
    {
      code: `
import Fastify from 'fastify';
const context = { requestId: '' };
const app = Fastify();
app.addHook('onRequest', async request => { context.requestId = request.id; });
`,
      errors: [{ messageId: 'storesRequestData' }],
    },
    // a service object instantiated once for the app
    {
      code: `
import Fastify, { type FastifyRequest } from 'fastify';
class Auth { user?: unknown; check(request: FastifyRequest) { this.user = request.body; } }
const auth = new Auth();
const app = Fastify();
app.addHook('preHandler', async request => auth.check(request));
`,
      errors: [{ messageId: 'storesRequestData' }],
    },
    {
      code: `
import Fastify, { type FastifyRequest } from 'fastify';
const byId: Record<string, FastifyRequest> = {};
const app = Fastify();
app.addHook('onRequest', async request => { byId[request.id] = request; });
`,
      errors: [{ messageId: 'storesContext' }],
    },
  ],
};
