// Request state kept where every request sees it (context-escape/no-shared-request-state).
import { Injectable, Scope } from '@nestjs/common';
import type { Request } from 'express';

@Injectable()
export class OrdersService {
  private tenantId?: string;

  setTenant(req: Request): void {
    // BUG(no-shared-request-state): OrdersService is a singleton; every request shares this field.
    this.tenantId = String(req.headers['x-tenant']);
  }

  tenant(): string | undefined {
    return this.tenantId;
  }
}

@Injectable({ scope: Scope.REQUEST })
export class RequestTenant {
  private tenantId?: string;

  setTenant(req: Request): void {
    // OK(no-shared-request-state): a request-scoped provider is created per request.
    this.tenantId = String(req.headers['x-tenant']);
  }

  tenant(): string | undefined {
    return this.tenantId;
  }
}
