import type { NextRequest } from 'next/server';

const encoder = new TextEncoder();

export function GET(request: NextRequest): Response {
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      // BUG(require-abort-handling): enqueue throws on every tick once the client is gone.
      setInterval(() => controller.enqueue(encoder.encode('data: tick\n\n')), 1000);
    },
  });
  return new Response(body, { headers: { 'content-type': 'text/event-stream' } });
}

export async function POST(request: NextRequest): Promise<Response> {
  // BUG(require-abort-handling, strict): the upstream completion keeps streaming after the client left.
  const upstream = await fetch('https://llm.example/v1/complete', { method: 'POST', body: await request.text() });
  return new Response(upstream.body, { headers: { 'content-type': 'text/event-stream' } });
}

export function PUT(request: NextRequest): Response {
  let timer: ReturnType<typeof setInterval> | undefined;
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      timer = setInterval(() => controller.enqueue(encoder.encode('data: tick\n\n')), 1000);
    },
    // OK: the runtime cancels the stream when the client disconnects.
    cancel() {
      clearInterval(timer);
    },
  });
  return new Response(body, { headers: { 'content-type': 'text/event-stream' } });
}
