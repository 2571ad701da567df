import Fastify from 'fastify';
import { setTimeout as sleep } from 'node:timers/promises';

const app = Fastify();

app.get('/ticks', async (request, reply) => {
  reply.hijack();
  reply.raw.writeHead(200, { 'content-type': 'text/event-stream' });
  // BUG(require-abort-handling): the hijacked response is written forever.
  for (;;) {
    reply.raw.write('data: tick\n\n');
    await sleep(1000);
  }
});

app.get('/ticks-checked', async (request, reply) => {
  reply.hijack();
  reply.raw.writeHead(200, { 'content-type': 'text/event-stream' });
  // OK: stops when the connection is gone.
  while (!reply.raw.destroyed) {
    reply.raw.write('data: tick\n\n');
    await sleep(1000);
  }
});

export default app;
