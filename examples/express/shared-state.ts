// Request state kept where every request sees it (context-escape/no-shared-request-state).
import express, { type Response } from 'express';

import { loadOrder } from '../lib/services.js';

const app = express();
let currentUser: string | undefined;
const clients = new Set<Response>();

app.use((req, res, next) => {
  // BUG(no-shared-request-state): concurrent requests overwrite it before the handler reads it back.
  currentUser = req.get('x-user');
  // OK(no-shared-request-state): res.locals is this request's own store.
  res.locals.user = req.get('x-user');
  next();
});

app.get('/orders/:id', async (req, res) => {
  const order = await loadOrder(req.params.id);
  res.json({ ...order, viewer: currentUser, user: res.locals.user });
});

app.get('/events', (req, res) => {
  // OK(no-shared-request-state): the entry leaves with its request.
  clients.add(res);
  req.on('close', () => clients.delete(res));
});

export default app;
