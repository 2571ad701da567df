import { H3, getRequestIP, getRouterParam, readBody, type H3Event } from 'h3';

import { archive, loadOrder, loadStats, log, saveOrder, track, type Order } from '../lib/services.js';

const app = new H3();

app.get('/orders/:id', async event => {
  const order = await loadOrder(getRouterParam(event, 'id') ?? '');
  // BUG: floating work that carries the whole event past the response.
  trackView(event, order);
  return order;
});

app.post('/orders', async event => {
  const order = await saveOrder((await readBody<Order>(event)) ?? { id: '', userId: '', total: 0 });
  // BUG: waitUntil keeps the work alive, but the raw body is gone after the response.
  event.waitUntil(track('order', { id: order.id }).then(async () => archive(order.id, await event.req.text())));
  return order;
});

app.post('/orders/import', async event => {
  // OK: the body and the client address are read before responding.
  const body = (await readBody<Order[]>(event)) ?? [];
  const ip = getRequestIP(event) ?? 'unknown';
  event.waitUntil(Promise.all(body.map(saveOrder)).then(() => log('import', { ip, count: body.length })));
  return { queued: body.length };
});

async function trackView(event: H3Event, order: Order): Promise<void> {
  const stats = await loadStats(order.userId);
  await track('order.viewed', { id: order.id, orders: stats.orders, ip: getRequestIP(event) });
}

export default app;
