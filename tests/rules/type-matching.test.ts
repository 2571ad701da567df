// How declared types are matched against context type specifiers: unions,
// aliases, intersections, subtypes and generic constraints match (an alias of
// an intersection also by its own name, as Next's ReadonlyRequestCookies);
// package names are anchored; user `contexts`, `sinks` and `safeSinks`
// specifiers and the `sinkFamilies` switches.
import rule from '../../src/rules/no-escaping-context.js';
import { createTypedRuleTester } from '../util/rule-tester.js';

const ruleTester = createTypedRuleTester();

ruleTester.run('no-escaping-context', rule, {
  valid: [
    // an unconstrained type parameter is not a context
    `
export function track<T>(value: T) {
  setTimeout(() => console.log(value), 0);
}
`,
    // a union of non-context types
    `
export function track(value: string | number) {
  setTimeout(() => console.log(value), 0);
}
`,
    // a local class named Context is not a framework context
    `
class Context {
  path = '/';
}
export function track(c: Context) {
  setTimeout(() => console.log(c.path), 0);
}
`,
    // a local interface named Request is not a framework request
    `
interface Request {
  url: string;
}
export function track(req: Request) {
  setTimeout(() => console.log(req.url), 0);
}
`,
    // the default-library Request is no preset's context
    `
export function track(req: Request) {
  setTimeout(() => console.log(req.url), 0);
}
`,
    // a same-named type from another package: node:vm Context
    `
import type { Context } from 'node:vm';
export function track(sandbox: Context) {
  setTimeout(() => console.log(sandbox.x), 0);
}
`,
    // the aws-lambda Context is not Hono's Context
    {
      code: `
import type { Context } from 'aws-lambda';
export async function handler(event: unknown, context: Context) {
  setTimeout(() => console.log(context.awsRequestId), 0);
}
`,
      options: [{ presets: ['hono'] }],
    },
    // package names are anchored: `express` does not match @types/express-serve-static-core
    {
      code: `
import type { Request } from 'express-serve-static-core';
export function audit(req: Request) {
  setTimeout(() => console.log(req.url), 0);
}
`,
      options: [{ presets: [], contexts: [{ from: 'package', package: 'express', name: 'Request' }] }],
    },
    // package names are anchored: a Request declared by express-session is not Express's
    {
      code: `
declare module 'express-session' {
  interface Request {
    sessionID: string;
  }
}
function audit(req: import('express-session').Request) {
  setTimeout(() => console.log(req.sessionID), 0);
}
`,
      options: [{ presets: [], contexts: [{ from: 'package', package: 'express', name: 'Request' }] }],
    },
    // with the default presets, a Request declared by express-session is not an Express Request
    `
declare module 'express-session' {
  interface Request {
    sessionID: string;
  }
}
function audit(req: import('express-session').Request) {
  setTimeout(() => console.log(req.sessionID), 0);
}
`,
    // a file-declared class is not a context until it is configured
    `
class TenantContext {
  constructor(readonly tenantId: string) {}
}
export function handle(tenant: TenantContext) {
  setTimeout(() => console.log(tenant.tenantId), 0);
}
`,
    // a `{ from: 'file' }` specifier with a path matches only declarations in that file
    {
      code: `
class TenantContext {
  constructor(readonly tenantId: string) {}
}
export function handle(tenant: TenantContext) {
  setTimeout(() => console.log(tenant.tenantId), 0);
}
`,
      options: [{ contexts: [{ from: 'file', name: 'TenantContext', path: 'tenancy.ts' }] }],
    },
    // another alias of the same intersection is not the configured alias
    {
      code: `
interface Tenant { tenantId: string }
interface Session { userId: string }
type RequestScope = Tenant & Session;
type JobScope = Tenant & Session;
export function track(scope: JobScope) {
  setTimeout(() => console.log(scope.tenantId), 0);
}
`,
      options: [{ contexts: [{ from: 'file', name: 'RequestScope' }] }],
    },
    // Known limitation: declared types are checked shallowly, so a context inside a plain object parameter is not found
    `
import type { Context } from 'hono';
export function track(deps: { c: Context }) {
  setTimeout(() => console.log(deps.c.req.path), 0);
}
`,
    // Known limitation: `extends` clauses are followed three levels deep
    `
import type { Request } from 'express';
interface WithUser extends Request {
  user: string;
}
interface WithTenant extends WithUser {
  tenant: string;
}
interface WithTrace extends WithTenant {
  traceId: string;
}
interface AuditedRequest extends WithTrace {
  auditId: string;
}
export function audit(req: AuditedRequest) {
  setTimeout(() => console.log(req.auditId), 0);
}
`,
    // without a `sinks` entry, a callback handed to a local function is not deferred
    `
import { Hono } from 'hono';
const app = new Hono();
function runInBackground(task: () => Promise<void>): void {
  void task().catch(console.error);
}
declare function audit(path: string): Promise<void>;
app.get('/', c => {
  runInBackground(() => audit(c.req.path));
  return c.text('ok');
});
`,
    // `safeSinks` marks an error-first API that calls back synchronously
    {
      code: `
import { Hono } from 'hono';
const app = new Hono();
declare function validate(input: unknown, done: (err: Error | null, value?: string) => void): void;
app.post('/', c => {
  validate(c.req.query('q'), err => {
    if (err) console.error(err, c.req.path);
  });
  return c.text('ok');
});
`,
      options: [{ safeSinks: [{ from: 'file', name: 'validate' }] }],
    },
    // sinkFamilies.timers off
    {
      code: `
import { Hono } from 'hono';
const app = new Hono();
app.get('/', c => {
  setTimeout(() => console.log(c.req.path), 0);
  return c.text('ok');
});
`,
      options: [{ sinkFamilies: { timers: false } }],
    },
    // sinkFamilies.promises off
    {
      code: `
import { Hono } from 'hono';
const app = new Hono();
declare function audit(event: string): Promise<void>;
app.get('/', c => {
  audit('visit').then(() => console.log(c.req.path));
  return c.text('ok');
});
`,
      options: [{ sinkFamilies: { promises: false } }],
    },
    // sinkFamilies.listeners off
    {
      code: `
import { EventEmitter } from 'node:events';
import { Hono } from 'hono';
const app = new Hono();
const bus = new EventEmitter();
app.get('/', c => {
  bus.on('flush', () => console.log(c.req.path));
  return c.text('ok');
});
`,
      options: [{ sinkFamilies: { listeners: false } }],
    },
    // sinkFamilies.callbacks off
    {
      code: `
import { readFile } from 'node:fs';
import { Hono } from 'hono';
const app = new Hono();
app.get('/', c => {
  readFile('/etc/motd', (err, data) => console.log(c.req.path, data));
  return c.text('ok');
});
`,
      options: [{ sinkFamilies: { callbacks: false } }],
    },
    // sinkFamilies.background off
    {
      code: `
import { Hono } from 'hono';
const app = new Hono();
declare function audit(event: string): Promise<void>;
app.get('/', c => {
  c.executionCtx.waitUntil(audit('visit').then(() => console.log(c.req.path)));
  return c.text('ok');
});
`,
      options: [{ sinkFamilies: { background: false } }],
    },
    // sinkFamilies.sinks off
    {
      code: `
import { Hono } from 'hono';
const app = new Hono();
import PQueue from 'p-queue';
const queue = new PQueue({ concurrency: 1 });
const jobs: Promise<void>[] = [];
declare function audit(path: string): Promise<void>;
app.post('/', c => {
  jobs.push(queue.add(() => audit(c.req.path)));
  return c.text('queued');
});
`,
      options: [{ sinkFamilies: { sinks: false } }],
    },
  ],
  invalid: [
    // `Context | undefined` matches
    {
      code: `
import type { Context } from 'hono';
export function track(c: Context | undefined) {
  setTimeout(() => console.log(c?.req.path), 0);
}
`,
      output: `
import type { Context } from 'hono';
export function track(c: Context | undefined) {
  const path = c?.req.path;
  setTimeout(() => console.log(path), 0);
}
`,
      errors: [
        {
          messageId: 'escapes',
          data: { name: 'c', kind: 'Hono Context', sink: 'a setTimeout callback' },
          line: 4,
          column: 32,
          endLine: 4,
          endColumn: 43,
        },
      ],
    },
    // `Context | null` matches
    {
      code: `
import type { Context } from 'hono';
export function track(c: Context | null) {
  setTimeout(() => console.log(c?.req.path), 0);
}
`,
      output: `
import type { Context } from 'hono';
export function track(c: Context | null) {
  const path = c?.req.path;
  setTimeout(() => console.log(path), 0);
}
`,
      errors: [
        {
          messageId: 'escapes',
          data: { name: 'c', kind: 'Hono Context', sink: 'a setTimeout callback' },
          line: 4,
          column: 32,
          endLine: 4,
          endColumn: 43,
        },
      ],
    },
    // a union of two contexts matches
    {
      code: `
import type { Request } from 'express';
import type { FastifyRequest } from 'fastify';
export function audit(req: Request | FastifyRequest) {
  setTimeout(() => console.log(req.url), 0);
}
`,
      output: `
import type { Request } from 'express';
import type { FastifyRequest } from 'fastify';
export function audit(req: Request | FastifyRequest) {
  const url = req.url;
  setTimeout(() => console.log(url), 0);
}
`,
      errors: [
        {
          messageId: 'escapes',
          data: { name: 'req', kind: 'Express Request', sink: 'a setTimeout callback' },
          line: 5,
          column: 32,
          endLine: 5,
          endColumn: 39,
        },
      ],
    },
    // an alias of a context: `type AppContext = Context<Env>`
    {
      code: `
import type { Context } from 'hono';
type Env = { Bindings: { DB: string } };
type AppContext = Context<Env>;
export function track(c: AppContext) {
  setTimeout(() => console.log(c.req.path), 0);
}
`,
      output: `
import type { Context } from 'hono';
type Env = { Bindings: { DB: string } };
type AppContext = Context<Env>;
export function track(c: AppContext) {
  const path = c.req.path;
  setTimeout(() => console.log(path), 0);
}
`,
      errors: [
        {
          messageId: 'escapes',
          data: { name: 'c', kind: 'Hono Context', sink: 'a setTimeout callback' },
          line: 6,
          column: 32,
          endLine: 6,
          endColumn: 42,
        },
      ],
    },
    // an alias of an alias
    {
      code: `
import type { Context } from 'hono';
type AppContext = Context<{ Variables: { user: string } }>;
type HandlerContext = AppContext;
export function track(c: HandlerContext) {
  setTimeout(() => console.log(c.get('user')), 0);
}
`,
      output: `
import type { Context } from 'hono';
type AppContext = Context<{ Variables: { user: string } }>;
type HandlerContext = AppContext;
export function track(c: HandlerContext) {
  const user = c.get('user');
  setTimeout(() => console.log(user), 0);
}
`,
      errors: [
        {
          messageId: 'escapes',
          data: { name: 'c', kind: 'Hono Context', sink: 'a setTimeout callback' },
          line: 6,
          column: 32,
          endLine: 6,
          endColumn: 45,
        },
      ],
    },
    // Koa's inline ctx is the intersection ParameterizedContext
    {
      code: `
import Koa from 'koa';
const app = new Koa();
app.use(async ctx => {
  setTimeout(() => console.log(ctx.path), 0);
  ctx.body = 'ok';
});
`,
      output: `
import Koa from 'koa';
const app = new Koa();
app.use(async ctx => {
  const path = ctx.path;
  setTimeout(() => console.log(path), 0);
  ctx.body = 'ok';
});
`,
      errors: [
        {
          messageId: 'escapes',
          data: { name: 'ctx', kind: 'Koa Context', sink: 'a setTimeout callback' },
          line: 5,
          column: 32,
          endLine: 5,
          endColumn: 40,
        },
      ],
    },
    // an annotated ParameterizedContext with custom state
    {
      code: `
import type { ParameterizedContext } from 'koa';
export async function handler(ctx: ParameterizedContext<{ user: string }>) {
  setTimeout(() => console.log(ctx.state.user), 0);
}
`,
      output: `
import type { ParameterizedContext } from 'koa';
export async function handler(ctx: ParameterizedContext<{ user: string }>) {
  const user = ctx.state.user;
  setTimeout(() => console.log(user), 0);
}
`,
      errors: [
        {
          messageId: 'escapes',
          data: { name: 'ctx', kind: 'Koa Context', sink: 'a setTimeout callback' },
          line: 4,
          column: 32,
          endLine: 4,
          endColumn: 46,
        },
      ],
    },
    // an intersection `Context & { extra }`
    {
      code: `
import type { Context } from 'hono';
export function track(c: Context & { requestId: string }) {
  setTimeout(() => console.log(c.requestId), 0);
}
`,
      output: null,
      errors: [
        {
          messageId: 'escapes',
          data: { name: 'c', kind: 'Hono Context', sink: 'a setTimeout callback' },
          line: 4,
          column: 32,
          endLine: 4,
          endColumn: 43,
        },
      ],
    },
    // a user alias of an intersection matches by the alias name: `type RequestScope = Tenant & Session`
    {
      code: `
interface Tenant { tenantId: string }
interface Session { userId: string }
type RequestScope = Tenant & Session;
export function track(scope: RequestScope) {
  setTimeout(() => console.log(scope.tenantId), 0);
}
`,
      output: null,
      options: [{ contexts: [{ from: 'file', name: 'RequestScope' }] }],
      errors: [
        {
          messageId: 'escapes',
          data: { name: 'scope', kind: 'RequestScope', sink: 'a setTimeout callback' },
          line: 6,
          column: 32,
          endLine: 6,
          endColumn: 46,
        },
      ],
    },
    // an interface extending the Express Request
    {
      code: `
import type { Request } from 'express';
interface AuthedRequest extends Request {
  user: { id: string };
}
export function audit(req: AuthedRequest) {
  setTimeout(() => console.log(req.user.id), 0);
}
`,
      output: `
import type { Request } from 'express';
interface AuthedRequest extends Request {
  user: { id: string };
}
export function audit(req: AuthedRequest) {
  const id = req.user.id;
  setTimeout(() => console.log(id), 0);
}
`,
      errors: [
        {
          messageId: 'escapes',
          data: { name: 'req', kind: 'Express Request', sink: 'a setTimeout callback' },
          line: 7,
          column: 32,
          endLine: 7,
          endColumn: 43,
        },
      ],
    },
    // a class extending H3Event
    {
      code: `
import { H3Event } from 'h3';
class TracedEvent extends H3Event {
  traceId = '1';
}
export function audit(event: TracedEvent) {
  setTimeout(() => console.log(event.traceId), 0);
}
`,
      output: null,
      errors: [
        {
          messageId: 'escapes',
          data: { name: 'event', kind: 'h3 H3Event', sink: 'a setTimeout callback' },
          line: 7,
          column: 32,
          endLine: 7,
          endColumn: 45,
        },
      ],
    },
    // a type parameter constrained by a context: `<C extends Context>(c: C)`
    {
      code: `
import type { Context } from 'hono';
export function track<C extends Context>(c: C) {
  setTimeout(() => console.log(c.req.path), 0);
}
`,
      output: `
import type { Context } from 'hono';
export function track<C extends Context>(c: C) {
  const path = c.req.path;
  setTimeout(() => console.log(path), 0);
}
`,
      errors: [
        {
          messageId: 'escapes',
          data: { name: 'c', kind: 'Hono Context', sink: 'a setTimeout callback' },
          line: 4,
          column: 32,
          endLine: 4,
          endColumn: 42,
        },
      ],
    },
    // a type parameter constrained by an optional alias of a context
    {
      code: `
import type { Context } from 'hono';
type AppContext = Context<{ Variables: { user: string } }>;
export function track<C extends AppContext | undefined>(c: C) {
  setTimeout(() => console.log(c?.req.path), 0);
}
`,
      output: `
import type { Context } from 'hono';
type AppContext = Context<{ Variables: { user: string } }>;
export function track<C extends AppContext | undefined>(c: C) {
  const path = c?.req.path;
  setTimeout(() => console.log(path), 0);
}
`,
      errors: [
        {
          messageId: 'escapes',
          data: { name: 'c', kind: 'Hono Context', sink: 'a setTimeout callback' },
          line: 5,
          column: 32,
          endLine: 5,
          endColumn: 43,
        },
      ],
    },
    // a same-named type resolves to the kind of its own package: the aws-lambda Context
    {
      code: `
import type { Context } from 'aws-lambda';
export async function handler(event: unknown, context: Context) {
  setTimeout(() => console.log(context.awsRequestId), 0);
}
`,
      output: null,
      errors: [
        {
          messageId: 'escapesInvocation',
          data: { name: 'context', kind: 'AWS Lambda Context', sink: 'a setTimeout callback' },
          line: 4,
          column: 32,
          endLine: 4,
          endColumn: 52,
        },
      ],
    },
    // an anchored `{ from: 'package' }` entry matches its own package
    {
      code: `
import type { Request } from 'express';
export function audit(req: Request) {
  setTimeout(() => console.log(req.url), 0);
}
`,
      output: null,
      options: [{ presets: [], contexts: [{ from: 'package', package: 'express', name: 'Request' }] }],
      errors: [
        {
          messageId: 'escapes',
          data: { name: 'req', kind: 'express Request', sink: 'a setTimeout callback' },
          line: 4,
          column: 32,
          endLine: 4,
          endColumn: 39,
        },
      ],
    },
    // a `{ from: 'package' }` entry for express-session matches the Request it declares
    {
      code: `
declare module 'express-session' {
  interface Request {
    sessionID: string;
  }
}
function audit(req: import('express-session').Request) {
  setTimeout(() => console.log(req.sessionID), 0);
}
`,
      output: null,
      options: [{ contexts: [{ from: 'package', package: 'express-session', name: 'Request' }] }],
      errors: [
        {
          messageId: 'escapes',
          data: { name: 'req', kind: 'express-session Request', sink: 'a setTimeout callback' },
          line: 8,
          column: 32,
          endLine: 8,
          endColumn: 45,
        },
      ],
    },
    // a user `{ from: 'file' }` context is added to the presets, which still apply
    {
      code: `
import type { Context } from 'hono';
class TenantContext {
  constructor(readonly tenantId: string) {}
}
export function handle(tenant: TenantContext, c: Context) {
  setTimeout(() => console.log(tenant.tenantId, c.req.path), 0);
}
`,
      output: `
import type { Context } from 'hono';
class TenantContext {
  constructor(readonly tenantId: string) {}
}
export function handle(tenant: TenantContext, c: Context) {
  const path = c.req.path;
  setTimeout(() => console.log(tenant.tenantId, path), 0);
}
`,
      options: [{ contexts: [{ from: 'file', name: 'TenantContext' }] }],
      errors: [
        {
          messageId: 'escapes',
          data: { name: 'tenant', kind: 'TenantContext', sink: 'a setTimeout callback' },
          line: 7,
          column: 32,
          endLine: 7,
          endColumn: 47,
        },
        {
          messageId: 'escapes',
          data: { name: 'c', kind: 'Hono Context', sink: 'a setTimeout callback' },
          line: 7,
          column: 49,
          endLine: 7,
          endColumn: 59,
        },
      ],
    },
    // a user `{ from: 'package' }` context: the request-bound Fastify logger
    {
      code: `
import Fastify from 'fastify';
const app = Fastify();
app.get('/', async request => {
  const log = request.log;
  setTimeout(() => log.info('late'), 0);
  return 'ok';
});
`,
      output: null,
      options: [{ contexts: [{ from: 'package', package: 'fastify', name: 'FastifyBaseLogger' }] }],
      errors: [
        {
          messageId: 'escapes',
          data: { name: 'log', kind: 'fastify FastifyBaseLogger', sink: 'a setTimeout callback' },
          line: 6,
          column: 20,
          endLine: 6,
          endColumn: 36,
        },
      ],
    },
    // a `sinks` entry for a file-declared function that spawns work
    {
      code: `
import { Hono } from 'hono';
const app = new Hono();
function runInBackground(task: () => Promise<void>): void {
  void task().catch(console.error);
}
declare function audit(path: string): Promise<void>;
app.get('/', c => {
  runInBackground(() => audit(c.req.path));
  return c.text('ok');
});
`,
      output: `
import { Hono } from 'hono';
const app = new Hono();
function runInBackground(task: () => Promise<void>): void {
  void task().catch(console.error);
}
declare function audit(path: string): Promise<void>;
app.get('/', c => {
  const path = c.req.path;
  runInBackground(() => audit(path));
  return c.text('ok');
});
`,
      options: [{ sinks: [{ from: 'file', name: 'runInBackground' }] }],
      errors: [
        {
          messageId: 'escapes',
          data: { name: 'c', kind: 'Hono Context', sink: 'work passed to runInBackground()' },
          line: 9,
          column: 31,
          endLine: 9,
          endColumn: 41,
        },
      ],
    },
    // without `safeSinks`, the error-first callback counts as deferred
    {
      code: `
import { Hono } from 'hono';
const app = new Hono();
declare function validate(input: unknown, done: (err: Error | null, value?: string) => void): void;
app.post('/', c => {
  validate(c.req.query('q'), err => {
    if (err) console.error(err, c.req.path);
  });
  return c.text('ok');
});
`,
      output: `
import { Hono } from 'hono';
const app = new Hono();
declare function validate(input: unknown, done: (err: Error | null, value?: string) => void): void;
app.post('/', c => {
  const path = c.req.path;
  validate(c.req.query('q'), err => {
    if (err) console.error(err, path);
  });
  return c.text('ok');
});
`,
      errors: [
        {
          messageId: 'escapes',
          data: { name: 'c', kind: 'Hono Context', sink: 'an error-first callback of validate()' },
          line: 7,
          column: 33,
          endLine: 7,
          endColumn: 43,
        },
      ],
    },
    // sinkFamilies.timers on (the default)
    {
      code: `
import { Hono } from 'hono';
const app = new Hono();
app.get('/', c => {
  setTimeout(() => console.log(c.req.path), 0);
  return c.text('ok');
});
`,
      output: `
import { Hono } from 'hono';
const app = new Hono();
app.get('/', c => {
  const path = c.req.path;
  setTimeout(() => console.log(path), 0);
  return c.text('ok');
});
`,
      errors: [
        {
          messageId: 'escapes',
          data: { name: 'c', kind: 'Hono Context', sink: 'a setTimeout callback' },
          line: 5,
          column: 32,
          endLine: 5,
          endColumn: 42,
        },
      ],
    },
    // sinkFamilies.promises on (the default)
    {
      code: `
import { Hono } from 'hono';
const app = new Hono();
declare function audit(event: string): Promise<void>;
app.get('/', c => {
  audit('visit').then(() => console.log(c.req.path));
  return c.text('ok');
});
`,
      output: `
import { Hono } from 'hono';
const app = new Hono();
declare function audit(event: string): Promise<void>;
app.get('/', c => {
  const path = c.req.path;
  audit('visit').then(() => console.log(path));
  return c.text('ok');
});
`,
      errors: [
        {
          messageId: 'escapes',
          data: { name: 'c', kind: 'Hono Context', sink: 'a .then() callback of a floating promise' },
          line: 6,
          column: 41,
          endLine: 6,
          endColumn: 51,
        },
      ],
    },
    // sinkFamilies.listeners on (the default)
    {
      code: `
import { EventEmitter } from 'node:events';
import { Hono } from 'hono';
const app = new Hono();
const bus = new EventEmitter();
app.get('/', c => {
  bus.on('flush', () => console.log(c.req.path));
  return c.text('ok');
});
`,
      output: `
import { EventEmitter } from 'node:events';
import { Hono } from 'hono';
const app = new Hono();
const bus = new EventEmitter();
app.get('/', c => {
  const path = c.req.path;
  bus.on('flush', () => console.log(path));
  return c.text('ok');
});
`,
      errors: [
        {
          messageId: 'escapes',
          data: { name: 'c', kind: 'Hono Context', sink: "a 'flush' listener" },
          line: 7,
          column: 37,
          endLine: 7,
          endColumn: 47,
        },
      ],
    },
    // sinkFamilies.callbacks on (the default)
    {
      code: `
import { readFile } from 'node:fs';
import { Hono } from 'hono';
const app = new Hono();
app.get('/', c => {
  readFile('/etc/motd', (err, data) => console.log(c.req.path, data));
  return c.text('ok');
});
`,
      output: `
import { readFile } from 'node:fs';
import { Hono } from 'hono';
const app = new Hono();
app.get('/', c => {
  const path = c.req.path;
  readFile('/etc/motd', (err, data) => console.log(path, data));
  return c.text('ok');
});
`,
      errors: [
        {
          messageId: 'escapes',
          data: { name: 'c', kind: 'Hono Context', sink: 'an error-first callback of readFile()' },
          line: 6,
          column: 52,
          endLine: 6,
          endColumn: 62,
        },
      ],
    },
    // sinkFamilies.background on (the default)
    {
      code: `
import { Hono } from 'hono';
const app = new Hono();
declare function audit(event: string): Promise<void>;
app.get('/', c => {
  c.executionCtx.waitUntil(audit('visit').then(() => console.log(c.req.path)));
  return c.text('ok');
});
`,
      output: `
import { Hono } from 'hono';
const app = new Hono();
declare function audit(event: string): Promise<void>;
app.get('/', c => {
  const path = c.req.path;
  c.executionCtx.waitUntil(audit('visit').then(() => console.log(path)));
  return c.text('ok');
});
`,
      errors: [
        {
          messageId: 'escapesToBackground',
          data: { name: 'c', kind: 'Hono Context', sink: 'work registered with waitUntil()' },
          line: 6,
          column: 66,
          endLine: 6,
          endColumn: 76,
        },
      ],
    },
    // sinkFamilies.sinks on (the default): a p-queue job whose promise is kept but not awaited
    {
      code: `
import { Hono } from 'hono';
const app = new Hono();
import PQueue from 'p-queue';
const queue = new PQueue({ concurrency: 1 });
const jobs: Promise<void>[] = [];
declare function audit(path: string): Promise<void>;
app.post('/', c => {
  jobs.push(queue.add(() => audit(c.req.path)));
  return c.text('queued');
});
`,
      output: `
import { Hono } from 'hono';
const app = new Hono();
import PQueue from 'p-queue';
const queue = new PQueue({ concurrency: 1 });
const jobs: Promise<void>[] = [];
declare function audit(path: string): Promise<void>;
app.post('/', c => {
  const path = c.req.path;
  jobs.push(queue.add(() => audit(path)));
  return c.text('queued');
});
`,
      errors: [
        {
          messageId: 'escapes',
          data: { name: 'c', kind: 'Hono Context', sink: 'work passed to add()' },
          line: 9,
          column: 35,
          endLine: 9,
          endColumn: 45,
        },
      ],
    },
  ],
});
