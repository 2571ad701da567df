import type { ContextKind, Preset, RequestSignal, ResponseStream } from './types.js';

/** Express `res` methods that write or send the response; NestJS `@Res()` shares them. */
export const RESPONSE_WRITERS = [
  'send',
  'json',
  'jsonp',
  'sendStatus',
  'sendFile',
  'download',
  'redirect',
  'render',
  'end',
  'write',
  'writeHead',
  'status',
  'set',
  'header',
  'append',
  'cookie',
  'clearCookie',
  'location',
  'links',
  'type',
  'contentType',
  'format',
  'attachment',
  'vary',
  'setHeader',
  'removeHeader',
  'flushHeaders',
];

/** Express `req` members that are unsafe after the response: socket-derived getters and body stream reads. */
export const REQUEST_UNSAFE = ['ip', 'ips', 'socket', 'connection', 'on', 'once', 'pipe', 'read', 'resume', 'setEncoding'];

const request: ContextKind = {
  label: 'Express Request',
  types: [
    { from: 'package', package: 'express-serve-static-core', name: 'Request' },
    { from: 'package', package: 'express', name: 'Request' },
  ],
  lifetime: 'response',
  unsafe: { members: REQUEST_UNSAFE, writes: [] },
  pendingResponse: 'always',
  pureMembers: [
    'get',
    'header',
    'ip',
    'ips',
    'method',
    'originalUrl',
    'url',
    'path',
    'baseUrl',
    'hostname',
    'protocol',
    'secure',
    'params',
    'query',
    'body',
    'headers',
    'cookies',
    'signedCookies',
    'user',
    'id',
  ],
};

const response: ContextKind = {
  label: 'Express Response',
  types: [
    { from: 'package', package: 'express-serve-static-core', name: 'Response' },
    { from: 'package', package: 'express', name: 'Response' },
  ],
  lifetime: 'response',
  unsafe: { members: RESPONSE_WRITERS, writes: ['statusCode', 'statusMessage', 'locals'] },
  responseWriters: RESPONSE_WRITERS,
  pendingResponse: 'always',
  pureMembers: ['locals'],
  liveMembers: ['headersSent', 'statusCode', 'statusMessage', 'writableEnded', 'writableFinished', 'finished'],
};

/** Node's own request/response (raw `http` handlers, Next.js pages API, `request.raw` in Fastify). */
const nodeRequest: ContextKind = {
  label: 'Node IncomingMessage',
  types: [
    { from: 'package', package: 'http', name: 'IncomingMessage' },
    { from: 'package', package: 'node:http', name: 'IncomingMessage' },
    { from: 'package', package: 'http2', name: 'Http2ServerRequest' },
  ],
  lifetime: 'response',
  unsafe: { members: REQUEST_UNSAFE, writes: [] },
  pendingResponse: 'always',
  pureMembers: ['method', 'url', 'headers', 'httpVersion', 'rawHeaders'],
  liveMembers: ['aborted', 'complete', 'destroyed', 'closed', 'readableEnded'],
  // `new IncomingMessage(socket)` in tests and the response of an outgoing request are not served.
  servedOnly: true,
};

const nodeResponse: ContextKind = {
  label: 'Node ServerResponse',
  types: [
    { from: 'package', package: 'http', name: 'ServerResponse' },
    { from: 'package', package: 'node:http', name: 'ServerResponse' },
    { from: 'package', package: 'http2', name: 'Http2ServerResponse' },
  ],
  lifetime: 'response',
  unsafe: {
    members: ['end', 'write', 'writeHead', 'setHeader', 'appendHeader', 'removeHeader', 'flushHeaders', 'socket', 'connection'],
    writes: ['statusCode', 'statusMessage'],
  },
  responseWriters: ['end', 'write', 'writeHead'],
  pendingResponse: 'always',
  liveMembers: ['headersSent', 'statusCode', 'statusMessage', 'writableEnded', 'writableFinished', 'finished'],
};

/**
 * Node's response as a stream (Express `res`, Koa `ctx.res`, Fastify `reply.raw`):
 * `write` after the client left returns `false` and is silently dropped;
 * `destroyed` turns true and `close` is emitted when the connection closes.
 */
export const NODE_RESPONSE_STREAM: ResponseStream = {
  label: 'a Node response',
  types: [
    ...nodeResponse.types,
    { from: 'package', package: 'express-serve-static-core', name: 'Response' },
    { from: 'package', package: 'express', name: 'Response' },
  ],
  writeMethods: ['write'],
  abortFlags: ['destroyed', 'writableEnded', 'closed'],
  closeEvents: ['close'],
};

/**
 * A Node stream handed to the framework as the response body (Koa `ctx.body =
 * stream`, Fastify `reply.send(stream)`): the framework destroys it when the
 * client leaves, which emits `close`.
 */
export const NODE_BODY_STREAM: ResponseStream = {
  label: 'a response body stream',
  types: [{ from: 'package', package: 'stream', name: ['Readable', 'PassThrough', 'Duplex', 'Transform'] }],
  writeMethods: ['write', 'push'],
  abortFlags: ['destroyed', 'writableEnded', 'closed'],
  closeEvents: ['close'],
  asBody: { members: ['body'], methods: ['send'] },
};

/** Node requests have no `AbortSignal`: the client leaving is the `close` event. */
export const NODE_REQUEST_SIGNAL: RequestSignal = {
  label: 'Node request',
  types: [...request.types, ...nodeRequest.types, ...response.types, ...nodeResponse.types],
  closeEvents: ['close'],
};

/** Express 4 and 5 (types from `@types/express` and `@types/express-serve-static-core`) and Node `http`. */
export const express: Preset = {
  name: 'express',
  label: 'Express',
  reachedThrough: ['req', 'res', 'request', 'response', 'socket', 'connection', 'headers'],
  contexts: [request, response, nodeRequest, nodeResponse],
  // The response of an outgoing request is an `IncomingMessage` too.
  clientCalls: [
    { from: 'package', package: 'http', name: ['get', 'request'] },
    { from: 'package', package: 'https', name: ['get', 'request'] },
    { from: 'package', package: 'node:http', name: ['get', 'request'] },
    { from: 'package', package: 'node:https', name: ['get', 'request'] },
  ],
  sharedState: { requestStore: '`res.locals` (or `req` itself)' },
  streams: [NODE_RESPONSE_STREAM],
  requestSignals: [NODE_REQUEST_SIGNAL],
};
