// Fastify 4/5: an async handler's resolved value is the response. A send from a
// callback is only safe when the handler returns or awaits `reply` (or is not
// async); otherwise Fastify has already answered and the late send only logs
// "Reply was already sent". `request.ip` read after the close may be undefined.
import rule from '../../../src/rules/no-escaping-context.js';
import { createTypedRuleTester } from '../../util/rule-tester.js';

const ruleTester = createTypedRuleTester();

ruleTester.run('no-escaping-context', rule, {
  valid: [
    // `return reply` tells Fastify that a callback sends the response
    {
      code: `
import Fastify from 'fastify';
declare function loadOrder(id: string): Promise<{ id: string; total: number }>;
declare function renderInvoice(order: { id: string }): Promise<Buffer>;
const app = Fastify();
app.get<{ Params: { id: string } }>('/orders/:id/pdf', async (request, reply) => {
  const order = await loadOrder(request.params.id);
  renderInvoice(order)
    .then(pdf => reply.type('application/pdf').send(pdf))
    .catch(err => reply.send(err));
  return reply;
});
`,
    },
    // `await reply` waits for the timer that sends the response
    {
      code: `
import Fastify from 'fastify';
const app = Fastify();
app.get('/slow', async (request, reply) => {
  setTimeout(() => reply.send({ ready: true, id: request.id }), 50);
  await reply;
});
`,
    },
    // A non-async handler ends the response explicitly, so its timer may send it
    {
      code: `
import Fastify from 'fastify';
const app = Fastify();
app.get('/slow', (request, reply) => {
  setTimeout(() => reply.send({ ready: true }), 50);
});
`,
    },
    // An error-first callback sending the response of a callback-style handler
    {
      code: `
import Fastify from 'fastify';
import { readFile } from 'node:fs';
const app = Fastify();
app.get('/terms', (request, reply) => {
  readFile('terms.txt', 'utf8', (err, text) => {
    if (err) reply.code(500).send({ error: 'unavailable' });
    else reply.type('text/plain').send(text);
  });
});
`,
    },
    // The logger and the id copied first stay usable after the response
    {
      code: `
import Fastify from 'fastify';
const app = Fastify();
app.get('/health', async request => {
  const logger = request.log;
  const { id } = request;
  setTimeout(() => logger.info({ id }, 'health checked'), 0);
  return { ok: true };
});
`,
    },
    // The request passed to an awaited call
    {
      code: `
import Fastify from 'fastify';
import type { FastifyRequest } from 'fastify';
declare function audit(request: FastifyRequest): Promise<void>;
const app = Fastify();
app.post('/orders', async (request, reply) => {
  await audit(request);
  return reply.code(201).send();
});
`,
    },
    // Work joined with Promise.all and awaited
    {
      code: `
import Fastify from 'fastify';
import type { FastifyRequest } from 'fastify';
declare function audit(request: FastifyRequest): Promise<void>;
declare function track(event: string, fields?: Record<string, unknown>): Promise<void>;
const app = Fastify();
app.post('/events', async request => {
  await Promise.all([audit(request), track('event').then(() => request.log.info({ ip: request.ip }, 'tracked'))]);
  return { ok: true };
});
`,
    },
    // A promise variable awaited before returning
    {
      code: `
import Fastify from 'fastify';
import type { FastifyRequest } from 'fastify';
declare function audit(request: FastifyRequest): Promise<void>;
declare function loadOrder(id: string): Promise<{ id: string; total: number }>;
const app = Fastify();
app.get<{ Params: { id: string } }>('/orders/:id', async request => {
  const audited = audit(request);
  const order = await loadOrder(request.params.id);
  await audited;
  return order;
});
`,
    },
    // A returned .then chain
    {
      code: `
import Fastify from 'fastify';
declare function loadOrder(id: string): Promise<{ id: string; total: number }>;
const app = Fastify();
app.get<{ Params: { id: string } }>('/orders/:id', request => {
  return loadOrder(request.params.id).then(order => ({ ...order, requestId: request.id }));
});
`,
    },
    // A warning timer cleared in finally
    {
      code: `
import Fastify from 'fastify';
declare function loadOrder(id: string): Promise<{ id: string; total: number }>;
const app = Fastify();
app.get<{ Params: { id: string } }>('/orders/:id', async request => {
  const slow = setTimeout(() => request.log.warn('slow order lookup'), 5000);
  try {
    return await loadOrder(request.params.id);
  } finally {
    clearTimeout(slow);
  }
});
`,
    },
    // Listeners on the reply's raw response end with the request
    {
      code: `
import Fastify from 'fastify';
const app = Fastify();
app.get('/download', async (request, reply) => {
  reply.raw.on('close', () => request.log.info({ sent: reply.sent }, 'download closed'));
  return { ok: true };
});
`,
    },
    // A streaming reply with an interval cleared when the client disconnects
    {
      code: `
import Fastify from 'fastify';
const app = Fastify();
app.get('/events', (request, reply) => {
  reply.raw.writeHead(200, { 'content-type': 'text/event-stream' });
  const heartbeat = setInterval(() => reply.raw.write(': ping'), 15000);
  request.raw.on('close', () => clearInterval(heartbeat));
});
`,
    },
    // A floating call that receives only values read now
    {
      code: `
import Fastify from 'fastify';
declare function track(event: string, fields?: Record<string, unknown>): Promise<void>;
const app = Fastify();
app.post('/events', async (request, reply) => {
  void track('event', { id: request.id, url: request.url });
  return reply.code(202).send();
});
`,
    },
    // reads: 'unsafe-only' allows body, params, headers and logger reads
    {
      code: `
import Fastify from 'fastify';
declare function track(event: string, fields?: Record<string, unknown>): Promise<void>;
const app = Fastify();
app.post('/events', async (request, reply) => {
  void track('event').then(() => request.log.info({ body: request.body, ua: request.headers['user-agent'] }, 'tracked'));
  return reply.code(202).send();
});
`,
      options: [{ reads: 'unsafe-only' }],
    },
    // With presets limited to koa, Fastify objects are not request contexts
    {
      code: `
import Fastify from 'fastify';
const app = Fastify();
app.get('/slow', async (request, reply) => {
  setTimeout(() => reply.send({ ready: true }), 50);
});
`,
      options: [{ presets: ['koa'] }],
    },
    // A watchdog set in onRequest and cleared in onResponse and onRequestAbort ends with the request
    {
      code: `
import Fastify from 'fastify';
declare module 'fastify' {
  interface FastifyRequest {
    watchdog?: NodeJS.Timeout;
  }
}
const app = Fastify();
app.addHook('onRequest', async (request, reply) => {
  request.watchdog = setTimeout(() => {
    if (!reply.sent) request.log.warn({ url: request.url }, 'slow request');
  }, 5000);
});
app.addHook('onResponse', async request => {
  clearTimeout(request.watchdog);
});
app.addHook('onRequestAbort', async request => {
  clearTimeout(request.watchdog);
});
`,
    },
    // reads: 'unsafe-only' allows a watchdog that only reads live state and request data
    {
      code: `
import Fastify from 'fastify';
const app = Fastify();
app.get('/report', async (request, reply) => {
  setTimeout(() => {
    if (!reply.sent) request.log.warn({ url: request.url, status: reply.statusCode }, 'slow');
  }, 5000);
  return { ok: true };
});
`,
      options: [{ reads: 'unsafe-only' }],
    },
    // An onResponse hook copies the fields it logs before the floating call
    {
      code: `
import Fastify from 'fastify';
declare function track(event: string, fields?: Record<string, unknown>): Promise<void>;
const app = Fastify();
app.addHook('onResponse', async (request, reply) => {
  const fields = { url: request.url, status: reply.statusCode, ms: reply.elapsedTime };
  void track('response', fields);
});
`,
    },
    // A response sent only in an early-return branch does not make the timer a second response
    {
      code: `
import Fastify from 'fastify';
const app = Fastify();
app.get('/orders/:id', (request, reply) => {
  if (!request.headers.authorization) {
    reply.code(401).send();
    return;
  }
  setTimeout(() => reply.send({ ok: true }), 100);
});
`,
    },
    // A listener on a file stream the handler waits to finish with an awaited new Promise on 'end'
    {
      code: `
import Fastify from 'fastify';
import { createReadStream } from 'node:fs';
const app = Fastify();
app.get('/export', async (request, reply) => {
  const file = createReadStream('export.csv');
  let rows = 0;
  file.on('data', () => {
    rows += 1;
    if (rows % 1000 === 0) request.log.info({ rows }, 'exporting');
  });
  await new Promise(resolve => file.on('end', resolve));
  return { rows };
});
`,
    },
    // reads: 'unsafe-only' does not report the whole request handed to other code: only its unsafe members are judged
    {
      code: `
import Fastify from 'fastify';
import type { FastifyRequest } from 'fastify';
declare function audit(request: FastifyRequest): Promise<void>;
const app = Fastify();
app.post('/orders', async request => {
  void audit(request);
  return { ok: true };
});
`,
      options: [{ reads: 'unsafe-only' }],
    },
  ],
  invalid: [
    // A watchdog reads reply.sent late on purpose: the request's reads are copied, reply.sent is never turned into a constant
    {
      code: `
import Fastify from 'fastify';
declare function runReport(): Promise<{ rows: number }>;
const app = Fastify();
app.get('/report', async (request, reply) => {
  setTimeout(() => {
    if (!reply.sent) request.log.warn({ url: request.url }, 'slow');
  }, 5000);
  return runReport();
});
`,
      output: `
import Fastify from 'fastify';
declare function runReport(): Promise<{ rows: number }>;
const app = Fastify();
app.get('/report', async (request, reply) => {
  const log = request.log;
  const url = request.url;
  setTimeout(() => {
    if (!reply.sent) log.warn({ url }, 'slow');
  }, 5000);
  return runReport();
});
`,
      errors: [
        {
          messageId: 'escapesReadingLiveState',
          data: { name: 'reply', kind: 'Fastify reply', sink: 'a setTimeout callback', live: 'reply.sent' },
          line: 7,
          column: 10,
          endLine: 7,
          endColumn: 20,
          suggestions: [],
        },
        {
          messageId: 'escapes',
          data: { name: 'request', kind: 'Fastify request', sink: 'a setTimeout callback' },
          line: 7,
          column: 22,
          endLine: 7,
          endColumn: 68,
        },
      ],
    },
    // Stable and live reads of the reply in one callback: only the stable one is offered as a copy, and only as a suggestion
    {
      code: `
import Fastify from 'fastify';
const app = Fastify();
app.get('/report', async (request, reply) => {
  const timer = setInterval(() => reply.log.info({ status: reply.statusCode, ms: reply.elapsedTime }, 'still running'), 1000);
  timer.unref();
  return { ok: true };
});
`,
      errors: [
        {
          messageId: 'escapesReadingLiveState',
          data: { name: 'reply', kind: 'Fastify reply', sink: 'a setInterval callback', live: 'reply.statusCode' },
          line: 5,
          column: 35,
          endLine: 5,
          endColumn: 119,
          suggestions: [
            {
              messageId: 'suggestCopyFields',
              output: `
import Fastify from 'fastify';
const app = Fastify();
app.get('/report', async (request, reply) => {
  const log = reply.log;
  const timer = setInterval(() => log.info({ status: reply.statusCode, ms: reply.elapsedTime }, 'still running'), 1000);
  timer.unref();
  return { ok: true };
});
`,
            },
          ],
        },
      ],
    },
    // A watchdog cleared only in preHandler, which does not run when the request is aborted first
    {
      code: `
import Fastify from 'fastify';
declare module 'fastify' {
  interface FastifyRequest {
    watchdog?: NodeJS.Timeout;
  }
}
const app = Fastify();
app.addHook('onRequest', async request => {
  request.watchdog = setTimeout(() => request.log.warn({ url: request.url }, 'slow request'), 5000);
});
app.addHook('preHandler', async request => {
  clearTimeout(request.watchdog);
});
`,
      output: `
import Fastify from 'fastify';
declare module 'fastify' {
  interface FastifyRequest {
    watchdog?: NodeJS.Timeout;
  }
}
const app = Fastify();
app.addHook('onRequest', async request => {
  const log = request.log;
  const url = request.url;
  request.watchdog = setTimeout(() => log.warn({ url }, 'slow request'), 5000);
});
app.addHook('preHandler', async request => {
  clearTimeout(request.watchdog);
});
`,
      errors: [
        {
          messageId: 'escapes',
          data: { name: 'request', kind: 'Fastify request', sink: 'a setTimeout callback' },
          line: 10,
          column: 39,
          endLine: 10,
          endColumn: 93,
        },
      ],
    },
    // An async handler resolves first; the timer send only logs "Reply was already sent"
    {
      code: `
import Fastify from 'fastify';
declare function loadOrder(id: string): Promise<{ id: string; total: number }>;
const app = Fastify();
app.get<{ Params: { id: string } }>('/orders/:id/invoice', async (request, reply) => {
  const order = await loadOrder(request.params.id);
  setTimeout(() => void reply.send({ invoice: order.id }), 50);
});
`,
      errors: [
        {
          messageId: 'writesAfterResponse',
          data: { name: 'reply', kind: 'Fastify reply', sink: 'a setTimeout callback' },
          line: 7,
          column: 25,
          endLine: 7,
          endColumn: 58,
        },
      ],
    },
    // request.ip read in a .then callback after the reply was returned
    {
      code: `
import Fastify from 'fastify';
declare function log(message: string, fields?: Record<string, unknown>): void;
declare function track(event: string, fields?: Record<string, unknown>): Promise<void>;
const app = Fastify();
app.post('/events', async (request, reply) => {
  void track('event', { body: request.body }).then(() => log('tracked', { ip: request.ip }));
  return reply.code(202).send();
});
`,
      output: `
import Fastify from 'fastify';
declare function log(message: string, fields?: Record<string, unknown>): void;
declare function track(event: string, fields?: Record<string, unknown>): Promise<void>;
const app = Fastify();
app.post('/events', async (request, reply) => {
  const ip = request.ip;
  void track('event', { body: request.body }).then(() => log('tracked', { ip }));
  return reply.code(202).send();
});
`,
      errors: [
        {
          messageId: 'escapes',
          data: { name: 'request', kind: 'Fastify request', sink: 'a .then() callback of a floating promise' },
          line: 7,
          column: 79,
          endLine: 7,
          endColumn: 89,
        },
      ],
    },
    // A .catch-only chain
    {
      code: `
import Fastify from 'fastify';
declare function track(event: string, fields?: Record<string, unknown>): Promise<void>;
const app = Fastify();
app.post('/events', async request => {
  track('event').catch(err => request.log.error(err));
  return { ok: true };
});
`,
      output: `
import Fastify from 'fastify';
declare function track(event: string, fields?: Record<string, unknown>): Promise<void>;
const app = Fastify();
app.post('/events', async request => {
  const log = request.log;
  track('event').catch(err => log.error(err));
  return { ok: true };
});
`,
      errors: [
        {
          messageId: 'escapes',
          data: { name: 'request', kind: 'Fastify request', sink: 'a .catch() callback of a floating promise' },
          line: 6,
          column: 31,
          endLine: 6,
          endColumn: 53,
        },
      ],
    },
    // The request passed to an async call nobody awaits
    {
      code: `
import Fastify from 'fastify';
import type { FastifyRequest } from 'fastify';
declare function audit(request: FastifyRequest): Promise<void>;
const app = Fastify();
app.post('/orders', async (request, reply) => {
  audit(request);
  return reply.code(201).send();
});
`,
      errors: [
        {
          messageId: 'escapesAsArgument',
          data: { name: 'request', kind: 'Fastify request', sink: 'the floating promise of audit()' },
          line: 7,
          column: 9,
          endLine: 7,
          endColumn: 16,
          suggestions: [
            {
              messageId: 'suggestAwait',
              output: `
import Fastify from 'fastify';
import type { FastifyRequest } from 'fastify';
declare function audit(request: FastifyRequest): Promise<void>;
const app = Fastify();
app.post('/orders', async (request, reply) => {
  await audit(request);
  return reply.code(201).send();
});
`,
            },
          ],
        },
      ],
    },
    // An async IIFE sends a second response after its first await
    {
      code: `
import Fastify from 'fastify';
declare function loadOrder(id: string): Promise<{ id: string; total: number }>;
const app = Fastify();
app.get<{ Params: { id: string } }>('/orders/:id', async (request, reply) => {
  (async () => {
    const order = await loadOrder(request.params.id);
    reply.send(order);
  })();
  return { pending: true };
});
`,
      errors: [
        {
          messageId: 'writesAfterResponse',
          data: { name: 'reply', kind: 'Fastify reply', sink: 'a floating async IIFE' },
          line: 8,
          column: 5,
          endLine: 8,
          endColumn: 22,
          suggestions: [
            {
              messageId: 'suggestAwait',
              output: `
import Fastify from 'fastify';
declare function loadOrder(id: string): Promise<{ id: string; total: number }>;
const app = Fastify();
app.get<{ Params: { id: string } }>('/orders/:id', async (request, reply) => {
  await (async () => {
    const order = await loadOrder(request.params.id);
    reply.send(order);
  })();
  return { pending: true };
});
`,
            },
          ],
        },
      ],
    },
    // A floating new Promise whose executor schedules a late header
    {
      code: `
import Fastify from 'fastify';
const app = Fastify();
app.get('/orders', async (request, reply) => {
  new Promise<void>(resolve => {
    setTimeout(() => {
      reply.header('x-late', '1');
      resolve();
    }, 10);
  });
  return [];
});
`,
      errors: [
        {
          messageId: 'writesAfterResponse',
          data: { name: 'reply', kind: 'Fastify reply', sink: 'a floating new Promise()' },
          line: 7,
          column: 7,
          endLine: 7,
          endColumn: 34,
          suggestions: [
            {
              messageId: 'suggestAwait',
              output: `
import Fastify from 'fastify';
const app = Fastify();
app.get('/orders', async (request, reply) => {
  await new Promise<void>(resolve => {
    setTimeout(() => {
      reply.header('x-late', '1');
      resolve();
    }, 10);
  });
  return [];
});
`,
            },
          ],
        },
      ],
    },
    // A promise stored in a variable and never awaited
    {
      code: `
import Fastify from 'fastify';
import type { FastifyRequest } from 'fastify';
declare function audit(request: FastifyRequest): Promise<void>;
const app = Fastify();
app.post('/orders', async request => {
  const audited = audit(request);
  return { ok: true };
});
`,
      errors: [
        {
          messageId: 'escapesAsArgument',
          data: { name: 'request', kind: 'Fastify request', sink: 'the promise stored in `audited`, which is never awaited' },
          line: 7,
          column: 25,
          endLine: 7,
          endColumn: 32,
        },
      ],
    },
    // A listener on a process-wide emitter sends on every event
    {
      code: `
import Fastify from 'fastify';
import { EventEmitter } from 'node:events';
const jobs = new EventEmitter();
const app = Fastify();
app.get('/jobs/latest', (request, reply) => {
  jobs.on('done', (result: unknown) => reply.send(result));
});
`,
      errors: [
        {
          messageId: 'writesRepeatedly',
          data: { name: 'reply', kind: 'Fastify reply', sink: "a 'done' listener" },
          line: 7,
          column: 40,
          endLine: 7,
          endColumn: 58,
        },
      ],
    },
    // An error-first callback in an async handler that does not return reply
    {
      code: `
import Fastify from 'fastify';
import { readFile } from 'node:fs';
const app = Fastify();
app.get('/terms', async (request, reply) => {
  readFile('terms.txt', 'utf8', (err, text) => {
    reply.send(err ?? text);
  });
});
`,
      errors: [
        {
          messageId: 'writesAfterResponse',
          data: { name: 'reply', kind: 'Fastify reply', sink: 'an error-first callback of readFile()' },
          line: 7,
          column: 5,
          endLine: 7,
          endColumn: 28,
        },
      ],
    },
    // A p-queue job reads request.ip later
    {
      code: `
import Fastify from 'fastify';
import PQueue from 'p-queue';
declare function geolocate(ip: string): Promise<void>;
const jobs = new PQueue({ concurrency: 2 });
const app = Fastify();
app.post('/signup', async (request, reply) => {
  jobs.add(() => geolocate(request.ip));
  return reply.code(202).send();
});
`,
      output: `
import Fastify from 'fastify';
import PQueue from 'p-queue';
declare function geolocate(ip: string): Promise<void>;
const jobs = new PQueue({ concurrency: 2 });
const app = Fastify();
app.post('/signup', async (request, reply) => {
  const ip = request.ip;
  jobs.add(() => geolocate(ip));
  return reply.code(202).send();
});
`,
      errors: [
        {
          messageId: 'escapes',
          data: { name: 'request', kind: 'Fastify request', sink: 'the floating promise of add()' },
          line: 8,
          column: 28,
          endLine: 8,
          endColumn: 38,
        },
      ],
    },
    // A setInterval callback reading the request
    {
      code: `
import Fastify from 'fastify';
const app = Fastify();
app.get('/watch', async request => {
  setInterval(() => request.log.info({ url: request.url }, 'still watching'), 1000);
  return { ok: true };
});
`,
      output: `
import Fastify from 'fastify';
const app = Fastify();
app.get('/watch', async request => {
  const log = request.log;
  const url = request.url;
  setInterval(() => log.info({ url }, 'still watching'), 1000);
  return { ok: true };
});
`,
      errors: [
        {
          messageId: 'escapes',
          data: { name: 'request', kind: 'Fastify request', sink: 'a setInterval callback' },
          line: 5,
          column: 21,
          endLine: 5,
          endColumn: 77,
        },
      ],
    },
    // A timer sending after a response was already sent in a callback-style handler
    {
      code: `
import Fastify from 'fastify';
const app = Fastify();
app.get('/slow', (request, reply) => {
  reply.code(202).send({ accepted: true });
  setTimeout(() => reply.send({ done: true }), 50);
});
`,
      errors: [
        {
          messageId: 'writesAfterSent',
          data: { name: 'reply', kind: 'Fastify reply', sink: 'a setTimeout callback', sentLine: '5' },
          line: 6,
          column: 20,
          endLine: 6,
          endColumn: 46,
        },
      ],
    },
    // A helper typed with FastifyRequest schedules a timer
    {
      code: `
import type { FastifyRequest } from 'fastify';
declare function log(message: string, fields?: Record<string, unknown>): void;
export function logLater(request: FastifyRequest): void {
  setTimeout(() => log('served', { url: request.url }), 0);
}
`,
      output: `
import type { FastifyRequest } from 'fastify';
declare function log(message: string, fields?: Record<string, unknown>): void;
export function logLater(request: FastifyRequest): void {
  const url = request.url;
  setTimeout(() => log('served', { url }), 0);
}
`,
      errors: [
        {
          messageId: 'escapes',
          data: { name: 'request', kind: 'Fastify request', sink: 'a setTimeout callback' },
          line: 5,
          column: 41,
          endLine: 5,
          endColumn: 52,
        },
      ],
    },
    // The reply handed to an unawaited helper in an async handler that does not return it
    {
      code: `
import Fastify from 'fastify';
import type { FastifyReply } from 'fastify';
declare function sendLater(reply: FastifyReply): Promise<void>;
const app = Fastify();
app.get('/later', async (request, reply) => {
  void sendLater(reply);
});
`,
      errors: [
        {
          messageId: 'escapesAsArgument',
          data: { name: 'reply', kind: 'Fastify reply', sink: 'the floating promise of sendLater()' },
          line: 7,
          column: 18,
          endLine: 7,
          endColumn: 23,
          suggestions: [
            {
              messageId: 'suggestAwait',
              output: `
import Fastify from 'fastify';
import type { FastifyReply } from 'fastify';
declare function sendLater(reply: FastifyReply): Promise<void>;
const app = Fastify();
app.get('/later', async (request, reply) => {
  await sendLater(reply);
});
`,
            },
          ],
        },
      ],
    },
    // A raw request stream read from a timer, after the body may have been dumped
    {
      code: `
import Fastify from 'fastify';
import { createWriteStream } from 'node:fs';
const app = Fastify();
app.post('/upload', async (request, reply) => {
  setImmediate(() => request.raw.pipe(createWriteStream('/tmp/upload')));
  return reply.code(202).send();
});
`,
      errors: [
        {
          messageId: 'escapes',
          data: { name: 'request', kind: 'Fastify request', sink: 'a setImmediate callback' },
          line: 6,
          column: 22,
          endLine: 6,
          endColumn: 72,
        },
      ],
    },
    // reads: 'unsafe-only' skips the safe body read and reports request.ip
    {
      code: `
import Fastify from 'fastify';
declare function log(message: string, fields?: Record<string, unknown>): void;
declare function track(event: string, fields?: Record<string, unknown>): Promise<void>;
const app = Fastify();
app.post('/events', async (request, reply) => {
  void track('event').then(() => log('tracked', { body: request.body, ip: request.ip }));
  return reply.code(202).send();
});
`,
      options: [{ reads: 'unsafe-only' }],
      output: `
import Fastify from 'fastify';
declare function log(message: string, fields?: Record<string, unknown>): void;
declare function track(event: string, fields?: Record<string, unknown>): Promise<void>;
const app = Fastify();
app.post('/events', async (request, reply) => {
  const body = request.body;
  const ip = request.ip;
  void track('event').then(() => log('tracked', { body, ip }));
  return reply.code(202).send();
});
`,
      errors: [
        {
          messageId: 'escapes',
          data: { name: 'request', kind: 'Fastify request', sink: 'a .then() callback of a floating promise' },
          line: 7,
          column: 75,
          endLine: 7,
          endColumn: 85,
        },
      ],
    },
    // reads: 'unsafe-only' reports a reply header written late
    {
      code: `
import Fastify from 'fastify';
const app = Fastify();
app.get('/orders', async (request, reply) => {
  setTimeout(() => reply.header('x-late', '1'), 0);
  return [];
});
`,
      options: [{ reads: 'unsafe-only' }],
      errors: [
        {
          messageId: 'writesAfterResponse',
          data: { name: 'reply', kind: 'Fastify reply', sink: 'a setTimeout callback' },
          line: 5,
          column: 20,
          endLine: 5,
          endColumn: 47,
        },
      ],
    },
    // With presets: ['fastify'] the late send is reported
    {
      code: `
import Fastify from 'fastify';
const app = Fastify();
app.get('/slow', async (request, reply) => {
  setTimeout(() => reply.send({ ready: true }), 50);
});
`,
      options: [{ presets: ['fastify'] }],
      errors: [
        {
          messageId: 'writesAfterResponse',
          data: { name: 'reply', kind: 'Fastify reply', sink: 'a setTimeout callback' },
          line: 5,
          column: 20,
          endLine: 5,
          endColumn: 47,
        },
      ],
    },
    // A timer that sends, scheduled before the handler sends its own response: a second response
    {
      code: `
import Fastify from 'fastify';
const app = Fastify();
app.post('/jobs', (request, reply) => {
  setTimeout(() => reply.send({ done: true }), 100);
  reply.code(202).send({ accepted: true });
});
`,
      errors: [
        {
          messageId: 'writesAfterSent',
          data: { name: 'reply', kind: 'Fastify reply', sink: 'a setTimeout callback', sentLine: '6' },
          line: 5,
          column: 20,
          endLine: 5,
          endColumn: 46,
        },
      ],
    },
    // The raw Node request handed to an async call nobody awaits is named as passed, with its own kind
    {
      code: `
import Fastify from 'fastify';
import type { IncomingMessage } from 'node:http';
declare function archive(raw: IncomingMessage): Promise<void>;
const app = Fastify();
app.post('/uploads', async request => {
  void archive(request.raw);
  return { accepted: true };
});
`,
      errors: [
        {
          messageId: 'escapesAsArgument',
          data: { name: 'request.raw', kind: 'Node IncomingMessage', sink: 'the floating promise of archive()' },
          line: 7,
          column: 16,
          endLine: 7,
          endColumn: 27,
          suggestions: [
            {
              messageId: 'suggestAwait',
              output: `
import Fastify from 'fastify';
import type { IncomingMessage } from 'node:http';
declare function archive(raw: IncomingMessage): Promise<void>;
const app = Fastify();
app.post('/uploads', async request => {
  await archive(request.raw);
  return { accepted: true };
});
`,
            },
          ],
        },
      ],
    },
  ],
});
