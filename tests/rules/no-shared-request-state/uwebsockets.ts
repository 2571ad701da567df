// uWebSockets.js: `HttpRequest` is invalid after the handler's first await or
// return and `HttpResponse` after it ends or aborts; the module is shared.
import type { RunTests } from '@typescript-eslint/rule-tester';

import type { MessageIds, Options } from '../../../src/rules/no-shared-request-state.js';

export const cases: RunTests<MessageIds, Options> = {
  valid: [
    // open responses tracked until they abort
    `
import { App, type HttpResponse } from 'uWebSockets.js';
const open = new Set<HttpResponse>();
App().get('/events', res => {
  open.add(res);
  res.onAborted(() => { open.delete(res); });
});
`,
    // a cache keyed by the url
    `
import { App } from 'uWebSockets.js';
const hits = new Map<string, number>();
App().get('/*', (res, req) => {
  const url = req.getUrl();
  hits.set(url, (hits.get(url) ?? 0) + 1);
  res.end('ok');
});
`,
    // a counter
    `
import { App } from 'uWebSockets.js';
let served = 0;
App().get('/*', res => { served++; res.end(String(served)); });
`,
    // a WeakMap keyed by the response
    `
import { App, type HttpResponse } from 'uWebSockets.js';
const started = new WeakMap<HttpResponse, number>();
App().get('/*', res => { started.set(res, Date.now()); res.end('ok'); });
`,
    // a per-request object holds the copied headers
    `
import { App } from 'uWebSockets.js';
App().get('/*', (res, req) => {
  const copy: { url?: string; ua?: string } = {};
  copy.url = req.getUrl();
  copy.ua = req.getHeader('user-agent');
  res.end(JSON.stringify(copy));
});
`,
    // start-up
    `
import { App } from 'uWebSockets.js';
let port = 9001;
App().listen(port, () => {});
`,
    // AsyncLocalStorage
    `
import { AsyncLocalStorage } from 'node:async_hooks';
import { App } from 'uWebSockets.js';
const als = new AsyncLocalStorage<string>();
App().get('/*', (res, req) => als.run(req.getUrl(), () => { res.end('ok'); }));
`,
    // pending responses keyed by id, removed on abort
    `
import { App, type HttpResponse } from 'uWebSockets.js';
const pending: Record<string, HttpResponse> = {};
App().get('/wait/:id', (res, req) => {
  const id = req.getParameter(0) ?? '';
  pending[id] = res;
  res.onAborted(() => { delete pending[id]; });
});
`,
  ],
  invalid: [
    {
      code: `
import { App, type HttpRequest } from 'uWebSockets.js';
let lastRequest: HttpRequest | undefined;
App().get('/*', (res, req) => { lastRequest = req; res.end('ok'); });
`,
      errors: [
        {
          messageId: 'storesContext',
          data: {
            value: '`req`',
            kind: 'uWS HttpRequest',
            storage: 'module-scope `lastRequest`',
            consequence:
              'it is invalid once the handler returns (and `HttpRequest` after the first `await`): the next request that uses it throws or writes to the wrong response',
            store: 'a per-request object created in the handler',
          },
        },
      ],
    },
    {
      code: `
import { App, type HttpResponse } from 'uWebSockets.js';
const waiting: HttpResponse[] = [];
App().get('/poll', res => { res.onAborted(() => {}); waiting.push(res); });
`,
      errors: [{ messageId: 'storesContext' }],
    },
    {
      code: `
import { App } from 'uWebSockets.js';
let currentUser: string | undefined;
App().get('/*', (res, req) => { currentUser = req.getHeader('x-user'); res.end('ok'); });
`,
      errors: [{ messageId: 'storesRequestData' }],
    },
    {
      code: `
import { App } from 'uWebSockets.js';
App().get('/*', (res, req) => { (globalThis as any).res = res; res.end('ok'); });
`,
      errors: [{ messageId: 'storesContext' }],
    },
    {
      code: `
import { App } from 'uWebSockets.js';
const state = { url: '' };
App().get('/*', (res, req) => { state.url = req.getUrl(); res.end('ok'); });
`,
      errors: [{ messageId: 'storesRequestData' }],
    },
    {
      code: `
import { App, type HttpResponse } from 'uWebSockets.js';
const byId = new Map<string, HttpResponse>();
App().get('/wait/:id', (res, req) => { res.onAborted(() => {}); byId.set(req.getParameter(0) ?? '', res); });
`,
      errors: [{ messageId: 'storesContext' }],
    },
    {
      code: `
import { App, type HttpResponse } from 'uWebSockets.js';
class Broadcaster { last?: HttpResponse; attach(res: HttpResponse) { this.last = res; } }
const broadcaster = new Broadcaster();
App().get('/*', res => { res.onAborted(() => {}); broadcaster.attach(res); });
`,
      errors: [{ messageId: 'storesContext' }],
    },
    {
      code: `
import { App } from 'uWebSockets.js';
let lastQuery: string | undefined;
App().get('/*', (res, req) => { lastQuery ??= req.getQuery(); res.end('ok'); });
`,
      errors: [{ messageId: 'storesRequestData' }],
    },
  ],
};
