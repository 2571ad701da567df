import type { Preset } from './types.js';

/** uWebSockets.js: native objects are invalidated, not just stale. Any late access throws or aborts the process. */
export const uwebsockets: Preset = {
  name: 'uwebsockets',
  label: 'uWebSockets.js',
  contexts: [
    {
      label: 'uWS HttpRequest',
      types: [{ from: 'package', package: 'uWebSockets.js', name: 'HttpRequest' }],
      lifetime: 'sync',
      unsafe: 'all',
      pureMembers: ['getHeader', 'getParameter', 'getUrl', 'getMethod', 'getCaseSensitiveMethod', 'getQuery'],
    },
    {
      label: 'uWS HttpResponse',
      types: [{ from: 'package', package: 'uWebSockets.js', name: 'HttpResponse' }],
      lifetime: 'response',
      unsafe: 'all',
      responseWriters: ['end', 'tryEnd', 'cork', 'write', 'writeStatus', 'writeHeader', 'endWithoutBody', 'close'],
      pendingResponse: 'after-on-aborted',
      abortHook: 'onAborted',
    },
  ],
  // Run after the handler returned, even when the surrounding work is awaited.
  lateCallbackMethods: ['onData', 'onWritable', 'onAborted'],
  // Run before the call returns: `res.cork(() => res.end(body))` writes where `cork` is called.
  synchronousCallbackMethods: ['cork'],
  sharedState: {
    requestStore: 'a per-request object created in the handler',
    contextConsequence:
      'it is invalid once the handler returns (and `HttpRequest` after the first `await`): the next request that uses it throws or writes to the wrong response',
  },
};
