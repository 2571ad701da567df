import type { Request } from '@cloudflare/workers-types';

interface Env {
  ORIGIN: string;
}

export const proxy = {
  async fetch(request: Request, env: Env): Promise<Response> {
    const url = new URL(request.url);
    if (url.pathname === '/live') {
      // BUG(require-abort-handling, strict): the origin keeps streaming after the client left.
      return fetch(`${env.ORIGIN}${url.pathname}`, { headers: { accept: 'text/event-stream' } });
    }
    // OK: the request's signal aborts the origin request too.
    return fetch(`${env.ORIGIN}${url.pathname}`, { signal: request.signal as never });
  },
};
