import { Hono } from 'hono';

import { jobs, loadOrder, loadStats, log, renderInvoice, saveOrder, track } from '../lib/services.js';

const app = new Hono();

app.get('/orders/:id', async c => {
  const order = await loadOrder(c.req.param('id'));
  // BUG: the timer fires after the response; `c` belongs to a finished request.
  setTimeout(() => log('order viewed', { id: order.id, referer: c.req.header('referer') }), 0);
  return c.json(order);
});

app.post('/orders', async c => {
  const order = await saveOrder(await c.req.json());
  // BUG: nobody waits for this chain; the header is set on a response that was already sent.
  saveOrder(order).then(saved => c.header('x-order-version', saved.id));
  return c.json(order, 201);
});

app.post('/webhooks/github', async c => {
  const event = c.req.header('x-github-event') ?? 'unknown';
  // BUG: the body is first read after the response was sent, when it is no longer available.
  void track('webhook', { event }).then(async () => log('payload', { body: await c.req.text() }));
  return c.body(null, 202);
});

app.get('/orders/:id/viewed', c => {
  // OK: the values are copied before the timer is scheduled.
  const id = c.req.param('id');
  const referer = c.req.header('referer');
  setTimeout(() => log('order viewed', { id, referer }), 0);
  return c.body(null, 204);
});

app.get('/dashboard/:user', async c => {
  // OK: both promises are joined and awaited before the response.
  const order = loadOrder(c.req.query('last') ?? '').then(o => ({ ...o, locale: c.req.header('accept-language') }));
  const stats = loadStats(c.req.param('user'));
  const [last, counts] = await Promise.all([order, stats]);
  return c.json({ last, counts });
});

app.post('/orders/:id/invoice', async c => {
  // OK: the warning timer is cleared on every path before the handler returns.
  const slow = setTimeout(() => log('slow invoice', { path: c.req.path }), 5_000);
  try {
    // OK: the job is awaited, so it finishes inside the request.
    const invoice = await jobs.add(async () => renderInvoice(await loadOrder(c.req.param('id'))));
    return c.text(invoice ?? '');
  } finally {
    clearTimeout(slow);
  }
});

export default app;
