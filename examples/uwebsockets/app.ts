import { App } from 'uWebSockets.js';

import { loadOrder, log } from '../lib/services.js';

const app = App();

app.get('/orders/:id', async (res, req) => {
  let aborted = false;
  res.onAborted(() => {
    aborted = true;
  });
  const order = await loadOrder(req.getParameter(0) ?? '');
  // BUG: `req` is only valid until the handler's first `await`; this throws.
  if (!aborted) res.cork(() => res.end(JSON.stringify({ ...order, lang: req.getHeader('accept-language') })));
});

app.get('/orders/:id/status', async (res, req) => {
  const id = req.getParameter(0) ?? '';
  const order = await loadOrder(id);
  // BUG: no `onAborted` handler: if the client disconnected during the await, touching `res` aborts the process.
  res.end(JSON.stringify({ id: order.id, total: order.total }));
});

app.get('/orders/:id/summary', async (res, req) => {
  // OK: abort handler first, every header copied before the first `await`, writes guarded.
  let aborted = false;
  res.onAborted(() => {
    aborted = true;
  });
  const id = req.getParameter(0) ?? '';
  const lang = req.getHeader('accept-language');
  const order = await loadOrder(id);
  if (!aborted) res.cork(() => res.end(JSON.stringify({ ...order, lang })));
});

app.listen(9001, socket => log('listening', { ok: socket !== false }));
