import { cookies } from 'next/headers';
import { after, NextResponse, type NextRequest } from 'next/server';

import { log, saveOrder, track } from '../../../../lib/services.js';

export async function POST(request: NextRequest): Promise<NextResponse> {
  const order = await saveOrder(await request.json());

  // BUG: a floating promise: on serverless hosts it may never finish, and it holds the request.
  track('checkout', { id: order.id }).then(() => log('tracked', { ua: request.headers.get('user-agent') }));

  // OK: Route Handlers may read cookies inside after().
  after(async () => {
    const session = (await cookies()).get('session')?.value;
    await track('checkout.completed', { id: order.id, session });
  });

  // BUG: the response is already sent when after() runs: this cookie is silently dropped.
  after(async () => {
    (await cookies()).set('last-order', order.id);
  });

  // OK: the header is read first; after() only gets the copy.
  const ua = request.headers.get('user-agent') ?? 'unknown';
  after(() => log('checkout', { id: order.id, ua }));

  return NextResponse.json(order, { status: 201 });
}
