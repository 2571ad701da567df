// Request state kept where every request sees it (context-escape/no-shared-request-state).
import Fastify from 'fastify';

declare module 'fastify' {
  interface FastifyRequest {
    tenant?: string;
  }
}

const app = Fastify();
const context = { tenant: '' };
app.decorateRequest('tenant', undefined);

app.addHook('onRequest', async request => {
  // BUG(no-shared-request-state): one slot for every request in flight.
  context.tenant = String(request.headers['x-tenant']);
  // OK(no-shared-request-state): a request decoration is per request.
  request.tenant = String(request.headers['x-tenant']);
});

export { app, context };
