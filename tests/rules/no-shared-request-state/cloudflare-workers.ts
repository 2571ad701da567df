// Cloudflare Workers: an isolate serves many requests concurrently, and I/O
// objects (responses, streams, sockets, clients) belong to the request that
// created them: another request that uses one throws "Cannot perform I/O on
// behalf of a different request".
import type { RunTests } from '@typescript-eslint/rule-tester';

import type { MessageIds, Options } from '../../../src/rules/no-shared-request-state.js';

const WORKERS_CONSEQUENCE = 'another request that uses it throws "Cannot perform I/O on behalf of a different request"';

export const cases: RunTests<MessageIds, Options> = {
  valid: [
    // a client created per request
    `
import type { ExecutionContext, Request } from '@cloudflare/workers-types';
import { Socket } from 'node:net';
interface Env { DB_PORT: number }
export default {
  async fetch(request: Request, env: Env, ctx: ExecutionContext) {
    const client = new Socket();
    client.connect(env.DB_PORT);
    ctx.waitUntil(new Promise(resolve => client.end(resolve)));
    return new Response('ok');
  },
};
`,
    // plain data cached by key
    `
import type { ExecutionContext, Request } from '@cloudflare/workers-types';
declare function load(url: string): Promise<string>;
const cache = new Map<string, string>();
export default {
  async fetch(request: Request, env: unknown, ctx: ExecutionContext) {
    const text = cache.get(request.url) ?? (await load(request.url));
    cache.set(request.url, text);
    return new Response(text);
  },
};
`,
    // the Cache API stores a copy, not the request's object
    `
import type { ExecutionContext, Request } from '@cloudflare/workers-types';
export default {
  async fetch(request: Request, env: unknown, ctx: ExecutionContext) {
    const cache = await caches.open('pages');
    const response = new Response('hello');
    ctx.waitUntil(cache.put(request.url, response.clone()));
    return response;
  },
};
`,
    // a counter
    `
import type { ExecutionContext, Request } from '@cloudflare/workers-types';
let served = 0;
export default {
  async fetch(request: Request, env: unknown, ctx: ExecutionContext) {
    served++;
    return new Response(String(served));
  },
};
`,
    // a module-level value built at start-up
    `
const encoder = new TextEncoder();
let banner = encoder.encode('hello');
export default { async fetch() { return new Response(banner); } };
`,
    // a map built per request
    `
import type { ExecutionContext, Request } from '@cloudflare/workers-types';
export default {
  async fetch(request: Request, env: unknown, ctx: ExecutionContext) {
    const seen = new Map<string, Response>();
    seen.set(request.url, new Response('x'));
    return seen.get(request.url)!;
  },
};
`,
    // a user class created during the request is plain data, not I/O
    `
import type { ExecutionContext, Request } from '@cloudflare/workers-types';
class Stats { count = 0; }
let stats: Stats | undefined;
export default {
  async fetch(request: Request, env: unknown, ctx: ExecutionContext) {
    stats ??= new Stats();
    stats.count++;
    return new Response(String(stats.count));
  },
};
`,
    // open WebSockets tracked and removed on close
    `
import type { ExecutionContext, Request } from '@cloudflare/workers-types';
const sockets = new Set<WebSocket>();
export default {
  async fetch(request: Request, env: unknown, ctx: ExecutionContext) {
    const pair = new WebSocketPair();
    const server = pair[1];
    server.accept();
    sockets.add(server as unknown as WebSocket);
    server.addEventListener('close', () => sockets.delete(server as unknown as WebSocket));
    return new Response(null, { status: 101, webSocket: pair[0] });
  },
};
`,
  ],
  invalid: [
    // a database client created lazily during the first request
    {
      code: `
import type { ExecutionContext, Request } from '@cloudflare/workers-types';
import { Socket } from 'node:net';
interface Env { DB_PORT: number }
let client: Socket | undefined;
export default {
  async fetch(request: Request, env: Env, ctx: ExecutionContext) {
    client ??= new Socket();
    client.connect(env.DB_PORT);
    return new Response('ok');
  },
};
`,
      errors: [
        {
          messageId: 'storesRequestBound',
          data: {
            value: '`new Socket()`',
            what: 'an I/O object of Cloudflare Workers',
            storage: 'module-scope `client`',
            consequence: WORKERS_CONSEQUENCE,
          },
        },
      ],
    },
    // a cached Response
    {
      code: `
import type { ExecutionContext, Request } from '@cloudflare/workers-types';
let cached: Response | undefined;
export default {
  async fetch(request: Request, env: unknown, ctx: ExecutionContext) {
    cached ??= await fetch('https://example.com/config');
    return cached.clone();
  },
};
`,
      errors: [{ messageId: 'storesRequestBound' }],
    },
    // a Response kept in a module-level Map
    {
      code: `
import type { ExecutionContext, Request } from '@cloudflare/workers-types';
const responses = new Map<string, Response>();
export default {
  async fetch(request: Request, env: unknown, ctx: ExecutionContext) {
    const response = new Response('page');
    responses.set(request.url, response);
    return response;
  },
};
`,
      errors: [{ messageId: 'storesRequestBound' }],
    },
    // the request itself
    {
      code: `
import type { ExecutionContext, Request } from '@cloudflare/workers-types';
let lastRequest: Request | undefined;
export default {
  async fetch(request: Request, env: unknown, ctx: ExecutionContext) {
    lastRequest = request;
    return new Response('ok');
  },
};
`,
      errors: [
        {
          messageId: 'storesContext',
          data: {
            value: '`request`',
            kind: 'Workers Request',
            storage: 'module-scope `lastRequest`',
            consequence: WORKERS_CONSEQUENCE,
            store: 'local variables of `fetch()`',
          },
        },
      ],
    },
    {
      code: `
import type { ExecutionContext, Request } from '@cloudflare/workers-types';
export default {
  async fetch(request: Request, env: unknown, ctx: ExecutionContext) {
    (globalThis as any).ctx = ctx;
    return new Response('ok');
  },
};
`,
      errors: [{ messageId: 'storesContext' }],
    },
    // a stream
    {
      code: `
import type { ExecutionContext, Request } from '@cloudflare/workers-types';
let body: ReadableStream | null = null;
export default {
  async fetch(request: Request, env: unknown, ctx: ExecutionContext) {
    const upstream = await fetch('https://example.com/feed');
    body = upstream.body;
    return new Response('ok');
  },
};
`,
      errors: [{ messageId: 'storesRequestBound' }],
    },
    // request data in a single slot
    {
      code: `
import type { ExecutionContext, Request } from '@cloudflare/workers-types';
let country: unknown;
export default {
  async fetch(request: Request, env: unknown, ctx: ExecutionContext) {
    country = request.cf?.country;
    return new Response('ok');
  },
};
`,
      errors: [{ messageId: 'storesRequestData' }],
    },
    // a property of a module object
    {
      code: `
import type { ExecutionContext, Request } from '@cloudflare/workers-types';
const state = { auth: '' };
export default {
  async fetch(request: Request, env: unknown, ctx: ExecutionContext) {
    state.auth = request.headers.get('authorization') ?? '';
    return new Response('ok');
  },
};
`,
      errors: [{ messageId: 'storesRequestData' }],
    },
  ],
};
