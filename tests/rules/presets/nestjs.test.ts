// NestJS: ExecutionContext and ArgumentsHost (guards, interceptors, filters)
// wrap the current request and must not reach timers, listeners, events or
// queues; parameters decorated with @Req()/@Request() and @Res()/@Response()
// are request contexts whatever their declared type (also `any`), with the
// platform's (Express) unsafe members and response writers. A deferred write
// through @Res() can produce the response only when the handler sends none
// itself; with `@Res({ passthrough: true })` Nest sends the returned value.
import rule from '../../../src/rules/no-escaping-context.js';
import { createTypedRuleTester } from '../../util/rule-tester.js';

const ruleTester = createTypedRuleTester();

ruleTester.run('no-escaping-context', rule, {
  valid: [
    // a request-scoped provider reads its injected request synchronously
    `
import { Inject, Injectable, Scope } from '@nestjs/common';
import { REQUEST } from '@nestjs/core';
import type { Request } from 'express';
@Injectable({ scope: Scope.REQUEST })
export class AuditService {
  constructor(@Inject(REQUEST) private readonly request: Request) {}
  record() {
    const agent = this.request.get('user-agent');
    setTimeout(() => console.log('audited', agent), 10);
  }
}
`,
    // Known limitation: an @OnEvent listener reading an @Inject(REQUEST) field is called by the framework, not scheduled here
    `
import { Inject, Injectable } from '@nestjs/common';
import { REQUEST } from '@nestjs/core';
import { OnEvent } from '@nestjs/event-emitter';
import type { Request } from 'express';
@Injectable()
export class OrderListener {
  constructor(@Inject(REQUEST) private readonly request: Request) {}
  @OnEvent('order.created')
  handle() {
    console.log(this.request.get('user-agent'));
  }
}
`,
    // an interceptor whose rxjs tap() runs inside the request pipeline
    `
import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { Observable, tap } from 'rxjs';
@Injectable()
export class LoggingInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const started = Date.now();
    return next.handle().pipe(tap(() => console.log(context.getHandler().name, Date.now() - started)));
  }
}
`,
    // an interceptor that copies the URL before scheduling a timer
    `
import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
@Injectable()
export class SlowRequestInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler) {
    const url: string = context.switchToHttp().getRequest().url;
    setTimeout(() => console.warn('slow request', url), 5000);
    return next.handle();
  }
}
`,
    // a guard that awaits work using the ExecutionContext
    `
import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
declare function checkQuota(context: ExecutionContext): Promise<boolean>;
@Injectable()
export class QuotaGuard implements CanActivate {
  async canActivate(context: ExecutionContext): Promise<boolean> {
    return await checkQuota(context);
  }
}
`,
    // a guard whose timer is cleared in finally
    `
import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
declare function verify(token: string): Promise<boolean>;
@Injectable()
export class AuthGuard implements CanActivate {
  async canActivate(context: ExecutionContext): Promise<boolean> {
    const timer = setTimeout(() => console.warn('slow auth', context.getHandler().name), 2000);
    try {
      return await verify(context.switchToHttp().getRequest().headers.authorization);
    } finally {
      clearTimeout(timer);
    }
  }
}
`,
    // a guard that uses the ExecutionContext synchronously
    `
import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
@Injectable()
export class RolesGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}
  canActivate(context: ExecutionContext): boolean {
    const roles = this.reflector.get<string[]>('roles', context.getHandler()) ?? [];
    return roles.every(role => context.switchToHttp().getRequest().user?.roles?.includes(role));
  }
}
`,
    // a plain DTO copied from @Req() before the job is queued
    `
import PQueue from 'p-queue';
import { Controller, Post, Req } from '@nestjs/common';
declare function sendInvite(data: { userId: string }): Promise<void>;
const queue = new PQueue({ concurrency: 2 });
@Controller('invites')
export class InvitesController {
  @Post()
  invite(@Req() req: any) {
    const userId: string = req.user.id;
    queue.add(() => sendInvite({ userId }));
    return { queued: true };
  }
}
`,
    // an awaited p-queue job runs inside the request
    `
import PQueue from 'p-queue';
import { Controller, Post, Req } from '@nestjs/common';
declare function sendInvite(req: unknown): Promise<void>;
const queue = new PQueue({ concurrency: 2 });
@Controller('invites')
export class InvitesController {
  @Post()
  async invite(@Req() req: any) {
    await queue.add(() => sendInvite(req));
    return { sent: true };
  }
}
`,
    // work joined into an awaited Promise.all
    `
import { Controller, Post, Req } from '@nestjs/common';
declare function audit(req: unknown): Promise<void>;
declare function save(): Promise<void>;
@Controller('orders')
export class OrdersController {
  @Post()
  async create(@Req() req: any) {
    await Promise.all([audit(req), save()]);
    return { ok: true };
  }
}
`,
    // a promise variable awaited later in the handler
    `
import { Controller, Post, Req } from '@nestjs/common';
declare function audit(req: unknown): Promise<void>;
declare function save(): Promise<string>;
@Controller('orders')
export class OrdersController {
  @Post()
  async create(@Req() req: any) {
    const audited = audit(req);
    const id = await save();
    await audited;
    return { id };
  }
}
`,
    // a returned promise is awaited by the framework before it responds
    `
import { Controller, Get, Req } from '@nestjs/common';
declare function loadFor(userId: string): Promise<string[]>;
@Controller('items')
export class ItemsController {
  @Get()
  list(@Req() req: any) {
    return loadFor(req.user.id).then(items => ({ items, path: req.url }));
  }
}
`,
    // node:events emit() runs its listeners synchronously; the payload is a copy
    `
import { EventEmitter } from 'node:events';
import { Controller, Post, Req } from '@nestjs/common';
import type { Request } from 'express';
@Controller('orders')
export class OrdersController {
  constructor(private readonly events: EventEmitter) {}
  @Post()
  create(@Req() req: Request & { user: { id: string } }) {
    this.events.emit('order.created', { userId: req.user.id, tenantId: req.headers['x-tenant'] });
    return { ok: true };
  }
}
`,
    // a configured emit-like sink given only copied values
    {
      code: `
import { Controller, Post, Req } from '@nestjs/common';
class EventBus {
  emitAsync(event: string, payload: unknown): void {}
}
@Controller('orders')
export class OrdersController {
  constructor(private readonly bus: EventBus) {}
  @Post()
  create(@Req() req: any) {
    this.bus.emitAsync('order.created', { userId: req.user.id });
    return { ok: true };
  }
}
`,
      options: [{ sinks: [{ from: 'file', name: 'emitAsync' }] }],
    },
    // @Res() without passthrough: a one-shot deferral that sends the first response keeps the request open
    {
      code: `
import { Controller, Get, Res } from '@nestjs/common';
import type { Response } from 'express';
declare function buildReport(): Promise<string>;
@Controller('report')
export class ReportController {
  @Get()
  download(@Res() res: Response) {
    buildReport().then(report => res.send(report));
  }
}
`,
      options: [{ presets: ['nestjs'] }],
    },
    // a 'finish' listener on the response is bounded by the request
    {
      code: `
import { Controller, Get, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
@Controller('items')
export class ItemsController {
  @Get()
  list(@Req() req: Request, @Res({ passthrough: true }) res: Response) {
    res.on('finish', () => console.log(req.method, req.url, res.statusCode));
    return [];
  }
}
`,
      options: [{ presets: ['nestjs'] }],
    },
    // a @Body() DTO is parsed data, not a request context
    `
import { Body, Controller, Post } from '@nestjs/common';
class CreateOrderDto {
  item!: string;
}
@Controller('orders')
export class OrdersController {
  @Post()
  create(@Body() dto: CreateOrderDto) {
    setTimeout(() => console.log('ordered', dto.item), 0);
    return { ok: true };
  }
}
`,
    // reads: 'unsafe-only': method, url and headers of @Req() are safe to read later
    {
      code: `
import { Controller, Post, Req } from '@nestjs/common';
import type { Request } from 'express';
@Controller('orders')
export class OrdersController {
  @Post()
  create(@Req() req: Request) {
    setTimeout(() => console.log(req.method, req.url, req.headers['user-agent']), 0);
    return { ok: true };
  }
}
`,
      options: [{ reads: 'unsafe-only' }],
    },
    // without the nestjs preset an untyped @Req() parameter is not a request context
    {
      code: `
import { Controller, Post, Req } from '@nestjs/common';
@Controller('orders')
export class OrdersController {
  @Post()
  create(@Req() req: any) {
    setTimeout(() => console.log('order by', req.user.id), 0);
    return { ok: true };
  }
}
`,
      options: [{ presets: ['express', 'fastify'] }],
    },
    // without the nestjs preset ExecutionContext is not a request context
    {
      code: `
import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
@Injectable()
export class SlowRequestInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler) {
    setTimeout(() => console.warn('slow request', context.getClass().name), 5000);
    return next.handle();
  }
}
`,
      options: [{ presets: ['express'] }],
    },
  ],
  invalid: [
    // an @Inject(REQUEST) request held by a request-scoped provider, read by a timer it schedules
    {
      code: `
import { Inject, Injectable, Scope } from '@nestjs/common';
import { REQUEST } from '@nestjs/core';
import type { Request } from 'express';
@Injectable({ scope: Scope.REQUEST })
export class AuditService {
  constructor(@Inject(REQUEST) private readonly request: Request) {}
  record() {
    setTimeout(() => console.log('audited', this.request.get('user-agent')), 10);
  }
}
`,
      errors: [
        {
          messageId: 'heldByInstance',
          data: { field: 'request', kind: 'Express Request', sink: 'a setTimeout callback' },
          line: 9,
          column: 45,
          endLine: 9,
          endColumn: 75,
        },
      ],
    },
    // an interceptor whose timer holds the ExecutionContext after the response
    {
      code: `
import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
@Injectable()
export class SlowRequestInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler) {
    setTimeout(() => {
      console.warn('slow request', context.switchToHttp().getRequest().url);
    }, 5000);
    return next.handle();
  }
}
`,
      output: null,
      errors: [
        {
          messageId: 'escapes',
          data: { name: 'context', kind: 'NestJS ExecutionContext', sink: 'a setTimeout callback' },
          line: 7,
          column: 36,
          endLine: 7,
          endColumn: 58,
        },
      ],
    },
    // a guard registering a listener on a long-lived emitter
    {
      code: `
import { EventEmitter } from 'node:events';
import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
@Injectable()
export class AuditGuard implements CanActivate {
  constructor(private readonly bus: EventEmitter) {}
  canActivate(context: ExecutionContext): boolean {
    this.bus.on('audit.flush', () => console.log(context.getClass().name));
    return true;
  }
}
`,
      output: null,
      errors: [
        {
          messageId: 'escapes',
          data: { name: 'context', kind: 'NestJS ExecutionContext', sink: "a 'audit.flush' listener" },
          line: 8,
          column: 50,
          endLine: 8,
          endColumn: 68,
        },
      ],
    },
    // an exception filter reading the ArgumentsHost from setImmediate
    {
      code: `
import { Catch, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
@Catch()
export class ReportingFilter implements ExceptionFilter {
  catch(exception: unknown, host: ArgumentsHost): void {
    setImmediate(() => console.error(exception, host.switchToHttp().getRequest().url));
    host.switchToHttp().getResponse().status(500).json({ error: 'internal' });
  }
}
`,
      output: null,
      errors: [
        {
          messageId: 'escapes',
          data: { name: 'host', kind: 'NestJS ExecutionContext', sink: 'a setImmediate callback' },
          line: 6,
          column: 49,
          endLine: 6,
          endColumn: 68,
        },
      ],
    },
    // the HttpArgumentsHost from switchToHttp() in a deferred callback
    {
      code: `
import { Catch, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
@Catch()
export class ReportingFilter implements ExceptionFilter {
  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    process.nextTick(() => console.error(exception, http.getRequest().url));
  }
}
`,
      output: null,
      errors: [
        {
          messageId: 'escapes',
          data: { name: 'http', kind: 'NestJS ExecutionContext', sink: 'a process.nextTick callback' },
          line: 7,
          column: 53,
          endLine: 7,
          endColumn: 70,
        },
      ],
    },
    // an interceptor handing the ExecutionContext to a floating promise
    {
      code: `
import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
declare function recordMetrics(context: ExecutionContext): Promise<void>;
@Injectable()
export class MetricsInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler) {
    recordMetrics(context);
    return next.handle();
  }
}
`,
      output: null,
      errors: [
        {
          messageId: 'escapesAsArgument',
          data: { name: 'context', kind: 'NestJS ExecutionContext', sink: 'the floating promise of recordMetrics()' },
          line: 7,
          column: 19,
          endLine: 7,
          endColumn: 26,
        },
      ],
    },
    // a floating promise started in an rxjs tap() outlives the response it observes
    {
      code: `
import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { tap } from 'rxjs';
declare class AuditLog {
  record(context: ExecutionContext): Promise<void>;
}
@Injectable()
export class AuditInterceptor implements NestInterceptor {
  constructor(private readonly audit: AuditLog) {}
  intercept(context: ExecutionContext, next: CallHandler) {
    return next.handle().pipe(tap(() => {
      this.audit.record(context);
    }));
  }
}
`,
      output: null,
      errors: [
        {
          messageId: 'escapesAsArgument',
          data: { name: 'context', kind: 'NestJS ExecutionContext', sink: 'the floating promise of record()' },
          line: 12,
          column: 25,
          endLine: 12,
          endColumn: 32,
        },
      ],
    },
    // an Express request from @Req() read in a timer after the response
    {
      code: `
import { Controller, Post, Req } from '@nestjs/common';
import type { Request } from 'express';
@Controller('orders')
export class OrdersController {
  @Post()
  create(@Req() req: Request) {
    setTimeout(() => console.log('order by', req.ip), 0);
    return { ok: true };
  }
}
`,
      output: null,
      errors: [
        {
          messageId: 'escapes',
          data: { name: 'req', kind: 'NestJS @Req() request', sink: 'a setTimeout callback' },
          line: 8,
          column: 46,
          endLine: 8,
          endColumn: 52,
        },
      ],
    },
    // an any-typed @Req() parameter is matched by its decorator
    {
      code: `
import { Controller, Post, Req } from '@nestjs/common';
@Controller('orders')
export class OrdersController {
  @Post()
  create(@Req() req: any) {
    setTimeout(() => console.log('order by', req.user.id), 0);
    return { ok: true };
  }
}
`,
      output: `
import { Controller, Post, Req } from '@nestjs/common';
@Controller('orders')
export class OrdersController {
  @Post()
  create(@Req() req: any) {
    const id = req.user.id;
    setTimeout(() => console.log('order by', id), 0);
    return { ok: true };
  }
}
`,
      errors: [
        {
          messageId: 'escapes',
          data: { name: 'req', kind: 'NestJS @Req() request', sink: 'a setTimeout callback' },
          line: 7,
          column: 46,
          endLine: 7,
          endColumn: 57,
        },
      ],
    },
    // the @Request() alias in a floating .then() callback
    {
      code: `
import { Controller, Post, Request } from '@nestjs/common';
declare function audit(event: string): Promise<void>;
@Controller('orders')
export class OrdersController {
  @Post()
  create(@Request() req: any) {
    audit('order').then(() => console.log(req.user.id));
    return { ok: true };
  }
}
`,
      output: `
import { Controller, Post, Request } from '@nestjs/common';
declare function audit(event: string): Promise<void>;
@Controller('orders')
export class OrdersController {
  @Post()
  create(@Request() req: any) {
    const id = req.user.id;
    audit('order').then(() => console.log(id));
    return { ok: true };
  }
}
`,
      errors: [
        {
          messageId: 'escapes',
          data: { name: 'req', kind: 'NestJS @Req() request', sink: 'a .then() callback of a floating promise' },
          line: 8,
          column: 43,
          endLine: 8,
          endColumn: 54,
        },
      ],
    },
    // a Fastify request from @Req() used by a timer
    {
      code: `
import { Controller, Get, Req } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
@Controller('items')
export class ItemsController {
  @Get()
  list(@Req() req: FastifyRequest) {
    setTimeout(() => req.log.info('listed'), 0);
    return [];
  }
}
`,
      output: null,
      errors: [
        {
          messageId: 'escapes',
          data: { name: 'req', kind: 'NestJS @Req() request', sink: 'a setTimeout callback' },
          line: 8,
          column: 22,
          endLine: 8,
          endColumn: 44,
        },
      ],
    },
    // a job queued with the whole request (BullMQ-style payloads cannot even serialize it)
    {
      code: `
import PQueue from 'p-queue';
import { Controller, Post, Req } from '@nestjs/common';
declare function sendInvite(req: unknown): Promise<void>;
const queue = new PQueue({ concurrency: 2 });
@Controller('invites')
export class InvitesController {
  @Post()
  invite(@Req() req: any) {
    queue.add(() => sendInvite(req));
    return { queued: true };
  }
}
`,
      output: null,
      errors: [
        {
          messageId: 'escapes',
          data: { name: 'req', kind: 'NestJS @Req() request', sink: 'the floating promise of add()' },
          line: 10,
          column: 32,
          endLine: 10,
          endColumn: 35,
        },
      ],
    },
    // a configured emit-like sink handed the whole request
    {
      code: `
import { Controller, Post, Req } from '@nestjs/common';
class EventBus {
  emitAsync(event: string, payload: unknown): void {}
}
@Controller('orders')
export class OrdersController {
  constructor(private readonly bus: EventBus) {}
  @Post()
  create(@Req() req: any) {
    this.bus.emitAsync('order.created', req);
    return { ok: true };
  }
}
`,
      output: null,
      options: [{ sinks: [{ from: 'file', name: 'emitAsync' }] }],
      errors: [
        {
          messageId: 'escapesAsArgument',
          data: { name: 'req', kind: 'NestJS @Req() request', sink: 'work passed to emitAsync()' },
          line: 11,
          column: 41,
          endLine: 11,
          endColumn: 44,
        },
      ],
    },
    // a once-listener on a module-level emitter holding @Req()
    {
      code: `
import { EventEmitter } from 'node:events';
import { Controller, Post, Req } from '@nestjs/common';
const payments = new EventEmitter();
@Controller('orders')
export class OrdersController {
  @Post()
  create(@Req() req: any) {
    payments.once('order.paid', () => console.log('paid by', req.user.id));
    return { ok: true };
  }
}
`,
      output: `
import { EventEmitter } from 'node:events';
import { Controller, Post, Req } from '@nestjs/common';
const payments = new EventEmitter();
@Controller('orders')
export class OrdersController {
  @Post()
  create(@Req() req: any) {
    const id = req.user.id;
    payments.once('order.paid', () => console.log('paid by', id));
    return { ok: true };
  }
}
`,
      errors: [
        {
          messageId: 'escapes',
          data: { name: 'req', kind: 'NestJS @Req() request', sink: "a 'order.paid' listener" },
          line: 9,
          column: 62,
          endLine: 9,
          endColumn: 73,
        },
      ],
    },
    // @Res(): a second response from a timer after the handler already sent one
    {
      code: `
import { Controller, Get, Res } from '@nestjs/common';
import type { Response } from 'express';
@Controller('report')
export class ReportController {
  @Get()
  download(@Res() res: Response) {
    res.json({ queued: true });
    setTimeout(() => res.json({ ready: true }), 100);
  }
}
`,
      output: null,
      options: [{ presets: ['nestjs'] }],
      errors: [
        {
          messageId: 'writesAfterSent',
          data: { name: 'res', kind: 'NestJS @Res() response', sink: 'a setTimeout callback', sentLine: '8' },
          line: 9,
          column: 22,
          endLine: 9,
          endColumn: 47,
        },
      ],
    },
    // @Res({ passthrough: true }): Nest sends the returned value, so a deferred res.json() is a second response
    {
      code: `
import { Controller, Get, Res } from '@nestjs/common';
import type { Response } from 'express';
declare function buildReport(): Promise<string>;
@Controller('report')
export class ReportController {
  @Get()
  download(@Res({ passthrough: true }) res: Response) {
    buildReport().then(report => res.json({ report }));
    return { queued: true };
  }
}
`,
      output: null,
      options: [{ presets: ['nestjs'] }],
      errors: [
        {
          messageId: 'writesAfterResponse',
          data: { name: 'res', kind: 'NestJS @Res() response', sink: 'a .then() callback of a floating promise' },
          line: 9,
          column: 34,
          endLine: 9,
          endColumn: 54,
        },
      ],
    },
    // @Res(): res.cookie() is a response write, lost after the handler already sent the response
    {
      code: `
import { Controller, Get, Res } from '@nestjs/common';
import type { Response } from 'express';
@Controller('session')
export class SessionController {
  @Get()
  refresh(@Res() res: Response) {
    res.json({ ok: true });
    setTimeout(() => res.cookie('refreshed', '1'), 100);
  }
}
`,
      output: null,
      options: [{ presets: ['nestjs'] }],
      errors: [
        {
          messageId: 'writesAfterSent',
          data: { name: 'res', kind: 'NestJS @Res() response', sink: 'a setTimeout callback', sentLine: '8' },
          line: 9,
          column: 22,
          endLine: 9,
          endColumn: 50,
        },
      ],
    },
    // @Res(): an interval writing the response keeps running after the response may have ended
    {
      code: `
import { Controller, Get, Res } from '@nestjs/common';
import type { Response } from 'express';
@Controller('events')
export class EventsController {
  @Get()
  stream(@Res() res: Response) {
    setInterval(() => res.write('data: ping\\n\\n'), 1000);
  }
}
`,
      output: null,
      options: [{ presets: ['nestjs'] }],
      errors: [
        {
          messageId: 'writesRepeatedly',
          data: { name: 'res', kind: 'NestJS @Res() response', sink: 'a setInterval callback' },
          line: 8,
          column: 23,
          endLine: 8,
          endColumn: 50,
        },
      ],
    },
    // selecting only the nestjs preset still reports a typed @Req() parameter
    {
      code: `
import { Controller, Post, Req } from '@nestjs/common';
import type { Request } from 'express';
@Controller('orders')
export class OrdersController {
  @Post()
  create(@Req() req: Request) {
    setImmediate(() => console.log('order from', req.originalUrl));
    return { ok: true };
  }
}
`,
      output: `
import { Controller, Post, Req } from '@nestjs/common';
import type { Request } from 'express';
@Controller('orders')
export class OrdersController {
  @Post()
  create(@Req() req: Request) {
    const originalUrl = req.originalUrl;
    setImmediate(() => console.log('order from', originalUrl));
    return { ok: true };
  }
}
`,
      options: [{ presets: ['nestjs'] }],
      errors: [
        {
          messageId: 'escapes',
          data: { name: 'req', kind: 'NestJS @Req() request', sink: 'a setImmediate callback' },
          line: 8,
          column: 50,
          endLine: 8,
          endColumn: 65,
        },
      ],
    },
    // reads: 'unsafe-only': req.ip is socket-derived and undefined once the connection closed
    {
      code: `
import { Controller, Post, Req } from '@nestjs/common';
import type { Request } from 'express';
@Controller('orders')
export class OrdersController {
  @Post()
  create(@Req() req: Request) {
    setTimeout(() => console.log(req.url, req.ip), 0);
    return { ok: true };
  }
}
`,
      output: null,
      options: [{ reads: 'unsafe-only' }],
      errors: [
        {
          messageId: 'escapes',
          data: { name: 'req', kind: 'NestJS @Req() request', sink: 'a setTimeout callback' },
          line: 8,
          column: 43,
          endLine: 8,
          endColumn: 49,
          suggestions: [
            {
              messageId: 'suggestCopyFields',
              output: `
import { Controller, Post, Req } from '@nestjs/common';
import type { Request } from 'express';
@Controller('orders')
export class OrdersController {
  @Post()
  create(@Req() req: Request) {
    const url = req.url;
    setTimeout(() => console.log(url, req.ip), 0);
    return { ok: true };
  }
}
`,
            },
          ],
        },
      ],
    },
    // reads: 'unsafe-only': any use of an ArgumentsHost in deferred code is unsafe
    {
      code: `
import { Catch, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
@Catch()
export class ReportingFilter implements ExceptionFilter {
  catch(exception: unknown, host: ArgumentsHost): void {
    setImmediate(() => console.error(host.getType()));
  }
}
`,
      output: null,
      options: [{ reads: 'unsafe-only' }],
      errors: [
        {
          messageId: 'escapes',
          data: { name: 'host', kind: 'NestJS ExecutionContext', sink: 'a setImmediate callback' },
          line: 6,
          column: 38,
          endLine: 6,
          endColumn: 52,
        },
      ],
    },
  ],
});
