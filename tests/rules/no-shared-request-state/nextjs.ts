// Next.js: one server process (or one warm function) serves many requests;
// module state in a route handler, middleware or Server Component is shared.
import type { RunTests } from '@typescript-eslint/rule-tester';

import type { MessageIds, Options } from '../../../src/rules/no-shared-request-state.js';

const route = 'app/api/log/route.ts';

export const cases: RunTests<MessageIds, Options> = {
  valid: [
    // values read where they are needed
    {
      filename: route,
      code: `
import { NextResponse, type NextRequest } from 'next/server';
export async function GET(request: NextRequest) {
  const user = request.headers.get('x-user');
  return NextResponse.json({ user });
}
`,
    },
    // a cache keyed by the id
    {
      filename: route,
      code: `
import { NextResponse, type NextRequest } from 'next/server';
declare function load(id: string): Promise<{ id: string }>;
const cache = new Map<string, { id: string }>();
export async function GET(request: NextRequest) {
  const id = request.nextUrl.searchParams.get('id') ?? '';
  cache.set(id, await load(id));
  return NextResponse.json(cache.get(id));
}
`,
    },
    // a counter
    {
      filename: route,
      code: `
import { NextResponse, type NextRequest } from 'next/server';
let calls = 0;
export async function GET(request: NextRequest) {
  calls += 1;
  return NextResponse.json({ calls });
}
`,
    },
    // React cache() is per request
    {
      filename: 'app/page.tsx',
      code: `
import { cache } from 'react';
import { cookies } from 'next/headers';
const currentUser = cache(async () => (await cookies()).get('user')?.value);
export default async function Page() {
  return <main>{await currentUser()}</main>;
}
`,
    },
    // AsyncLocalStorage
    {
      filename: route,
      code: `
import { AsyncLocalStorage } from 'node:async_hooks';
import { NextResponse, type NextRequest } from 'next/server';
const als = new AsyncLocalStorage<string>();
export async function GET(request: NextRequest) {
  return als.run(request.headers.get('x-request-id') ?? '', () => NextResponse.json({ ok: true }));
}
`,
    },
    // a WeakMap keyed by the request
    {
      filename: route,
      code: `
import { NextResponse, type NextRequest } from 'next/server';
const started = new WeakMap<NextRequest, number>();
export async function GET(request: NextRequest) {
  started.set(request, Date.now());
  return NextResponse.json({ ok: true });
}
`,
    },
    // start-up configuration
    {
      filename: route,
      code: `
import { NextResponse } from 'next/server';
let region = process.env.REGION ?? 'eu';
export const config = { region };
export async function GET() {
  return NextResponse.json({ region });
}
`,
    },
    // an object built per request
    {
      filename: route,
      code: `
import { NextResponse, type NextRequest } from 'next/server';
export async function POST(request: NextRequest) {
  const audit: { path?: string; ua?: string | null } = {};
  audit.path = request.nextUrl.pathname;
  audit.ua = request.headers.get('user-agent');
  return NextResponse.json(audit);
}
`,
    },
  ],
  invalid: [
    {
      filename: route,
      code: `
import { NextResponse, type NextRequest } from 'next/server';
let currentUser: string | null = null;
export async function GET(request: NextRequest) {
  currentUser = request.headers.get('x-user');
  return NextResponse.json({ currentUser });
}
`,
      errors: [
        {
          messageId: 'storesRequestData',
          data: {
            value: "`request.headers.get('x-user')`",
            kind: 'NextRequest',
            root: 'request',
            storage: 'module-scope `currentUser`',
            consequence: "concurrent requests overwrite it, so a request can read another request's data (the wrong user or tenant)",
            store: 'React `cache()`',
          },
        },
      ],
    },
    // a cookie value read in a Server Component
    {
      filename: 'app/page.tsx',
      code: `
import { cookies } from 'next/headers';
let theme: string | undefined;
export default async function Page() {
  theme = (await cookies()).get('theme')?.value;
  return <main>{theme}</main>;
}
`,
      errors: [{ messageId: 'storesRequestData' }],
    },
    {
      filename: route,
      code: `
import { NextResponse, type NextRequest } from 'next/server';
let lastRequest: NextRequest | undefined;
export async function GET(request: NextRequest) {
  lastRequest = request;
  return NextResponse.json({ ok: true });
}
`,
      errors: [{ messageId: 'storesContext' }],
    },
    {
      filename: route,
      code: `
import { NextResponse, type NextRequest } from 'next/server';
export async function GET(request: NextRequest) {
  (globalThis as any).lastUrl = request.nextUrl.href;
  return NextResponse.json({ ok: true });
}
`,
      errors: [{ messageId: 'storesRequestData' }],
    },
    // a response object reused by the next request
    {
      filename: route,
      code: `
import { NextResponse, type NextRequest } from 'next/server';
let response: NextResponse | undefined;
export async function GET(request: NextRequest) {
  response ??= NextResponse.json({ ok: true });
  response.cookies.set('seen', request.nextUrl.pathname);
  return response;
}
`,
      errors: [{ messageId: 'storesContext' }],
    },
    {
      filename: route,
      code: `
import { NextResponse, type NextRequest } from 'next/server';
const session = { locale: '' };
export async function GET(request: NextRequest) {
  session.locale = request.headers.get('accept-language') ?? 'en';
  return NextResponse.json(session);
}
`,
      errors: [{ messageId: 'storesRequestData' }],
    },
    // headers() kept whole
    {
      filename: route,
      code: `
import { headers } from 'next/headers';
import { NextResponse } from 'next/server';
let lastHeaders: Headers | undefined;
export async function GET() {
  lastHeaders = new Headers(await headers());
  const copy = await headers();
  lastHeaders = copy as unknown as Headers;
  return NextResponse.json({ ok: true });
}
`,
      errors: [{ messageId: 'storesRequestData' }, { messageId: 'storesRequestData' }],
    },
    {
      filename: route,
      code: `
import { NextResponse, type NextRequest } from 'next/server';
const requests: NextRequest[] = [];
export async function POST(request: NextRequest) {
  requests.push(request);
  return NextResponse.json({ queued: requests.length });
}
`,
      errors: [{ messageId: 'storesContext' }],
    },
  ],
};
