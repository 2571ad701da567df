import type { Preset } from './types.js';

/** h3 / Nitro: one `H3Event` per request; late writes fail, body can be read once. */
export const h3: Preset = {
  name: 'h3',
  label: 'h3',
  reachedThrough: ['event', 'node', 'req', 'res', 'useEvent', 'useRequest', 'getEvent'],
  contexts: [
    {
      label: 'h3 H3Event',
      types: [{ from: 'package', package: 'h3', name: 'H3Event' }],
      lifetime: 'response',
      unsafe: { members: ['res', 'node', 'req.json', 'req.text', 'req.formData', 'req.arrayBuffer', 'req.body', 'runtime'], writes: [] },
      responseWriters: ['res.headers.set', 'res.headers.append', 'node.res.end', 'node.res.write', 'node.res.setHeader'],
      pureMembers: ['url', 'path', 'method', 'context', 'req.headers.get', 'req.url', 'req.method'],
      liveMembers: ['handled', 'req.signal.aborted', 'node.res.headersSent', 'node.res.writableEnded', 'node.res.statusCode'],
      registersWork: '{{name}}.waitUntil({{work}})',
      // h3 v2 helpers, and v1 ones still used by Nuxt 3 and Nitro 2 (`send`, `sendRedirect`, `sendStream`, `sendNoContent`).
      writerFunctions: [
        'setResponseHeader',
        'setResponseHeaders',
        'appendResponseHeader',
        'appendResponseHeaders',
        'removeResponseHeader',
        'clearResponseHeaders',
        'setResponseStatus',
        'setCookie',
        'deleteCookie',
        'setChunkedCookie',
        'deleteChunkedCookie',
        'redirect',
        'redirectBack',
        'sendRedirect',
        'sendStream',
        'sendNoContent',
        'send',
      ],
    },
  ],
  backgroundApis: [{ name: 'waitUntil', label: 'work registered with waitUntil()' }],
  sharedState: { requestStore: '`event.context`' },
  // h3 v2 `new EventStream(event)` / `createEventStream(event)`: `onClosed` runs when the client leaves.
  streams: [
    {
      label: 'an h3 event stream',
      types: [{ from: 'package', package: 'h3', name: 'EventStream' }],
      writeMethods: ['push', 'pushComment'],
      abortHooks: ['onClosed'],
    },
  ],
  requestSignals: [{ label: 'h3 H3Event', types: [{ from: 'package', package: 'h3', name: 'H3Event' }], signal: '{{name}}.req.signal' }],
};
