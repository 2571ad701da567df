// no-shared-request-state, one suite per framework preset (cases in
// ./no-shared-request-state/<preset>.ts). One file, so that every suite shares
// the fixture's TypeScript project.
import { describe } from 'vitest';

import rule from '../../src/rules/no-shared-request-state.js';
import { createTypedRuleTester } from '../util/rule-tester.js';
import { cases as awsLambda } from './no-shared-request-state/aws-lambda.js';
import { cases as cloudflareWorkers } from './no-shared-request-state/cloudflare-workers.js';
import { cases as elysia } from './no-shared-request-state/elysia.js';
import { cases as express } from './no-shared-request-state/express.js';
import { cases as fastify } from './no-shared-request-state/fastify.js';
import { cases as h3 } from './no-shared-request-state/h3.js';
import { cases as hono } from './no-shared-request-state/hono.js';
import { cases as koa } from './no-shared-request-state/koa.js';
import { cases as nestjs } from './no-shared-request-state/nestjs.js';
import { cases as nextjs } from './no-shared-request-state/nextjs.js';
import { cases as uwebsockets } from './no-shared-request-state/uwebsockets.js';

const ruleTester = createTypedRuleTester();

const SUITES = {
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
};

for (const [preset, cases] of Object.entries(SUITES)) {
  describe(preset, () => {
    ruleTester.run('no-shared-request-state', rule, cases);
  });
}
