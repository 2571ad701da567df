import type { ExecutionContext, Request } from '@cloudflare/workers-types';

import { archive, log, track } from '../lib/services.js';

interface Env {
  ANALYTICS_URL: string;
}

export default {
  async fetch(request: Request, env: Env, ctx: ExecutionContext): Promise<Response> {
    const url = new URL(request.url);

    if (url.pathname === '/beacon') {
      // BUG: floating work is cancelled when the response is done, and it still reads `request`.
      fetch(env.ANALYTICS_URL, { method: 'POST' }).then(() => log('beacon sent', { ua: request.headers.get('user-agent') }));
      return new Response(null, { status: 204 });
    }

    if (url.pathname === '/upload') {
      // BUG: waitUntil keeps the work alive, but the request body can no longer be read after the response.
      ctx.waitUntil(track('upload', { path: url.pathname }).then(async () => archive(url.pathname, await request.text())));
      return new Response('accepted', { status: 202 });
    }

    // OK: the path is copied first and the work is registered with waitUntil.
    const path = url.pathname;
    ctx.waitUntil(track('page', { path }));
    // OK: the body is read before responding; only the string goes into the background work.
    const body = request.method === 'POST' ? await request.text() : '';
    ctx.waitUntil(archive(path, body));
    return new Response('ok');
  },
};
