import path from 'node:path';
import { describe, expect, it } from 'vitest';

import { FIXTURES } from './util/rule-tester.js';
import { createTypedESLint, ruleConfig } from './util/typed-eslint.js';

// What a person reads in the editor or in CI: the whole rendered message.
const eslint = createTypedESLint(FIXTURES, ruleConfig('no-escaping-context'));

async function messagesOf(code: string, fileName = 'file.ts'): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(FIXTURES, fileName) });
  return result.messages.map(message => message.message);
}

describe('messages', () => {
  it('names the variable, its framework type and the sink', async () => {
    expect(
      await messagesOf(`import { Hono } from 'hono';
new Hono().get('/', c => {
  setTimeout(() => console.log(c.req.header('user-agent')), 10);
  return c.text('ok');
});`),
    ).toEqual([
      '`c` (Hono Context) is used inside a setTimeout callback that runs after the request may have ended. Copy what you need before scheduling it.',
    ]);
  });

  it('explains why a late write cannot be fixed by copying', async () => {
    expect(
      await messagesOf(`import Koa from 'koa';
new Koa().use(async ctx => {
  setTimeout(() => { ctx.body = 'late'; }, 10);
});`),
    ).toEqual([
      '`ctx` (Koa Context) is written inside a setTimeout callback, which runs after the response may have been sent: the write fails or is silently lost, and copying cannot fix that. Send the response before the handler finishes, or await the work.',
    ]);
  });

  it('says why live state is not copied, and that reading it late is safe', async () => {
    expect(
      await messagesOf(`import Fastify from 'fastify';
Fastify().get('/report', async (request, reply) => {
  setTimeout(() => {
    if (!reply.sent) console.log('slow');
  }, 5000);
  return { ok: true };
});`),
    ).toEqual([
      '`reply` (Fastify reply) is used inside a setTimeout callback that runs after the request may have ended. `reply.sent` is live state that changes while the request is served: this code means to read it when the work runs, so it is not copied (reading it late is safe). Copy the other values before scheduling the work, and stop the work when the response finishes so that it does not hold `reply`.',
    ]);
  });

  it('explains a Koa next() left floating', async () => {
    expect(
      await messagesOf(`import Koa from 'koa';
new Koa().use(async (ctx, next) => {
  next();
});`),
    ).toEqual([
      '`next()` (Koa next()) is called without `await` or `return`: this middleware settles first, so the response is sent while the downstream middleware still run and use the request; their writes are lost (often after a 404). Await it or return its promise.',
    ]);
  });

  it('tells Lambda users to await rather than copy', async () => {
    expect(
      await messagesOf(`import type { Context, Handler } from 'aws-lambda';
declare function sendMetric(context: Context): Promise<void>;
export const handler: Handler = async (event, context) => {
  sendMetric(context);
  return { statusCode: 200 };
};`),
    ).toEqual([
      '`context` (AWS Lambda Context) is held by the floating promise of sendMetric(), which can outlive the invocation: Lambda freezes the process when the handler returns and the work resumes during a later invocation. Await the work before returning.',
    ]);
  });

  it('explains the uWS first-await rule', async () => {
    expect(
      await messagesOf(`import { App } from 'uWebSockets.js';
App().get('/*', async (res, req) => {
  let aborted = false;
  res.onAborted(() => {
    aborted = true;
  });
  await Promise.resolve();
  if (!aborted) res.end(req.getUrl());
});`),
    ).toEqual([
      "`req` (uWS HttpRequest) is used after the handler's first `await`; it is only valid until the handler first awaits or returns. Read what you need before the first `await`.",
    ]);
  });

  it('explains request APIs inside after() in a Server Component', async () => {
    expect(
      await messagesOf(
        `import { after } from 'next/server';
import { cookies } from 'next/headers';
export default async function Page() {
  after(async () => console.log((await cookies()).get('session')));
  return null;
}`,
        'app/page.tsx',
      ),
    ).toEqual([
      '`cookies()` (Next.js request API) is called inside an after() callback, after the request scope may have ended; in a Server Component it throws. Call it before scheduling the work and pass the value in.',
    ]);
  });
  it('names what a helper does with the context after its first await', async () => {
    expect(
      await messagesOf(`import { Hono, type Context } from 'hono';
async function ping(c: Context, url: string) {
  await fetch(url);
  console.log(c.req.raw.url);
}
new Hono().get('/', c => {
  c.executionCtx.waitUntil(ping(c, 'https://status.example.com'));
  return c.text('ok');
});`),
    ).toEqual([
      '`c` (Hono Context) is passed to work registered with waitUntil(), and `ping()` reads `c.req.raw.url` after its first `await`, when the request may have ended. Read what it needs before the work is deferred and pass those values instead.',
    ]);
  });

  it('says that an abort handler must record the abort for later writes', async () => {
    expect(
      await messagesOf(`import { App } from 'uWebSockets.js';
declare function load(): Promise<string>;
App().get('/', async res => {
  res.onAborted(() => console.log('aborted'));
  const body = await load();
  res.end(body);
});`),
    ).toEqual([
      "`res` (uWS HttpResponse) is written after the function's first `await` without checking that the request was aborted meanwhile: an abort handler that does not record the abort does not make later writes safe, and writing an aborted response throws. Set a flag in the abort handler and check it before writing.",
    ]);
  });
});
