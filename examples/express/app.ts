import express from 'express';
import { readFile } from 'node:fs';

import { loadOrder, log, orderEvents, saveOrder, type Order } from '../lib/services.js';

const app = express();
app.use(express.json());

app.post('/orders', (req, res) => {
  res.status(202).json({ accepted: true });
  // BUG: a second response from a timer: throws ERR_HTTP_HEADERS_SENT and crashes the process.
  setTimeout(() => res.json({ done: true }), 1_000);
});

app.post('/orders/:id/pay', async (req, res) => {
  const order = await loadOrder(req.params.id);
  res.json(order);
  // BUG: `req.ip` read after the connection may be closed is `undefined`.
  setImmediate(() => log('payment', { order: order.id, ip: req.ip }));
});

app.get('/orders/stream', (req, res) => {
  res.setHeader('content-type', 'text/event-stream');
  // BUG: the listener outlives the client; it keeps writing to a closed response.
  orderEvents.on('updated', order => res.write(`data: ${JSON.stringify(order)}\n\n`));
});

app.get('/orders/slow', (req, res) => {
  // OK: the timer sends the first and only response; Express keeps the request open until then.
  setTimeout(() => res.json({ ready: true }), 500);
});

app.get('/invoices/:id', (req, res, next) => {
  // OK: the callback produces the response, Express waits for it.
  readFile(`invoices/${req.params.id}.pdf`, (err, pdf) => {
    if (err) return next(err);
    res.type('pdf').send(pdf);
  });
});

app.get('/orders/live', (req, res) => {
  res.setHeader('content-type', 'text/event-stream');
  // OK: the heartbeat and the listener are both removed when the client goes away.
  const heartbeat = setInterval(() => res.write(': ping\n\n'), 15_000);
  const onUpdate = (order: Order): void => void res.write(`data: ${JSON.stringify(order)}\n\n`);
  orderEvents.on('updated', onUpdate);
  req.on('close', () => {
    clearInterval(heartbeat);
    orderEvents.off('updated', onUpdate);
  });
});

app.get('/orders/:id', (req, res, next) => {
  // OK: the promise chain sends the first and only response; errors go to Express.
  loadOrder(req.params.id)
    .then(order => res.json(order))
    .catch(next);
});

app.put('/orders/:id', async (req, res) => {
  const order = await saveOrder({ ...req.body, id: req.params.id });
  // OK: listeners on the response itself end with the request.
  res.on('finish', () => log('saved', { id: order.id, status: res.statusCode, path: req.path }));
  // OK: copied before the timer.
  const { ip } = req;
  setImmediate(() => log('order updated', { id: order.id, ip }));
  res.json(order);
});

export default app;
