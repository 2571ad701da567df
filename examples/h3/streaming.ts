import { EventStream, H3 } from 'h3';

const app = new H3();

app.get('/sse', event => {
  const eventStream = new EventStream(event);
  // BUG(require-abort-handling): pushes continue after the client disconnected.
  setInterval(async () => {
    await eventStream.push('tick');
  }, 1000);
  return eventStream;
});

app.get('/sse-cleared', event => {
  const eventStream = new EventStream(event);
  const interval = setInterval(async () => {
    await eventStream.push('tick');
  }, 1000);
  // OK: h3 runs onClosed when the client disconnects.
  eventStream.onClosed(() => clearInterval(interval));
  return eventStream;
});

app.get('/proxy', event => {
  // OK: the request's signal aborts the upstream request.
  return fetch('https://origin.example/feed', { signal: event.req.signal });
});

export default app;
