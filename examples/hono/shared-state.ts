// Request state kept where every request sees it (context-escape/no-shared-request-state).
import { Hono } from 'hono';

const app = new Hono<{ Variables: { tenant: string } }>();
let lastRequest: Request | undefined;
const pages = new Map<string, string>();

app.use(async (c, next) => {
  // BUG(no-shared-request-state): the platform request outlives its request here.
  lastRequest = c.req.raw;
  // OK(no-shared-request-state): c.set() is this request's own store.
  c.set('tenant', c.req.header('x-tenant') ?? '');
  await next();
});

app.get('/pages/:name', c => {
  // OK(no-shared-request-state): a cache keyed by a value.
  pages.set(c.req.param('name'), `<h1>${c.get('tenant')}</h1>`);
  return c.html(pages.get(c.req.param('name')) ?? '');
});

export { app, lastRequest };
