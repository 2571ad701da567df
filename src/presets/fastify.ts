import type { Preset } from './types.js';

import { NODE_BODY_STREAM, NODE_REQUEST_SIGNAL, NODE_RESPONSE_STREAM } from './express.js';

const REPLY_WRITERS = [
  'send',
  'code',
  'status',
  'header',
  'headers',
  'redirect',
  'type',
  'removeHeader',
  'hijack',
  'view',
  'serialize',
  'raw',
];

/** Fastify 4/5: an async handler's resolved value is the response; `reply.send` afterwards is lost. */
export const fastify: Preset = {
  name: 'fastify',
  label: 'Fastify',
  reachedThrough: ['request', 'raw', 'socket'],
  // Run for every request that started, once it is answered, aborted or timed out.
  endHooks: ['onResponse', 'onRequestAbort', 'onTimeout'],
  contexts: [
    {
      label: 'Fastify request',
      types: [{ from: 'package', package: 'fastify', name: 'FastifyRequest' }],
      lifetime: 'response',
      unsafe: { members: ['ip', 'ips', 'socket', 'raw'], writes: [] },
      pendingResponse: 'unless-async-without-return',
      pureMembers: [
        'log',
        'id',
        'ip',
        'ips',
        'params',
        'query',
        'body',
        'headers',
        'url',
        'method',
        'hostname',
        'protocol',
        'routeOptions',
        'user',
      ],
    },
    {
      label: 'Fastify reply',
      types: [{ from: 'package', package: 'fastify', name: 'FastifyReply' }],
      lifetime: 'response',
      unsafe: { members: REPLY_WRITERS, writes: ['statusCode'] },
      responseWriters: [
        'send',
        'redirect',
        'view',
        'code',
        'status',
        'type',
        'header',
        'headers',
        'removeHeader',
        'hijack',
        'raw.end',
        'raw.write',
      ],
      pendingResponse: 'unless-async-without-return',
      pureMembers: ['log'],
      liveMembers: ['sent', 'statusCode', 'elapsedTime', 'raw.headersSent', 'raw.writableEnded', 'raw.statusCode'],
    },
  ],
  sharedState: { requestStore: 'a request decoration (`fastify.decorateRequest()`, then `request.<name>`)' },
  // `reply.raw` (after `reply.hijack()`), and a stream passed to `reply.send()`.
  streams: [NODE_RESPONSE_STREAM, NODE_BODY_STREAM],
  requestSignals: [
    NODE_REQUEST_SIGNAL,
    {
      label: 'Fastify request',
      types: [{ from: 'package', package: 'fastify', name: ['FastifyRequest', 'FastifyReply'] }],
      closeEvents: ['close'],
      closeEmitter: '{{name}}.raw',
    },
  ],
};
