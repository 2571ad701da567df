import { Elysia } from 'elysia';

import { loadOrder, log, saveOrder, type Order } from '../lib/services.js';

export const app = new Elysia()
  .post('/orders', ({ body, set }) => {
    // BUG: Elysia built the response when the handler returned; this status change is lost.
    setTimeout(() => {
      set.status = 202;
    }, 0);
    return saveOrder(body as Order);
  })
  .get('/orders/:id', async ({ params, request }) => {
    const order = await loadOrder(params.id);
    // BUG: the raw request is read after the response, when lazily loaded fields may be gone.
    setTimeout(() => log('viewed', { url: request.url, id: order.id }), 0);
    return order;
  })
  .get('/orders/:id/receipt', async ({ params, headers }) => {
    // OK: the parsed params and headers are plain objects, still readable after the response.
    const order = await loadOrder(params.id);
    setTimeout(() => log('receipt', { id: params.id, lang: headers['accept-language'], total: order.total }), 0);
    return order;
  });
