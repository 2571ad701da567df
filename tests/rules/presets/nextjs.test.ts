// Next.js App Router: request APIs (`cookies()`, `headers()`, `connection()`,
// `draftMode()`) are scoped to the request, and `after()` runs once the response
// is finished. In Server Components the request APIs throw inside `after()`; in
// Route Handlers and Server Functions they may be read there, but cookies set
// there are lost. `NextRequest`, `NextResponse` and the cookie stores returned
// by `cookies()` are request contexts everywhere.
import rule from '../../../src/rules/no-escaping-context.js';
import { createTypedRuleTester } from '../../util/rule-tester.js';

// Cases use `filename` to lint as a Server Component (app/page.tsx) or a
// Route Handler (app/api/log/route.ts) of the fixture project.
const ruleTester = createTypedRuleTester();

ruleTester.run('no-escaping-context', rule, {
  valid: [
    // Server Component: the documented snapshot, request APIs read before after() and values passed in
    {
      filename: 'app/page.tsx',
      code: `
import { after } from 'next/server';
import { cookies, headers } from 'next/headers';
declare function logUserAction(data: { sessionCookie?: string; userAgent: string }): Promise<void>;
export default async function Page() {
  const userAgent = (await headers()).get('user-agent') || 'unknown';
  const sessionCookie = (await cookies()).get('session-id')?.value;
  after(() => logUserAction({ sessionCookie, userAgent }));
  return <main>Hello</main>;
}
`,
    },
    // Route Handler: cookies() and headers() may be read inside after()
    {
      filename: 'app/api/log/route.ts',
      code: `
import { after, type NextRequest } from 'next/server';
import { cookies, headers } from 'next/headers';
declare function logView(data: unknown): Promise<void>;
export async function POST(request: NextRequest) {
  after(async () => {
    const userAgent = (await headers()).get('user-agent');
    const session = (await cookies()).get('session')?.value;
    await logView({ userAgent, session });
  });
  return Response.json({ ok: true });
}
`,
    },
    // Route Handlers recognised by their exports: a module (here not named route.ts) exporting POST may read cookies() inside after()
    {
      code: `
import { after } from 'next/server';
import { cookies } from 'next/headers';
declare function logView(session: string | undefined): Promise<void>;
export async function POST(request: Request) {
  after(async () => {
    const session = (await cookies()).get('session')?.value;
    await logView(session);
  });
  return Response.json({ ok: true, url: request.url });
}
`,
    },
    // A handler exported as a constant under an HTTP method name
    {
      code: `
import { after } from 'next/server';
import { headers } from 'next/headers';
declare function logView(agent: string | null): Promise<void>;
export const GET = async () => {
  after(async () => logView((await headers()).get('user-agent')));
  return Response.json({ ok: true });
};
`,
    },
    // A handler exported under an HTTP method name through an export list
    {
      code: `
import { after } from 'next/server';
import { cookies } from 'next/headers';
declare function logView(session: string | undefined): Promise<void>;
async function remove() {
  after(async () => logView((await cookies()).get('session')?.value));
  return new Response(null, { status: 204 });
}
export { remove as DELETE };
`,
    },
    // a 'use server' file: Server Functions may read cookies() inside after()
    `'use server';
import { after } from 'next/server';
import { cookies } from 'next/headers';
declare function audit(data: unknown): Promise<void>;
export async function updateProfile(formData: FormData) {
  after(async () => {
    await audit({ session: (await cookies()).get('session')?.value, name: formData.get('name') });
  });
}
`,
    // Server Component: an inline Server Action (a function with a 'use server' directive) may read cookies() inside after()
    {
      filename: 'app/page.tsx',
      code: `
import { after } from 'next/server';
import { cookies } from 'next/headers';
declare function audit(data: unknown): Promise<void>;
export default function Page() {
  async function subscribe(formData: FormData) {
    'use server';
    after(async () => {
      await audit({ session: (await cookies()).get('session')?.value, email: formData.get('email') });
    });
  }
  return <form action={subscribe} />;
}
`,
    },
    // Route Handler: body and path read before after(), copies used inside
    {
      filename: 'app/api/log/route.ts',
      code: `
import { after, type NextRequest } from 'next/server';
declare function audit(data: unknown): Promise<void>;
export async function POST(request: NextRequest) {
  const body = await request.json();
  const path = request.nextUrl.pathname;
  after(() => audit({ body, path }));
  return Response.json({ ok: true });
}
`,
    },
    // Route Handler: a clone of the NextRequest taken before after() has its own body
    {
      filename: 'app/api/log/route.ts',
      code: `
import { after, type NextRequest } from 'next/server';
declare function audit(body: string): Promise<void>;
export async function POST(request: NextRequest) {
  const copy = request.clone();
  after(async () => audit(await copy.text()));
  return Response.json({ ok: true });
}
`,
    },
    // Route Handler: awaited work finishes before the response
    {
      filename: 'app/api/log/route.ts',
      code: `
import type { NextRequest } from 'next/server';
declare function audit(request: NextRequest): Promise<void>;
export async function POST(request: NextRequest) {
  await audit(request);
  return Response.json({ ok: true });
}
`,
    },
    // Route Handler: work joined into an awaited Promise.allSettled
    {
      filename: 'app/api/log/route.ts',
      code: `
import type { NextRequest } from 'next/server';
declare function audit(request: NextRequest): Promise<void>;
declare function save(): Promise<void>;
export async function POST(request: NextRequest) {
  await Promise.allSettled([audit(request), save()]);
  return Response.json({ ok: true });
}
`,
    },
    // Route Handler: a promise variable awaited later in the handler
    {
      filename: 'app/api/log/route.ts',
      code: `
import type { NextRequest } from 'next/server';
declare function audit(request: NextRequest): Promise<void>;
export async function POST(request: NextRequest) {
  const audited = audit(request);
  const data = await request.json();
  await audited;
  return Response.json(data);
}
`,
    },
    // Route Handler: a returned promise chain produces the response
    {
      filename: 'app/api/log/route.ts',
      code: `
import { NextResponse, type NextRequest } from 'next/server';
export function GET(request: NextRequest) {
  return fetch('https://api.example.com/status').then(res => NextResponse.json({ path: request.nextUrl.pathname, status: res.status }));
}
`,
    },
    // Route Handler: a timer cleared in finally is bounded by the handler
    {
      filename: 'app/api/log/route.ts',
      code: `
import type { NextRequest } from 'next/server';
export async function GET(request: NextRequest) {
  const timer = setTimeout(() => console.warn('slow upstream for', request.nextUrl.pathname), 2000);
  try {
    return await fetch('https://api.example.com/data');
  } finally {
    clearTimeout(timer);
  }
}
`,
    },
    // Route Handler: a listener on the request's own abort signal
    {
      filename: 'app/api/log/route.ts',
      code: `
import type { NextRequest } from 'next/server';
export async function GET(request: NextRequest) {
  request.signal.addEventListener('abort', () => console.log('client left', request.nextUrl.pathname));
  return await fetch('https://api.example.com/stream');
}
`,
    },
    // Server Component: a local function named cookies is not the request API
    {
      filename: 'app/page.tsx',
      code: `
import { after } from 'next/server';
function cookies() {
  return { get: (name: string) => name };
}
export default async function Page() {
  after(() => console.log(cookies().get('theme')));
  return <main />;
}
`,
    },
    // Server Component: headers() called before the first await of the registered work runs during rendering
    {
      filename: 'app/page.tsx',
      code: `
import { after } from 'next/server';
import { headers } from 'next/headers';
declare function logAgent(agent: string | null): Promise<void>;
async function logRequest() {
  const agent = (await headers()).get('user-agent');
  await logAgent(agent);
}
export default async function Page() {
  after(logRequest());
  return <main />;
}
`,
    },
    // middleware: a copied path passed to event.waitUntil()
    {
      filename: 'app/api/log/route.ts',
      code: `
import { NextResponse, type NextFetchEvent, type NextRequest } from 'next/server';
declare function logRequest(path: string): Promise<void>;
export function middleware(request: NextRequest, event: NextFetchEvent) {
  event.waitUntil(logRequest(request.nextUrl.pathname));
  return NextResponse.next();
}
`,
    },
    // reads: 'unsafe-only': headers, nextUrl and cookie reads of the NextRequest are plain data
    {
      filename: 'app/api/log/route.ts',
      code: `
import { after, type NextRequest } from 'next/server';
export async function POST(request: NextRequest) {
  after(() => console.log(request.headers.get('user-agent'), request.nextUrl.pathname, request.cookies.get('session')?.value));
  return Response.json({ ok: true });
}
`,
      options: [{ reads: 'unsafe-only' }],
    },
    // without the nextjs preset, request APIs inside after() in a Server Component are not checked
    {
      filename: 'app/page.tsx',
      code: `
import { after } from 'next/server';
import { cookies } from 'next/headers';
export default async function Page() {
  after(async () => console.log((await cookies()).get('theme')));
  return <main />;
}
`,
      options: [{ presets: ['cloudflare-workers'] }],
    },
    // without the nextjs preset, NextRequest is not a request context
    {
      filename: 'app/api/log/route.ts',
      code: `
import { after, type NextRequest } from 'next/server';
export async function POST(request: NextRequest) {
  after(() => console.log(request.url));
  setTimeout(() => console.log(request.url), 0);
  return Response.json({ ok: true });
}
`,
      options: [{ presets: ['express', 'hono'] }],
    },
  ],
  invalid: [
    // A module that exports no HTTP method handler is not a Route Handler: cookies() inside after() may throw
    {
      code: `
import { after } from 'next/server';
import { cookies } from 'next/headers';
declare function logView(session: string | undefined): Promise<void>;
export async function recordVisit() {
  after(async () => logView((await cookies()).get('session')?.value));
}
export type GET = never;
`,
      output: null,
      errors: [
        {
          messageId: 'requestApiDeferred',
          data: { name: 'cookies', kind: 'Next.js request API', sink: 'an after() callback' },
          line: 6,
          column: 36,
          endLine: 6,
          endColumn: 45,
        },
      ],
    },
    // A module exporting a Route Handler: cookies set inside after() are still lost
    {
      code: `
import { after } from 'next/server';
import { cookies } from 'next/headers';
export async function POST() {
  after(async () => {
    (await cookies()).set('seen', '1');
  });
  return Response.json({ ok: true });
}
`,
      output: null,
      errors: [
        {
          messageId: 'writesAfterResponse',
          data: { name: 'cookies', kind: 'Next.js request API', sink: 'an after() callback' },
          line: 6,
          column: 12,
          endLine: 6,
          endColumn: 21,
        },
      ],
    },
    // Server Component: cookies() inside after() throws
    {
      filename: 'app/page.tsx',
      code: `
import { after } from 'next/server';
import { cookies } from 'next/headers';
declare function logView(session: string | undefined): Promise<void>;
export default async function Page() {
  after(async () => {
    const session = (await cookies()).get('session')?.value;
    await logView(session);
  });
  return <main>Hello</main>;
}
`,
      output: null,
      errors: [
        {
          messageId: 'requestApiDeferred',
          data: { name: 'cookies', kind: 'Next.js request API', sink: 'an after() callback' },
          line: 7,
          column: 28,
          endLine: 7,
          endColumn: 37,
        },
      ],
    },
    // Server Component: headers() inside after() throws
    {
      filename: 'app/page.tsx',
      code: `
import { after } from 'next/server';
import { headers } from 'next/headers';
declare function logView(agent: string | null): Promise<void>;
export default async function Page() {
  after(async () => {
    await logView((await headers()).get('user-agent'));
  });
  return <main>Hello</main>;
}
`,
      output: null,
      errors: [
        {
          messageId: 'requestApiDeferred',
          data: { name: 'headers', kind: 'Next.js request API', sink: 'an after() callback' },
          line: 7,
          column: 26,
          endLine: 7,
          endColumn: 35,
        },
      ],
    },
    // generateMetadata is rendering too: cookies() inside after() throws
    {
      filename: 'app/page.tsx',
      code: `
import { after } from 'next/server';
import { cookies } from 'next/headers';
export async function generateMetadata() {
  after(async () => {
    console.log((await cookies()).get('theme'));
  });
  return { title: 'Home' };
}
export default function Page() {
  return <main />;
}
`,
      output: null,
      errors: [
        {
          messageId: 'requestApiDeferred',
          data: { name: 'cookies', kind: 'Next.js request API', sink: 'an after() callback' },
          line: 6,
          column: 24,
          endLine: 6,
          endColumn: 33,
        },
      ],
    },
    // a renamed import of headers() is still the request API
    {
      filename: 'app/page.tsx',
      code: `
import { after } from 'next/server';
import { headers as requestHeaders } from 'next/headers';
export default async function Page() {
  after(async () => console.log((await requestHeaders()).get('x-forwarded-for')));
  return <main />;
}
`,
      output: null,
      errors: [
        {
          messageId: 'requestApiDeferred',
          data: { name: 'requestHeaders', kind: 'Next.js request API', sink: 'an after() callback' },
          line: 5,
          column: 40,
          endLine: 5,
          endColumn: 56,
        },
      ],
    },
    // Server Component: connection() from next/server inside after()
    {
      filename: 'app/page.tsx',
      code: `
import { after, connection } from 'next/server';
declare function warmCache(): Promise<void>;
export default async function Page() {
  after(async () => {
    await connection();
    await warmCache();
  });
  return <main />;
}
`,
      output: null,
      errors: [
        {
          messageId: 'requestApiDeferred',
          data: { name: 'connection', kind: 'Next.js request API', sink: 'an after() callback' },
          line: 6,
          column: 11,
          endLine: 6,
          endColumn: 23,
        },
      ],
    },
    // Server Component: registered work that calls headers() after its first await runs after the response
    {
      filename: 'app/page.tsx',
      code: `
import { after } from 'next/server';
import { headers } from 'next/headers';
declare function flushMetrics(): Promise<void>;
async function longRunning() {
  await flushMetrics();
  const h = await headers();
  console.log(h.get('x-request-id'));
}
export default async function Page() {
  after(longRunning());
  return <main />;
}
`,
      output: null,
      errors: [
        {
          messageId: 'requestApiDeferred',
          data: { name: 'headers', kind: 'Next.js request API', sink: 'an after() callback' },
          line: 7,
          column: 19,
          endLine: 7,
          endColumn: 28,
        },
      ],
    },
    // Server Component: cookies() in a timer callback
    {
      filename: 'app/page.tsx',
      code: `
import { cookies } from 'next/headers';
export default async function Page() {
  setTimeout(async () => {
    console.log((await cookies()).get('theme'));
  }, 0);
  return <main />;
}
`,
      output: null,
      errors: [
        {
          messageId: 'requestApiDeferred',
          data: { name: 'cookies', kind: 'Next.js request API', sink: 'a setTimeout callback' },
          line: 5,
          column: 24,
          endLine: 5,
          endColumn: 33,
        },
      ],
    },
    // a 'use server' file may read cookies() inside after(), but a cookie set there is lost
    {
      code: `'use server';
import { after } from 'next/server';
import { cookies } from 'next/headers';
export async function updateProfile(formData: FormData) {
  after(async () => {
    (await cookies()).set('profile-updated', String(formData.get('name')));
  });
}
`,
      output: null,
      errors: [
        {
          messageId: 'writesAfterResponse',
          data: { name: 'cookies', kind: 'Next.js request API', sink: 'an after() callback' },
          line: 6,
          column: 12,
          endLine: 6,
          endColumn: 21,
        },
      ],
    },
    // Route Handler: a cookie set from a timer is lost once the response is sent
    {
      filename: 'app/api/log/route.ts',
      code: `
import { cookies } from 'next/headers';
export async function GET() {
  setTimeout(async () => {
    (await cookies()).set('seen', '1');
  }, 0);
  return Response.json({ ok: true });
}
`,
      output: null,
      errors: [
        {
          messageId: 'writesAfterResponse',
          data: { name: 'cookies', kind: 'Next.js request API', sink: 'a setTimeout callback' },
          line: 5,
          column: 12,
          endLine: 5,
          endColumn: 21,
        },
      ],
    },
    // Route Handler: a cookie set inside after() through the store returned by cookies() is lost
    {
      filename: 'app/api/log/route.ts',
      code: `
import { after } from 'next/server';
import { cookies } from 'next/headers';
export async function POST() {
  const jar = await cookies();
  after(() => {
    jar.set('last-visit', new Date().toISOString());
  });
  return Response.json({ ok: true });
}
`,
      output: null,
      errors: [
        {
          messageId: 'writesAfterResponse',
          data: { name: 'jar', kind: 'Next.js request cookies', sink: 'an after() callback' },
          line: 7,
          column: 5,
          endLine: 7,
          endColumn: 52,
        },
      ],
    },
    // Route Handler: a cookie set on the returned NextResponse inside after() comes too late
    {
      filename: 'app/api/log/route.ts',
      code: `
import { after, NextResponse } from 'next/server';
export async function GET() {
  const response = NextResponse.json({ ok: true });
  after(() => {
    response.cookies.set('seen', '1');
  });
  return response;
}
`,
      output: null,
      errors: [
        {
          messageId: 'writesAfterResponse',
          data: { name: 'response', kind: 'NextResponse', sink: 'an after() callback' },
          line: 6,
          column: 5,
          endLine: 6,
          endColumn: 38,
        },
      ],
    },
    // Route Handler: headers() in a floating .then() callback runs after the request scope
    {
      filename: 'app/api/log/route.ts',
      code: `
import { headers } from 'next/headers';
declare function audit(event: string): Promise<void>;
export async function GET() {
  audit('visit').then(async () => console.log((await headers()).get('referer')));
  return Response.json({ ok: true });
}
`,
      output: null,
      errors: [
        {
          messageId: 'requestApiDeferred',
          data: { name: 'headers', kind: 'Next.js request API', sink: 'a .then() callback of a floating promise' },
          line: 5,
          column: 54,
          endLine: 5,
          endColumn: 63,
          suggestions: [
            {
              messageId: 'suggestAwait',
              output: `
import { headers } from 'next/headers';
declare function audit(event: string): Promise<void>;
export async function GET() {
  await audit('visit').then(async () => console.log((await headers()).get('referer')));
  return Response.json({ ok: true });
}
`,
            },
            {
              messageId: 'suggestRegister',
              data: { api: 'after()' },
              output: `
import { headers } from 'next/headers';
import { after } from 'next/server';
declare function audit(event: string): Promise<void>;
export async function GET() {
  after(() => audit('visit').then(async () => console.log((await headers()).get('referer'))));
  return Response.json({ ok: true });
}
`,
            },
          ],
        },
      ],
    },
    // Route Handler: the NextRequest body read inside after()
    {
      filename: 'app/api/log/route.ts',
      code: `
import { after, type NextRequest } from 'next/server';
declare function logPayload(data: unknown): Promise<void>;
export async function POST(request: NextRequest) {
  after(async () => {
    await logPayload(await request.json());
  });
  return Response.json({ ok: true });
}
`,
      output: null,
      errors: [
        {
          messageId: 'escapesToBackground',
          data: { name: 'request', kind: 'NextRequest', sink: 'an after() callback' },
          line: 6,
          column: 28,
          endLine: 6,
          endColumn: 42,
          suggestions: [
            {
              messageId: 'suggestReadFirst',
              output: `
import { after, type NextRequest } from 'next/server';
declare function logPayload(data: unknown): Promise<void>;
export async function POST(request: NextRequest) {
  const json = await request.json();
  after(async () => {
    await logPayload(json);
  });
  return Response.json({ ok: true });
}
`,
            },
          ],
        },
      ],
    },
    // Route Handler: the NextRequest in a timer callback
    {
      filename: 'app/api/log/route.ts',
      code: `
import type { NextRequest } from 'next/server';
export async function GET(request: NextRequest) {
  setTimeout(() => console.log(request.nextUrl.pathname), 1000);
  return Response.json({ ok: true });
}
`,
      output: `
import type { NextRequest } from 'next/server';
export async function GET(request: NextRequest) {
  const pathname = request.nextUrl.pathname;
  setTimeout(() => console.log(pathname), 1000);
  return Response.json({ ok: true });
}
`,
      errors: [
        {
          messageId: 'escapes',
          data: { name: 'request', kind: 'NextRequest', sink: 'a setTimeout callback' },
          line: 4,
          column: 32,
          endLine: 4,
          endColumn: 56,
        },
      ],
    },
    // Route Handler: the NextRequest handed to a floating promise (may never run on serverless)
    {
      filename: 'app/api/log/route.ts',
      code: `
import type { NextRequest } from 'next/server';
declare function track(request: NextRequest): Promise<void>;
export async function GET(request: NextRequest) {
  track(request);
  return Response.json({ ok: true });
}
`,
      output: null,
      errors: [
        {
          messageId: 'escapesAsArgument',
          data: { name: 'request', kind: 'NextRequest', sink: 'the floating promise of track()' },
          line: 5,
          column: 9,
          endLine: 5,
          endColumn: 16,
          suggestions: [
            {
              messageId: 'suggestAwait',
              output: `
import type { NextRequest } from 'next/server';
declare function track(request: NextRequest): Promise<void>;
export async function GET(request: NextRequest) {
  await track(request);
  return Response.json({ ok: true });
}
`,
            },
            {
              messageId: 'suggestRegister',
              data: { api: 'after()' },
              output: `
import type { NextRequest } from 'next/server';
import { after } from 'next/server';
declare function track(request: NextRequest): Promise<void>;
export async function GET(request: NextRequest) {
  after(() => track(request));
  return Response.json({ ok: true });
}
`,
            },
          ],
        },
      ],
    },
    // Route Handler: a floating .then() callback reading the NextRequest
    {
      filename: 'app/api/log/route.ts',
      code: `
import type { NextRequest } from 'next/server';
declare function audit(event: string): Promise<void>;
export async function GET(request: NextRequest) {
  audit('visit').then(() => console.log(request.headers.get('referer')));
  return Response.json({ ok: true });
}
`,
      output: `
import type { NextRequest } from 'next/server';
declare function audit(event: string): Promise<void>;
export async function GET(request: NextRequest) {
  const referer = request.headers.get('referer');
  audit('visit').then(() => console.log(referer));
  return Response.json({ ok: true });
}
`,
      errors: [
        {
          messageId: 'escapes',
          data: { name: 'request', kind: 'NextRequest', sink: 'a .then() callback of a floating promise' },
          line: 5,
          column: 41,
          endLine: 5,
          endColumn: 71,
        },
      ],
    },
    // middleware: work registered with event.waitUntil() reads the request after the response
    {
      filename: 'app/api/log/route.ts',
      code: `
import { NextResponse, type NextFetchEvent, type NextRequest } from 'next/server';
declare function logRequest(url: string): Promise<void>;
export function middleware(request: NextRequest, event: NextFetchEvent) {
  event.waitUntil(fetch('https://flags.example.com').then(() => logRequest(request.url)));
  return NextResponse.next();
}
`,
      output: `
import { NextResponse, type NextFetchEvent, type NextRequest } from 'next/server';
declare function logRequest(url: string): Promise<void>;
export function middleware(request: NextRequest, event: NextFetchEvent) {
  const url = request.url;
  event.waitUntil(fetch('https://flags.example.com').then(() => logRequest(url)));
  return NextResponse.next();
}
`,
      errors: [
        {
          messageId: 'escapesToBackground',
          data: { name: 'request', kind: 'NextRequest', sink: 'work registered with waitUntil()' },
          line: 5,
          column: 76,
          endLine: 5,
          endColumn: 87,
        },
      ],
    },
    // middleware: the NextFetchEvent used from a timer
    {
      filename: 'app/api/log/route.ts',
      code: `
import { NextResponse, type NextFetchEvent, type NextRequest } from 'next/server';
declare function logRequest(url: string): Promise<void>;
export function middleware(request: NextRequest, event: NextFetchEvent) {
  setTimeout(() => event.waitUntil(logRequest('late')), 10);
  return NextResponse.next();
}
`,
      output: null,
      errors: [
        {
          messageId: 'escapes',
          data: { name: 'event', kind: 'NextFetchEvent', sink: 'a setTimeout callback' },
          line: 5,
          column: 20,
          endLine: 5,
          endColumn: 55,
        },
      ],
    },
    // selecting only the nextjs preset still reports NextRequest in after()
    {
      filename: 'app/api/log/route.ts',
      code: `
import { after, type NextRequest } from 'next/server';
export async function POST(request: NextRequest) {
  after(() => console.log(request.url));
  return Response.json({ ok: true });
}
`,
      output: `
import { after, type NextRequest } from 'next/server';
export async function POST(request: NextRequest) {
  const url = request.url;
  after(() => console.log(url));
  return Response.json({ ok: true });
}
`,
      options: [{ presets: ['nextjs'] }],
      errors: [
        {
          messageId: 'escapesToBackground',
          data: { name: 'request', kind: 'NextRequest', sink: 'an after() callback' },
          line: 4,
          column: 27,
          endLine: 4,
          endColumn: 38,
        },
      ],
    },
    // reads: 'unsafe-only': a NextRequest body read inside after() is unsafe
    {
      filename: 'app/api/log/route.ts',
      code: `
import { after, type NextRequest } from 'next/server';
export async function POST(request: NextRequest) {
  after(async () => console.log(request.nextUrl.pathname, await request.json()));
  return Response.json({ ok: true });
}
`,
      output: null,
      options: [{ reads: 'unsafe-only' }],
      errors: [
        {
          messageId: 'escapesToBackground',
          data: { name: 'request', kind: 'NextRequest', sink: 'an after() callback' },
          line: 4,
          column: 65,
          endLine: 4,
          endColumn: 79,
          suggestions: [
            {
              messageId: 'suggestReadFirst',
              output: `
import { after, type NextRequest } from 'next/server';
export async function POST(request: NextRequest) {
  const pathname = request.nextUrl.pathname;
  const json = await request.json();
  after(async () => console.log(pathname, json));
  return Response.json({ ok: true });
}
`,
            },
          ],
        },
      ],
    },
    // reads: 'unsafe-only': request APIs inside after() in a Server Component are always unsafe
    {
      filename: 'app/page.tsx',
      code: `
import { after } from 'next/server';
import { cookies } from 'next/headers';
export default async function Page() {
  after(async () => console.log((await cookies()).get('theme')));
  return <main />;
}
`,
      output: null,
      options: [{ reads: 'unsafe-only' }],
      errors: [
        {
          messageId: 'requestApiDeferred',
          data: { name: 'cookies', kind: 'Next.js request API', sink: 'an after() callback' },
          line: 5,
          column: 40,
          endLine: 5,
          endColumn: 49,
        },
      ],
    },
  ],
});
