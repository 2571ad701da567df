// Request state kept where every request sees it (context-escape/no-shared-request-state).
import { NextResponse, type NextRequest } from 'next/server';

let currentUser: string | null = null;
let calls = 0;

export async function GET(request: NextRequest): Promise<NextResponse> {
  // BUG(no-shared-request-state): the next request overwrites it while this one awaits.
  currentUser = request.headers.get('x-user');
  // OK(no-shared-request-state): a counter.
  calls += 1;
  await Promise.resolve();
  return NextResponse.json({ currentUser, calls });
}
