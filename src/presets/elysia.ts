import type { Preset } from './types.js';

const HANDLER_METHODS = [
  'get', 'post', 'put', 'patch', 'delete', 'options', 'head', 'all', 'route', 'ws',
  'onRequest', 'onParse', 'onTransform', 'onBeforeHandle', 'onAfterHandle', 'onAfterResponse',
  'onError', 'mapResponse', 'derive', 'resolve',
];

/**
 * Elysia: the handler context is an anonymous object type, so it is matched by
 * position: the parameter of a handler passed to an `Elysia` route or hook method.
 */
export const elysia: Preset = {
  name: 'elysia',
  label: 'Elysia',
  contexts: [],
  positional: [
    {
      kind: {
        label: 'Elysia Context',
        types: [],
        lifetime: 'response',
        unsafe: { members: ['request', 'set', 'cookie', 'server', 'redirect', 'status'], writes: [] },
        pureMembers: ['body', 'query', 'params', 'headers', 'path', 'route', 'store'],
      },
      position: {
        type: 'handler-parameter',
        receiver: { from: 'package', package: 'elysia', name: 'Elysia' },
        methods: HANDLER_METHODS,
        scopedProperties: ['request', 'set', 'cookie', 'server'],
      },
    },
  ],
};
