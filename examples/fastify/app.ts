import Fastify from 'fastify';

import { loadOrder, log, renderInvoice, track } from '../lib/services.js';

const app = Fastify({ logger: true });

app.get<{ Params: { id: string } }>('/orders/:id/invoice', async (request, reply) => {
  const order = await loadOrder(request.params.id);
  // BUG: the async handler resolves with `undefined` first, so Fastify sends an empty 200;
  // this later send only logs "Reply was already sent".
  setTimeout(() => reply.send({ invoice: order.id }), 50);
});

app.post('/events', async (request, reply) => {
  // BUG: `request.ip` read after the response may be `undefined`.
  void track('event', { body: request.body }).then(() => log('tracked', { ip: request.ip }));
  return reply.code(202).send();
});

app.get<{ Params: { id: string } }>('/orders/:id/pdf', async (request, reply) => {
  const order = await loadOrder(request.params.id);
  // OK: `return reply` tells Fastify that the response is sent from the callback.
  renderInvoice(order)
    .then(pdf => reply.type('application/pdf').send(pdf))
    .catch(err => reply.send(err));
  return reply;
});

app.get('/health', async request => {
  // OK: the logger and the id are copied first; they stay usable after the response.
  const logger = request.log;
  const { id } = request;
  setTimeout(() => logger.info({ id }, 'health checked'), 0);
  return { ok: true };
});

export default app;
