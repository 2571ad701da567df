import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context, SQSEvent } from 'aws-lambda';

import { loadOrder, log, saveOrder, track } from '../lib/services.js';

export async function getOrder(event: APIGatewayProxyEvent, context: Context): Promise<APIGatewayProxyResult> {
  const order = await loadOrder(event.pathParameters?.id ?? '');
  // BUG: not awaited. Lambda freezes the process when the handler returns; the metric is sent
  // during a later invocation, with that invocation's request id in the logs.
  sendMetric(context, 'order.read');
  return { statusCode: 200, body: JSON.stringify(order) };
}

export async function importOrders(event: SQSEvent, context: Context): Promise<void> {
  for (const record of event.Records) await saveOrder(JSON.parse(record.body));
  // BUG: the timer may fire in another invocation.
  setTimeout(() => log('import done', { requestId: context.awsRequestId, count: event.Records.length }), 0);
}

export async function cancelOrder(event: APIGatewayProxyEvent, context: Context): Promise<APIGatewayProxyResult> {
  // OK: started early, awaited before the handler returns.
  const metric = sendMetric(context, 'order.cancelled');
  const order = await loadOrder(event.pathParameters?.id ?? '');
  await metric;
  return { statusCode: 200, body: JSON.stringify({ ...order, cancelled: true }) };
}

export async function createOrder(event: APIGatewayProxyEvent, context: Context): Promise<APIGatewayProxyResult> {
  const order = await saveOrder(JSON.parse(event.body ?? '{}'));
  // OK: both pieces of work finish before the handler returns.
  await Promise.all([sendMetric(context, 'order.created'), track('order', { id: order.id, path: event.path })]);
  return { statusCode: 201, body: JSON.stringify(order) };
}

async function sendMetric(context: Context, name: string): Promise<void> {
  await track(name, { requestId: context.awsRequestId, fn: context.functionName });
}
