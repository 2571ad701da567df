import { Hono } from 'hono';
import { streamSSE, streamText } from 'hono/streaming';

import { loadStats } from '../lib/services.js';

const app = new Hono();

app.get('/stats/live', c =>
  streamSSE(c, async stream => {
    // BUG(require-abort-handling): nothing ends this loop when the client disconnects; it keeps querying.
    while (true) {
      await stream.writeSSE({ data: JSON.stringify(await loadStats('u1')) });
      await stream.sleep(1000);
    }
  }),
);

app.get('/stats/live-checked', c =>
  streamSSE(c, async stream => {
    // OK: the loop stops once the client is gone.
    while (!stream.aborted) {
      await stream.writeSSE({ data: JSON.stringify(await loadStats('u1')) });
      await stream.sleep(1000);
    }
  }),
);

app.get('/events', c =>
  streamSSE(c, async stream => {
    // BUG(require-abort-handling): the keep-alive keeps firing after the client left.
    setInterval(() => void stream.writeSSE({ event: 'ping', data: '' }), 15_000);
    await stream.sleep(60_000);
  }),
);

app.get('/events-cleared', c =>
  streamSSE(c, async stream => {
    const keepAlive = setInterval(() => void stream.writeSSE({ event: 'ping', data: '' }), 15_000);
    // OK: cleared when the client disconnects.
    stream.onAbort(() => clearInterval(keepAlive));
    await stream.sleep(60_000);
  }),
);

app.get('/proxy/*', async c => {
  // BUG(require-abort-handling, strict): the upstream keeps streaming after the client is gone.
  const upstream = await fetch(`https://origin.example${c.req.path}`);
  return new Response(upstream.body, upstream);
});

app.get('/mirror/*', async c => {
  // OK: the request's signal aborts the upstream request with the client.
  const upstream = await fetch(`https://origin.example${c.req.path}`, { signal: c.req.raw.signal });
  return new Response(upstream.body, upstream);
});

app.get('/log', c =>
  streamText(c, async stream => {
    // OK: a bounded loop over a finite list.
    for (const line of ['starting', 'done']) await stream.writeln(line);
  }),
);

export default app;
