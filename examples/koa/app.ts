import Koa from 'koa';
import { readFile } from 'node:fs';

import { loadOrder, log, sleep, track } from '../lib/services.js';

const app = new Koa();

// Response-time logging middleware.
app.use(async (ctx, next) => {
  const started = Date.now();
  await next();
  // BUG: nothing waits for this promise; `ctx` is handed to work that runs after the response.
  recordTiming(ctx, Date.now() - started);
  // OK: only plain values travel into the promise.
  void track('request', { path: ctx.path, status: ctx.status, ms: Date.now() - started });
});

app.use(async (ctx, next) => {
  if (ctx.path !== '/reports') return next();
  // BUG: Koa has already answered 404 when the timer sets the body.
  setTimeout(() => {
    ctx.body = { report: 'ready' };
  }, 100);
});

app.use(async (ctx, next) => {
  if (ctx.path !== '/reports/v2') return next();
  // OK: the middleware awaits the timer, so Koa answers only after the body is set.
  await new Promise<void>(resolve =>
    setTimeout(() => {
      ctx.body = { report: 'ready' };
      resolve();
    }, 100),
  );
});

app.use(async (ctx, next) => {
  if (ctx.path !== '/terms') return next();
  // BUG: the error-first callback runs after the middleware resolved; the body is lost.
  readFile('terms.txt', 'utf8', (err, text) => {
    ctx.body = err ? 'unavailable' : text;
  });
});

app.use(async ctx => {
  // OK: awaiting the work keeps the request open until the body is set.
  await sleep(100);
  ctx.body = await loadOrder(String(ctx.query.id));
  // OK: values copied before the deferral.
  const { ip, path } = ctx;
  setImmediate(() => log('served', { ip, path }));
});

async function recordTiming(ctx: Koa.Context, ms: number): Promise<void> {
  await track('timing', { path: ctx.path, ms });
  if (ms > 1_000) log('slow request', { path: ctx.path, ip: ctx.ip });
}

export default app;
