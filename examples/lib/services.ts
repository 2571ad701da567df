// Stand-ins for the app's own modules (database, analytics, mail, logging).
// They only need to be typed: the linter reads types, it never runs this code.

import { EventEmitter } from 'node:events';
import PQueue from 'p-queue';

export interface Order {
  id: string;
  userId: string;
  total: number;
}

export function log(message: string, fields: Record<string, unknown> = {}): void {
  console.log(JSON.stringify({ message, ...fields }));
}

export async function track(event: string, fields: Record<string, unknown> = {}): Promise<void> {
  log(`track ${event}`, fields);
}

export async function loadOrder(id: string): Promise<Order> {
  return { id, userId: 'u1', total: 42 };
}

export async function saveOrder(order: Order): Promise<Order> {
  return order;
}

export async function loadStats(userId: string): Promise<{ orders: number }> {
  return { orders: userId.length };
}

export async function renderInvoice(order: Order): Promise<string> {
  return `invoice ${order.id}: ${order.total}`;
}

export async function sendMail(to: string, body: string): Promise<void> {
  log('mail', { to, size: body.length });
}

export async function archive(key: string, body: string): Promise<void> {
  log('archive', { key, size: body.length });
}

export const sleep = (ms: number): Promise<void> => new Promise(resolve => setTimeout(resolve, ms));

/** Lives as long as the process: listeners added per request are never dropped on their own. */
export const orderEvents = new EventEmitter<{ updated: [Order] }>();

/** A process-wide job queue: jobs run whenever a slot is free, long after the request. */
export const jobs = new PQueue({ concurrency: 2 });
