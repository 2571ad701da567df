// AWS Lambda: the execution environment is frozen when the handler returns.
// Floating work that holds the invocation's `context`, `event` or `callback`
// resumes during a later invocation (wrong request id, stale sockets), so the
// fix is to await the work, not to copy fields out of it.
import path from 'node:path';
import ts from 'typescript';
import { expect, it } from 'vitest';

import rule from '../../../src/rules/no-escaping-context.js';
import { createTypedRuleTester, FIXTURES } from '../../util/rule-tester.js';

const ruleTester = createTypedRuleTester();
// `aws-lambda` linked into node_modules from a package outside it (`file:`, `npm link`, workspaces).
const LINKED = path.join(FIXTURES, 'linked');
const linkedTester = createTypedRuleTester(LINKED);

const AWAITED_CALLBACK_CHAIN = `
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Handler } from 'aws-lambda';
declare function loadOrder(id: string): Promise<{ id: string; total: number }>;
export const handler: Handler<APIGatewayProxyEvent, APIGatewayProxyResult> = async (event, context, callback) => {
  await loadOrder(event.pathParameters?.id ?? '').then(order =>
    callback(null, { statusCode: 200, body: JSON.stringify({ ...order, requestId: context.awsRequestId }) }),
  );
};
`;

ruleTester.run('no-escaping-context', rule, {
  valid: [
    // Both pieces of work finish before the handler returns
    {
      code: `
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
declare function sendMetric(context: Context, name: string): Promise<void>;
declare function track(event: string, fields?: Record<string, unknown>): Promise<void>;
export async function createOrder(event: APIGatewayProxyEvent, context: Context): Promise<APIGatewayProxyResult> {
  await Promise.all([sendMetric(context, 'order.created'), track('order', { path: event.path })]);
  return { statusCode: 201, body: '{}' };
}
`,
    },
    // The context passed to an awaited call
    {
      code: `
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
declare function sendMetric(context: Context, name: string): Promise<void>;
export async function getOrder(event: APIGatewayProxyEvent, context: Context): Promise<APIGatewayProxyResult> {
  await sendMetric(context, 'order.read');
  return { statusCode: 200, body: event.body ?? '' };
}
`,
    },
    // A promise variable awaited before returning
    {
      code: `
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
declare function sendMetric(context: Context, name: string): Promise<void>;
declare function loadOrder(id: string): Promise<{ id: string; total: number }>;
export async function getOrder(event: APIGatewayProxyEvent, context: Context): Promise<APIGatewayProxyResult> {
  const metric = sendMetric(context, 'order.read');
  const order = await loadOrder(event.pathParameters?.id ?? '');
  await metric;
  return { statusCode: 200, body: JSON.stringify(order) };
}
`,
    },
    // A returned .then chain
    {
      code: `
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
declare function loadOrder(id: string): Promise<{ id: string; total: number }>;
export function getOrder(event: APIGatewayProxyEvent, context: Context): Promise<APIGatewayProxyResult> {
  return loadOrder(event.pathParameters?.id ?? '').then(order => ({
    statusCode: 200,
    headers: { 'x-request-id': context.awsRequestId },
    body: JSON.stringify(order),
  }));
}
`,
    },
    // Records processed with awaited work inside the loop
    {
      code: `
import type { Context, SQSEvent } from 'aws-lambda';
declare function saveOrder(order: unknown, requestId: string): Promise<void>;
export async function importOrders(event: SQSEvent, context: Context): Promise<void> {
  for (const record of event.Records) await saveOrder(JSON.parse(record.body), context.awsRequestId);
}
`,
    },
    // A Handler-typed handler that awaits an async IIFE
    {
      code: `
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Handler } from 'aws-lambda';
declare function log(message: string, fields?: Record<string, unknown>): void;
declare function sleep(ms: number): Promise<void>;
export const handler: Handler<APIGatewayProxyEvent, APIGatewayProxyResult> = async (event, context) => {
  await (async () => {
    await sleep(10);
    log('warmed', { requestId: context.awsRequestId, path: event.path });
  })();
  return { statusCode: 204, body: '' };
};
`,
    },
    // A retry delay inside an awaited new Promise finishes within the invocation
    {
      code: `
import type { Context, SQSEvent } from 'aws-lambda';
declare function log(message: string, fields?: Record<string, unknown>): void;
export async function handler(event: SQSEvent, context: Context): Promise<void> {
  await new Promise<void>(resolve =>
    setTimeout(() => {
      log('retrying', { requestId: context.awsRequestId, count: event.Records.length });
      resolve();
    }, 200),
  );
}
`,
    },
    // A timer cleared in finally before the handler returns
    {
      code: `
import type { Context, SQSEvent } from 'aws-lambda';
declare function log(message: string, fields?: Record<string, unknown>): void;
declare function processBatch(event: SQSEvent): Promise<void>;
export async function handler(event: SQSEvent, context: Context): Promise<void> {
  const watchdog = setTimeout(() => log('near timeout', { remaining: context.getRemainingTimeInMillis() }), 25000);
  try {
    await processBatch(event);
  } finally {
    clearTimeout(watchdog);
  }
}
`,
    },
    // An awaited new Promise whose listener resolves it
    {
      code: `
import type { Context, S3Event } from 'aws-lambda';
import { createReadStream } from 'node:fs';
export async function handler(event: S3Event, context: Context): Promise<number> {
  let size = 0;
  const stream = createReadStream('/tmp/' + event.Records[0].s3.object.key);
  stream.on('data', chunk => {
    size += chunk.length;
  });
  await new Promise<void>(resolve => stream.on('end', () => resolve()));
  return size;
}
`,
    },
    // A plain request id copied before floating work
    {
      code: `
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
declare function track(event: string, fields?: Record<string, unknown>): Promise<void>;
export async function handler(event: APIGatewayProxyEvent, context: Context): Promise<APIGatewayProxyResult> {
  const { awsRequestId } = context;
  const path = event.path;
  await track('request', { awsRequestId, path });
  return { statusCode: 200, body: '' };
}
`,
    },
    // A floating call that receives only values read now
    {
      code: `
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
declare function log(message: string, fields?: Record<string, unknown>): void;
export async function handler(event: APIGatewayProxyEvent, context: Context): Promise<APIGatewayProxyResult> {
  log('request', { requestId: context.awsRequestId, path: event.path });
  return { statusCode: 200, body: '' };
}
`,
    },
    // Synchronous array callbacks over the records are not deferred
    {
      code: `
import type { Context, SQSEvent, SQSBatchResponse } from 'aws-lambda';
export async function handler(event: SQSEvent, context: Context): Promise<SQSBatchResponse> {
  const failures = event.Records.filter(record => !record.body).map(record => ({ itemIdentifier: record.messageId + context.awsRequestId }));
  return { batchItemFailures: failures };
}
`,
    },
    // Work joined with Promise.allSettled and awaited
    {
      code: `
import type { Context, SNSEvent } from 'aws-lambda';
declare function notify(message: string, requestId: string): Promise<void>;
export async function handler(event: SNSEvent, context: Context): Promise<void> {
  await Promise.allSettled(event.Records.map(record => notify(record.Sns.Message, context.awsRequestId)));
}
`,
    },
    // A stream consumed with for await inside the handler
    {
      code: `
import type { Context, S3Event } from 'aws-lambda';
import { createReadStream } from 'node:fs';
declare function log(message: string, fields?: Record<string, unknown>): void;
export async function handler(event: S3Event, context: Context): Promise<void> {
  for await (const chunk of createReadStream('/tmp/' + event.Records[0].s3.object.key)) {
    log('chunk', { requestId: context.awsRequestId, size: (chunk as Buffer).length });
  }
}
`,
    },
    // reads: 'unsafe-only': every late access is unsafe in Lambda, so only copies may be used
    {
      code: `
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
declare function log(message: string, fields?: Record<string, unknown>): void;
export async function handler(event: APIGatewayProxyEvent, context: Context): Promise<APIGatewayProxyResult> {
  const requestId = context.awsRequestId;
  await new Promise(resolve => setTimeout(resolve, 10));
  log('done', { requestId });
  return { statusCode: 200, body: '' };
}
`,
      options: [{ reads: 'unsafe-only' }],
    },
    // With presets limited to fastify, Lambda objects are not request contexts
    {
      code: `
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
declare function sendMetric(context: Context, name: string): Promise<void>;
export async function getOrder(event: APIGatewayProxyEvent, context: Context): Promise<APIGatewayProxyResult> {
  void sendMetric(context, 'order.read');
  return { statusCode: 200, body: '' };
}
`,
      options: [{ presets: ['fastify'] }],
    },
    // Known limitation: a record taken out of the event is not itself a configured context type
    {
      code: `
import type { Context, SQSEvent, SQSRecord } from 'aws-lambda';
declare function processRecord(record: SQSRecord): Promise<void>;
export async function handler(event: SQSEvent, context: Context): Promise<void> {
  for (const record of event.Records) void processRecord(record);
}
`,
    },
    // A callback-style handler whose timer calls callback: Lambda waits for the callback, so the event and context are still live
    {
      code: `
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Callback, Context } from 'aws-lambda';
export function handler(event: APIGatewayProxyEvent, context: Context, callback: Callback<APIGatewayProxyResult>): void {
  setTimeout(() => callback(null, { statusCode: 200, body: JSON.stringify({ path: event.path, id: context.awsRequestId }) }), 100);
}
`,
    },
    // An error-first callback that calls callback produces the result of a callback-style handler
    {
      code: `
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Callback, Context } from 'aws-lambda';
import { readFile } from 'node:fs';
export function handler(event: APIGatewayProxyEvent, context: Context, callback: Callback<APIGatewayProxyResult>): void {
  readFile('templates/' + event.path, 'utf8', (err, html) => {
    if (err) return callback(err);
    callback(null, { statusCode: 200, headers: { 'x-request-id': context.awsRequestId }, body: html });
  });
}
`,
    },
    // A Handler-typed callback-style handler whose .then/.catch chain calls callback
    {
      code: `
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Handler } from 'aws-lambda';
declare function loadOrder(id: string): Promise<{ id: string; total: number }>;
export const handler: Handler<APIGatewayProxyEvent, APIGatewayProxyResult> = (event, context, callback) => {
  loadOrder(event.pathParameters?.id ?? '')
    .then(order => callback(null, { statusCode: 200, body: JSON.stringify({ ...order, requestId: context.awsRequestId }) }))
    .catch(err => callback(err));
};
`,
    },
    // An async handler that awaits its .then chain reads the context within the invocation
    {
      code: `
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
declare function loadOrder(id: string): Promise<{ id: string; total: number }>;
export async function handler(event: APIGatewayProxyEvent, context: Context): Promise<APIGatewayProxyResult> {
  const body = await loadOrder(event.pathParameters?.id ?? '').then(order => JSON.stringify({ ...order, requestId: context.awsRequestId }));
  return { statusCode: 200, body };
}
`,
    },
  ],
  invalid: [
    // An async handler ends when its promise settles: the callback in a floating .then chain is ignored and the chain runs in a later invocation
    {
      code: `
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Handler } from 'aws-lambda';
declare function loadOrder(id: string): Promise<{ id: string; total: number }>;
export const handler: Handler<APIGatewayProxyEvent, APIGatewayProxyResult> = async (event, context, callback) => {
  loadOrder(event.pathParameters?.id ?? '').then(order =>
    callback(null, { statusCode: 200, body: JSON.stringify({ ...order, requestId: context.awsRequestId }) }),
  );
};
`,
      errors: [
        {
          messageId: 'escapesInvocation',
          data: { name: 'callback', kind: 'AWS Lambda callback', sink: 'a .then() callback of a floating promise' },
          line: 6,
          column: 5,
          endLine: 6,
          endColumn: 109,
          suggestions: [{ messageId: 'suggestAwait', output: AWAITED_CALLBACK_CHAIN }],
        },
        {
          messageId: 'escapesInvocation',
          data: { name: 'context', kind: 'AWS Lambda Context', sink: 'a .then() callback of a floating promise' },
          line: 6,
          column: 83,
          endLine: 6,
          endColumn: 103,
          suggestions: [{ messageId: 'suggestAwait', output: AWAITED_CALLBACK_CHAIN }],
        },
      ],
    },
    // The context passed to an unawaited call: the metric is sent during a later invocation
    {
      code: `
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
declare function sendMetric(context: Context, name: string): Promise<void>;
declare function loadOrder(id: string): Promise<{ id: string; total: number }>;
export async function getOrder(event: APIGatewayProxyEvent, context: Context): Promise<APIGatewayProxyResult> {
  const order = await loadOrder(event.pathParameters?.id ?? '');
  sendMetric(context, 'order.read');
  return { statusCode: 200, body: JSON.stringify(order) };
}
`,
      errors: [
        {
          messageId: 'escapesInvocation',
          data: { name: 'context', kind: 'AWS Lambda Context', sink: 'the floating promise of sendMetric()' },
          line: 7,
          column: 14,
          endLine: 7,
          endColumn: 21,
          suggestions: [
            {
              messageId: 'suggestAwait',
              output: `
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
declare function sendMetric(context: Context, name: string): Promise<void>;
declare function loadOrder(id: string): Promise<{ id: string; total: number }>;
export async function getOrder(event: APIGatewayProxyEvent, context: Context): Promise<APIGatewayProxyResult> {
  const order = await loadOrder(event.pathParameters?.id ?? '');
  await sendMetric(context, 'order.read');
  return { statusCode: 200, body: JSON.stringify(order) };
}
`,
            },
          ],
        },
      ],
    },
    // void does not keep the work inside the invocation
    {
      code: `
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
declare function sendMetric(context: Context, name: string): Promise<void>;
export async function getOrder(event: APIGatewayProxyEvent, context: Context): Promise<APIGatewayProxyResult> {
  void sendMetric(context, 'order.read');
  return { statusCode: 200, body: '' };
}
`,
      errors: [
        {
          messageId: 'escapesInvocation',
          data: { name: 'context', kind: 'AWS Lambda Context', sink: 'the floating promise of sendMetric()' },
          line: 5,
          column: 19,
          endLine: 5,
          endColumn: 26,
          suggestions: [
            {
              messageId: 'suggestAwait',
              output: `
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
declare function sendMetric(context: Context, name: string): Promise<void>;
export async function getOrder(event: APIGatewayProxyEvent, context: Context): Promise<APIGatewayProxyResult> {
  await sendMetric(context, 'order.read');
  return { statusCode: 200, body: '' };
}
`,
            },
          ],
        },
      ],
    },
    // A timer may fire in another invocation
    {
      code: `
import type { Context, SQSEvent } from 'aws-lambda';
declare function log(message: string, fields?: Record<string, unknown>): void;
declare function saveOrder(order: unknown): Promise<void>;
export async function importOrders(event: SQSEvent, context: Context): Promise<void> {
  for (const record of event.Records) await saveOrder(JSON.parse(record.body));
  setTimeout(() => log('import done', { requestId: context.awsRequestId }), 0);
}
`,
      errors: [
        {
          messageId: 'escapesInvocation',
          data: { name: 'context', kind: 'AWS Lambda Context', sink: 'a setTimeout callback' },
          line: 7,
          column: 52,
          endLine: 7,
          endColumn: 72,
        },
      ],
    },
    // The event captured by a floating .then callback
    {
      code: `
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
declare function log(message: string, fields?: Record<string, unknown>): void;
declare function track(event: string): Promise<void>;
export async function handler(event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> {
  track('request').then(() => log('tracked', { path: event.path }));
  return { statusCode: 200, body: '' };
}
`,
      errors: [
        {
          messageId: 'escapesInvocation',
          data: { name: 'event', kind: 'AWS Lambda event', sink: 'a .then() callback of a floating promise' },
          line: 6,
          column: 54,
          endLine: 6,
          endColumn: 64,
          suggestions: [
            {
              messageId: 'suggestAwait',
              output: `
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
declare function log(message: string, fields?: Record<string, unknown>): void;
declare function track(event: string): Promise<void>;
export async function handler(event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> {
  await track('request').then(() => log('tracked', { path: event.path }));
  return { statusCode: 200, body: '' };
}
`,
            },
          ],
        },
      ],
    },
    // A .catch-only chain still floats past the invocation
    {
      code: `
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
declare function log(message: string, fields?: Record<string, unknown>): void;
declare function track(event: string): Promise<void>;
export async function handler(event: APIGatewayProxyEvent, context: Context): Promise<APIGatewayProxyResult> {
  track('request').catch(err => log('tracking failed', { err, requestId: context.awsRequestId }));
  return { statusCode: 200, body: '' };
}
`,
      errors: [
        {
          messageId: 'escapesInvocation',
          data: { name: 'context', kind: 'AWS Lambda Context', sink: 'a .catch() callback of a floating promise' },
          line: 6,
          column: 74,
          endLine: 6,
          endColumn: 94,
          suggestions: [
            {
              messageId: 'suggestAwait',
              output: `
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
declare function log(message: string, fields?: Record<string, unknown>): void;
declare function track(event: string): Promise<void>;
export async function handler(event: APIGatewayProxyEvent, context: Context): Promise<APIGatewayProxyResult> {
  await track('request').catch(err => log('tracking failed', { err, requestId: context.awsRequestId }));
  return { statusCode: 200, body: '' };
}
`,
            },
          ],
        },
      ],
    },
    // An async IIFE that is not awaited
    {
      code: `
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
declare function log(message: string, fields?: Record<string, unknown>): void;
declare function sleep(ms: number): Promise<void>;
export async function handler(event: APIGatewayProxyEvent, context: Context): Promise<APIGatewayProxyResult> {
  (async () => {
    await sleep(100);
    log('late', { requestId: context.awsRequestId });
  })();
  return { statusCode: 202, body: '' };
}
`,
      errors: [
        {
          messageId: 'escapesInvocation',
          data: { name: 'context', kind: 'AWS Lambda Context', sink: 'a floating async IIFE' },
          line: 8,
          column: 30,
          endLine: 8,
          endColumn: 50,
          suggestions: [
            {
              messageId: 'suggestAwait',
              output: `
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
declare function log(message: string, fields?: Record<string, unknown>): void;
declare function sleep(ms: number): Promise<void>;
export async function handler(event: APIGatewayProxyEvent, context: Context): Promise<APIGatewayProxyResult> {
  await (async () => {
    await sleep(100);
    log('late', { requestId: context.awsRequestId });
  })();
  return { statusCode: 202, body: '' };
}
`,
            },
          ],
        },
      ],
    },
    // A floating new Promise
    {
      code: `
import type { Context, ScheduledEvent } from 'aws-lambda';
declare function log(message: string, fields?: Record<string, unknown>): void;
export async function handler(event: ScheduledEvent, context: Context): Promise<void> {
  new Promise<void>(resolve => {
    setTimeout(() => {
      log('tick', { requestId: context.awsRequestId });
      resolve();
    }, 100);
  });
}
`,
      errors: [
        {
          messageId: 'escapesInvocation',
          data: { name: 'context', kind: 'AWS Lambda Context', sink: 'a floating new Promise()' },
          line: 7,
          column: 32,
          endLine: 7,
          endColumn: 52,
          suggestions: [
            {
              messageId: 'suggestAwait',
              output: `
import type { Context, ScheduledEvent } from 'aws-lambda';
declare function log(message: string, fields?: Record<string, unknown>): void;
export async function handler(event: ScheduledEvent, context: Context): Promise<void> {
  await new Promise<void>(resolve => {
    setTimeout(() => {
      log('tick', { requestId: context.awsRequestId });
      resolve();
    }, 100);
  });
}
`,
            },
          ],
        },
      ],
    },
    // A promise stored in a variable and never awaited
    {
      code: `
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
declare function sendMetric(context: Context, name: string): Promise<void>;
export async function handler(event: APIGatewayProxyEvent, context: Context): Promise<APIGatewayProxyResult> {
  const metric = sendMetric(context, 'request');
  return { statusCode: 200, body: '' };
}
`,
      errors: [
        {
          messageId: 'escapesInvocation',
          data: { name: 'context', kind: 'AWS Lambda Context', sink: 'the promise stored in `metric`, which is never awaited' },
          line: 5,
          column: 29,
          endLine: 5,
          endColumn: 36,
        },
      ],
    },
    // Handler<T>-typed handler: the event handed to an unawaited call
    {
      code: `
import type { Handler, SQSEvent } from 'aws-lambda';
declare function archive(event: SQSEvent): Promise<void>;
export const handler: Handler<SQSEvent, void> = async event => {
  archive(event);
};
`,
      errors: [
        {
          messageId: 'escapesInvocation',
          data: { name: 'event', kind: 'AWS Lambda event', sink: 'the floating promise of archive()' },
          line: 5,
          column: 11,
          endLine: 5,
          endColumn: 16,
          suggestions: [
            {
              messageId: 'suggestAwait',
              output: `
import type { Handler, SQSEvent } from 'aws-lambda';
declare function archive(event: SQSEvent): Promise<void>;
export const handler: Handler<SQSEvent, void> = async event => {
  await archive(event);
};
`,
            },
          ],
        },
      ],
    },
    // An error-first callback in an async handler: the write may happen only in a later invocation
    {
      code: `
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { writeFile } from 'node:fs';
declare function log(message: string, fields?: Record<string, unknown>): void;
export async function handler(event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> {
  writeFile('/tmp/last.json', event.body ?? '', err => {
    if (err) log('write failed', { path: event.path });
  });
  return { statusCode: 202, body: '' };
}
`,
      errors: [
        {
          messageId: 'escapesInvocation',
          data: { name: 'event', kind: 'AWS Lambda event', sink: 'an error-first callback of writeFile()' },
          line: 7,
          column: 42,
          endLine: 7,
          endColumn: 52,
        },
      ],
    },
    // A listener on a module-level emitter outlives the invocation
    {
      code: `
import type { Context, SQSEvent } from 'aws-lambda';
import { EventEmitter } from 'node:events';
declare function log(message: string, fields?: Record<string, unknown>): void;
const bus = new EventEmitter();
export async function handler(event: SQSEvent, context: Context): Promise<void> {
  bus.on('flush', () => log('flushed', { requestId: context.awsRequestId }));
}
`,
      errors: [
        {
          messageId: 'escapesInvocation',
          data: { name: 'context', kind: 'AWS Lambda Context', sink: "a 'flush' listener" },
          line: 7,
          column: 53,
          endLine: 7,
          endColumn: 73,
        },
      ],
    },
    // A p-queue job holds the event
    {
      code: `
import type { Context, SQSEvent } from 'aws-lambda';
import PQueue from 'p-queue';
declare function saveAll(event: SQSEvent): Promise<void>;
const queue = new PQueue({ concurrency: 1 });
export async function handler(event: SQSEvent, context: Context): Promise<void> {
  queue.add(() => saveAll(event));
}
`,
      errors: [
        {
          messageId: 'escapesInvocation',
          data: { name: 'event', kind: 'AWS Lambda event', sink: 'the floating promise of add()' },
          line: 7,
          column: 27,
          endLine: 7,
          endColumn: 32,
          suggestions: [
            {
              messageId: 'suggestAwait',
              output: `
import type { Context, SQSEvent } from 'aws-lambda';
import PQueue from 'p-queue';
declare function saveAll(event: SQSEvent): Promise<void>;
const queue = new PQueue({ concurrency: 1 });
export async function handler(event: SQSEvent, context: Context): Promise<void> {
  await queue.add(() => saveAll(event));
}
`,
            },
          ],
        },
      ],
    },
    // A setInterval callback holds the context
    {
      code: `
import type { Context, SQSEvent } from 'aws-lambda';
declare function log(message: string, fields?: Record<string, unknown>): void;
declare function processBatch(event: SQSEvent): Promise<void>;
export async function handler(event: SQSEvent, context: Context): Promise<void> {
  setInterval(() => log('remaining', { ms: context.getRemainingTimeInMillis() }), 1000);
  await processBatch(event);
}
`,
      errors: [
        {
          messageId: 'escapesInvocation',
          data: { name: 'context', kind: 'AWS Lambda Context', sink: 'a setInterval callback' },
          line: 6,
          column: 44,
          endLine: 6,
          endColumn: 78,
        },
      ],
    },
    // reads: 'unsafe-only' still reports plain field reads: Lambda work holding the context is unsafe as a whole
    {
      code: `
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
declare function log(message: string, fields?: Record<string, unknown>): void;
export async function handler(event: APIGatewayProxyEvent, context: Context): Promise<APIGatewayProxyResult> {
  setImmediate(() => log('done', { requestId: context.awsRequestId }));
  return { statusCode: 200, body: '' };
}
`,
      options: [{ reads: 'unsafe-only' }],
      errors: [
        {
          messageId: 'escapesInvocation',
          data: { name: 'context', kind: 'AWS Lambda Context', sink: 'a setImmediate callback' },
          line: 5,
          column: 47,
          endLine: 5,
          endColumn: 67,
        },
      ],
    },
    // With presets: ['aws-lambda'] the floating metric is reported
    {
      code: `
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
declare function sendMetric(context: Context, name: string): Promise<void>;
export async function getOrder(event: APIGatewayProxyEvent, context: Context): Promise<APIGatewayProxyResult> {
  void sendMetric(context, 'order.read');
  return { statusCode: 200, body: '' };
}
`,
      options: [{ presets: ['aws-lambda'] }],
      errors: [
        {
          messageId: 'escapesInvocation',
          data: { name: 'context', kind: 'AWS Lambda Context', sink: 'the floating promise of sendMetric()' },
          line: 5,
          column: 19,
          endLine: 5,
          endColumn: 26,
          suggestions: [
            {
              messageId: 'suggestAwait',
              output: `
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
declare function sendMetric(context: Context, name: string): Promise<void>;
export async function getOrder(event: APIGatewayProxyEvent, context: Context): Promise<APIGatewayProxyResult> {
  await sendMetric(context, 'order.read');
  return { statusCode: 200, body: '' };
}
`,
            },
          ],
        },
      ],
    },
    // A function URL event read from a timer
    {
      code: `
import type { LambdaFunctionURLEvent, LambdaFunctionURLResult } from 'aws-lambda';
declare function log(message: string, fields?: Record<string, unknown>): void;
export async function handler(event: LambdaFunctionURLEvent): Promise<LambdaFunctionURLResult> {
  setTimeout(() => log('served', { path: event.rawPath }), 0);
  return { statusCode: 200 };
}
`,
      errors: [
        {
          messageId: 'escapesInvocation',
          data: { name: 'event', kind: 'AWS Lambda event', sink: 'a setTimeout callback' },
          line: 5,
          column: 42,
          endLine: 5,
          endColumn: 55,
        },
      ],
    },
    // A callback-style handler: a timer that does not call callback may run in a later invocation
    {
      code: `
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Callback, Context } from 'aws-lambda';
declare function log(message: string, fields?: Record<string, unknown>): void;
export function handler(event: APIGatewayProxyEvent, context: Context, callback: Callback<APIGatewayProxyResult>): void {
  setTimeout(() => log('late', { requestId: context.awsRequestId }), 100);
  callback(null, { statusCode: 204, body: '' });
}
`,
      errors: [
        {
          messageId: 'escapesInvocation',
          data: { name: 'context', kind: 'AWS Lambda Context', sink: 'a setTimeout callback' },
          line: 5,
          column: 45,
          endLine: 5,
          endColumn: 65,
        },
      ],
    },
    // A callback called again from a timer after the handler already called it is not the pending response
    {
      code: `
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Callback, Context } from 'aws-lambda';
export function handler(event: APIGatewayProxyEvent, context: Context, callback: Callback<APIGatewayProxyResult>): void {
  callback(null, { statusCode: 202, body: '' });
  setTimeout(() => callback(null, { statusCode: 200, body: event.path }), 100);
}
`,
      errors: [
        {
          messageId: 'escapesInvocation',
          data: { name: 'callback', kind: 'AWS Lambda callback', sink: 'a setTimeout callback' },
          line: 5,
          column: 20,
          endLine: 5,
          endColumn: 73,
        },
        {
          messageId: 'escapesInvocation',
          data: { name: 'event', kind: 'AWS Lambda event', sink: 'a setTimeout callback' },
          line: 5,
          column: 60,
          endLine: 5,
          endColumn: 70,
        },
      ],
    },
    // void Promise.all([...]) floats every joined promise, and the context passed to them
    {
      code: `
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
declare function sendMetric(context: Context, name: string): Promise<void>;
export async function handler(event: APIGatewayProxyEvent, context: Context): Promise<APIGatewayProxyResult> {
  void Promise.all([sendMetric(context, 'request'), sendMetric(context, 'cold-start')]);
  return { statusCode: 200, body: '' };
}
`,
      errors: [
        {
          messageId: 'escapesInvocation',
          data: { name: 'context', kind: 'AWS Lambda Context', sink: 'a floating Promise.all()' },
          line: 5,
          column: 32,
          endLine: 5,
          endColumn: 39,
          suggestions: [
            {
              messageId: 'suggestAwait',
              output: `
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
declare function sendMetric(context: Context, name: string): Promise<void>;
export async function handler(event: APIGatewayProxyEvent, context: Context): Promise<APIGatewayProxyResult> {
  await Promise.all([sendMetric(context, 'request'), sendMetric(context, 'cold-start')]);
  return { statusCode: 200, body: '' };
}
`,
            },
          ],
        },
      ],
    },
    // Each capture names its own part of the chain: the context passed to sendMetric(), the event read in its .then callback
    {
      code: `
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
declare function sendMetric(context: Context, name: string): Promise<void>;
declare function log(message: string, fields?: Record<string, unknown>): void;
export async function handler(event: APIGatewayProxyEvent, context: Context): Promise<APIGatewayProxyResult> {
  void sendMetric(context, 'request').then(() => log('metric sent', { path: event.path }));
  return { statusCode: 200, body: '' };
}
`,
      errors: [
        {
          messageId: 'escapesInvocation',
          data: { name: 'context', kind: 'AWS Lambda Context', sink: 'the floating promise of sendMetric()' },
          line: 6,
          column: 19,
          endLine: 6,
          endColumn: 26,
          suggestions: [
            {
              messageId: 'suggestAwait',
              output: `
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
declare function sendMetric(context: Context, name: string): Promise<void>;
declare function log(message: string, fields?: Record<string, unknown>): void;
export async function handler(event: APIGatewayProxyEvent, context: Context): Promise<APIGatewayProxyResult> {
  await sendMetric(context, 'request').then(() => log('metric sent', { path: event.path }));
  return { statusCode: 200, body: '' };
}
`,
            },
          ],
        },
        {
          messageId: 'escapesInvocation',
          data: { name: 'event', kind: 'AWS Lambda event', sink: 'a .then() callback of a floating promise' },
          line: 6,
          column: 77,
          endLine: 6,
          endColumn: 87,
          suggestions: [
            {
              messageId: 'suggestAwait',
              output: `
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
declare function sendMetric(context: Context, name: string): Promise<void>;
declare function log(message: string, fields?: Record<string, unknown>): void;
export async function handler(event: APIGatewayProxyEvent, context: Context): Promise<APIGatewayProxyResult> {
  await sendMetric(context, 'request').then(() => log('metric sent', { path: event.path }));
  return { statusCode: 200, body: '' };
}
`,
            },
          ],
        },
      ],
    },
  ],
});

it('resolves the linked aws-lambda typings to their real path outside node_modules', () => {
  const options = { module: ts.ModuleKind.Preserve, moduleResolution: ts.ModuleResolutionKind.Bundler };
  const { resolvedModule } = ts.resolveModuleName('aws-lambda', path.join(LINKED, 'file.ts'), options, ts.sys);
  expect(resolvedModule?.resolvedFileName).toBe(path.join(LINKED, 'packages', 'aws-lambda', 'index.d.ts'));
  expect(resolvedModule?.resolvedFileName).not.toContain('node_modules');
  expect(resolvedModule?.packageId?.name).toBe('aws-lambda');
});

// Types of a linked package are matched by the package that owns their files, not by a node_modules path.
linkedTester.run('no-escaping-context', rule, {
  valid: [
    // an interface of the project's own that is also named Context is not Lambda's
    `
interface Context { awsRequestId: string }
declare function sendMetric(requestId: string): Promise<void>;
export function handler(event: unknown, context: Context): void {
  setTimeout(() => void sendMetric(context.awsRequestId), 0);
}
`,
    // the linked Context passed to awaited work
    `
import type { Context } from 'aws-lambda';
declare function sendMetric(context: Context, name: string): Promise<void>;
export async function handler(event: unknown, context: Context): Promise<void> {
  await sendMetric(context, 'invoked');
}
`,
  ],
  invalid: [
    // the linked Context held by a timer that can run in a later invocation
    {
      code: `
import type { Context } from 'aws-lambda';
declare function sendMetric(requestId: string): Promise<void>;
export async function handler(event: unknown, context: Context): Promise<void> {
  setTimeout(() => void sendMetric(context.awsRequestId), 0);
}
`,
      errors: [
        {
          messageId: 'escapesInvocation',
          data: { name: 'context', kind: 'AWS Lambda Context', sink: 'a setTimeout callback' },
          line: 5,
          column: 36,
          endLine: 5,
          endColumn: 56,
        },
      ],
    },
    // the linked Callback called from a floating chain of an async handler
    {
      code: `
import type { Callback, Context } from 'aws-lambda';
declare function loadOrder(): Promise<string>;
export async function handler(event: unknown, context: Context, callback: Callback<string>): Promise<void> {
  void loadOrder().then(order => callback(null, order));
}
`,
      errors: [
        {
          messageId: 'escapesInvocation',
          data: { name: 'callback', kind: 'AWS Lambda callback', sink: 'a .then() callback of a floating promise' },
          line: 5,
          column: 34,
          endLine: 5,
          endColumn: 55,
          suggestions: [
            {
              messageId: 'suggestAwait',
              output: `
import type { Callback, Context } from 'aws-lambda';
declare function loadOrder(): Promise<string>;
export async function handler(event: unknown, context: Context, callback: Callback<string>): Promise<void> {
  await loadOrder().then(order => callback(null, order));
}
`,
            },
          ],
        },
      ],
    },
  ],
});
