// Express 4/5 and Node `http`: the handler ends the response explicitly, so a
// one-shot deferral that sends the first response is legitimate. A second
// response crashes with ERR_HTTP_HEADERS_SENT, repeating work keeps writing to a
// finished response, and `req.ip` read after the connection closed is undefined.
import rule from '../../../src/rules/no-escaping-context.js';
import { createTypedRuleTester } from '../../util/rule-tester.js';

const ruleTester = createTypedRuleTester();

ruleTester.run('no-escaping-context', rule, {
  valid: [
    // The send in a branch belongs to another path: the timer answers the request on this one
    {
      code: `
import express from 'express';
declare function cached(id: string): { id: string } | undefined;
const app = express();
app.get('/orders/:id', (req, res) => {
  const hit = cached(req.params.id);
  if (hit) return res.json(hit);
  setTimeout(() => res.json({ id: 'fresh' }), 10);
});
`,
    },
    // A Subject created inside the handler is a local value: subscribing to it defers nothing
    {
      code: `
import express from 'express';
import { Subject } from 'rxjs';
declare function log(message: string, fields?: Record<string, unknown>): void;
const app = express();
app.get('/once', (req, res) => {
  const updates$ = new Subject<string>();
  updates$.subscribe(version => log('deployed', { version, path: req.path }));
  updates$.next('v1');
  res.send('ok');
});
`,
    },
    // A timer that sends the first and only response: Express keeps the request open until then
    {
      code: `
import express from 'express';
const app = express();
app.get('/orders/slow', (req, res) => {
  setTimeout(() => res.json({ ready: true, path: req.path }), 500);
});
`,
    },
    // An async handler whose timer sends the first response
    {
      code: `
import express from 'express';
declare function loadOrder(id: string): Promise<{ id: string; total: number }>;
const app = express();
app.get('/orders/:id', async (req, res) => {
  const order = await loadOrder(req.params.id);
  setTimeout(() => res.json(order), 10);
});
`,
    },
    // An error-first callback that produces the response
    {
      code: `
import express from 'express';
import { readFile } from 'node:fs';
const app = express();
app.get('/invoices/:id', (req, res, next) => {
  readFile('invoices/' + req.params.id + '.pdf', (err, pdf) => {
    if (err) return next(err);
    res.type('pdf').send(pdf);
  });
});
`,
    },
    // A .then chain that sends the first response, errors routed to next
    {
      code: `
import express from 'express';
declare function loadOrder(id: string): Promise<{ id: string; total: number }>;
const app = express();
app.get('/orders/:id', (req, res, next) => {
  loadOrder(req.params.id)
    .then(order => res.json(order))
    .catch(next);
});
`,
    },
    // A one-shot listener on a long-lived emitter that sends the first response
    {
      code: `
import express from 'express';
import { EventEmitter } from 'node:events';
const jobs = new EventEmitter();
const app = express();
app.get('/jobs/:id/result', (req, res) => {
  jobs.once('done:' + req.params.id, (result: unknown) => res.json(result));
});
`,
    },
    // Heartbeat and listener both removed when the client goes away
    {
      code: `
import express from 'express';
import { EventEmitter } from 'node:events';
const orderEvents = new EventEmitter();
const app = express();
app.get('/orders/live', (req, res) => {
  res.setHeader('content-type', 'text/event-stream');
  const heartbeat = setInterval(() => res.write(': ping'), 15000);
  const onUpdate = (order: unknown): void => void res.write('data: ' + JSON.stringify(order));
  orderEvents.on('updated', onUpdate);
  req.on('close', () => {
    clearInterval(heartbeat);
    orderEvents.off('updated', onUpdate);
  });
});
`,
    },
    // Listeners on the response's own finish event end with the request
    {
      code: `
import express from 'express';
declare function log(message: string, fields?: Record<string, unknown>): void;
const app = express();
app.put('/orders/:id', (req, res) => {
  res.on('finish', () => log('saved', { status: res.statusCode, path: req.path }));
  res.json({ ok: true });
});
`,
    },
    // Listeners on the request's own body stream
    {
      code: `
import express from 'express';
const app = express();
app.post('/upload', (req, res) => {
  let size = 0;
  req.on('data', (chunk: Buffer) => {
    size += chunk.length;
  });
  req.on('end', () => res.json({ size }));
});
`,
    },
    // req.ip copied before the response and the deferral
    {
      code: `
import express from 'express';
declare function log(message: string, fields?: Record<string, unknown>): void;
const app = express();
app.put('/orders/:id', (req, res) => {
  const { ip } = req;
  res.json({ ok: true });
  setImmediate(() => log('order updated', { ip }));
});
`,
    },
    // The request passed to an awaited audit call
    {
      code: `
import express from 'express';
import type { Request } from 'express';
declare function audit(req: Request): Promise<void>;
const app = express();
app.post('/orders', async (req, res) => {
  await audit(req);
  res.status(201).end();
});
`,
    },
    // Work joined with Promise.all and awaited
    {
      code: `
import express from 'express';
import type { Request } from 'express';
declare function audit(req: Request): Promise<void>;
declare function track(event: string, fields?: Record<string, unknown>): Promise<void>;
const app = express();
app.post('/orders', async (req, res) => {
  await Promise.all([audit(req), track('order').then(() => track('order.ip', { ip: req.ip }))]);
  res.status(201).end();
});
`,
    },
    // A promise variable awaited before the response
    {
      code: `
import express from 'express';
import type { Request } from 'express';
declare function audit(req: Request): Promise<void>;
declare function loadOrder(id: string): Promise<{ id: string; total: number }>;
const app = express();
app.post('/orders', async (req, res) => {
  const audited = audit(req);
  const order = await loadOrder(req.body.id);
  await audited;
  res.json(order);
});
`,
    },
    // An error-first callback wrapped in an awaited new Promise
    {
      code: `
import express from 'express';
import { readFile } from 'node:fs';
const app = express();
app.get('/terms/:lang', async (req, res) => {
  const text = await new Promise<string>((resolve, reject) => {
    readFile('terms/' + req.params.lang + '.txt', 'utf8', (err, data) => (err ? reject(err) : resolve(data)));
  });
  res.type('text').send(text);
});
`,
    },
    // A warning timer cleared in finally
    {
      code: `
import express from 'express';
declare function log(message: string, fields?: Record<string, unknown>): void;
declare function loadOrder(id: string): Promise<{ id: string; total: number }>;
const app = express();
app.get('/orders/:id', async (req, res) => {
  const slow = setTimeout(() => log('slow', { path: req.path }), 5000);
  try {
    res.json(await loadOrder(req.params.id));
  } finally {
    clearTimeout(slow);
  }
});
`,
    },
    // A timer cleared when the request closes
    {
      code: `
import express from 'express';
declare function log(message: string, fields?: Record<string, unknown>): void;
const app = express();
app.get('/reports/:id', (req, res) => {
  const watchdog = setTimeout(() => log('report still running', { ip: req.ip }), 30000);
  req.on('close', () => clearTimeout(watchdog));
  res.json({ started: true });
});
`,
    },
    // A raw node:http handler whose timer sends the first response
    {
      code: `
import { createServer } from 'node:http';
createServer((req, res) => {
  setTimeout(() => res.end('ok ' + req.url), 100);
});
`,
    },
    // A Router handler that copies the path before the deferral
    {
      code: `
import { Router } from 'express';
declare function log(message: string, fields?: Record<string, unknown>): void;
const router = Router();
router.get('/health', (req, res) => {
  const path = req.path;
  res.json({ ok: true });
  setImmediate(() => log('health', { path }));
});
export default router;
`,
    },
    // reads: 'unsafe-only' allows header, path and locals reads after the response
    {
      code: `
import express from 'express';
declare function log(message: string, fields?: Record<string, unknown>): void;
const app = express();
app.get('/orders/:id', (req, res) => {
  res.json({ ok: true });
  setImmediate(() => log('served', { ua: req.get('user-agent'), path: req.path, user: res.locals.user }));
});
`,
      options: [{ reads: 'unsafe-only' }],
    },
    // With presets limited to hono, Express objects are not request contexts
    {
      code: `
import express from 'express';
const app = express();
app.post('/orders', (req, res) => {
  res.status(202).json({ accepted: true });
  setTimeout(() => res.json({ done: true }), 1000);
});
`,
      options: [{ presets: ['hono'] }],
    },
    // A response sent only in an early-return branch does not make the timer a second response
    {
      code: `
import express from 'express';
const app = express();
app.get('/orders/:id', (req, res) => {
  if (!req.params.id) {
    res.status(400).json({ error: 'missing id' });
    return;
  }
  setTimeout(() => res.json({ id: req.params.id }), 100);
});
`,
    },
    // A listener on a file stream the handler waits to finish with once(stream, 'end')
    {
      code: `
import express from 'express';
import { createReadStream } from 'node:fs';
import { once } from 'node:events';
declare function log(message: string, fields?: Record<string, unknown>): void;
const app = express();
app.get('/export', async (req, res) => {
  const file = createReadStream('export.csv');
  file.on('error', err => log('export failed', { err, ip: req.ip }));
  await once(file, 'end');
  res.end();
});
`,
    },
    // reads: 'unsafe-only' does not report the whole request handed to other code: only its unsafe members are judged
    {
      code: `
import express from 'express';
import type { Request } from 'express';
declare function audit(req: Request): Promise<void>;
const app = express();
app.post('/orders', (req, res) => {
  void audit(req);
  res.status(201).end();
});
`,
      options: [{ reads: 'unsafe-only' }],
    },
    // A body streamed with write and ended by a timer: write does not end the response, so the timer sends the first one
    {
      code: `
import express from 'express';
const app = express();
app.get('/report', (req, res) => {
  res.write('report for ' + req.path + '\\n');
  setTimeout(() => res.end('done\\n'), 100);
});
`,
    },
  ],
  invalid: [
    // A subscription to a module-level RxJS Subject lives as long as the process
    {
      code: `
import express from 'express';
import { Subject } from 'rxjs';
declare function log(message: string, fields?: Record<string, unknown>): void;
const deployments$ = new Subject<string>();
const app = express();
app.get('/watch', (req, res) => {
  deployments$.subscribe(version => log('deployed', { version, path: req.path }));
  res.send('watching');
});
`,
      output: `
import express from 'express';
import { Subject } from 'rxjs';
declare function log(message: string, fields?: Record<string, unknown>): void;
const deployments$ = new Subject<string>();
const app = express();
app.get('/watch', (req, res) => {
  const path = req.path;
  deployments$.subscribe(version => log('deployed', { version, path }));
  res.send('watching');
});
`,
      errors: [
        {
          messageId: 'escapes',
          data: { name: 'req', kind: 'Express Request', sink: 'a subscription to a module-level observable' },
          line: 8,
          column: 70,
          endLine: 8,
          endColumn: 78,
        },
      ],
    },
    // A second response from a timer crashes with ERR_HTTP_HEADERS_SENT
    {
      code: `
import express from 'express';
const app = express();
app.post('/orders', (req, res) => {
  res.status(202).json({ accepted: true });
  setTimeout(() => res.json({ done: true }), 1000);
});
`,
      errors: [
        {
          messageId: 'writesAfterSent',
          data: { name: 'res', kind: 'Express Response', sink: 'a setTimeout callback', sentLine: '5' },
          line: 6,
          column: 20,
          endLine: 6,
          endColumn: 44,
        },
      ],
    },
    // req.ip read after the response may be undefined
    {
      code: `
import express from 'express';
declare function log(message: string, fields?: Record<string, unknown>): void;
declare function loadOrder(id: string): Promise<{ id: string; total: number }>;
const app = express();
app.post('/orders/:id/pay', async (req, res) => {
  const order = await loadOrder(req.params.id);
  res.json(order);
  setImmediate(() => log('payment', { order: order.id, ip: req.ip }));
});
`,
      output: `
import express from 'express';
declare function log(message: string, fields?: Record<string, unknown>): void;
declare function loadOrder(id: string): Promise<{ id: string; total: number }>;
const app = express();
app.post('/orders/:id/pay', async (req, res) => {
  const order = await loadOrder(req.params.id);
  res.json(order);
  const ip = req.ip;
  setImmediate(() => log('payment', { order: order.id, ip }));
});
`,
      errors: [
        {
          messageId: 'escapes',
          data: { name: 'req', kind: 'Express Request', sink: 'a setImmediate callback' },
          line: 9,
          column: 60,
          endLine: 9,
          endColumn: 66,
        },
      ],
    },
    // A listener on a process-wide emitter keeps writing to a finished response
    {
      code: `
import express from 'express';
import { EventEmitter } from 'node:events';
const orderEvents = new EventEmitter();
const app = express();
app.get('/orders/stream', (req, res) => {
  res.setHeader('content-type', 'text/event-stream');
  orderEvents.on('updated', order => res.write('data: ' + JSON.stringify(order)));
});
`,
      errors: [
        {
          messageId: 'writesRepeatedly',
          data: { name: 'res', kind: 'Express Response', sink: "a 'updated' listener" },
          line: 8,
          column: 38,
          endLine: 8,
          endColumn: 81,
        },
      ],
    },
    // A one-shot listener that answers a second time
    {
      code: `
import express from 'express';
import { EventEmitter } from 'node:events';
const jobs = new EventEmitter();
const app = express();
app.get('/jobs/:id', (req, res) => {
  res.json({ waiting: true });
  jobs.once('done', () => res.json({ done: true }));
});
`,
      errors: [
        {
          messageId: 'writesAfterSent',
          data: { name: 'res', kind: 'Express Response', sink: "a 'done' listener", sentLine: '7' },
          line: 8,
          column: 27,
          endLine: 8,
          endColumn: 51,
        },
      ],
    },
    // An SSE heartbeat that is never cleared
    {
      code: `
import express from 'express';
const app = express();
app.get('/events', (req, res) => {
  res.setHeader('content-type', 'text/event-stream');
  setInterval(() => res.write(': ping'), 15000);
});
`,
      errors: [
        {
          messageId: 'writesRepeatedly',
          data: { name: 'res', kind: 'Express Response', sink: 'a setInterval callback' },
          line: 6,
          column: 21,
          endLine: 6,
          endColumn: 40,
        },
      ],
    },
    // A .then chain answering after a response was already sent
    {
      code: `
import express from 'express';
declare function loadOrder(id: string): Promise<{ id: string; total: number }>;
const app = express();
app.get('/orders/:id', (req, res, next) => {
  res.json({ queued: true });
  loadOrder(req.params.id).then(order => res.json(order)).catch(next);
});
`,
      errors: [
        {
          messageId: 'writesAfterSent',
          data: { name: 'res', kind: 'Express Response', sink: 'a .then() callback of a floating promise', sentLine: '6' },
          line: 7,
          column: 42,
          endLine: 7,
          endColumn: 57,
        },
      ],
    },
    // An error-first callback writing after the response was sent
    {
      code: `
import express from 'express';
import { writeFile } from 'node:fs';
const app = express();
app.post('/orders', (req, res) => {
  res.status(202).end();
  writeFile('last-order.json', JSON.stringify(req.body), err => {
    if (err) res.status(500).end();
  });
});
`,
      errors: [
        {
          messageId: 'writesAfterSent',
          data: { name: 'res', kind: 'Express Response', sink: 'an error-first callback of writeFile()', sentLine: '6' },
          line: 8,
          column: 14,
          endLine: 8,
          endColumn: 29,
        },
      ],
    },
    // The request handed to an async call nobody awaits
    {
      code: `
import express from 'express';
import type { Request } from 'express';
declare function audit(req: Request): Promise<void>;
const app = express();
app.post('/orders', (req, res) => {
  void audit(req);
  res.status(201).end();
});
`,
      errors: [
        {
          messageId: 'escapesAsArgument',
          data: { name: 'req', kind: 'Express Request', sink: 'the floating promise of audit()' },
          line: 7,
          column: 14,
          endLine: 7,
          endColumn: 17,
        },
      ],
    },
    // A .catch-only chain reads req.ip when the promise rejects
    {
      code: `
import express from 'express';
declare function log(message: string, fields?: Record<string, unknown>): void;
declare function track(event: string, fields?: Record<string, unknown>): Promise<void>;
const app = express();
app.post('/orders', (req, res) => {
  track('order').catch(err => log('tracking failed', { err, ip: req.ip }));
  res.status(201).end();
});
`,
      output: `
import express from 'express';
declare function log(message: string, fields?: Record<string, unknown>): void;
declare function track(event: string, fields?: Record<string, unknown>): Promise<void>;
const app = express();
app.post('/orders', (req, res) => {
  const ip = req.ip;
  track('order').catch(err => log('tracking failed', { err, ip }));
  res.status(201).end();
});
`,
      errors: [
        {
          messageId: 'escapes',
          data: { name: 'req', kind: 'Express Request', sink: 'a .catch() callback of a floating promise' },
          line: 7,
          column: 65,
          endLine: 7,
          endColumn: 71,
        },
      ],
    },
    // An async IIFE started after the response
    {
      code: `
import express from 'express';
declare function log(message: string, fields?: Record<string, unknown>): void;
declare function loadOrder(id: string): Promise<{ id: string; total: number }>;
const app = express();
app.post('/orders', (req, res) => {
  res.status(202).end();
  (async () => {
    const order = await loadOrder(req.body.id);
    log('processed', { order, ua: req.get('user-agent') });
  })();
});
`,
      output: `
import express from 'express';
declare function log(message: string, fields?: Record<string, unknown>): void;
declare function loadOrder(id: string): Promise<{ id: string; total: number }>;
const app = express();
app.post('/orders', (req, res) => {
  res.status(202).end();
  const userAgent = req.get('user-agent');
  (async () => {
    const order = await loadOrder(req.body.id);
    log('processed', { order, ua: userAgent });
  })();
});
`,
      errors: [
        {
          messageId: 'escapes',
          data: { name: 'req', kind: 'Express Request', sink: 'a floating async IIFE' },
          line: 10,
          column: 35,
          endLine: 10,
          endColumn: 56,
        },
      ],
    },
    // A floating new Promise whose executor schedules a read of req.ip
    {
      code: `
import express from 'express';
declare function log(message: string, fields?: Record<string, unknown>): void;
const app = express();
app.post('/orders', (req, res) => {
  res.status(202).end();
  new Promise<void>(resolve => {
    setTimeout(() => {
      log('late', { ip: req.ip });
      resolve();
    }, 100);
  });
});
`,
      output: `
import express from 'express';
declare function log(message: string, fields?: Record<string, unknown>): void;
const app = express();
app.post('/orders', (req, res) => {
  res.status(202).end();
  const ip = req.ip;
  new Promise<void>(resolve => {
    setTimeout(() => {
      log('late', { ip });
      resolve();
    }, 100);
  });
});
`,
      errors: [
        {
          messageId: 'escapes',
          data: { name: 'req', kind: 'Express Request', sink: 'a floating new Promise()' },
          line: 9,
          column: 25,
          endLine: 9,
          endColumn: 31,
        },
      ],
    },
    // A promise stored in a variable and never awaited
    {
      code: `
import express from 'express';
import type { Request } from 'express';
declare function audit(req: Request): Promise<void>;
const app = express();
app.post('/orders', async (req, res) => {
  const audited = audit(req);
  res.status(201).end();
});
`,
      errors: [
        {
          messageId: 'escapesAsArgument',
          data: { name: 'req', kind: 'Express Request', sink: 'the promise stored in `audited`, which is never awaited' },
          line: 7,
          column: 25,
          endLine: 7,
          endColumn: 28,
        },
      ],
    },
    // A p-queue job reads the parsed body after the response
    {
      code: `
import express from 'express';
import PQueue from 'p-queue';
declare function sendReceipt(to: string): Promise<void>;
const jobs = new PQueue({ concurrency: 2 });
const app = express();
app.post('/orders', (req, res) => {
  jobs.add(() => sendReceipt(req.body.email));
  res.status(202).end();
});
`,
      output: `
import express from 'express';
import PQueue from 'p-queue';
declare function sendReceipt(to: string): Promise<void>;
const jobs = new PQueue({ concurrency: 2 });
const app = express();
app.post('/orders', (req, res) => {
  const email = req.body.email;
  jobs.add(() => sendReceipt(email));
  res.status(202).end();
});
`,
      errors: [
        {
          messageId: 'escapes',
          data: { name: 'req', kind: 'Express Request', sink: 'the floating promise of add()' },
          line: 8,
          column: 30,
          endLine: 8,
          endColumn: 44,
        },
      ],
    },
    // Handlers typed with the express Request and Response interfaces
    {
      code: `
import type { Request, Response } from 'express';
declare function log(message: string, fields?: Record<string, unknown>): void;
export function acceptAndAudit(req: Request, res: Response): void {
  res.sendStatus(204);
  setTimeout(() => log('audit', { ip: req.ip }), 0);
}
`,
      output: `
import type { Request, Response } from 'express';
declare function log(message: string, fields?: Record<string, unknown>): void;
export function acceptAndAudit(req: Request, res: Response): void {
  res.sendStatus(204);
  const ip = req.ip;
  setTimeout(() => log('audit', { ip }), 0);
}
`,
      errors: [
        {
          messageId: 'escapes',
          data: { name: 'req', kind: 'Express Request', sink: 'a setTimeout callback' },
          line: 6,
          column: 39,
          endLine: 6,
          endColumn: 45,
        },
      ],
    },
    // A raw node:http request socket read after the response
    {
      code: `
import { createServer } from 'node:http';
declare function log(message: string, fields?: Record<string, unknown>): void;
createServer((req, res) => {
  res.end('ok');
  setTimeout(() => log('late', { addr: req.socket.remoteAddress }), 0);
});
`,
      errors: [
        {
          messageId: 'escapes',
          data: { name: 'req', kind: 'Node IncomingMessage', sink: 'a setTimeout callback' },
          line: 6,
          column: 40,
          endLine: 6,
          endColumn: 64,
        },
      ],
    },
    // reads: 'unsafe-only' reports the socket-derived req.ip
    {
      code: `
import express from 'express';
declare function log(message: string, fields?: Record<string, unknown>): void;
const app = express();
app.get('/orders/:id', (req, res) => {
  res.json({ ok: true });
  setImmediate(() => log('served', { path: req.path, ip: req.ip }));
});
`,
      options: [{ reads: 'unsafe-only' }],
      output: `
import express from 'express';
declare function log(message: string, fields?: Record<string, unknown>): void;
const app = express();
app.get('/orders/:id', (req, res) => {
  res.json({ ok: true });
  const path = req.path;
  const ip = req.ip;
  setImmediate(() => log('served', { path, ip }));
});
`,
      errors: [
        {
          messageId: 'escapes',
          data: { name: 'req', kind: 'Express Request', sink: 'a setImmediate callback' },
          line: 7,
          column: 58,
          endLine: 7,
          endColumn: 64,
        },
      ],
    },
    // reads: 'unsafe-only' reports a cookie written after the response
    {
      code: `
import express from 'express';
const app = express();
app.get('/orders/:id', (req, res) => {
  res.json({ ok: true });
  setTimeout(() => res.cookie('seen', '1'), 0);
});
`,
      options: [{ reads: 'unsafe-only' }],
      errors: [
        {
          messageId: 'writesAfterSent',
          data: { name: 'res', kind: 'Express Response', sink: 'a setTimeout callback', sentLine: '5' },
          line: 6,
          column: 20,
          endLine: 6,
          endColumn: 43,
        },
      ],
    },
    // With presets: ['express'] the second response is reported
    {
      code: `
import express from 'express';
const app = express();
app.post('/orders', (req, res) => {
  res.status(202).json({ accepted: true });
  setTimeout(() => res.json({ done: true }), 1000);
});
`,
      options: [{ presets: ['express'] }],
      errors: [
        {
          messageId: 'writesAfterSent',
          data: { name: 'res', kind: 'Express Response', sink: 'a setTimeout callback', sentLine: '5' },
          line: 6,
          column: 20,
          endLine: 6,
          endColumn: 44,
        },
      ],
    },
    // A timer that answers, scheduled before the handler sends its own response: a second response
    {
      code: `
import express from 'express';
const app = express();
app.post('/orders', (req, res) => {
  setTimeout(() => res.json({ done: true }), 1000);
  res.status(202).json({ accepted: true });
});
`,
      errors: [
        {
          messageId: 'writesAfterSent',
          data: { name: 'res', kind: 'Express Response', sink: 'a setTimeout callback', sentLine: '6' },
          line: 5,
          column: 20,
          endLine: 5,
          endColumn: 44,
        },
      ],
    },
    // The request's socket (an unsafe member) handed to an async call nobody awaits
    {
      code: `
import express from 'express';
import type { Socket } from 'node:net';
declare function inspect(socket: Socket): Promise<void>;
const app = express();
app.get('/orders', (req, res) => {
  void inspect(req.socket);
  res.json([]);
});
`,
      errors: [
        {
          messageId: 'escapesAsArgument',
          data: { name: 'req.socket', kind: 'Express Request', sink: 'the floating promise of inspect()' },
          line: 7,
          column: 16,
          endLine: 7,
          endColumn: 26,
        },
      ],
    },
    // Each capture names its own part of the chain: the request passed to audit(), the response read in its .then callback.
    // res.statusCode is live state (it changes while the response is written), so it is never copied ahead: no fix.
    {
      code: `
import express from 'express';
import type { Request } from 'express';
declare function audit(req: Request): Promise<void>;
declare function log(message: string, fields?: Record<string, unknown>): void;
const app = express();
app.post('/orders', (req, res) => {
  res.status(201).end();
  void audit(req).then(() => log('audited', { status: res.statusCode }));
});
`,
      errors: [
        {
          messageId: 'escapesAsArgument',
          data: { name: 'req', kind: 'Express Request', sink: 'the floating promise of audit()' },
          line: 9,
          column: 14,
          endLine: 9,
          endColumn: 17,
        },
        {
          messageId: 'escapesReadingLiveState',
          data: { name: 'res', kind: 'Express Response', sink: 'a .then() callback of a floating promise', live: 'res.statusCode' },
          line: 9,
          column: 55,
          endLine: 9,
          endColumn: 69,
        },
      ],
    },
    // A watchdog checks res.headersSent when it fires: the request's path is copied, headersSent is left live
    // and the response's stable locals are only suggested
    {
      code: `
import express from 'express';
declare function log(message: string, fields?: Record<string, unknown>): void;
const app = express();
app.get('/report', (req, res) => {
  setTimeout(() => {
    if (!res.headersSent) log('slow', { id: res.locals.requestId, path: req.path });
  }, 5000);
  res.send('ok');
});
`,
      output: `
import express from 'express';
declare function log(message: string, fields?: Record<string, unknown>): void;
const app = express();
app.get('/report', (req, res) => {
  const path = req.path;
  setTimeout(() => {
    if (!res.headersSent) log('slow', { id: res.locals.requestId, path });
  }, 5000);
  res.send('ok');
});
`,
      errors: [
        {
          messageId: 'escapesReadingLiveState',
          data: { name: 'res', kind: 'Express Response', sink: 'a setTimeout callback', live: 'res.headersSent' },
          line: 7,
          column: 10,
          endLine: 7,
          endColumn: 25,
          suggestions: [
            {
              messageId: 'suggestCopyFields',
              output: `
import express from 'express';
declare function log(message: string, fields?: Record<string, unknown>): void;
const app = express();
app.get('/report', (req, res) => {
  const requestId = res.locals.requestId;
  setTimeout(() => {
    if (!res.headersSent) log('slow', { id: requestId, path: req.path });
  }, 5000);
  res.send('ok');
});
`,
            },
          ],
        },
        {
          messageId: 'escapes',
          data: { name: 'req', kind: 'Express Request', sink: 'a setTimeout callback' },
          line: 7,
          column: 73,
          endLine: 7,
          endColumn: 81,
        },
      ],
    },
  ],
});
