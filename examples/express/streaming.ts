import express from 'express';
import { Readable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';

import { loadStats } from '../lib/services.js';

const app = express();

app.get('/stats/live', async (req, res) => {
  res.writeHead(200, { 'content-type': 'text/event-stream' });
  // BUG(require-abort-handling): writes to a dead socket forever once the client disconnects.
  while (true) {
    res.write(`data: ${JSON.stringify(await loadStats('u1'))}\n\n`);
    await sleep(1000);
  }
});

app.get('/stats/live-checked', async (req, res) => {
  res.writeHead(200, { 'content-type': 'text/event-stream' });
  // OK: the loop ends when the connection closes.
  while (!res.destroyed) {
    res.write(`data: ${JSON.stringify(await loadStats('u1'))}\n\n`);
    await sleep(1000);
  }
});

app.get('/events', (req, res) => {
  res.writeHead(200, { 'content-type': 'text/event-stream' });
  // BUG(no-escaping-context): the keep-alive never stops (reported once, by no-escaping-context).
  setInterval(() => res.write(': ping\n\n'), 15_000);
});

app.get('/events-cleared', (req, res) => {
  res.writeHead(200, { 'content-type': 'text/event-stream' });
  const keepAlive = setInterval(() => res.write(': ping\n\n'), 15_000);
  // OK: cleared when the client disconnects.
  req.on('close', () => clearInterval(keepAlive));
});

app.get('/proxy', async (req, res) => {
  // BUG(require-abort-handling, strict): the upstream request outlives the client.
  const upstream = await fetch('https://origin.example/feed');
  Readable.fromWeb(upstream.body as never).pipe(res);
});

app.get('/mirror', async (req, res) => {
  const controller = new AbortController();
  req.on('close', () => controller.abort());
  // OK: aborted when the request closes.
  const upstream = await fetch('https://origin.example/feed', { signal: controller.signal });
  Readable.fromWeb(upstream.body as never).pipe(res);
});

export default app;
