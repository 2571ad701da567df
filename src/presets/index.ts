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

export type { ContextKind, Lifetime, PendingResponse, Preset } from './types.js';

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

/** Job queues and pools whose callbacks and payloads outlive the request; users add more with `sinks`. */
export const DEFAULT_SINKS: readonly TypeOrValueSpecifier[] = [
  { from: 'package', package: 'p-queue', name: ['add', 'addAll'] },
  { from: 'package', package: 'bullmq', name: ['add', 'addBulk'] },
  { from: 'package', package: 'eventemitter2', name: ['emit', 'emitAsync'] },
];
