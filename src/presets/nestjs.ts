import type { ContextKind, Preset } from './types.js';

import { REQUEST_UNSAFE, RESPONSE_WRITERS } from './express.js';

const decoratedRequest: ContextKind = {
  label: 'NestJS @Req() request',
  types: [],
  lifetime: 'response',
  // The platform's request (Express, or Fastify with its `raw` request).
  unsafe: { members: [...REQUEST_UNSAFE, 'raw'], writes: [] },
  pureMembers: [
    'get',
    'header',
    'method',
    'originalUrl',
    'url',
    'path',
    'hostname',
    'params',
    'query',
    'body',
    'headers',
    'cookies',
    'user',
    'id',
  ],
};

const decoratedResponse: ContextKind = {
  label: 'NestJS @Res() response',
  types: [],
  lifetime: 'response',
  // The platform's response (Express, or Fastify's `code`/`raw`). With
  // `@Res({ passthrough: true })` Nest sends the returned value, so it is not pending.
  unsafe: { members: [...RESPONSE_WRITERS, 'code', 'raw'], writes: ['statusCode', 'statusMessage'] },
  responseWriters: [...RESPONSE_WRITERS, 'code'],
  pendingResponse: 'always',
};

/** NestJS: `@Req()`/`@Res()` follow the platform's rules; execution contexts must not reach events, queues or timers. */
export const nestjs: Preset = {
  name: 'nestjs',
  label: 'NestJS',
  reachedThrough: ['getRequest', 'getResponse', 'switchToHttp', 'getContext', 'getArgs', 'getArgByIndex'],
  contexts: [
    {
      label: 'NestJS ExecutionContext',
      types: [{ from: 'package', package: '@nestjs/common', name: ['ExecutionContext', 'ArgumentsHost', 'HttpArgumentsHost'] }],
      lifetime: 'response',
      unsafe: 'all',
    },
  ],
  positional: [
    { kind: decoratedRequest, position: { type: 'decorated-parameter', package: '@nestjs/common', decorators: ['Req', 'Request'] } },
    {
      kind: decoratedResponse,
      position: {
        type: 'decorated-parameter',
        package: '@nestjs/common',
        decorators: ['Res', 'Response'],
        passthroughOption: 'passthrough',
      },
    },
  ],
  sharedState: { requestStore: 'a `Scope.REQUEST` provider, the `@Req()` request, or AsyncLocalStorage (nestjs-cls)' },
  singletons: {
    package: '@nestjs/common',
    decorators: ['Injectable', 'Controller', 'Resolver', 'WebSocketGateway'],
    requestScope: { property: 'scope', values: ['REQUEST'] },
    requestInjection: { decorators: ['Inject'], tokens: ['REQUEST', 'CONTEXT'], packages: ['@nestjs/core', '@nestjs/graphql'] },
  },
};
