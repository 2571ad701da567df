// AWS Lambda: one invocation at a time per execution environment, but the
// environment (and its module state) is reused by later invocations.
import type { RunTests } from '@typescript-eslint/rule-tester';

import type { MessageIds, Options } from '../../../src/rules/no-shared-request-state.js';

const LAMBDA_DATA = "the execution environment is reused, so a later invocation that does not set it reads this invocation's data";

export const cases: RunTests<MessageIds, Options> = {
  valid: [
    // a client created at start-up, outside the handler (the documented pattern)
    `
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { Socket } from 'node:net';
const client = new Socket();
export async function handler(event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> {
  client.write(event.path);
  return { statusCode: 200, body: 'ok' };
}
`,
    // a cache keyed by id
    `
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
declare function load(id: string): Promise<string>;
const cache = new Map<string, string>();
export async function handler(event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> {
  const id = event.pathParameters?.id ?? '';
  cache.set(id, await load(id));
  return { statusCode: 200, body: cache.get(id) ?? '' };
}
`,
    // a cold-start flag and a counter
    `
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
let coldStart = true;
let invocations = 0;
export async function handler(event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> {
  const cold = coldStart;
  coldStart = false;
  invocations++;
  return { statusCode: 200, body: JSON.stringify({ cold, invocations }) };
}
`,
    // AsyncLocalStorage
    `
import { AsyncLocalStorage } from 'node:async_hooks';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
const als = new AsyncLocalStorage<string>();
export async function handler(event: APIGatewayProxyEvent, context: Context): Promise<APIGatewayProxyResult> {
  return als.run(context.awsRequestId, async () => ({ statusCode: 200, body: 'ok' }));
}
`,
    // a WeakMap keyed by the event
    `
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
const seen = new WeakMap<APIGatewayProxyEvent, number>();
export async function handler(event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> {
  seen.set(event, Date.now());
  return { statusCode: 200, body: 'ok' };
}
`,
    // start-up configuration
    `
let table = process.env.TABLE ?? 'orders';
export async function handler() {
  return { statusCode: 200, body: table };
}
`,
    // a per-invocation object
    `
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
export async function handler(event: APIGatewayProxyEvent, context: Context): Promise<APIGatewayProxyResult> {
  const log: { requestId?: string; path?: string } = {};
  log.requestId = context.awsRequestId;
  log.path = event.path;
  return { statusCode: 200, body: JSON.stringify(log) };
}
`,
    // a metric of the remaining time
    `
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
const metrics = { remaining: 0 };
export async function handler(event: APIGatewayProxyEvent, context: Context): Promise<APIGatewayProxyResult> {
  metrics.remaining = context.getRemainingTimeInMillis();
  return { statusCode: 200, body: 'ok' };
}
`,
  ],
  invalid: [
    {
      code: `
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
let currentUser: string | undefined;
export async function handler(event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> {
  if (event.headers['x-user']) currentUser = event.headers['x-user'];
  return { statusCode: 200, body: String(currentUser) };
}
`,
      errors: [
        {
          messageId: 'storesRequestData',
          data: {
            value: "`event.headers['x-user']`",
            kind: 'AWS Lambda event',
            root: 'event',
            storage: 'module-scope `currentUser`',
            consequence: LAMBDA_DATA,
            store: 'local variables passed down',
          },
        },
      ],
    },
    {
      code: `
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
let lastContext: Context | undefined;
export async function handler(event: APIGatewayProxyEvent, context: Context): Promise<APIGatewayProxyResult> {
  lastContext = context;
  return { statusCode: 200, body: 'ok' };
}
`,
      errors: [{ messageId: 'storesContext' }],
    },
    {
      code: `
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
export async function handler(event: APIGatewayProxyEvent, context: Context): Promise<APIGatewayProxyResult> {
  (global as any).requestId = context.awsRequestId;
  return { statusCode: 200, body: 'ok' };
}
`,
      errors: [{ messageId: 'storesRequestData' }],
    },
    {
      code: `
import type { SQSEvent } from 'aws-lambda';
const batches: SQSEvent[] = [];
export async function handler(event: SQSEvent): Promise<void> {
  batches.push(event);
}
`,
      errors: [{ messageId: 'storesContext' }],
    },
    {
      code: `
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
const logger = { tenant: '' };
export async function handler(event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> {
  logger.tenant = event.requestContext.accountId;
  return { statusCode: 200, body: 'ok' };
}
`,
      errors: [{ messageId: 'storesRequestData' }],
    },
    {
      code: `
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
let body: unknown;
export async function handler(event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> {
  body = JSON.parse(event.body ?? '{}');
  return { statusCode: 200, body: 'ok' };
}
`,
      errors: [{ messageId: 'storesRequestData' }],
    },
    {
      code: `
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
class RequestLog { path?: string; record(event: APIGatewayProxyEvent) { this.path = event.path; } }
const requestLog = new RequestLog();
export async function handler(event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> {
  requestLog.record(event);
  return { statusCode: 200, body: 'ok' };
}
`,
      errors: [{ messageId: 'storesRequestData' }],
    },
    {
      code: `
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
let lastEvent: APIGatewayProxyEvent | undefined;
export async function handler(event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> {
  lastEvent ??= event;
  return { statusCode: 200, body: 'ok' };
}
`,
      errors: [{ messageId: 'storesContext' }],
    },
  ],
};
