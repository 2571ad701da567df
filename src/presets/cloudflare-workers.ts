import type { ContextKind, Preset } from './types.js';

import { WEB_STREAM_CONTROLLER } from './nextjs.js';

// `wrangler types` generates the runtime types into the project.
const GENERATED_TYPES = 'worker-configuration.d.ts';

/** I/O objects bound to the request that created them: using one from another request throws. */
const IO_TYPES = ['Response', 'ReadableStream', 'WritableStream', 'TransformStream', 'WebSocket', 'Socket'];

const workersRequest: ContextKind = {
  label: 'Workers Request',
  types: [
    { from: 'package', package: '@cloudflare/workers-types', name: 'Request' },
    { from: 'file', path: GENERATED_TYPES, name: 'Request' },
  ],
  lifetime: 'response',
  unsafe: { members: ['body', 'json', 'text', 'arrayBuffer', 'formData', 'blob', 'bytes', 'clone', 'signal'], writes: [] },
  pureMembers: ['url', 'method', 'headers.get', 'cf'],
  liveMembers: ['signal.aborted', 'bodyUsed'],
  // A clone taken before the response keeps its own body.
  snapshotMethods: ['clone'],
  asyncPureMembers: ['json', 'text', 'formData', 'arrayBuffer'],
  // `new Request(url)` built to call `fetch`, or `new Request(request)` copied before the response.
  servedOnly: true,
};

/** Cloudflare Workers: floating work is cancelled when the response is done; late body reads throw. */
export const cloudflareWorkers: Preset = {
  name: 'cloudflare-workers',
  label: 'Cloudflare Workers',
  contexts: [
    workersRequest,
    {
      label: 'Workers ExecutionContext',
      types: [
        { from: 'package', package: '@cloudflare/workers-types', name: 'ExecutionContext' },
        { from: 'file', path: GENERATED_TYPES, name: 'ExecutionContext' },
      ],
      lifetime: 'response',
      unsafe: 'all',
      registersWork: '{{name}}.waitUntil({{work}})',
    },
  ],
  // A module Worker typed with the global `Request` of lib.dom or undici (no
  // workers-types): `export default { fetch(request, env, ctx) }` is recognised by its shape.
  positional: [
    {
      kind: workersRequest,
      position: {
        type: 'module-handler',
        methods: ['fetch'],
        parameter: 0,
        handlerTypes: ['ExportedHandler'],
        minParameters: 3,
        parameterTypes: [
          { from: 'lib', name: 'Request' },
          { from: 'package', package: 'undici-types', name: 'Request' },
          { from: 'package', package: 'undici', name: 'Request' },
        ],
      },
    },
  ],
  backgroundApis: [
    { name: 'waitUntil', label: 'work registered with waitUntil()' },
    { name: 'waitUntil', packages: ['cloudflare:workers'], label: 'work registered with waitUntil()' },
  ],
  sharedState: {
    requestStore: 'local variables of `fetch()`',
    contextConsequence: 'another request that uses it throws "Cannot perform I/O on behalf of a different request"',
    requestBound: {
      types: [
        { from: 'lib', name: IO_TYPES },
        { from: 'package', package: '@cloudflare/workers-types', name: IO_TYPES },
        { from: 'file', path: GENERATED_TYPES, name: IO_TYPES },
      ],
      packageObjects: true,
      consequence: 'another request that uses it throws "Cannot perform I/O on behalf of a different request"',
    },
  },
  streams: [WEB_STREAM_CONTROLLER],
  requestSignals: [
    {
      label: 'Workers Request',
      types: [
        { from: 'package', package: '@cloudflare/workers-types', name: 'Request' },
        { from: 'file', path: GENERATED_TYPES, name: 'Request' },
      ],
      signal: '{{name}}.signal',
    },
  ],
};
