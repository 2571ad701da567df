import {
  Body,
  type CallHandler,
  Controller,
  type ExecutionContext,
  Injectable,
  type NestInterceptor,
  Post,
  Req,
  UseInterceptors,
} from '@nestjs/common';
import type { Request } from 'express';
import { type Observable, tap } from 'rxjs';

import { jobs, log, saveOrder, sendMail, type Order } from '../lib/services.js';

@Injectable()
export class TimingInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const started = Date.now();
    return next.handle().pipe(
      tap(() => {
        // BUG: the timer keeps the ExecutionContext (and the request behind it) after the response.
        setTimeout(() => log('handled', { handler: context.getHandler().name, ms: Date.now() - started }), 0);
      }),
    );
  }
}

@Controller('orders')
@UseInterceptors(TimingInterceptor)
export class OrdersController {
  @Post()
  async create(@Req() req: Request, @Body() body: Order): Promise<Order> {
    const order = await saveOrder(body);
    // BUG: the queued job runs long after the response, still holding the request.
    void jobs.add(() => sendMail(req.get('x-user-email') ?? '', `Order ${order.id} received`));
    return order;
  }

  @Post('reorder')
  async reorder(@Req() req: Request, @Body() body: Order): Promise<Order> {
    const order = await saveOrder(body);
    // OK: the job gets a plain copy of what it needs.
    const email = req.get('x-user-email') ?? '';
    void jobs.add(() => sendMail(email, `Order ${order.id} received`));
    return order;
  }
}
