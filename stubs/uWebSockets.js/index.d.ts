// Hand-written declarations for the subset of the uWebSockets.js API that this
// project's tests and examples use. The shapes follow the published API:
// HttpRequest is only valid during the synchronous part of the route handler,
// HttpResponse until it ends or is aborted.

export type RecognizedString =
  | string
  | ArrayBuffer
  | Uint8Array
  | Int8Array
  | Uint16Array
  | Int16Array
  | Uint32Array
  | Int32Array
  | Float32Array
  | Float64Array;

/** Valid only during the synchronous part of the route handler (before any await or return). */
export interface HttpRequest {
  getHeader(lowerCaseKey: RecognizedString): string;
  getParameter(index: number | RecognizedString): string | undefined;
  getUrl(): string;
  getMethod(): string;
  getCaseSensitiveMethod(): string;
  getQuery(): string | undefined;
  getQuery(key: string): string | undefined;
  forEach(cb: (key: string, value: string) => void): void;
  setYield(yield_: boolean): HttpRequest;
}

/** Valid until `end`/`tryEnd` succeeds or the `onAborted` handler runs. */
export interface HttpResponse {
  writeStatus(status: RecognizedString): HttpResponse;
  writeHeader(key: RecognizedString, value: RecognizedString): HttpResponse;
  write(chunk: RecognizedString): boolean;
  end(body?: RecognizedString, closeConnection?: boolean): HttpResponse;
  endWithoutBody(reportedContentLength?: number, closeConnection?: boolean): HttpResponse;
  tryEnd(fullBodyOrChunk: RecognizedString, totalSize: number): [boolean, boolean];
  close(): HttpResponse;
  getWriteOffset(): number;
  onWritable(handler: (offset: number) => boolean): HttpResponse;
  onAborted(handler: () => void): HttpResponse;
  onData(handler: (chunk: ArrayBuffer, isLast: boolean) => void): HttpResponse;
  getRemoteAddress(): ArrayBuffer;
  getRemoteAddressAsText(): ArrayBuffer;
  cork(cb: () => void): HttpResponse;
  pause(): void;
  resume(): void;
  [key: string]: any;
}

export interface WebSocket<UserData> {
  send(message: RecognizedString, isBinary?: boolean, compress?: boolean): number;
  end(code?: number, shortMessage?: RecognizedString): void;
  close(): void;
  subscribe(topic: RecognizedString): boolean;
  unsubscribe(topic: RecognizedString): boolean;
  publish(topic: RecognizedString, message: RecognizedString, isBinary?: boolean, compress?: boolean): boolean;
  getUserData(): UserData;
}

export interface WebSocketBehavior<UserData> {
  open?: (ws: WebSocket<UserData>) => void | Promise<void>;
  message?: (ws: WebSocket<UserData>, message: ArrayBuffer, isBinary: boolean) => void | Promise<void>;
  close?: (ws: WebSocket<UserData>, code: number, message: ArrayBuffer) => void;
}

export interface us_listen_socket {}

export interface AppOptions {
  key_file_name?: RecognizedString;
  cert_file_name?: RecognizedString;
  passphrase?: RecognizedString;
}

type RouteHandler = (res: HttpResponse, req: HttpRequest) => void | Promise<void>;

export interface TemplatedApp {
  get(pattern: RecognizedString, handler: RouteHandler): TemplatedApp;
  post(pattern: RecognizedString, handler: RouteHandler): TemplatedApp;
  put(pattern: RecognizedString, handler: RouteHandler): TemplatedApp;
  patch(pattern: RecognizedString, handler: RouteHandler): TemplatedApp;
  del(pattern: RecognizedString, handler: RouteHandler): TemplatedApp;
  any(pattern: RecognizedString, handler: RouteHandler): TemplatedApp;
  ws<UserData>(pattern: RecognizedString, behavior: WebSocketBehavior<UserData>): TemplatedApp;
  listen(port: number, cb: (listenSocket: us_listen_socket | false) => void | Promise<void>): TemplatedApp;
}

export function App(options?: AppOptions): TemplatedApp;
export function SSLApp(options: AppOptions): TemplatedApp;
export function us_listen_socket_close(listenSocket: us_listen_socket): void;
