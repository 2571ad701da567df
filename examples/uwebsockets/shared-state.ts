// Request state kept where every request sees it (context-escape/no-shared-request-state).
import { App, type HttpRequest, type HttpResponse } from 'uWebSockets.js';

let lastRequest: HttpRequest | undefined;
const open = new Set<HttpResponse>();

App()
  .get('/*', (res, req) => {
    // BUG(no-shared-request-state): HttpRequest is invalid once the handler returns.
    lastRequest = req;
    res.end(lastRequest.getUrl());
  })
  .get('/events', res => {
    // OK(no-shared-request-state): tracked until it aborts.
    open.add(res);
    res.onAborted(() => {
      open.delete(res);
    });
  });
