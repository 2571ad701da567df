// Request state kept where every request sees it (context-escape/no-shared-request-state).
import Koa from 'koa';

const app = new Koa();

app.use(async (ctx, next) => {
  // BUG(no-shared-request-state): app.context is the prototype of every request's ctx.
  app.context.user = ctx.get('x-user');
  // OK(no-shared-request-state): ctx.state is this request's own store.
  ctx.state.user = ctx.get('x-user');
  await next();
});

export default app;
