// require-abort-handling: streaming work that keeps running after the client
// disconnected. One suite per framework with a streaming API, with the real
// typings: loops writing to a stream without a disconnect check, repeating
// timers never cleared when the client leaves, and upstream requests whose
// response is forwarded without the request's signal.
import path from 'node:path';
import { describe, expect, it } from 'vitest';

import plugin from '../../src/index.js';
import rule from '../../src/rules/require-abort-handling.js';
import { createTypedRuleTester, FIXTURES } from '../util/rule-tester.js';
import { createTypedESLint, ruleConfig } from '../util/typed-eslint.js';

const ruleTester = createTypedRuleTester();

describe('Hono (hono/streaming)', () => {
  ruleTester.run('require-abort-handling', rule, {
    valid: [
      // The loop stops once the client is gone
      `
import { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
declare function nextPrice(): Promise<number>;
const app = new Hono();
app.get('/prices', c =>
  streamSSE(c, async stream => {
    while (!stream.aborted) {
      await stream.writeSSE({ data: String(await nextPrice()) });
      await stream.sleep(1000);
    }
  }),
);
`,
      // An onAbort handler that stops the loop
      `
import { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
const app = new Hono();
app.get('/ticks', c =>
  streamSSE(c, async stream => {
    let open = true;
    stream.onAbort(() => {
      open = false;
    });
    while (open) {
      await stream.writeSSE({ data: 'tick' });
      await stream.sleep(1000);
    }
  }),
);
`,
      // The abort flag checked inside the loop, with a break
      `
import { Hono } from 'hono';
import { streamText } from 'hono/streaming';
const app = new Hono();
app.get('/log', c =>
  streamText(c, async stream => {
    for (;;) {
      if (stream.aborted) break;
      await stream.writeln('line');
      await stream.sleep(500);
    }
  }),
);
`,
      // A loop that ends with its data
      `
import { Hono } from 'hono';
import { stream } from 'hono/streaming';
declare const reader: ReadableStreamDefaultReader<Uint8Array>;
const app = new Hono();
app.get('/file', c =>
  stream(c, async s => {
    while (true) {
      const { done, value } = await reader.read();
      if (done) break;
      await s.write(value);
    }
  }),
);
`,
      // Bounded: a for…of over a finite collection
      `
import { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
declare const items: string[];
const app = new Hono();
app.get('/items', c =>
  streamSSE(c, async stream => {
    for (const item of items) await stream.writeSSE({ data: item });
  }),
);
`,
      // An endless loop that writes to something other than a response
      `
declare function tick(): Promise<void>;
const lines: string[] = [];
export async function worker() {
  while (true) {
    lines.push('tick');
    await tick();
  }
}
`,
      // A keep-alive cleared when the client leaves
      `
import { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
declare function pump(stream: unknown): Promise<void>;
const app = new Hono();
app.get('/events', c =>
  streamSSE(c, async stream => {
    const keepAlive = setInterval(() => stream.writeSSE({ event: 'ping', data: '' }), 15000);
    stream.onAbort(() => clearInterval(keepAlive));
    await pump(stream);
  }),
);
`,
      // A keep-alive cleared in a finally block
      `
import { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
declare function pump(stream: unknown): Promise<void>;
const app = new Hono();
app.get('/events', c =>
  streamSSE(c, async stream => {
    const keepAlive = setInterval(() => stream.writeSSE({ event: 'ping', data: '' }), 15000);
    try {
      await pump(stream);
    } finally {
      clearInterval(keepAlive);
    }
  }),
);
`,
      // A proxy given the request's signal
      `
import { Hono } from 'hono';
const app = new Hono();
app.get('/proxy/*', async c => {
  const upstream = await fetch('https://origin.example' + c.req.path, { signal: c.req.raw.signal });
  return new Response(upstream.body, upstream);
});
`,
      // The request's signal combined with a timeout
      `
import { Hono } from 'hono';
const app = new Hono();
app.get('/proxy/*', c =>
  fetch('https://origin.example' + c.req.path, {
    signal: AbortSignal.any([c.req.raw.signal, AbortSignal.timeout(10_000)]),
  }),
);
`,
      // Forwarding the request itself carries its signal
      `
import { Hono } from 'hono';
const app = new Hono();
app.all('/api/*', c => fetch(new Request('https://origin.example' + c.req.path, c.req.raw)));
`,
      // Short non-streaming work: the upstream body is read, not forwarded
      `
import { Hono } from 'hono';
const app = new Hono();
app.get('/user/:id', async c => {
  const upstream = await fetch('https://users.example/' + c.req.param('id'));
  return c.json(await upstream.json());
});
`,
      // A helper outside any request handler
      `
export async function download(url: string) {
  return fetch(url);
}
`,
    ],
    invalid: [
      // The Hono SSE example before it checked stream.aborted
      {
        code: `
import { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
declare function nextPrice(): Promise<number>;
const app = new Hono();
app.get('/prices', c =>
  streamSSE(c, async stream => {
    while (true) {
      await stream.writeSSE({ data: String(await nextPrice()) });
      await stream.sleep(1000);
    }
  }),
);
`,
        errors: [{ messageId: 'loopWithoutAbortCheck', line: 8, endLine: 8 }],
        output: `
import { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
declare function nextPrice(): Promise<number>;
const app = new Hono();
app.get('/prices', c =>
  streamSSE(c, async stream => {
    while (!stream.aborted) {
      await stream.writeSSE({ data: String(await nextPrice()) });
      await stream.sleep(1000);
    }
  }),
);
`,
      },
      // for (;;) with streamText
      {
        code: `
import { Hono } from 'hono';
import { streamText } from 'hono/streaming';
declare function poll(): Promise<string>;
const app = new Hono();
app.get('/tail', c =>
  streamText(c, async stream => {
    for (;;) {
      await stream.writeln(await poll());
    }
  }),
);
`,
        errors: [{ messageId: 'loopWithoutAbortCheck' }],
        output: `
import { Hono } from 'hono';
import { streamText } from 'hono/streaming';
declare function poll(): Promise<string>;
const app = new Hono();
app.get('/tail', c =>
  streamText(c, async stream => {
    for (; !stream.aborted;) {
      await stream.writeln(await poll());
    }
  }),
);
`,
      },
      // do … while (true) with stream()
      {
        code: `
import { Hono } from 'hono';
import { stream } from 'hono/streaming';
declare function chunk(): Promise<Uint8Array>;
const app = new Hono();
app.get('/bytes', c =>
  stream(c, async s => {
    do {
      await s.write(await chunk());
    } while (true);
  }),
);
`,
        errors: [{ messageId: 'loopWithoutAbortCheck', line: 10 }],
        output: `
import { Hono } from 'hono';
import { stream } from 'hono/streaming';
declare function chunk(): Promise<Uint8Array>;
const app = new Hono();
app.get('/bytes', c =>
  stream(c, async s => {
    do {
      await s.write(await chunk());
    } while (!s.aborted);
  }),
);
`,
      },
      // A condition that never changes: reported, but not rewritten
      {
        code: `
import { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
const app = new Hono();
app.get('/ticks', c =>
  streamSSE(c, async stream => {
    let running = true;
    while (running) {
      await stream.writeSSE({ data: 'tick' });
      await stream.sleep(1000);
    }
  }),
);
`,
        errors: [{ messageId: 'loopWithoutAbortCheck' }],
      },
      // onAbort registered, but it does not stop the loop
      {
        code: `
import { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
declare function log(message: string): void;
const app = new Hono();
app.get('/ticks', c =>
  streamSSE(c, async stream => {
    stream.onAbort(() => log('client left'));
    while (true) {
      await stream.writeSSE({ data: 'tick' });
      await stream.sleep(1000);
    }
  }),
);
`,
        errors: [{ messageId: 'loopWithoutAbortCheck' }],
        output: `
import { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
declare function log(message: string): void;
const app = new Hono();
app.get('/ticks', c =>
  streamSSE(c, async stream => {
    stream.onAbort(() => log('client left'));
    while (!stream.aborted) {
      await stream.writeSSE({ data: 'tick' });
      await stream.sleep(1000);
    }
  }),
);
`,
      },
      // A keep-alive never cleared
      {
        code: `
import { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
declare function pump(stream: unknown): Promise<void>;
const app = new Hono();
app.get('/events', c =>
  streamSSE(c, async stream => {
    const keepAlive = setInterval(() => stream.writeSSE({ event: 'ping', data: '' }), 15000);
    await pump(stream);
  }),
);
`,
        errors: [
          {
            messageId: 'timerWithoutAbortCleanup',
            suggestions: [
              {
                messageId: 'suggestClearOnAbort',
                output: `
import { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
declare function pump(stream: unknown): Promise<void>;
const app = new Hono();
app.get('/events', c =>
  streamSSE(c, async stream => {
    const keepAlive = setInterval(() => stream.writeSSE({ event: 'ping', data: '' }), 15000);
    stream.onAbort(() => clearInterval(keepAlive));
    await pump(stream);
  }),
);
`,
              },
            ],
          },
        ],
      },
      // A keep-alive whose handle is not even kept
      {
        code: `
import { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
declare function pump(stream: unknown): Promise<void>;
const app = new Hono();
app.get('/events', c =>
  streamSSE(c, async stream => {
    setInterval(async () => {
      await stream.writeSSE({ event: 'ping', data: '' });
    }, 15000);
    await pump(stream);
  }),
);
`,
        errors: [
          {
            messageId: 'timerWithoutAbortCleanup',
            suggestions: [
              {
                messageId: 'suggestClearOnAbort',
                output: `
import { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
declare function pump(stream: unknown): Promise<void>;
const app = new Hono();
app.get('/events', c =>
  streamSSE(c, async stream => {
    const timer = setInterval(async () => {
      await stream.writeSSE({ event: 'ping', data: '' });
    }, 15000);
    stream.onAbort(() => clearInterval(timer));
    await pump(stream);
  }),
);
`,
              },
            ],
          },
        ],
      },
      // A proxy that streams the upstream body without the request's signal
      {
        code: `
import { Hono } from 'hono';
const app = new Hono();
app.get('/proxy/*', async c => {
  const upstream = await fetch('https://origin.example' + c.req.path);
  return new Response(upstream.body, upstream);
});
`,
        errors: [
          {
            messageId: 'upstreamWithoutSignal',
            data: { call: 'fetch', signal: 'c.req.raw.signal' },
            suggestions: [
              {
                messageId: 'suggestPassSignal',
                output: `
import { Hono } from 'hono';
const app = new Hono();
app.get('/proxy/*', async c => {
  const upstream = await fetch('https://origin.example' + c.req.path, { signal: c.req.raw.signal });
  return new Response(upstream.body, upstream);
});
`,
              },
            ],
          },
        ],
      },
      // Returned directly, with options but no signal
      {
        code: `
import { Hono } from 'hono';
const app = new Hono();
app.get('/feed', c => fetch('https://origin.example/feed', { headers: { accept: 'text/event-stream' } }));
`,
        errors: [
          {
            messageId: 'upstreamWithoutSignal',
            suggestions: [
              {
                messageId: 'suggestPassSignal',
                output: `
import { Hono } from 'hono';
const app = new Hono();
app.get('/feed', c => fetch('https://origin.example/feed', { headers: { accept: 'text/event-stream' }, signal: c.req.raw.signal }));
`,
              },
            ],
          },
        ],
      },
      // Only a timeout: the client leaving does not abort it
      {
        code: `
import { Hono } from 'hono';
const app = new Hono();
app.get('/feed', c => fetch('https://origin.example/feed', { signal: AbortSignal.timeout(30_000) }));
`,
        errors: [
          {
            messageId: 'upstreamWithoutSignal',
            suggestions: [
              {
                messageId: 'suggestPassSignal',
                output: `
import { Hono } from 'hono';
const app = new Hono();
app.get('/feed', c => fetch('https://origin.example/feed', { signal: AbortSignal.any([c.req.raw.signal, AbortSignal.timeout(30_000)]) }));
`,
              },
            ],
          },
        ],
      },
      // Piped into a Hono stream
      {
        code: `
import { Hono } from 'hono';
import { stream } from 'hono/streaming';
const app = new Hono();
app.get('/relay', c =>
  stream(c, async s => {
    const upstream = await fetch('https://origin.example/relay');
    if (upstream.body) await s.pipe(upstream.body);
  }),
);
`,
        errors: [
          {
            messageId: 'upstreamWithoutSignal',
            data: { call: 'fetch', signal: 'c.req.raw.signal' },
            suggestions: [
              {
                messageId: 'suggestPassSignal',
                output: `
import { Hono } from 'hono';
import { stream } from 'hono/streaming';
const app = new Hono();
app.get('/relay', c =>
  stream(c, async s => {
    const upstream = await fetch('https://origin.example/relay', { signal: c.req.raw.signal });
    if (upstream.body) await s.pipe(upstream.body);
  }),
);
`,
              },
            ],
          },
        ],
      },
    ],
  });
});

describe('Express and Node http', () => {
  ruleTester.run('require-abort-handling', rule, {
    valid: [
      // The loop checks whether the response was destroyed
      `
import express from 'express';
declare function sleep(ms: number): Promise<void>;
const app = express();
app.get('/events', async (req, res) => {
  res.writeHead(200, { 'content-type': 'text/event-stream' });
  while (!res.destroyed) {
    res.write('data: tick\\n\\n');
    await sleep(1000);
  }
});
`,
      // A flag set on close
      `
import express from 'express';
declare function sleep(ms: number): Promise<void>;
const app = express();
app.get('/events', async (req, res) => {
  let closed = false;
  req.on('close', () => {
    closed = true;
  });
  while (!closed) {
    res.write('data: tick\\n\\n');
    await sleep(1000);
  }
});
`,
      // A timer writing \`res\` belongs to no-escaping-context (writesRepeatedly)
      `
import express from 'express';
const app = express();
app.get('/events', (req, res) => {
  setInterval(() => res.write('data: tick\\n\\n'), 1000);
});
`,
      // A proxy aborted on close
      `
import express from 'express';
import { Readable } from 'node:stream';
const app = express();
app.get('/proxy', async (req, res) => {
  const controller = new AbortController();
  req.on('close', () => controller.abort());
  const upstream = await fetch('https://origin.example/feed', { signal: controller.signal });
  Readable.fromWeb(upstream.body as never).pipe(res);
});
`,
    ],
    invalid: [
      {
        code: `
import express from 'express';
declare function sleep(ms: number): Promise<void>;
const app = express();
app.get('/events', async (req, res) => {
  res.writeHead(200, { 'content-type': 'text/event-stream' });
  while (true) {
    res.write('data: tick\\n\\n');
    await sleep(1000);
  }
});
`,
        errors: [
          {
            messageId: 'loopWithoutAbortCheck',
            data: { stream: 'a Node response', advice: 'Loop while `!res.destroyed`.' },
            suggestions: [
              {
                messageId: 'suggestAbortCheck',
                output: `
import express from 'express';
declare function sleep(ms: number): Promise<void>;
const app = express();
app.get('/events', async (req, res) => {
  res.writeHead(200, { 'content-type': 'text/event-stream' });
  while (!res.destroyed) {
    res.write('data: tick\\n\\n');
    await sleep(1000);
  }
});
`,
              },
            ],
          },
        ],
      },
      {
        code: `
import http from 'node:http';
declare function sleep(ms: number): Promise<void>;
http.createServer(async (req, res) => {
  for (;;) {
    res.write('data: tick\\n\\n');
    await sleep(1000);
  }
});
`,
        errors: [
          {
            messageId: 'loopWithoutAbortCheck',
            suggestions: [
              {
                messageId: 'suggestAbortCheck',
                output: `
import http from 'node:http';
declare function sleep(ms: number): Promise<void>;
http.createServer(async (req, res) => {
  for (; !res.destroyed;) {
    res.write('data: tick\\n\\n');
    await sleep(1000);
  }
});
`,
              },
            ],
          },
        ],
      },
      // An upstream stream piped to the response, never aborted
      {
        code: `
import express from 'express';
import { Readable } from 'node:stream';
const app = express();
app.get('/proxy', async (req, res) => {
  const upstream = await fetch('https://origin.example/feed');
  Readable.fromWeb(upstream.body as never).pipe(res);
});
`,
        errors: [{ messageId: 'upstreamWithoutCloseHandling', data: { call: 'fetch', emitter: 'req', event: 'close' } }],
      },
    ],
  });
});

describe('Koa', () => {
  ruleTester.run('require-abort-handling', rule, {
    valid: [
      // The body stream's keep-alive is cleared when Koa destroys the stream
      `
import Koa from 'koa';
import { PassThrough } from 'node:stream';
const app = new Koa();
app.use(ctx => {
  const stream = new PassThrough();
  ctx.body = stream;
  const timer = setInterval(() => stream.write('data: tick\\n\\n'), 1000);
  stream.on('close', () => clearInterval(timer));
});
`,
      // A PassThrough that is not the response body
      `
import Koa from 'koa';
import { PassThrough } from 'node:stream';
declare function sleep(ms: number): Promise<void>;
const app = new Koa();
app.use(async ctx => {
  const log = new PassThrough();
  while (true) {
    log.write('tick');
    await sleep(1000);
  }
});
`,
    ],
    invalid: [
      {
        code: `
import Koa from 'koa';
import { PassThrough } from 'node:stream';
const app = new Koa();
app.use(ctx => {
  const stream = new PassThrough();
  ctx.body = stream;
  const timer = setInterval(() => stream.write('data: tick\\n\\n'), 1000);
});
`,
        errors: [
          {
            messageId: 'timerWithoutAbortCleanup',
            data: { stream: 'a response body stream', advice: "Clear it with `stream.on('close', () => clearInterval(timer))`." },
            suggestions: [
              {
                messageId: 'suggestClearOnAbort',
                output: `
import Koa from 'koa';
import { PassThrough } from 'node:stream';
const app = new Koa();
app.use(ctx => {
  const stream = new PassThrough();
  ctx.body = stream;
  const timer = setInterval(() => stream.write('data: tick\\n\\n'), 1000);
  stream.on('close', () => clearInterval(timer));
});
`,
              },
            ],
          },
        ],
      },
      // The raw response with ctx.respond = false
      {
        code: `
import Koa from 'koa';
declare function sleep(ms: number): Promise<void>;
const app = new Koa();
app.use(async ctx => {
  ctx.respond = false;
  ctx.res.writeHead(200, { 'content-type': 'text/event-stream' });
  while (true) {
    ctx.res.write('data: tick\\n\\n');
    await sleep(1000);
  }
});
`,
        errors: [
          {
            messageId: 'loopWithoutAbortCheck',
            suggestions: [
              {
                messageId: 'suggestAbortCheck',
                output: `
import Koa from 'koa';
declare function sleep(ms: number): Promise<void>;
const app = new Koa();
app.use(async ctx => {
  ctx.respond = false;
  ctx.res.writeHead(200, { 'content-type': 'text/event-stream' });
  while (!ctx.res.destroyed) {
    ctx.res.write('data: tick\\n\\n');
    await sleep(1000);
  }
});
`,
              },
            ],
          },
        ],
      },
    ],
  });
});

describe('Koa upstream requests', () => {
  ruleTester.run('require-abort-handling', rule, {
    valid: [],
    invalid: [
      {
        code: `
import Koa from 'koa';
import { Readable } from 'node:stream';
const app = new Koa();
app.use(async ctx => {
  const upstream = await fetch('https://origin.example/feed');
  ctx.body = Readable.fromWeb(upstream.body as never);
});
`,
        errors: [{ messageId: 'upstreamWithoutCloseHandling', data: { call: 'fetch', emitter: 'ctx.req', event: 'close' } }],
      },
    ],
  });
});

describe('Fastify', () => {
  ruleTester.run('require-abort-handling', rule, {
    valid: [
      `
import Fastify from 'fastify';
declare function sleep(ms: number): Promise<void>;
const app = Fastify();
app.get('/events', async (request, reply) => {
  reply.hijack();
  while (!reply.raw.destroyed) {
    reply.raw.write('data: tick\\n\\n');
    await sleep(1000);
  }
});
`,
    ],
    invalid: [
      {
        code: `
import Fastify from 'fastify';
declare function sleep(ms: number): Promise<void>;
const app = Fastify();
app.get('/events', async (request, reply) => {
  reply.hijack();
  while (true) {
    reply.raw.write('data: tick\\n\\n');
    await sleep(1000);
  }
});
`,
        errors: [
          {
            messageId: 'loopWithoutAbortCheck',
            suggestions: [
              {
                messageId: 'suggestAbortCheck',
                output: `
import Fastify from 'fastify';
declare function sleep(ms: number): Promise<void>;
const app = Fastify();
app.get('/events', async (request, reply) => {
  reply.hijack();
  while (!reply.raw.destroyed) {
    reply.raw.write('data: tick\\n\\n');
    await sleep(1000);
  }
});
`,
              },
            ],
          },
        ],
      },
      // A stream sent as the reply, written by a timer nobody clears
      {
        code: `
import Fastify from 'fastify';
import { PassThrough } from 'node:stream';
const app = Fastify();
app.get('/events', (request, reply) => {
  const stream = new PassThrough();
  setInterval(() => stream.write('data: tick\\n\\n'), 1000);
  return reply.send(stream);
});
`,
        errors: [
          {
            messageId: 'timerWithoutAbortCleanup',
            suggestions: [
              {
                messageId: 'suggestClearOnAbort',
                output: `
import Fastify from 'fastify';
import { PassThrough } from 'node:stream';
const app = Fastify();
app.get('/events', (request, reply) => {
  const stream = new PassThrough();
  const timer = setInterval(() => stream.write('data: tick\\n\\n'), 1000);
  stream.on('close', () => clearInterval(timer));
  return reply.send(stream);
});
`,
              },
            ],
          },
        ],
      },
    ],
  });
});

describe('h3 (v2 event streams)', () => {
  ruleTester.run('require-abort-handling', rule, {
    valid: [
      // The h3 documentation's own pattern
      `
import { EventStream, H3 } from 'h3';
const app = new H3();
app.get('/sse', event => {
  const eventStream = new EventStream(event);
  const interval = setInterval(async () => {
    await eventStream.push('Hello world');
  }, 1000);
  eventStream.onClosed(() => clearInterval(interval));
  return eventStream;
});
`,
      // A proxy given event.req.signal
      `
import { H3 } from 'h3';
const app = new H3();
app.get('/proxy', event => fetch('https://origin.example/feed', { signal: event.req.signal }));
`,
    ],
    invalid: [
      {
        code: `
import { EventStream, H3 } from 'h3';
const app = new H3();
app.get('/sse', event => {
  const eventStream = new EventStream(event);
  const interval = setInterval(async () => {
    await eventStream.push('Hello world');
  }, 1000);
  return eventStream;
});
`,
        errors: [
          {
            messageId: 'timerWithoutAbortCleanup',
            suggestions: [
              {
                messageId: 'suggestClearOnAbort',
                output: `
import { EventStream, H3 } from 'h3';
const app = new H3();
app.get('/sse', event => {
  const eventStream = new EventStream(event);
  const interval = setInterval(async () => {
    await eventStream.push('Hello world');
  }, 1000);
  eventStream.onClosed(() => clearInterval(interval));
  return eventStream;
});
`,
              },
            ],
          },
        ],
      },
      {
        code: `
import { EventStream, H3 } from 'h3';
declare function sleep(ms: number): Promise<void>;
const app = new H3();
app.get('/sse', event => {
  const eventStream = new EventStream(event);
  void (async () => {
    while (true) {
      await eventStream.push('tick');
      await sleep(1000);
    }
  })();
  return eventStream;
});
`,
        errors: [
          {
            messageId: 'loopWithoutAbortCheck',
            data: { stream: 'an h3 event stream', advice: 'Set a flag in `eventStream.onClosed(…)` and loop while it is unset.' },
          },
        ],
      },
      {
        code: `
import { H3 } from 'h3';
const app = new H3();
app.get('/proxy', event => fetch('https://origin.example/feed'));
`,
        errors: [
          {
            messageId: 'upstreamWithoutSignal',
            suggestions: [
              {
                messageId: 'suggestPassSignal',
                output: `
import { H3 } from 'h3';
const app = new H3();
app.get('/proxy', event => fetch('https://origin.example/feed', { signal: event.req.signal }));
`,
              },
            ],
          },
        ],
      },
    ],
  });
});

describe('Next.js Route Handlers (ReadableStream bodies)', () => {
  ruleTester.run('require-abort-handling', rule, {
    valid: [
      // The timer is cleared by the stream's cancel()
      `
export function GET(request: Request) {
  let timer: ReturnType<typeof setInterval> | undefined;
  const body = new ReadableStream<string>({
    start(controller) {
      timer = setInterval(() => controller.enqueue('data: tick\\n\\n'), 1000);
    },
    cancel() {
      clearInterval(timer);
    },
  });
  return new Response(body, { headers: { 'content-type': 'text/event-stream' } });
}
`,
      // enqueue throws once the client is gone, so the loop ends at its next write
      `
declare function sleep(ms: number): Promise<void>;
export function GET(request: Request) {
  const body = new ReadableStream<string>({
    async start(controller) {
      while (true) {
        controller.enqueue('data: tick\\n\\n');
        await sleep(1000);
      }
    },
  });
  return new Response(body);
}
`,
      // The request's signal passed upstream
      `
import type { NextRequest } from 'next/server';
export async function GET(request: NextRequest) {
  const upstream = await fetch('https://origin.example/feed', { signal: request.signal });
  return new Response(upstream.body, { headers: upstream.headers });
}
`,
    ],
    invalid: [
      {
        code: `
export function GET(request: Request) {
  const body = new ReadableStream<string>({
    start(controller) {
      setInterval(() => controller.enqueue('data: tick\\n\\n'), 1000);
    },
  });
  return new Response(body, { headers: { 'content-type': 'text/event-stream' } });
}
`,
        errors: [
          {
            messageId: 'timerWithoutAbortCleanup',
            data: { stream: 'a ReadableStream controller', advice: "Clear it in the stream's `cancel()`." },
            suggestions: [],
          },
        ],
      },
      {
        code: `
import type { NextRequest } from 'next/server';
export async function GET(request: NextRequest) {
  const upstream = await fetch('https://origin.example/feed');
  return new Response(upstream.body, { headers: upstream.headers });
}
`,
        errors: [
          {
            messageId: 'upstreamWithoutSignal',
            data: { call: 'fetch', signal: 'request.signal' },
            suggestions: [
              {
                messageId: 'suggestPassSignal',
                output: `
import type { NextRequest } from 'next/server';
export async function GET(request: NextRequest) {
  const upstream = await fetch('https://origin.example/feed', { signal: request.signal });
  return new Response(upstream.body, { headers: upstream.headers });
}
`,
              },
            ],
          },
        ],
      },
    ],
  });
});

describe('Cloudflare Workers (global types)', () => {
  const ambientTester = createTypedRuleTester(path.join(FIXTURES, 'workers-ambient'));
  ambientTester.run('require-abort-handling', rule, {
    valid: [
      `
interface Env { ORIGIN: string }
export default {
  async fetch(request, env) {
    return fetch(env.ORIGIN + new URL(request.url).pathname, { signal: request.signal });
  },
} satisfies ExportedHandler<Env>;
`,
      // Options we cannot see into may carry a signal
      `
interface Env { ORIGIN: string }
declare const init: RequestInit;
export default {
  async fetch(request, env) {
    return fetch(env.ORIGIN + new URL(request.url).pathname, init);
  },
} satisfies ExportedHandler<Env>;
`,
    ],
    invalid: [
      {
        code: `
interface Env { ORIGIN: string }
export default {
  async fetch(request, env) {
    const upstream = await fetch(env.ORIGIN + new URL(request.url).pathname);
    return new Response(upstream.body, upstream);
  },
} satisfies ExportedHandler<Env>;
`,
        errors: [
          {
            messageId: 'upstreamWithoutSignal',
            data: { call: 'fetch', signal: 'request.signal' },
            suggestions: [
              {
                messageId: 'suggestPassSignal',
                output: `
interface Env { ORIGIN: string }
export default {
  async fetch(request, env) {
    const upstream = await fetch(env.ORIGIN + new URL(request.url).pathname, { signal: request.signal });
    return new Response(upstream.body, upstream);
  },
} satisfies ExportedHandler<Env>;
`,
              },
            ],
          },
        ],
      },
      {
        code: `
export default {
  fetch(request) {
    let timer: number | undefined;
    const body = new ReadableStream({
      start(controller) {
        timer = setInterval(() => controller.enqueue(new TextEncoder().encode('data: tick\\n\\n')), 1000);
      },
    });
    return new Response(body);
  },
} satisfies ExportedHandler;
`,
        errors: [{ messageId: 'timerWithoutAbortCleanup' }],
      },
    ],
  });
});

describe('options', () => {
  const honoLoop = `
import { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
const app = new Hono();
app.get('/ticks', c =>
  streamSSE(c, async stream => {
    while (true) {
      await stream.writeSSE({ data: 'tick' });
      await stream.sleep(1000);
    }
  }),
);
`;
  const honoProxy = `
import { Hono } from 'hono';
const app = new Hono();
app.get('/feed', c => fetch('https://origin.example/feed'));
`;
  ruleTester.run('require-abort-handling', rule, {
    valid: [
      { code: honoLoop, options: [{ loops: false }] },
      { code: honoLoop, options: [{ presets: ['express'] }] },
      { code: honoProxy, options: [{ upstreamFetch: false }] },
    ],
    invalid: [
      {
        code: honoLoop,
        options: [{ timers: false, upstreamFetch: false }],
        errors: [{ messageId: 'loopWithoutAbortCheck' }],
        output: honoLoop.replace('while (true)', 'while (!stream.aborted)'),
      },
    ],
  });
});

describe('with no-escaping-context on the same code', () => {
  const both = [plugin.configs.strict];
  async function findings(code: string): Promise<string[]> {
    const eslint = createTypedESLint(FIXTURES, ...both);
    const [result] = await eslint.lintText(code, { filePath: path.join(FIXTURES, 'file.ts') });
    return result.messages.map(message => `${message.ruleId}:${message.messageId}`);
  }

  it('reports a timer writing an Express response once, as no-escaping-context', async () => {
    const code = `
import express from 'express';
const app = express();
app.get('/events', (req, res) => {
  res.setHeader('content-type', 'text/event-stream');
  setInterval(() => res.write('data: tick\\n\\n'), 1000);
});
`;
    expect(await findings(code)).toEqual(['context-escape/no-escaping-context:writesRepeatedly']);
  });

  it('reports a timer writing a Hono stream once, as require-abort-handling', async () => {
    const code = `
import { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
declare function pump(stream: unknown): Promise<void>;
const app = new Hono();
app.get('/events', c =>
  streamSSE(c, async stream => {
    setInterval(() => stream.writeSSE({ event: 'ping', data: '' }), 15000);
    await pump(stream);
  }),
);
`;
    expect(await findings(code)).toEqual(['context-escape/require-abort-handling:timerWithoutAbortCleanup']);
  });

  it('reports nothing once the Express timer is cleared on close', async () => {
    const code = `
import express from 'express';
const app = express();
app.get('/events', (req, res) => {
  const timer = setInterval(() => res.write('data: tick\\n\\n'), 1000);
  req.on('close', () => clearInterval(timer));
});
`;
    expect(await findings(code)).toEqual([]);
  });
});

it('is configured in the plugin', () => {
  expect(plugin.rules['require-abort-handling']).toBe(rule);
  expect(ruleConfig('require-abort-handling').rules).toBeDefined();
});
