// NestJS: providers and controllers are singletons by default, so a field
// written during a request is seen by every request; `Scope.REQUEST`
// providers (and those that inject REQUEST) are per request.
import type { RunTests } from '@typescript-eslint/rule-tester';

import type { MessageIds, Options } from '../../../src/rules/no-shared-request-state.js';

export const cases: RunTests<MessageIds, Options> = {
  valid: [
    // a request-scoped provider
    `
import { Injectable, Scope } from '@nestjs/common';
import type { Request } from 'express';
@Injectable({ scope: Scope.REQUEST })
export class TenantService {
  tenant?: string;
  use(req: Request) { this.tenant = req.get('x-tenant'); }
}
`,
    // durable request-scoped provider
    `
import { Injectable, Scope } from '@nestjs/common';
import type { Request } from 'express';
@Injectable({ scope: Scope.REQUEST, durable: true })
export class TenantService {
  tenant?: string;
  use(req: Request) { this.tenant = req.get('x-tenant'); }
}
`,
    // injecting REQUEST makes the provider request-scoped
    `
import { Inject, Injectable } from '@nestjs/common';
import { REQUEST } from '@nestjs/core';
import type { Request } from 'express';
@Injectable()
export class CurrentUser {
  user?: unknown;
  constructor(@Inject(REQUEST) private readonly request: Request) {}
  load() { this.user = this.request.user; }
}
`,
    // the constructor runs once, at start-up
    `
import { Injectable } from '@nestjs/common';
@Injectable()
export class Config {
  readonly region: string;
  constructor() { this.region = process.env.REGION ?? 'eu'; }
}
`,
    // a cache keyed by the user id
    `
import { Controller, Get, Req } from '@nestjs/common';
import type { Request } from 'express';
declare function load(id: string): Promise<unknown>;
@Controller('profiles')
export class ProfilesController {
  private readonly cache = new Map<string, unknown>();
  @Get()
  async get(@Req() req: Request) {
    const id = String(req.get('x-user'));
    this.cache.set(id, await load(id));
    return this.cache.get(id);
  }
}
`,
    // a counter on a singleton
    `
import { Controller, Get, Req } from '@nestjs/common';
import type { Request } from 'express';
@Controller('health')
export class HealthController {
  private hits = 0;
  private lastLength = 0;
  @Get()
  check(@Req() req: Request) { this.hits++; this.lastLength = req.path.length; return { hits: this.hits }; }
}
`,
    // AsyncLocalStorage in an interceptor
    `
import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Request } from 'express';
export const als = new AsyncLocalStorage<string>();
@Injectable()
export class TraceInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler) {
    const req = context.switchToHttp().getRequest<Request>();
    return als.run(String(req.get('x-trace')), () => next.handle());
  }
}
`,
    // a plain class (not a provider, not instantiated at module scope)
    `
import type { Request } from 'express';
export class RequestView {
  path = '';
  fill(req: Request) { this.path = req.path; }
}
`,
  ],
  invalid: [
    {
      code: `
import { Injectable } from '@nestjs/common';
import type { Request } from 'express';
@Injectable()
export class OrdersService {
  private tenantId?: string;
  setTenant(req: Request) { this.tenantId = String(req.headers['x-tenant']); }
}
`,
      errors: [
        {
          messageId: 'storesRequestData',
          data: {
            value: "`String(req.headers['x-tenant'])`",
            kind: 'Express Request',
            root: 'req',
            storage: 'singleton `OrdersService.tenantId`',
            consequence: "concurrent requests overwrite it, so a request can read another request's data (the wrong user or tenant)",
            store: 'a `Scope.REQUEST` provider, the `@Req()` request, or AsyncLocalStorage (nestjs-cls)',
          },
        },
      ],
    },
    // a controller keeping the @Req() request
    {
      code: `
import { Controller, Get, Req } from '@nestjs/common';
import type { Request } from 'express';
@Controller('orders')
export class OrdersController {
  private last?: Request;
  @Get()
  list(@Req() req: Request) { this.last = req; return []; }
}
`,
      errors: [{ messageId: 'storesContext' }],
    },
    // a guard keeping the execution context
    {
      code: `
import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
@Injectable()
export class AuthGuard implements CanActivate {
  private context?: ExecutionContext;
  canActivate(context: ExecutionContext) { this.context = context; return true; }
}
`,
      errors: [
        {
          messageId: 'storesContext',
          data: {
            value: '`context`',
            kind: 'NestJS ExecutionContext',
            storage: 'singleton `AuthGuard.context`',
            consequence: "another request can reach this request's objects after it ended, or overwrite them with its own",
            store: 'a `Scope.REQUEST` provider, the `@Req()` request, or AsyncLocalStorage (nestjs-cls)',
          },
        },
      ],
    },
    // the request taken from the context in an interceptor
    {
      code: `
import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { Request } from 'express';
@Injectable()
export class UserInterceptor implements NestInterceptor {
  user: unknown;
  intercept(context: ExecutionContext, next: CallHandler) {
    const req = context.switchToHttp().getRequest<Request>();
    this.user = req.user;
    return next.handle();
  }
}
`,
      errors: [{ messageId: 'storesRequestData' }],
    },
    // a default-scoped provider with a transient-looking name is still a singleton
    {
      code: `
import { Injectable, Scope } from '@nestjs/common';
import type { Request } from 'express';
@Injectable({ scope: Scope.DEFAULT })
export class Tracker {
  path?: string;
  track(req: Request) { this.path = req.originalUrl; }
}
`,
      errors: [{ messageId: 'storesRequestData' }],
    },
    // an arrow callback inside a method still writes the singleton
    {
      code: `
import { Controller, Get, Req } from '@nestjs/common';
import type { Request } from 'express';
declare function load(): Promise<void>;
@Controller('x')
export class XController {
  private user?: unknown;
  @Get()
  async get(@Req() req: Request) { await load().then(() => { this.user = req.user; }); }
}
`,
      errors: [{ messageId: 'storesRequestData' }],
    },
    // a list of requests on a singleton
    {
      code: `
import { Controller, Get, Req } from '@nestjs/common';
import type { Request } from 'express';
@Controller('x')
export class XController {
  private readonly seen: Request[] = [];
  @Get()
  get(@Req() req: Request) { this.seen.push(req); }
}
`,
      errors: [{ messageId: 'storesContext' }],
    },
    // a static field
    {
      code: `
import { Injectable, type ExecutionContext } from '@nestjs/common';
@Injectable({ scope: 2 as never })
export class Holder {
  static current?: ExecutionContext;
  static remember(context: ExecutionContext) { this.current = context; }
}
`,
      errors: [
        {
          messageId: 'storesContext',
          data: {
            value: '`context`',
            kind: 'NestJS ExecutionContext',
            storage: 'static `Holder.current`',
            consequence: "another request can reach this request's objects after it ended, or overwrite them with its own",
            store: 'a `Scope.REQUEST` provider, the `@Req()` request, or AsyncLocalStorage (nestjs-cls)',
          },
        },
      ],
    },
  ],
};
