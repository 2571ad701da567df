// h3: `event` is new per request and `event.context` is its store.
import type { RunTests } from '@typescript-eslint/rule-tester';

import type { MessageIds, Options } from '../../../src/rules/no-shared-request-state.js';

export const cases: RunTests<MessageIds, Options> = {
  valid: [
    // event.context is the per-request store
    `
import { H3, getRequestHeader } from 'h3';
const app = new H3();
app.use(event => { event.context.user = getRequestHeader(event, 'x-user'); });
`,
    // a cache keyed by the path
    `
import { H3 } from 'h3';
declare function render(path: string): Promise<string>;
const pages = new Map<string, string>();
const app = new H3();
app.get('/**', async event => {
  const html = await render(event.url.pathname);
  pages.set(event.url.pathname, html);
  return html;
});
`,
    // a counter
    `
import { H3 } from 'h3';
let served = 0;
const app = new H3();
app.use(() => { served++; });
`,
    // a WeakMap keyed by the event
    `
import { H3, type H3Event } from 'h3';
const started = new WeakMap<H3Event, number>();
const app = new H3();
app.use(event => { started.set(event, Date.now()); });
`,
    // AsyncLocalStorage
    `
import { AsyncLocalStorage } from 'node:async_hooks';
import { H3 } from 'h3';
const als = new AsyncLocalStorage<string>();
const app = new H3();
app.get('/x', event => als.run(event.url.pathname, () => 'ok'));
`,
    // start-up values
    `
import { H3 } from 'h3';
const app = new H3();
let name = 'orders';
app.get('/name', () => name);
`,
    // a per-request object
    `
import { H3 } from 'h3';
const app = new H3();
app.get('/me', event => {
  const me: { path?: string } = {};
  me.path = event.url.pathname;
  return me;
});
`,
    // a registry of live events removed when the request ends
    `
import { H3, type H3Event } from 'h3';
declare function wait(ms: number): Promise<void>;
const live = new Set<H3Event>();
const app = new H3();
app.get('/poll', async event => {
  live.add(event);
  try { await wait(1000); return 'done'; } finally { live.delete(event); }
});
`,
  ],
  invalid: [
    {
      code: `
import { H3, getRequestHeader } from 'h3';
let currentUser: string | undefined;
const app = new H3();
app.use(event => { currentUser = getRequestHeader(event, 'x-user'); });
`,
      errors: [
        {
          messageId: 'storesRequestData',
          data: {
            value: "`getRequestHeader(event, 'x-user')`",
            kind: 'h3 H3Event',
            root: 'event',
            storage: 'module-scope `currentUser`',
            consequence: "concurrent requests overwrite it, so a request can read another request's data (the wrong user or tenant)",
            store: '`event.context`',
          },
        },
      ],
    },
    {
      code: `
import { H3, type H3Event } from 'h3';
let lastEvent: H3Event | undefined;
const app = new H3();
app.use(event => { lastEvent = event; });
`,
      errors: [{ messageId: 'storesContext' }],
    },
    {
      code: `
import { H3 } from 'h3';
const app = new H3();
app.use(event => { (globalThis as any).event = event; });
`,
      errors: [{ messageId: 'storesContext' }],
    },
    {
      code: `
import { H3, type H3Event } from 'h3';
const events: H3Event[] = [];
const app = new H3();
app.use(event => { events.push(event); });
`,
      errors: [{ messageId: 'storesContext' }],
    },
    {
      code: `
import { H3 } from 'h3';
const config = { tenant: '' };
const app = new H3();
app.use(event => { config.tenant = event.url.searchParams.get('tenant') ?? ''; });
`,
      errors: [{ messageId: 'storesRequestData' }],
    },
    {
      code: `
import { H3, readBody } from 'h3';
let lastBody: unknown;
const app = new H3();
app.post('/orders', async event => { lastBody = await readBody(event); return 'ok'; });
`,
      errors: [{ messageId: 'storesRequestData' }],
    },
    // a value taken from event.context into a shared slot
    {
      code: `
import { H3 } from 'h3';
let user: unknown;
const app = new H3();
app.get('/x', event => { user = event.context.user; return 'ok'; });
`,
      errors: [{ messageId: 'storesRequestData' }],
    },
    {
      code: `
import { H3, type H3Event } from 'h3';
class Tracker { last?: H3Event; track(event: H3Event) { this.last = event; } }
const tracker = new Tracker();
const app = new H3();
app.use(event => tracker.track(event));
`,
      errors: [{ messageId: 'storesContext' }],
    },
  ],
};
