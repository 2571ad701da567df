// Random TypeScript programs around request handlers, deferred work and
// request contexts, for the fuzzer (scripts/fuzz.mjs, tests/fuzz.test.ts).
//
// fast-check arbitraries produce a plain data tree (so counterexamples shrink
// and print well); `renderProgram` turns a tree into source text. Choices that
// depend on the framework (which context, which member) are stored as
// integers and resolved modulo the framework's pools when rendering, so the
// same statement tree renders for any framework and shrinks independently.
import fc from 'fast-check';

/* ------------------------------------------------------------------------ */
/* Frameworks: imports, handler forms, request contexts and their members.  */
/* ------------------------------------------------------------------------ */

// Member pools use `$` for the context expression. `reads` are plain reads,
// `unsafe` are accesses that are invalid after the response, `writes` are
// statements, `whole` hand over the object itself, `props` are property names
// that destructuring may take out of it.

const honoContext = {
  names: ['c', 'ctx', 'context'],
  type: 'Context',
  reads: [
    "$.req.header('x-id')", "$.req.param('id')", "$.req.query('q')", '$.req.url', '$.req.path', '$.req.method',
    '$.req.routePath', '$.env', '$.var', "$.req.queries('tag')",
  ],
  unsafe: [
    '$.req.json()', '$.req.text()', '$.req.raw', "$.text('late')", '$.json({ late: true })', "$.header('x-late', '1')",
    '$.status(500)', '$.executionCtx', '$.req.parseBody()', "$.redirect('/')", '$.notFound()',
  ],
  writes: ["$.res = new Response('late')", "$.error = new Error('late')"],
  whole: ['$', '$.req'],
  props: ['req', 'env', 'var'],
};

const expressRequest = {
  names: ['req', 'request'],
  type: 'ExpressRequest',
  reads: [
    "$.get('x-id')", '$.url', '$.method', '$.path', '$.query', '$.params', "$.headers['x-id']", '$.originalUrl',
    '$.hostname', '$.body', '$.cookies', '$.protocol',
  ],
  unsafe: ['$.ip', '$.ips', '$.socket.remoteAddress', '$.socket', "$.on('data', () => {})", '$.resume()'],
  writes: [],
  whole: ['$'],
  props: ['params', 'query', 'headers', 'body', 'socket'],
};

const expressResponse = {
  names: ['res', 'response'],
  type: 'ExpressResponse',
  reads: ['$.locals', '$.headersSent', '$.statusCode'],
  unsafe: [
    "$.send('late')", '$.json({ late: true })', '$.status(500).end()', "$.setHeader('x-late', '1')", '$.end()', "$.write('chunk')",
    "$.redirect('/')", '$.sendStatus(500)', "$.cookie('s', 'v')",
  ],
  writes: ['$.statusCode = 500', "$.statusMessage = 'late'", '$.locals = {}'],
  whole: ['$'],
  props: ['locals', 'statusCode'],
};

const koaContext = {
  names: ['ctx', 'context'],
  type: 'Koa.Context',
  reads: [
    '$.path', '$.method', "$.get('x-id')", '$.query', '$.state', '$.headers', '$.url', '$.href', "$.cookies.get('s')",
    '$.host', '$.querystring', '$.originalUrl',
  ],
  unsafe: ["$.set('x-late', '1')", "$.redirect('/')", '$.ip', '$.req', '$.res', "$.append('x', 'y')", '$.socket', "$.cookies.set('s', 'v')"],
  writes: ["$.body = 'late'", '$.status = 500', "$.type = 'json'", "$.message = 'late'", '$.respond = false'],
  whole: ['$', '$.request'],
  props: ['state', 'request', 'req', 'query'],
};

const koaNext = {
  names: ['next'],
  type: 'Koa.Next',
  reads: ['$()'],
  unsafe: ['$()'],
  writes: [],
  whole: ['$'],
  props: [],
};

const fastifyRequest = {
  names: ['request', 'req'],
  type: 'FastifyRequest',
  reads: ['$.id', '$.url', '$.method', "$.headers['x-id']", '$.query', '$.params', '$.body', '$.hostname', '$.log', "$.log.info('x')"],
  unsafe: ['$.ip', '$.raw', '$.socket', '$.ips', '$.raw.headers'],
  writes: [],
  whole: ['$'],
  props: ['log', 'params', 'raw'],
};

const fastifyReply = {
  names: ['reply', 'rep'],
  type: 'FastifyReply',
  reads: ['$.sent', '$.statusCode', '$.elapsedTime', '$.log'],
  unsafe: ["$.send('late')", '$.code(500)', "$.header('x-late', '1')", "$.redirect('/')", "$.type('text/plain')", '$.raw'],
  writes: ['$.statusCode = 500'],
  whole: ['$'],
  props: ['log', 'raw'],
};

const lambdaEvent = {
  names: ['event', 'evt'],
  type: 'APIGatewayProxyEvent',
  reads: [
    '$.path', '$.body', "$.headers['x-id']", '$.httpMethod', '$.pathParameters', '$.queryStringParameters',
    '$.requestContext.requestId', '$.isBase64Encoded',
  ],
  unsafe: ['$.requestContext', '$.multiValueHeaders'],
  writes: ["$.body = 'late'"],
  whole: ['$', '$.requestContext'],
  props: ['headers', 'requestContext', 'body'],
};

const lambdaSqsEvent = {
  names: ['event', 'batch'],
  type: 'SQSEvent',
  reads: ['$.Records', '$.Records.length', '$.Records[0]?.body'],
  unsafe: ['$.Records'],
  writes: [],
  whole: ['$'],
  props: ['Records'],
};

const lambdaContext = {
  names: ['context', 'lambdaContext'],
  type: 'LambdaContext',
  reads: ['$.awsRequestId', '$.functionName', '$.getRemainingTimeInMillis()', '$.invokedFunctionArn', '$.logStreamName'],
  unsafe: ['$.getRemainingTimeInMillis()', '$.callbackWaitsForEmptyEventLoop'],
  writes: ['$.callbackWaitsForEmptyEventLoop = false'],
  whole: ['$'],
  props: ['awsRequestId', 'functionName'],
};

const lambdaCallback = {
  names: ['callback', 'done'],
  type: 'Callback',
  reads: ['$(null)'],
  unsafe: ["$(new Error('late'))"],
  writes: [],
  whole: ['$'],
  props: [],
};

const nextRequest = {
  names: ['request', 'req'],
  type: 'NextRequest',
  reads: [
    '$.nextUrl.pathname', "$.headers.get('x-id')", "$.cookies.get('s')?.value", '$.url', '$.method', '$.nextUrl.searchParams',
    "$.nextUrl.searchParams.get('q')",
  ],
  unsafe: ['$.json()', '$.text()', '$.formData()', '$.body', "$.cookies.set('s', 'v')", "$.cookies.delete('s')", '$.signal'],
  writes: [],
  whole: ['$', '$.cookies', '$.nextUrl'],
  props: ['nextUrl', 'cookies', 'headers'],
};

const nextCookies = {
  names: ['cookies'],
  fixedName: true,
  type: 'typeof cookies',
  reads: ['$()', "$().then((jar) => jar.get('s'))"],
  unsafe: ['$()'],
  writes: [],
  whole: ['$'],
  props: [],
};

const nextHeaders = {
  names: ['headers'],
  fixedName: true,
  type: 'typeof headers',
  reads: ['$()', "$().then((list) => list.get('x-id'))"],
  unsafe: ['$()'],
  writes: [],
  whole: ['$'],
  props: [],
};

const nextFetchEvent = {
  names: ['event', 'fetchEvent'],
  type: 'NextFetchEvent',
  reads: ['$.sourcePage'],
  unsafe: ['$.sourcePage'],
  writes: [],
  whole: ['$'],
  props: [],
};

const h3Event = {
  names: ['event', 'e'],
  type: 'H3Event',
  reads: ['$.url.pathname', "$.req.headers.get('x-id')", '$.req.method', '$.req.url', '$.context', '$.url.search', '$.path'],
  unsafe: ['$.req.json()', '$.req.text()', '$.res', '$.res.headers', '$.runtime', '$.node', '$.req.body'],
  writes: ['$.res.status = 500', "$.res.statusText = 'late'"],
  whole: ['$', '$.req', '$.url'],
  props: ['req', 'url', 'context', 'res'],
};

const uwsResponse = {
  names: ['res', 'response'],
  type: 'uWS.HttpResponse',
  reads: ['$.getWriteOffset()'],
  unsafe: ["$.end('late')", "$.writeStatus('500 Internal Server Error')", "$.writeHeader('x', 'y')", '$.close()', '$.cork(() => {})', "$.write('x')"],
  writes: [],
  whole: ['$'],
  props: [],
};

const uwsRequest = {
  names: ['req', 'request'],
  type: 'uWS.HttpRequest',
  reads: ["$.getHeader('x-id')", '$.getUrl()', '$.getMethod()', '$.getQuery()', '$.getParameter(0)'],
  unsafe: ['$.getUrl()'],
  writes: [],
  whole: ['$'],
  props: [],
};

const workersRequest = {
  names: ['request', 'req'],
  type: 'WorkerRequest',
  reads: ['$.url', '$.method', "$.headers.get('x-id')", '$.cf'],
  unsafe: ['$.json()', '$.text()', '$.body', '$.arrayBuffer()', '$.signal', '$.clone()'],
  writes: [],
  whole: ['$'],
  props: ['url', 'headers', 'body'],
};

const workersContext = {
  names: ['ctx', 'executionContext'],
  type: 'ExecutionContext',
  reads: ['$.props'],
  unsafe: ['$.passThroughOnException()'],
  writes: [],
  whole: ['$'],
  props: ['props'],
};

const nestContext = {
  names: ['context', 'host'],
  type: 'ExecutionContext',
  reads: ['$.getClass()', '$.getHandler()', '$.getType()'],
  unsafe: ['$.switchToHttp().getRequest()', '$.switchToHttp().getResponse()'],
  writes: [],
  whole: ['$'],
  props: [],
};

const elysiaContext = {
  names: ['ctx', 'context'],
  type: 'unknown',
  reads: ['$.path', '$.query', '$.params', "$.headers['x-id']", '$.body', '$.route', '$.store'],
  unsafe: ['$.request', '$.set', '$.server', '$.cookie', '$.request.url'],
  writes: ['$.set.status = 500', "$.set.headers['x-late'] = '1'"],
  whole: ['$'],
  props: ['query', 'params', 'body'],
};

const elysiaRequest = {
  names: ['request'],
  fixedName: true,
  type: 'Request',
  reads: ['$.url', '$.method', "$.headers.get('x-id')"],
  unsafe: ['$.json()', '$.body', '$.signal'],
  writes: [],
  whole: ['$'],
  props: ['url', 'headers'],
};

const elysiaSet = {
  names: ['set'],
  fixedName: true,
  type: 'unknown',
  reads: ['$.status', '$.headers'],
  unsafe: ['$.headers'],
  writes: ['$.status = 500', "$.headers['x-late'] = '1'"],
  whole: ['$'],
  props: ['headers'],
};

const EXPRESS_TYPES =
  "import type { Request as ExpressRequest, Response as ExpressResponse, NextFunction } from 'express';";

// A form renders one handler: `code(names, body, id, asyncKeyword)` returns
// module-level code; `body` is the already rendered, indented handler body.
// `end` is appended to the body, `early` is an early return statement,
// `async: true` forces an async handler (forms whose `code` does not take the
// `asyncKeyword` argument are otherwise synchronous).
const FRAMEWORKS = [
  {
    name: 'hono',
    imports: ["import { Hono, type Context } from 'hono';"],
    setup: ['const honoApp = new Hono();'],
    background: [
      '$c.executionCtx.waitUntil((async () => {B})());',
      '$c.executionCtx.waitUntil(delay(1).then(() => {B}));',
    ],
    ownListeners: [],
    forms: [
      {
        contexts: [honoContext],
        end: 'return $0.text(\'ok\');',
        early: "return $0.text('early');",
        code: (n, body, id, a) => `honoApp.get('/h${id}/:id', ${a}(${n[0]}) => {${body}});`,
      },
      {
        contexts: [honoContext],
        end: 'return $0.json({ ok: true });',
        early: 'return $0.json({ ok: false });',
        code: (n, body, id, a) => `honoApp.post('/h${id}', ${a}function (${n[0]}) {${body}});`,
      },
      {
        contexts: [honoContext],
        end: "return $0.text('ok');",
        early: "return $0.text('early');",
        code: (n, body, id, a) => `${a}function handle${id}(${n[0]}: Context) {${body}}\nhonoApp.get('/h${id}', handle${id});`,
      },
      {
        contexts: [honoContext],
        end: "return $0.text('ok');",
        early: "return $0.text('early');",
        code: (n, body, id, a) => `const handle${id} = ${a}(${n[0]}: Context) => {${body}};\nhonoApp.put('/h${id}', handle${id});`,
      },
      {
        contexts: [honoContext],
        end: "return $0.text('ok');",
        early: "return $0.text('early');",
        code: (n, body, id, a) =>
          `${a}function handle${id}<C extends Context>(${n[0]}: C) {${body}}\nhonoApp.get('/h${id}', (c) => handle${id}(c));`,
      },
      {
        contexts: [honoContext],
        end: "return $0.text('ok');",
        early: "return $0.text('early');",
        code: (n, body, id, a) =>
          `class HonoController${id} {\n  ${a}handle(${n[0]}: Context) {${indent(body)}}\n}\nhonoApp.get('/h${id}', (c) => new HonoController${id}().handle(c));`,
      },
      {
        contexts: [honoContext, { ...honoNext() }],
        async: true,
        end: 'await $1();',
        early: 'return;',
        code: (n, body, id) => `honoApp.use('/m${id}/*', async (${n[0]}, ${n[1]}) => {${body}});`,
      },
    ],
  },
  {
    name: 'express',
    imports: ["import express from 'express';", EXPRESS_TYPES],
    setup: ['const expressApp = express();', 'const expressRouter = express.Router();'],
    background: [],
    ownListeners: [
      "$req.on('close', () => {B});",
      "$res.on('finish', () => {B});",
      "$res.once('close', function () {B});",
    ],
    forms: [
      {
        contexts: [expressRequest, expressResponse],
        end: "$1.send('ok');",
        early: 'return;',
        code: (n, body, id, a) => `expressApp.get('/e${id}', ${a}(${n[0]}, ${n[1]}) => {${body}});`,
      },
      {
        contexts: [expressRequest, expressResponse],
        end: '$1.json({ ok: true });',
        early: 'return;',
        code: (n, body, id, a) =>
          `${a}function handle${id}(${n[0]}: ExpressRequest, ${n[1]}: ExpressResponse): ${a ? 'Promise<void>' : 'void'} {${body}}\nexpressApp.post('/e${id}', handle${id});`,
      },
      {
        contexts: [expressRequest, expressResponse, { names: ['next'], type: 'NextFunction', reads: ['$()'], unsafe: ['$()'], writes: [], whole: ['$'], props: [] }],
        end: '$2();',
        early: 'return $2();',
        code: (n, body, id, a) => `expressRouter.use(${a}(${n[0]}, ${n[1]}, ${n[2]}) => {${body}});`,
      },
      {
        contexts: [expressRequest, expressResponse],
        end: "$1.status(200).send('ok');",
        early: 'return;',
        code: (n, body, id, a) =>
          `class ExpressController${id} {\n  ${a}handle(${n[0]}: ExpressRequest, ${n[1]}: ExpressResponse) {${indent(body)}}\n}\nexpressApp.get('/e${id}', (req, res) => void new ExpressController${id}().handle(req, res));`,
      },
    ],
  },
  {
    name: 'koa',
    imports: ["import Koa from 'koa';"],
    setup: ['const koaApp = new Koa();'],
    background: [],
    ownListeners: ["$ctx.req.on('close', () => {B});", "$ctx.res.on('finish', () => {B});"],
    forms: [
      {
        contexts: [koaContext, koaNext],
        async: true,
        end: 'await $1();\n$0.body = \'ok\';',
        early: 'return;',
        code: (n, body) => `koaApp.use(async (${n[0]}, ${n[1]}) => {${body}});`,
      },
      {
        contexts: [koaContext, koaNext],
        end: 'return $1();',
        early: 'return $1();',
        code: (n, body) => `koaApp.use((${n[0]}, ${n[1]}) => {${body}});`,
      },
      {
        contexts: [koaContext, koaNext],
        async: true,
        end: 'await $1();',
        early: 'return;',
        code: (n, body, id) => `async function middleware${id}(${n[0]}: Koa.Context, ${n[1]}: Koa.Next) {${body}}\nkoaApp.use(middleware${id});`,
      },
      {
        contexts: [koaContext],
        end: "$0.body = 'ok';",
        early: 'return;',
        code: (n, body, id, a) => `koaApp.use(${a}(${n[0]}) => {${body}});`,
      },
    ],
  },
  {
    name: 'fastify',
    imports: ["import Fastify, { type FastifyReply, type FastifyRequest } from 'fastify';"],
    setup: ['const fastifyApp = Fastify();'],
    background: [],
    ownListeners: ["$request.raw.on('close', () => {B});", "$reply.raw.on('finish', () => {B});"],
    forms: [
      {
        contexts: [fastifyRequest, fastifyReply],
        async: true,
        end: 'return { ok: true };',
        early: 'return { ok: false };',
        code: (n, body, id) => `fastifyApp.get('/f${id}', async (${n[0]}, ${n[1]}) => {${body}});`,
      },
      {
        contexts: [fastifyRequest, fastifyReply],
        end: "void $1.send('ok');",
        early: 'return;',
        code: (n, body, id) => `fastifyApp.post('/f${id}', (${n[0]}, ${n[1]}) => {${body}});`,
      },
      {
        contexts: [fastifyRequest, fastifyReply],
        async: true,
        end: "return $1.send('ok');",
        early: "return $1.send('early');",
        code: (n, body, id) =>
          `async function route${id}(${n[0]}: FastifyRequest, ${n[1]}: FastifyReply) {${body}}\nfastifyApp.get('/f${id}', route${id});`,
      },
      {
        contexts: [fastifyRequest, fastifyReply],
        async: true,
        end: '',
        early: 'return;',
        code: (n, body) => `fastifyApp.addHook('onRequest', async (${n[0]}, ${n[1]}) => {${body}});`,
      },
      {
        contexts: [fastifyRequest, fastifyReply],
        async: true,
        end: 'return { ok: true };',
        early: 'return { ok: false };',
        code: (n, body, id) =>
          `fastifyApp.route({\n  method: 'GET',\n  url: '/f${id}',\n  handler: async (${n[0]}, ${n[1]}) => {${indent(body)}},\n});`,
      },
    ],
  },
  {
    name: 'aws-lambda',
    imports: [
      "import type { APIGatewayProxyEvent, APIGatewayProxyResult, Callback, Context as LambdaContext, Handler, SQSEvent } from 'aws-lambda';",
    ],
    setup: [],
    background: [],
    ownListeners: [],
    forms: [
      {
        contexts: [lambdaEvent, lambdaContext],
        async: true,
        end: "return { statusCode: 200, body: 'ok' };",
        early: "return { statusCode: 204, body: '' };",
        code: (n, body, id) =>
          `export const handler${id} = async (${n[0]}: APIGatewayProxyEvent, ${n[1]}: LambdaContext): Promise<APIGatewayProxyResult> => {${body}};`,
      },
      {
        contexts: [lambdaEvent, lambdaContext],
        async: true,
        end: "return { statusCode: 200, body: 'ok' };",
        early: "return { statusCode: 204, body: '' };",
        code: (n, body, id) =>
          `export const handler${id}: Handler<APIGatewayProxyEvent, APIGatewayProxyResult> = async (${n[0]}, ${n[1]}) => {${body}};`,
      },
      {
        contexts: [lambdaSqsEvent, lambdaContext, lambdaCallback],
        end: '$2(null);',
        early: 'return $2(null);',
        code: (n, body, id) => `export function handler${id}(${n[0]}: SQSEvent, ${n[1]}: LambdaContext, ${n[2]}: Callback): void {${body}}`,
      },
      {
        contexts: [lambdaEvent, lambdaContext],
        async: true,
        end: "return { statusCode: 200, body: 'ok' };",
        early: "return { statusCode: 204, body: '' };",
        code: (n, body, id) =>
          `export class LambdaHandler${id} {\n  async handle(${n[0]}: APIGatewayProxyEvent, ${n[1]}: LambdaContext): Promise<APIGatewayProxyResult> {${indent(body)}}\n}`,
      },
    ],
  },
  {
    name: 'nextjs',
    imports: [
      "import { NextResponse, after, type NextFetchEvent, type NextRequest } from 'next/server';",
      "import { cookies, headers } from 'next/headers';",
    ],
    setup: [],
    background: ['after(() => {B});', 'after(async () => {B});', 'after(delay(1).then(() => {B}));'],
    ownListeners: [],
    forms: [
      {
        contexts: [nextRequest, nextCookies, nextHeaders],
        async: true,
        end: 'return NextResponse.json({ ok: true });',
        early: 'return NextResponse.json({ ok: false });',
        code: (n, body, id) => `export async function ${routeName(id)}(${n[0]}: NextRequest) {${body}}`,
      },
      {
        contexts: [nextRequest, nextCookies, nextHeaders],
        end: 'return new NextResponse(null);',
        early: 'return new NextResponse(null, { status: 204 });',
        code: (n, body, id) => `export function ${routeName(id)}(${n[0]}: NextRequest) {${body}}`,
      },
      {
        contexts: [nextRequest, nextFetchEvent],
        end: 'return NextResponse.next();',
        early: 'return NextResponse.next();',
        background: ['$event.waitUntil((async () => {B})());', '$event.waitUntil(delay(1).then(() => {B}));'],
        code: (n, body, id) => `export function middleware${id}(${n[0]}: NextRequest, ${n[1]}: NextFetchEvent) {${body}}`,
      },
      {
        contexts: [nextCookies, nextHeaders],
        async: true,
        end: '',
        early: 'return;',
        code: (n, body, id) => `export async function action${id}(formData: FormData) {\n  'use server';\n  void formData;${body}}`,
      },
    ],
  },
  {
    name: 'h3',
    imports: ["import { H3, type H3Event } from 'h3';"],
    setup: ['const h3App = new H3();'],
    background: ['$event.waitUntil((async () => {B})());', '$event.waitUntil(delay(1).then(() => {B}));'],
    ownListeners: [],
    forms: [
      {
        contexts: [h3Event],
        end: "return 'ok';",
        early: "return 'early';",
        code: (n, body, id, a) => `h3App.get('/x${id}', ${a}(${n[0]}) => {${body}});`,
      },
      {
        contexts: [h3Event],
        end: 'return { ok: true };',
        early: 'return { ok: false };',
        code: (n, body, id, a) => `${a}function handle${id}(${n[0]}: H3Event) {${body}}\nh3App.post('/x${id}', handle${id});`,
      },
    ],
  },
  {
    name: 'uwebsockets',
    imports: ["import uWS from 'uWebSockets.js';"],
    setup: ['const uwsApp = uWS.App();'],
    background: [],
    ownListeners: [
      '$res.onAborted(() => {B});',
      '$res.onData((chunk, isLast) => {B});',
      '$res.onWritable((offset) => {BT});',
    ],
    forms: [
      {
        contexts: [uwsResponse, uwsRequest],
        end: "$0.end('ok');",
        early: 'return;',
        code: (n, body, id, a) => `uwsApp.get('/u${id}', ${a}(${n[0]}, ${n[1]}) => {${body}});`,
      },
      {
        contexts: [uwsResponse, uwsRequest],
        async: true,
        prelude: '$0.onAborted(() => {\n  inspect(1);\n});',
        end: "$0.cork(() => {\n  $0.end('ok');\n});",
        early: 'return;',
        code: (n, body, id) => `uwsApp.post('/u${id}', async (${n[0]}, ${n[1]}) => {${body}});`,
      },
      {
        contexts: [uwsResponse, uwsRequest],
        end: "$0.end('ok');",
        early: 'return;',
        code: (n, body, id, a) =>
          `${a}function handle${id}(${n[0]}: uWS.HttpResponse, ${n[1]}: uWS.HttpRequest): ${a ? 'Promise<void>' : 'void'} {${body}}\nuwsApp.get('/u${id}', handle${id});`,
      },
    ],
  },
  {
    name: 'cloudflare-workers',
    imports: ["import type { ExecutionContext, Request as WorkerRequest } from '@cloudflare/workers-types';"],
    setup: [],
    background: ['$ctx.waitUntil((async () => {B})());', '$ctx.waitUntil(delay(1).then(() => {B}));'],
    ownListeners: [],
    forms: [
      {
        contexts: [workersRequest, { names: ['env'], type: 'unknown', reads: ['$'], unsafe: ['$'], writes: [], whole: ['$'], props: [] }, workersContext],
        async: true,
        end: "return new Response('ok');",
        early: "return new Response('early');",
        code: (n, body, id) => `export const worker${id} = {\n  async fetch(${n[0]}: WorkerRequest, ${n[1]}: unknown, ${n[2]}: ExecutionContext) {${indent(body)}},\n};`,
      },
      {
        contexts: [workersRequest, { names: ['env'], type: 'unknown', reads: ['$'], unsafe: ['$'], writes: [], whole: ['$'], props: [] }, workersContext],
        end: "return new Response('ok');",
        early: "return new Response('early');",
        code: (n, body, id) =>
          `export class Worker${id} {\n  fetch(${n[0]}: WorkerRequest, ${n[1]}: unknown, ${n[2]}: ExecutionContext): Response {${indent(body)}}\n}`,
      },
    ],
  },
  {
    name: 'nestjs',
    imports: [
      "import { type CanActivate, Controller, type ExecutionContext as NestExecutionContext, Get, Injectable, Post, Req, Res } from '@nestjs/common';",
      EXPRESS_TYPES,
    ],
    setup: [],
    background: [],
    ownListeners: ["$req.on('close', () => {B});", "$res.on('finish', () => {B});"],
    forms: [
      {
        contexts: [expressRequest, expressResponse],
        end: "$1.send('ok');",
        early: 'return;',
        code: (n, body, id, a) =>
          `@Controller('n${id}')\nexport class NestController${id} {\n  @Get()\n  ${a}handle(@Req() ${n[0]}: ExpressRequest, @Res() ${n[1]}: ExpressResponse): ${a ? 'Promise<void>' : 'void'} {${indent(body)}}\n}`,
      },
      {
        contexts: [expressRequest],
        async: true,
        end: 'return { ok: true };',
        early: 'return { ok: false };',
        code: (n, body, id) =>
          `@Controller('n${id}')\nexport class NestController${id} {\n  @Post()\n  async create(@Req() ${n[0]}: ExpressRequest) {${indent(body)}}\n}`,
      },
      {
        contexts: [{ ...nestContext, type: 'NestExecutionContext' }],
        end: 'return true;',
        early: 'return false;',
        code: (n, body, id) =>
          `@Injectable()\nexport class NestGuard${id} implements CanActivate {\n  canActivate(${n[0]}: NestExecutionContext): boolean {${indent(body)}}\n}`,
      },
    ],
  },
  {
    name: 'elysia',
    imports: ["import { Elysia } from 'elysia';"],
    setup: ['const elysiaApp = new Elysia();'],
    background: [],
    ownListeners: [],
    forms: [
      {
        contexts: [elysiaContext],
        end: "return 'ok';",
        early: "return 'early';",
        code: (n, body, id, a) => `elysiaApp.get('/y${id}', ${a}(${n[0]}) => {${body}});`,
      },
      {
        contexts: [elysiaRequest, elysiaSet],
        end: "return 'ok';",
        early: "return 'early';",
        code: (n, body, id, a) => `elysiaApp.post('/y${id}', ${a}({ request, set }) => {${body}});`,
      },
    ],
  },
];

function honoNext() {
  return { names: ['next'], type: 'Next', reads: ['$()'], unsafe: ['$()'], writes: [], whole: ['$'], props: [] };
}

const ROUTE_NAMES = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];
function routeName(id) {
  return id < ROUTE_NAMES.length ? ROUTE_NAMES[id] : `handler${id}`;
}

export const FRAMEWORK_NAMES = FRAMEWORKS.map(fw => fw.name);

/* ------------------------------------------------------------------------ */
/* Arbitraries                                                              */
/* ------------------------------------------------------------------------ */

const MAX_DEPTH = 3;

const small = fc.nat({ max: 40 });

/** A context access: which root, which pool member, which syntactic wrapper. */
const exprArb = fc.record({
  root: fc.nat({ max: 5 }),
  pick: small,
  kind: fc.constantFrom('read', 'read', 'unsafe', 'whole'),
  wrap: fc.oneof({ weight: 6, arbitrary: fc.constant(0) }, { weight: 4, arbitrary: fc.integer({ min: 1, max: 12 }) }),
});

const blockOf = stmt => fc.array(stmt, { minLength: 1, maxLength: 3, depthIdentifier: 'stmt' });

const statementArbs = fc.letrec(tie => {
  const block = blockOf(tie('stmt'));
  const leaf = fc.oneof(
    { weight: 6, arbitrary: fc.record({ k: fc.constant('use'), how: small, e: exprArb }) },
    { weight: 2, arbitrary: fc.record({ k: fc.constant('await'), v: small, e: exprArb }) },
    { weight: 2, arbitrary: fc.record({ k: fc.constant('copy'), v: small, e: exprArb }) },
    { weight: 1, arbitrary: fc.record({ k: fc.constant('shadow'), root: small }) },
    { weight: 1, arbitrary: fc.record({ k: fc.constant('jump'), v: small }) },
    { weight: 1, arbitrary: fc.record({ k: fc.constant('return'), v: small }) },
    { weight: 1, arbitrary: fc.record({ k: fc.constant('destructure'), v: small, root: small, prop: small, e: exprArb }) },
  );
  const deferred = (k, weight) => ({ weight, arbitrary: fc.record({ k: fc.constant(k), v: small, e: exprArb, body: block }) });
  return {
    stmt: fc.oneof(
      { maxDepth: MAX_DEPTH, depthIdentifier: 'stmt', withCrossShrink: true },
      { weight: 8, arbitrary: leaf },
      deferred('timer', 5),
      deferred('promise', 5),
      deferred('listener', 3),
      deferred('errback', 2),
      deferred('background', 3),
      deferred('queue', 1),
      deferred('closure', 2),
      deferred('generator', 1),
      deferred('class', 1),
      deferred('loop', 2),
      { weight: 2, arbitrary: fc.record({ k: fc.constant('if'), e: exprArb, body: block, otherwise: fc.option(block, { nil: null }) }) },
      { weight: 2, arbitrary: fc.record({ k: fc.constant('try'), v: small, body: block, handler: block, fin: block }) },
      { weight: 1, arbitrary: fc.record({ k: fc.constant('switch'), e: exprArb, body: block, otherwise: block }) },
      { weight: 1, arbitrary: fc.record({ k: fc.constant('label'), body: block }) },
    ),
    block,
  };
});

export const statementArbitrary = statementArbs.stmt;

const handlerArb = fc.record({
  fw: fc.nat({ max: FRAMEWORKS.length - 1 }),
  form: small,
  async: fc.boolean(),
  names: small,
  prelude: fc.boolean(),
  body: fc.array(statementArbs.stmt, { minLength: 1, maxLength: 5 }),
});

/** A program: one to three handlers, the file it is linted as, a module-level directive. */
export const programArbitrary = fc.record({
  handlers: fc.array(handlerArb, { minLength: 1, maxLength: 3 }),
  file: fc.constantFrom('input.ts', 'input.ts', 'input.ts', 'route.ts'),
  useServer: fc.oneof({ weight: 9, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
});

/**
 * Programs in which no request context reaches deferred work: reads and
 * copies in the handler's synchronous code, copies handed to deferred work,
 * shadowing parameters, synchronous closures and `new Promise` executors, with
 * no `await` (uWS request objects expire at the first one). The rule should
 * report nothing on them.
 */
const safeStatementArbs = fc.letrec(tie => {
  const block = blockOf(tie('stmt'));
  const leaf = fc.oneof(
    { weight: 6, arbitrary: fc.record({ k: fc.constant('use'), how: small, e: exprArb }) },
    { weight: 4, arbitrary: fc.record({ k: fc.constant('copy'), v: small, e: exprArb }) },
    { weight: 1, arbitrary: fc.record({ k: fc.constant('shadow'), root: small }) },
    { weight: 1, arbitrary: fc.record({ k: fc.constant('jump'), v: small }) },
    { weight: 1, arbitrary: fc.record({ k: fc.constant('return'), v: small }) },
  );
  const nested = (k, weight) => ({ weight, arbitrary: fc.record({ k: fc.constant(k), v: small, e: exprArb, body: block }) });
  return {
    stmt: fc.oneof(
      { maxDepth: MAX_DEPTH, depthIdentifier: 'stmt', withCrossShrink: true },
      { weight: 8, arbitrary: leaf },
      nested('closure', 2),
      nested('executor', 1),
      nested('loop', 2),
      { weight: 2, arbitrary: fc.record({ k: fc.constant('if'), e: exprArb, body: block, otherwise: fc.option(block, { nil: null }) }) },
      { weight: 2, arbitrary: fc.record({ k: fc.constant('try'), v: small, body: block, handler: block, fin: block }) },
      { weight: 1, arbitrary: fc.record({ k: fc.constant('switch'), e: exprArb, body: block, otherwise: block }) },
      { weight: 1, arbitrary: fc.record({ k: fc.constant('label'), body: block }) },
    ),
  };
});

export const safeProgramArbitrary = fc.record({
  handlers: fc.array(
    fc.record({
      fw: fc.nat({ max: FRAMEWORKS.length - 1 }),
      form: small,
      async: fc.boolean(),
      names: small,
      prelude: fc.boolean(),
      body: fc.array(safeStatementArbs.stmt, { minLength: 1, maxLength: 5 }),
    }),
    { minLength: 1, maxLength: 3 },
  ),
  file: fc.constantFrom('input.ts', 'route.ts'),
  useServer: fc.constant(false),
});

/* ------------------------------------------------------------------------ */
/* Rendering                                                                */
/* ------------------------------------------------------------------------ */

const COMMON_PRELUDE = [
  "import { EventEmitter } from 'node:events';",
  "import { readFile, stat } from 'node:fs';",
  "import { setTimeout as delay } from 'node:timers/promises';",
];

const HELPERS = [
  'const bus = new EventEmitter();',
  'function inspect(value: unknown): void {\n  void value;\n}',
  'async function sendLater(value: unknown): Promise<void> {\n  await delay(1);\n  inspect(value);\n}',
  "function legacy(callback: (err: Error | null, value?: string) => void): void {\n  setTimeout(() => callback(null, 'x'), 1);\n}",
];

function indent(text, by = '  ') {
  return text
    .split('\n')
    .map(line => (line.length > 0 ? by + line : line))
    .join('\n');
}

/** `{` + statements + `}` content: a newline, the indented lines, a newline. */
function blockText(lines) {
  const text = lines.filter(line => line !== '').join('\n');
  return text === '' ? '\n' : `\n${indent(text)}\n`;
}

/**
 * Renders a program tree to TypeScript source.
 * `plain: true` renders every context access without syntactic wrappers (for
 * comparing reports of equivalent programs).
 */
export function renderProgram(program, { plain = false, safe = false } = {}) {
  const state = { n: 0, needs: new Set(), plain, safe };
  const imports = new Set(COMMON_PRELUDE);
  const setup = new Set();
  const handlers = [];
  program.handlers.forEach((handler, index) => {
    const fw = FRAMEWORKS[handler.fw % FRAMEWORKS.length];
    const form = fw.forms[handler.form % fw.forms.length];
    for (const line of fw.imports) imports.add(line);
    for (const line of fw.setup) setup.add(line);
    // Forms whose code takes no `async` keyword argument are never async unless they say so.
    const isAsync = form.async ?? (form.code.length >= 4 ? handler.async : false);
    const roots = form.contexts.map((spec, i) => ({
      spec,
      name: spec.fixedName ? spec.names[0] : spec.names[(handler.names + i) % spec.names.length],
    }));
    const env = {
      fw,
      form,
      roots,
      async: isAsync,
      generator: false,
      loops: [],
      handlerTop: true,
      state,
    };
    const lines = [];
    if (form.prelude && handler.prelude) lines.push(substituteRoots(form.prelude, roots));
    for (const statement of handler.body) lines.push(renderStatement(statement, env));
    if (form.end) lines.push(substituteRoots(form.end, roots));
    const body = blockText(lines);
    handlers.push(form.code(roots.map(r => r.name), body, index, isAsync ? 'async ' : ''));
  });
  if (state.needs.has('queue')) {
    imports.add("import PQueue from 'p-queue';");
    setup.add('const queue = new PQueue({ concurrency: 1 });');
  }
  if (state.needs.has('timers')) imports.add("import * as timers from 'node:timers';");
  const head = program.useServer ? ["'use server';", ''] : [];
  return [...head, ...imports, '', ...HELPERS, ...setup, '', handlers.join('\n\n'), ''].join('\n');
}

/** Replaces `$0`, `$1`… with root names. */
function substituteRoots(text, roots) {
  return text.replace(/\$(\d)/g, (_, i) => roots[Number(i) % roots.length].name);
}

function fresh(env, prefix) {
  env.state.n += 1;
  return `${prefix}${env.state.n}`;
}

/** A nested function: async/generator as given, no enclosing loops, not the handler body. */
function nestedEnv(env, { async = false, generator = false } = {}) {
  return { ...env, async, generator, loops: [], handlerTop: false };
}

function renderBlock(statements, env) {
  return blockText(statements.map(statement => renderStatement(statement, env)));
}

const WRAPS = [
  null,
  r => `(${r})`,
  r => `${r}!`,
  r => `(${r} as typeof ${r})`,
  r => `(${r} satisfies typeof ${r})`,
  r => `(inspect(0), ${r})`,
  r => `(<typeof ${r}>${r})`,
  'optional',
  'computed',
  'template',
  r => `(${r} as unknown as typeof ${r})`,
  'parenthesized',
  r => `/* context */ ${r}`,
];

/** Renders a context access. `kind` overrides the expression's own kind. */
function renderExpr(expr, env, kind = expr.kind, { assignable = false } = {}) {
  const root = env.roots[expr.root % env.roots.length];
  const spec = root.spec;
  let pool = spec[kind === 'write' ? 'writes' : kind];
  if (!pool || pool.length === 0) pool = kind === 'write' ? [] : spec.reads.length > 0 ? spec.reads : spec.whole;
  if (pool.length === 0) return undefined;
  const template = pool[expr.pick % pool.length];
  const wrap = env.state.plain ? null : WRAPS[expr.wrap % WRAPS.length];
  const name = root.name;
  if (!wrap) return template.replace('$', name);
  if (typeof wrap === 'function') return template.replace('$', wrap(name));
  switch (wrap) {
    case 'optional':
      if (assignable || !template.startsWith('$.')) return template.replace('$', name);
      return template.replace('$.', `${name}?.`);
    case 'computed': {
      const match = /^\$\.([A-Za-z_]\w*)/.exec(template);
      if (!match) return template.replace('$', name);
      return `${name}['${match[1]}']${template.slice(match[0].length)}`;
    }
    case 'template':
      if (assignable) return template.replace('$', name);
      return `\`[\${${template.replace('$', name)}}]\``;
    case 'parenthesized':
      if (assignable) return template.replace('$', `(${name})`);
      return `(${template.replace('$', name)})`;
    default:
      return template.replace('$', name);
  }
}

/** Replaces `$name` placeholders (`$c`, `$req`, `$ctx`…) of framework templates with the root at that position. */
function substituteNamed(template, env, body) {
  return template
    .replace(/\$(c|req|res|ctx|request|reply|event)\b/g, (_, key) => {
      const index = { c: 0, req: 0, res: 1, ctx: 0, request: 0, reply: 1, event: 0 }[key];
      const byType = env.roots.find(root => rootMatchesKey(root, key));
      return (byType ?? env.roots[index % env.roots.length]).name;
    })
    .replace('{B}', `{${body}}`)
    .replace('{BT}', `{${body}  return true;\n}`);
}

function rootMatchesKey(root, key) {
  const type = root.spec.type;
  switch (key) {
    case 'ctx':
      return type === 'ExecutionContext' || type === 'Koa.Context';
    case 'event':
      return type === 'H3Event' || type === 'NextFetchEvent';
    case 'req':
      return type === 'ExpressRequest' || type === 'uWS.HttpRequest';
    case 'res':
      return type === 'ExpressResponse' || type === 'uWS.HttpResponse';
    case 'request':
      return type === 'FastifyRequest';
    case 'reply':
      return type === 'FastifyReply';
    default:
      return false;
  }
}

function pick(list, v) {
  return list[v % list.length];
}

function renderStatement(s, env) {
  switch (s.k) {
    case 'use':
      return renderUse(s, env);
    case 'await':
      return renderAwait(s, env);
    case 'copy': {
      const value = renderExpr(s.e, env, 'read');
      if (value === undefined) return 'inspect(0);';
      const copy = fresh(env, 'copy');
      const defer = pick(
        [
          `setTimeout(() => inspect(${copy}), 1);`,
          `void sendLater(${copy});`,
          `queueMicrotask(() => {\n  inspect(${copy});\n});`,
          `bus.once('event', () => inspect(${copy}));`,
          `void (async () => {\n  await delay(1);\n  inspect(${copy});\n})();`,
        ],
        s.v,
      );
      return `const ${copy} = ${value};\n${defer}`;
    }
    case 'shadow': {
      const root = env.roots[s.root % env.roots.length];
      return `[1, 2].forEach((${root.name}) => inspect(${root.name}));`;
    }
    case 'jump': {
      const loop = env.loops.at(-1);
      if (!loop) return 'inspect(1);';
      if (loop.kind === 'block') return `if (Math.random() > 2) break ${loop.label};`;
      const label = loop.label && s.v % 2 === 0 ? ` ${loop.label}` : '';
      return `if (Math.random() > 2) ${s.v % 3 === 0 ? 'break' : 'continue'}${label};`;
    }
    case 'return': {
      if (!env.handlerTop || !env.form.early) return 'inspect(2);';
      return `if (Math.random() > 2) {\n  ${substituteRoots(env.form.early, env.roots)}\n}`;
    }
    case 'destructure':
      return renderDestructure(s, env);
    case 'timer':
      return renderTimer(s, env);
    case 'promise':
      return renderPromise(s, env);
    case 'listener':
      return renderListener(s, env);
    case 'errback':
      return renderErrback(s, env);
    case 'background':
      return renderBackground(s, env);
    case 'queue':
      return renderQueue(s, env);
    case 'closure':
      // Synchronous forms only in safe programs: called now, never scheduled.
      return renderClosure(env.state.safe ? { ...s, v: [0, 1, 2, 3, 5, 6, 8][s.v % 7] } : s, env);
    case 'executor':
      return `void new Promise<void>((resolve) => {${renderBlock(s.body, nestedEnv(env))}  resolve();\n});`;
    case 'generator':
      return renderGenerator(s, env);
    case 'class':
      return renderClass(s, env);
    case 'loop':
      return renderLoop(s, env);
    case 'if': {
      const value = renderExpr(s.e, env, 'read');
      const condition = value === undefined ? 'Math.random() > 0.5' : `String(${value}).length > 3`;
      const otherwise = s.otherwise ? ` else {${renderBlock(s.otherwise, env)}}` : '';
      return `if (${condition}) {${renderBlock(s.body, env)}}${otherwise}`;
    }
    case 'try': {
      const body = renderBlock(s.body, env);
      const handler = renderBlock(s.handler, env);
      const fin = renderBlock(s.fin, env);
      return pick(
        [
          `try {${body}} catch (error) {\n  inspect(error);${handler}}`,
          `try {${body}} finally {${fin}}`,
          `try {${body}} catch {${handler}} finally {${fin}}`,
          `try {${body}} catch (error: unknown) {\n  inspect(error);${handler}}`,
        ],
        s.v,
      );
    }
    case 'switch': {
      const subject = `String(${renderExpr(s.e, env, 'read') ?? '0'})`;
      const inLoopEnv = { ...env, loops: [...env.loops] };
      return `switch (${subject}) {\n  case 'a': {${indent(renderBlock(s.body, inLoopEnv))}}\n  // falls through\n  default: {${indent(renderBlock(s.otherwise, inLoopEnv))}}\n}`;
    }
    case 'label': {
      const label = fresh(env, 'block');
      const inner = { ...env, loops: [...env.loops, { label, kind: 'block' }] };
      return `${label}: {${renderBlock(s.body, inner)}}`;
    }
    default:
      throw new Error(`unknown statement kind ${s.k}`);
  }
}

function renderUse(s, env) {
  const how = s.how % 12;
  if (how === 4) {
    const write = renderExpr(s.e, env, 'write', { assignable: true });
    if (write) return `${write};`;
  }
  const value = renderExpr(s.e, env);
  if (value === undefined) return 'inspect(3);';
  switch (how) {
    case 0:
      return `console.log(${value});`;
    case 1:
      return `const ${fresh(env, 'value')} = ${value};`;
    case 2:
      return `void ${value};`;
    case 5: {
      const name = fresh(env, 'value');
      return `let ${name}: unknown;\n${name} = ${value};\ninspect(${name});`;
    }
    case 6:
      return `console.log(...[${value}]);`;
    case 7:
      return `inspect(String.raw\`\${${value}}\`);`;
    case 8:
      return `const { length: ${fresh(env, 'value')} } = String(${value});`;
    case 9:
      return `inspect({ value: ${value} }.value);`;
    case 10:
      return `inspect([${value}][0]);`;
    default:
      return `inspect(${value});`;
  }
}

function renderAwait(s, env) {
  const whole = renderExpr(s.e, env, 'whole') ?? 'null';
  if (env.generator && !env.async) return pick(['yield 1;', `yield ${whole};`], s.v);
  if (!env.async) return 'inspect(4);';
  const name = fresh(env, 'pending');
  return pick(
    [
      'await delay(1);',
      'await Promise.resolve();',
      'await new Promise((resolve) => setTimeout(resolve, 1));',
      `for await (const ${name} of [delay(1)]) inspect(${name});`,
      `await Promise.all([delay(1), sendLater(${whole})]);`,
      `const ${name} = sendLater(${whole});\nawait ${name};`,
      `await sendLater(${whole});`,
      `await Promise.race([delay(1), (async () => {\n  inspect(${whole});\n})()]);`,
      `const ${name} = await Promise.allSettled([sendLater(${whole})]);\ninspect(${name});`,
    ],
    s.v,
  );
}

function renderDestructure(s, env) {
  const root = env.roots[s.root % env.roots.length];
  const name = fresh(env, 'part');
  const props = root.spec.props;
  const forms = [
    `const ${name} = ${root.name};\nsetTimeout(() => inspect(${name}), 1);`,
    `const [${name}] = [${root.name}];\nqueueMicrotask(() => inspect(${name}));`,
    `const { ...${name} } = { held: ${root.name} };\nvoid sendLater(${name}.held);`,
  ];
  if (props.length > 0) {
    const prop = props[s.prop % props.length];
    forms.push(
      `const { ${prop}: ${name} } = ${root.name};\nsetTimeout(() => inspect(${name}), 1);`,
      `const { ${prop}: ${name} } = ${root.name};\ninspect(${name});`,
    );
  }
  return pick(forms, s.v);
}

function renderTimer(s, env) {
  const body = renderBlock(s.body, nestedEnv(env));
  const asyncBody = renderBlock(s.body, nestedEnv(env, { async: true }));
  const whole = renderExpr(s.e, env, 'whole') ?? 'null';
  const name = fresh(env, 'timer');
  const forms = [
    `setTimeout(() => {${body}}, 1);`,
    `setTimeout(function () {${body}}, 1);`,
    `setTimeout(async () => {${asyncBody}}, 1);`,
    `const ${name} = setTimeout(() => {${body}}, 1);\nclearTimeout(${name});`,
    `const ${name} = setInterval(() => {${body}}, 1);\nclearInterval(${name});`,
    `setInterval(() => {${body}}, 1000);`,
    `setImmediate(() => {${body}});`,
    `queueMicrotask(() => {${body}});`,
    `process.nextTick(() => {${body}});`,
    `globalThis.setTimeout(() => {${body}}, 0);`,
    `const ${name} = () => {${body}};\nsetTimeout(${name}, 1);`,
    `setTimeout((held: unknown) => {\n  inspect(held);${body}}, 1, ${whole});`,
    `setTimeout(inspect, 0, ${whole});`,
    `setTimeout(() => inspect(${renderExpr(s.e, env) ?? 'null'}), 1);`,
    `timers.setTimeout(() => {${body}}, 1);`,
    `(setTimeout)(() => {${body}}, 1);`,
    `process.nextTick(inspect, ${whole});`,
    `setImmediate(() => void inspect(${renderExpr(s.e, env) ?? 'null'}));`,
  ];
  const index = s.v % forms.length;
  if (index === 14) env.state.needs.add('timers');
  return forms[index];
}

function renderPromise(s, env) {
  const body = renderBlock(s.body, nestedEnv(env));
  const asyncBody = renderBlock(s.body, nestedEnv(env, { async: true }));
  const whole = renderExpr(s.e, env, 'whole') ?? 'null';
  const name = fresh(env, 'work');
  const forms = [
    `void (async () => {\n  await delay(1);${asyncBody}})();`,
    `(async () => {${asyncBody}})();`,
    `(async function () {${asyncBody}})();`,
    `Promise.resolve().then(() => {${body}});`,
    `void delay(1)\n  .then(() => {${indent(body)}})\n  .catch(() => {})\n  .finally(() => {});`,
    `new Promise<void>((resolve) => {\n  setTimeout(() => {${indent(body)}  resolve();\n  }, 1);\n});`,
    `void new Promise<void>((resolve) => {${body}  resolve();\n});`,
    `void sendLater(${whole});`,
    `sendLater(${whole}).catch(() => {${body}});`,
    `const ${name} = async () => {${asyncBody}};\nvoid ${name}();`,
    `const ${name} = (async () => {${asyncBody}})();`,
    env.async ? `const ${name} = (async () => {${asyncBody}})();\nawait ${name};` : `const ${name} = (async () => {${asyncBody}})();\nvoid ${name};`,
    `${env.async ? 'await' : 'void'} Promise.all([(async () => {${asyncBody}})(), delay(1)]);`,
    `fetch('https://example.com/').then((response) => {\n  inspect(response.status);${body}});`,
    `Promise.resolve(${whole}).then((held) => {\n  inspect(held);${body}});`,
    `(async () => {${asyncBody}})().then(\n  () => {${indent(body)}},\n  () => {},\n);`,
    `void Promise.reject(new Error('x')).catch(async () => {${asyncBody}});`,
    `${env.async ? 'return' : 'void'} (async () => {${asyncBody}})();`,
  ];
  const index = s.v % forms.length;
  // `return` only at the handler's top level, where it ends the handler.
  if (index === 17 && (!env.handlerTop || env.form.end === '' || !env.async)) return forms[0];
  if (index === 17) return `if (Math.random() > 2) {\n  ${forms[17].replace(/\n/g, '\n  ')}\n}`;
  return forms[index];
}

function renderListener(s, env) {
  const body = renderBlock(s.body, nestedEnv(env));
  const asyncBody = renderBlock(s.body, nestedEnv(env, { async: true }));
  const name = fresh(env, 'listener');
  const forms = [
    `bus.on('event', () => {${body}});`,
    `bus.once('event', function () {${body}});`,
    `bus.addListener('event', async () => {${asyncBody}});`,
    `process.on('beforeExit', () => {${body}});`,
    `const ${name} = () => {${body}};\nbus.on('event', ${name});\nbus.off('event', ${name});`,
    `const ${name} = new AbortController();\n${name}.signal.addEventListener('abort', () => {${body}});`,
    `bus.prependOnceListener('event', () => {${body}});`,
    `bus['on']('event', () => {${body}});`,
  ];
  const own = env.form.ownListeners ?? env.fw.ownListeners;
  if (own.length > 0 && s.v % 3 === 0) return substituteNamed(pick(own, s.v), env, body);
  return pick(forms, s.v);
}

function renderErrback(s, env) {
  const body = renderBlock(s.body, nestedEnv(env));
  return pick(
    [
      `readFile('package.json', (err, data) => {\n  inspect(data);${body}});`,
      `stat('.', function (error, stats) {\n  inspect(stats);${body}});`,
      `legacy((err) => {\n  inspect(err);${body}});`,
      `legacy((error, value) => {\n  if (error) return;\n  inspect(value);${body}});`,
      `readFile('package.json', 'utf8', (err, text) => {\n  inspect(text);${body}});`,
    ],
    s.v,
  );
}

function renderBackground(s, env) {
  const templates = env.form.background ?? env.fw.background;
  if (templates.length === 0) return renderTimer({ ...s, v: 0 }, env);
  const template = pick(templates, s.v);
  const isAsync = /async \(\) => \{B\}/.test(template);
  const body = renderBlock(s.body, nestedEnv(env, { async: isAsync }));
  return substituteNamed(template, env, body);
}

function renderQueue(s, env) {
  env.state.needs.add('queue');
  const body = renderBlock(s.body, nestedEnv(env));
  const asyncBody = renderBlock(s.body, nestedEnv(env, { async: true }));
  const whole = renderExpr(s.e, env, 'whole') ?? 'null';
  const forms = [
    `void queue.add(() => {${body}});`,
    `void queue.add(async () => {\n  await delay(1);${asyncBody}});`,
    `queue.add(() => inspect(${whole})).catch(() => {});`,
    `void queue.addAll([() => {${body}}]);`,
  ];
  if (env.async) forms.push(`await queue.add(() => {${body}});`);
  return pick(forms, s.v);
}

function renderClosure(s, env) {
  const body = renderBlock(s.body, nestedEnv(env));
  const asyncBody = renderBlock(s.body, nestedEnv(env, { async: true }));
  const name = fresh(env, 'fn');
  return pick(
    [
      `const ${name} = () => {${body}};\n${name}();`,
      `function ${name}() {${body}}\n${name}();`,
      `[1].map(() => {${body}});`,
      `(() => {${body}})();`,
      `const ${name} = async () => {${asyncBody}};\n${env.async ? 'await' : 'void'} ${name}();`,
      `const ${name} = {\n  run() {${indent(body)}},\n  get value() {\n    return 1;\n  },\n};\n${name}.run();`,
      `function ${name}(this: unknown) {${body}}\n${name}.call(undefined);`,
      `const ${name} = () => () => {${body}};\nsetTimeout(${name}(), 1);`,
      `const ${name} = (label: string) => {\n  inspect(label);${body}};\n${name}('now');`,
    ],
    s.v,
  );
}

function renderGenerator(s, env) {
  const body = renderBlock(s.body, nestedEnv(env, { generator: true }));
  const asyncBody = renderBlock(s.body, nestedEnv(env, { async: true, generator: true }));
  const name = fresh(env, 'gen');
  const item = fresh(env, 'item');
  return pick(
    [
      `function* ${name}() {${body}  yield 1;\n}\nfor (const ${item} of ${name}()) inspect(${item});`,
      `function* ${name}() {${body}  yield 1;\n}\nconst ${item} = ${name}();\nsetTimeout(() => ${item}.next(), 1);`,
      `async function* ${name}() {${asyncBody}  yield 1;\n}\nvoid (async () => {\n  for await (const ${item} of ${name}()) inspect(${item});\n})();`,
      `const ${item} = (function* () {${body}  yield 1;\n})();\n${item}.next();`,
    ],
    s.v,
  );
}

function renderClass(s, env) {
  const body = renderBlock(s.body, nestedEnv(env));
  const asyncBody = renderBlock(s.body, nestedEnv(env, { async: true }));
  const root = env.roots[s.e.root % env.roots.length].name;
  const name = fresh(env, 'Job');
  return pick(
    [
      `class ${name} {\n  run(): void {${indent(body)}}\n}\nsetTimeout(() => new ${name}().run(), 1);`,
      `class ${name} {\n  readonly created = Date.now();\n  start(): void {\n    setTimeout(() => {${indent(body, '    ')}}, 1);\n  }\n}\nnew ${name}().start();`,
      `class ${name} {\n  constructor(readonly held: typeof ${root}) {}\n  start(): void {\n    setTimeout(() => inspect(this.held), 1);\n  }\n}\nnew ${name}(${root}).start();`,
      `const ${name} = class {\n  static run(): void {${indent(body)}}\n};\nqueueMicrotask(() => ${name}.run());`,
      `class ${name} {\n  #count = 1;\n  async run(): Promise<void> {\n    await delay(this.#count);${indent(asyncBody)}}\n}\nvoid new ${name}().run();`,
      `class ${name} {\n  handle = () => {${indent(body)}};\n}\nbus.on('event', new ${name}().handle);`,
    ],
    s.v,
  );
}

function renderLoop(s, env) {
  const label = s.v % 2 === 1 ? fresh(env, 'loop') : undefined;
  const inner = { ...env, loops: [...env.loops, { label, kind: 'loop' }] };
  const body = renderBlock(s.body, inner);
  const plainBody = renderBlock(s.body, nestedEnv(env, { async: false }));
  const name = fresh(env, 'i');
  const other = fresh(env, 'j');
  const prefix = label ? `${label}: ` : '';
  const forms = [
    `${prefix}for (const ${name} of [1, 2]) {\n  inspect(${name});${body}}`,
    `${prefix}for (let ${name} = 0; ${name} < 2; ${name}++) {${body}}`,
    `${prefix}while (Math.random() > 2) {${body}}`,
    `${prefix}do {${body}} while (Math.random() > 2);`,
    `${prefix}for (const ${name} in { a: 1 }) {\n  inspect(${name});${body}}`,
    `${prefix}for (let ${name} = 0, ${other} = 1; ${name} < ${other}; ${name}++, ${other}--) {${body}}`,
    // Endless loops, the shape require-abort-handling looks at (streaming loops).
    `${prefix}while (true) {${body}}`,
    `${prefix}for (;;) {${body}}`,
  ];
  const index = Math.floor(s.v / 2) % (forms.length + 1);
  if (index === forms.length) return `[1, 2].forEach(() => {${plainBody}});`;
  return forms[index];
}
