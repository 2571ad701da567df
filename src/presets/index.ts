import type { TypeOrValueSpecifier } from '@typescript-eslint/type-utils';

import type { Preset } from './types.js';

import { awsLambda } from './aws-lambda.js';
import { cloudflareWorkers } from './cloudflare-workers.js';
import { elysia } from './elysia.js';
import { express } from './express.js';
import { fastify } from './fastify.js';
import { h3 } from './h3.js';
import { hono } from './hono.js';
import { koa } from './koa.js';
import { nestjs } from './nestjs.js';
import { nextjs } from './nextjs.js';
import { uwebsockets } from './uwebsockets.js';

export type { ContextKind, Lifetime, PendingResponse, Preset, SharedStateFacts, SingletonClasses } from './types.js';

/** Every framework preset, by name. Adding a framework means adding one file here. */
export const PRESETS = {
  'aws-lambda': awsLambda,
  'cloudflare-workers': cloudflareWorkers,
  elysia,
  express,
  fastify,
  h3,
  hono,
  koa,
  nestjs,
  nextjs,
  uwebsockets,
} as const satisfies Record<string, Preset>;

export type PresetName = keyof typeof PRESETS;

export const PRESET_NAMES = Object.keys(PRESETS) as PresetName[];

/**
 * Job runners whose returned promise settles when the job has run
 * (`await queue.add(job)` keeps the job inside the request).
 */
export const DEFAULT_JOB_RUNNERS: readonly TypeOrValueSpecifier[] = [
  { from: 'package', package: 'p-queue', name: ['add', 'addAll'] },
];

/**
 * Job queues and emitters whose work runs elsewhere, later, even when the call
 * itself is awaited (BullMQ resolves once the job is stored). Users add more with `sinks`.
 */
export const DEFAULT_SINKS: readonly TypeOrValueSpecifier[] = [
  ...DEFAULT_JOB_RUNNERS,
  { from: 'package', package: 'bullmq', name: ['add', 'addBulk'] },
  { from: 'package', package: 'eventemitter2', name: ['emit', 'emitAsync'] },
];
