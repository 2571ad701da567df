import type { Preset } from './types.js';

const HANDLER_METHODS = [
  'get',
  'post',
  'put',
  'patch',
  'delete',
  'options',
  'head',
  'all',
  'route',
  'ws',
  'onRequest',
  'onParse',
  'onTransform',
  'onBeforeHandle',
  'onAfterHandle',
  'onAfterResponse',
  'onError',
  'mapResponse',
  'derive',
  'resolve',
];

/**
 * Elysia: the handler context is an anonymous object type, so it is matched by
 * position: the parameter of a handler passed to an `Elysia` route or hook method.
 */
export const elysia: Preset = {
  name: 'elysia',
  label: 'Elysia',
  reachedThrough: ['request', 'set', 'cookie', 'server'],
  contexts: [],
  positional: [
    {
      kind: {
        label: 'Elysia Context',
        types: [],
        lifetime: 'response',
        unsafe: { members: ['request', 'set', 'cookie', 'server', 'redirect', 'status'], writes: ['*'] },
        pureMembers: [
          'body',
          'query',
          'params',
          'headers',
          'path',
          'route',
          'store',
          'request.url',
          'request.method',
          'request.headers.get',
        ],
        liveMembers: ['set.status', 'request.signal.aborted'],
      },
      position: {
        type: 'handler-parameter',
        receiver: { from: 'package', package: 'elysia', name: 'Elysia' },
        methods: HANDLER_METHODS,
        // Destructured parts that are request-scoped themselves; `body`, `query`,
        // `params`, `headers` and `store` are plain data.
        scopedProperties: {
          request: {
            label: 'Elysia request',
            types: [],
            lifetime: 'response',
            // Elysia has read the body already; on Bun, fields not read before the response can be empty.
            unsafe: { members: ['text', 'json', 'formData', 'arrayBuffer', 'blob', 'bytes', 'body', 'url', 'clone', 'signal'], writes: [] },
            pureMembers: ['url', 'method', 'headers.get'],
            liveMembers: ['signal.aborted'],
          },
          set: {
            label: 'Elysia set',
            types: [],
            lifetime: 'response',
            unsafe: { members: ['redirect'], writes: ['*'] },
            liveMembers: ['status'],
          },
          cookie: {
            label: 'Elysia cookie',
            types: [],
            lifetime: 'response',
            unsafe: { members: ['set', 'remove'], writes: ['*'] },
          },
          server: {
            label: 'Elysia server',
            types: [],
            lifetime: 'response',
            unsafe: 'all',
          },
        },
      },
    },
  ],
  sharedState: { requestStore: '`derive()`/`resolve()` (not `store`, which every request shares)' },
};
