import type { ContextKind, Preset } from './types.js';

const decoratedRequest: ContextKind = {
  label: 'NestJS @Req() request',
  types: [],
  lifetime: 'response',
  unsafe: { members: ['ip', 'ips', 'socket', 'raw', 'on', 'pipe'], writes: [] },
};

const decoratedResponse: ContextKind = {
  label: 'NestJS @Res() response',
  types: [],
  lifetime: 'response',
  unsafe: { members: ['send', 'json', 'status', 'end', 'write', 'redirect', 'setHeader', 'header', 'code'], writes: ['statusCode'] },
  responseWriters: ['send', 'json', 'end', 'redirect'],
  pendingResponse: 'always',
};

/** NestJS: `@Req()`/`@Res()` follow the platform's rules; execution contexts must not reach events, queues or timers. */
export const nestjs: Preset = {
  name: 'nestjs',
  label: 'NestJS',
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
    { kind: decoratedResponse, position: { type: 'decorated-parameter', package: '@nestjs/common', decorators: ['Res', 'Response'] } },
  ],
};
