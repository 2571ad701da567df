import type { Preset } from './types.js';

import { NODE_BODY_STREAM, NODE_RESPONSE_STREAM } from './express.js';

/** Koa 2/3: the response is sent when the middleware chain settles; later writes are lost (often a 404). */
export const koa: Preset = {
  name: 'koa',
  label: 'Koa',
  reachedThrough: ['request', 'response', 'req', 'res', 'cookies'],
  contexts: [
    {
      label: 'Koa Context',
      // Inline `(ctx) =>` is `ParameterizedContext`, an intersection whose
      // constituents include `ExtendableContext`; annotated `Koa.Context` is an interface.
      types: [
        {
          from: 'package',
          package: 'koa',
          name: ['Context', 'ParameterizedContext', 'ExtendableContext', 'BaseContext', 'DefaultContext'],
        },
        { from: 'package', package: '@koa/router', name: ['RouterContext', 'RouterParamContext'] },
      ],
      lifetime: 'response',
      unsafe: {
        members: [
          'set',
          'append',
          'remove',
          'redirect',
          'attachment',
          'throw',
          'assert',
          'ip',
          'ips',
          'socket',
          'req',
          'res',
          'cookies.set',
          'flushHeaders',
          'vary',
          'response.set',
          'response.redirect',
          'response.attachment',
        ],
        writes: ['body', 'status', 'message', 'type', 'length', 'lastModified', 'etag', 'respond'],
      },
      responseWriters: [
        'res.end',
        'res.write',
        'res.writeHead',
        'set',
        'append',
        'remove',
        'redirect',
        'attachment',
        'cookies.set',
        'flushHeaders',
      ],
      pendingResponse: 'after-respond-false-or-stream-body',
      streamBody: { member: 'body', respondFlag: 'respond' },
      pureMembers: [
        'get',
        'ip',
        'ips',
        'path',
        'method',
        'url',
        'originalUrl',
        'href',
        'host',
        'hostname',
        'protocol',
        'query',
        'querystring',
        'headers',
        'header',
        'state',
        'params',
        'request.body',
        'cookies.get',
      ],
      liveMembers: [
        'status',
        'message',
        'body',
        'respond',
        'headerSent',
        'writable',
        'response.status',
        'response.headerSent',
        'res.headersSent',
        'res.writableEnded',
        'res.statusCode',
        'req.aborted',
      ],
    },
    {
      label: 'Koa next()',
      types: [{ from: 'package', package: 'koa', name: 'Next' }],
      lifetime: 'response',
      unsafe: 'all',
      // `next();` without `await`/`return`: Koa answers when this middleware settles (404 without a body).
      continuesChain: true,
    },
  ],
  sharedState: { requestStore: '`ctx.state`' },
  // `ctx.res` when `ctx.respond = false`; a stream assigned to `ctx.body`.
  streams: [NODE_RESPONSE_STREAM, NODE_BODY_STREAM],
  requestSignals: [
    {
      label: 'Koa Context',
      types: [
        {
          from: 'package',
          package: 'koa',
          name: ['Context', 'ParameterizedContext', 'ExtendableContext', 'BaseContext', 'DefaultContext'],
        },
      ],
      closeEvents: ['close'],
      closeEmitter: '{{name}}.req',
    },
  ],
};
