import Koa from 'koa';
import { PassThrough } from 'node:stream';

const app = new Koa();

app.use(async (ctx, next) => {
  if (ctx.path !== '/events') return next();
  const stream = new PassThrough();
  ctx.type = 'text/event-stream';
  ctx.body = stream;
  // BUG(require-abort-handling): the interval writes to the body stream after the client left.
  setInterval(() => stream.write(': ping\n\n'), 15_000);
});

app.use(async (ctx, next) => {
  if (ctx.path !== '/events-cleared') return next();
  const stream = new PassThrough();
  ctx.type = 'text/event-stream';
  ctx.body = stream;
  const keepAlive = setInterval(() => stream.write(': ping\n\n'), 15_000);
  // OK: Koa destroys the body stream when the client leaves.
  stream.on('close', () => clearInterval(keepAlive));
});

export default app;
