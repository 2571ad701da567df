#!/usr/bin/env node
// Deterministic generator of a synthetic, type-correct server codebase for the benchmark.
//
// The corpus imitates an ordinary TypeScript back end that happens to use several
// frameworks: shared infrastructure (logger, database, events, queue, cache), plain
// utility modules, models, services with async functions, API clients, background
// jobs, middleware, and request handlers for Hono, Express, Koa, Fastify, AWS Lambda,
// Next.js route handlers and h3. Handlers import the real framework typings installed
// in node_modules. Most code does no deferred work at all; a minority of handlers
// schedule work, mostly safely (copied values, awaited, joined, cleared timers) and
// sometimes unsafely (a request context captured by a timer, a floating promise, a
// listener, a queued job or a background callback).
//
// Usage: node bench/generate.mjs [--sizes 200,1000,4000] [--seed <string>] [--out <dir>]
// Output: <out>/<size>/ (default bench/.corpus/<size>/) with its own tsconfig.json.

import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const DEFAULT_SEED = 'context-escape';
export const DEFAULT_SIZES = [200, 1000, 4000];
/** Smallest corpus that still holds every kind of file (one per framework). */
export const MIN_FILES = 60;

const BENCH_DIR = path.dirname(fileURLToPath(import.meta.url));
export const DEFAULT_CORPUS_ROOT = path.join(BENCH_DIR, '.corpus');

// ---------------------------------------------------------------------------
// Seeded randomness (no Math.random anywhere).

/** 32-bit FNV-1a hash of a string, used to derive independent per-file seeds. */
function hash32(text) {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** mulberry32: small, fast, good enough for code generation. */
function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Rng {
  constructor(seed) {
    this.next = mulberry32(typeof seed === 'number' ? seed : hash32(String(seed)));
  }
  /** Integer in [min, max]. */
  int(min, max) {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  chance(p) {
    return this.next() < p;
  }
  pick(items) {
    return items[Math.floor(this.next() * items.length)];
  }
  /** `count` distinct items, in random order. */
  sample(items, count) {
    const pool = [...items];
    const out = [];
    while (out.length < count && pool.length > 0) out.push(pool.splice(Math.floor(this.next() * pool.length), 1)[0]);
    return out;
  }
  /** Picks a key of `weights` with probability proportional to its weight. */
  weighted(weights) {
    const entries = Object.entries(weights);
    const total = entries.reduce((sum, [, w]) => sum + w, 0);
    let r = this.next() * total;
    for (const [key, w] of entries) {
      r -= w;
      if (r < 0) return key;
    }
    return entries.at(-1)[0];
  }
}

// ---------------------------------------------------------------------------
// Vocabulary.

const ENTITIES = [
  'user', 'order', 'invoice', 'product', 'cart', 'payment', 'shipment', 'review', 'coupon', 'account',
  'team', 'project', 'task', 'comment', 'notification', 'report', 'subscription', 'webhook', 'ticket',
  'article', 'booking', 'device', 'session', 'refund', 'warehouse', 'supplier', 'campaign', 'lead',
];
const STATUSES = [
  ['draft', 'active', 'archived'],
  ['pending', 'paid', 'failed', 'refunded'],
  ['open', 'in_progress', 'closed'],
  ['queued', 'sent', 'delivered', 'bounced'],
];
const FIELD_POOL = [
  ['title', 'string'], ['description', 'string'], ['email', 'string'], ['currency', 'string'],
  ['region', 'string'], ['priority', 'number'], ['quantity', 'number'], ['score', 'number'],
  ['weight', 'number'], ['verified', 'boolean'], ['pinned', 'boolean'], ['externalRef', 'string'],
];
const UTIL_THEMES = ['strings', 'numbers', 'validation', 'dates', 'collections', 'money', 'pagination', 'lru', 'query', 'result', 'states', 'backoff'];
const FRAMEWORKS = ['hono', 'express', 'koa', 'fastify', 'lambda', 'next', 'h3'];
/**
 * Kinds of route files: one per framework, plus routes declared with schema
 * validators whose types are expensive to check (Hono with `@hono/zod-validator`,
 * `@hono/zod-openapi` route builders, Fastify with the TypeBox type provider).
 */
const HANDLER_KINDS = [...FRAMEWORKS, 'hono-zod', 'hono-openapi', 'fastify-typebox'];
/** The framework whose context a kind of route file uses. */
const BASE_FRAMEWORK = { 'hono-zod': 'hono', 'hono-openapi': 'hono', 'fastify-typebox': 'fastify' };
const baseOf = kind => BASE_FRAMEWORK[kind] ?? kind;

const cap = s => s.charAt(0).toUpperCase() + s.slice(1);
const kebab = s => s.replace(/[A-Z]/g, (m, i) => `${i > 0 ? '-' : ''}${m.toLowerCase()}`);

// ---------------------------------------------------------------------------
// Plan: which files exist. Depends only on `files` (never on the seed), so the
// same size always has the same layout and only contents vary with the seed.

const MIX = { utils: 0.27, models: 0.08, services: 0.17, clients: 0.06, handlers: 0.27, middleware: 0.06, jobs: 0.04, types: 0.05 };
const HANDLER_MIX = {
  hono: 0.1,
  express: 0.18,
  koa: 0.08,
  fastify: 0.08,
  lambda: 0.12,
  next: 0.08,
  h3: 0.08,
  'hono-zod': 0.1,
  'hono-openapi': 0.1,
  'fastify-typebox': 0.08,
};

/** Splits `total` by `fractions` (largest remainder), giving each key at least `minimum`. */
function apportion(total, fractions, minimum) {
  const keys = Object.keys(fractions);
  const sum = keys.reduce((s, k) => s + fractions[k], 0);
  const counts = {};
  let left = total - minimum * keys.length;
  const exact = keys.map(k => ({ k, v: (left * fractions[k]) / sum }));
  for (const { k, v } of exact) counts[k] = minimum + Math.floor(v);
  left = total - keys.reduce((s, k) => s + counts[k], 0);
  exact.sort((a, b) => b.v - Math.floor(b.v) - (a.v - Math.floor(a.v)) || a.k.localeCompare(b.k));
  for (let i = 0; i < left; i++) counts[exact[i % exact.length].k]++;
  return counts;
}

const LIB_FILES = ['logger', 'db', 'events', 'queue', 'cache', 'metrics', 'http', 'errors', 'config', 'mailer', 'audit', 'ids'];

function plan(files) {
  const rest = files - LIB_FILES.length;
  const counts = apportion(rest, MIX, 1);
  const handlers = apportion(counts.handlers, HANDLER_MIX, 1);
  return { counts, handlers };
}

// ---------------------------------------------------------------------------
// Shared infrastructure (fixed text).

const LIB = {
  logger: `export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogFields = Record<string, string | number | boolean | undefined>;

export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
  child(bindings: LogFields): Logger;
}

const LEVELS: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

class JsonLogger implements Logger {
  constructor(
    private readonly bindings: LogFields,
    private readonly minimum: LogLevel,
  ) {}

  private write(level: LogLevel, message: string, fields: LogFields = {}): void {
    if (LEVELS[level] < LEVELS[this.minimum]) return;
    const line = JSON.stringify({ level, message, time: new Date().toISOString(), ...this.bindings, ...fields });
    if (level === 'error' || level === 'warn') console.error(line);
    else console.log(line);
  }

  debug(message: string, fields?: LogFields): void {
    this.write('debug', message, fields);
  }

  info(message: string, fields?: LogFields): void {
    this.write('info', message, fields);
  }

  warn(message: string, fields?: LogFields): void {
    this.write('warn', message, fields);
  }

  error(message: string, fields?: LogFields): void {
    this.write('error', message, fields);
  }

  child(bindings: LogFields): Logger {
    return new JsonLogger({ ...this.bindings, ...bindings }, this.minimum);
  }
}

function levelFromEnv(value: string | undefined): LogLevel {
  return value === 'debug' || value === 'warn' || value === 'error' ? value : 'info';
}

export const logger: Logger = new JsonLogger({ service: 'shop' }, levelFromEnv(process.env.LOG_LEVEL));
`,
  db: `export interface QueryResult<T> {
  rows: T[];
  rowCount: number;
}

export type Row = Record<string, unknown>;

/** A small promise-based database client; the driver is plugged in at start-up. */
export class Database {
  private connected = false;

  constructor(private readonly latencyMs: number) {}

  async connect(): Promise<void> {
    await new Promise<void>(resolve => setTimeout(resolve, this.latencyMs));
    this.connected = true;
  }

  async query<T = Row>(sql: string, params: readonly unknown[] = []): Promise<QueryResult<T>> {
    if (!this.connected) await this.connect();
    await new Promise<void>(resolve => setTimeout(resolve, this.latencyMs));
    if (sql.length === 0 || params.length > 1_000) throw new Error('invalid query');
    return { rows: [], rowCount: 0 };
  }

  async transaction<T>(work: (tx: Database) => Promise<T>): Promise<T> {
    await this.query('begin');
    try {
      const result = await work(this);
      await this.query('commit');
      return result;
    } catch (error) {
      await this.query('rollback');
      throw error;
    }
  }
}

export const db = new Database(1);
`,
  events: `import { EventEmitter } from 'node:events';

export interface DomainEvent {
  type: string;
  id: string;
  actor: string;
  at: number;
  data?: Record<string, unknown>;
}

export const bus = new EventEmitter();
bus.setMaxListeners(200);

export function publish(event: DomainEvent): void {
  bus.emit(event.type, event);
}

/** Subscribes and returns the function that unsubscribes. */
export function subscribe(type: string, listener: (event: DomainEvent) => void): () => void {
  bus.on(type, listener);
  return () => {
    bus.off(type, listener);
  };
}
`,
  queue: `import PQueue from 'p-queue';

import { logger } from './logger.js';

export const jobs = new PQueue({ concurrency: 4 });

/** Runs \`task\` in the background job queue; failures are logged. */
export function enqueue(name: string, task: () => Promise<void>): void {
  jobs.add(task).catch((error: unknown) => {
    logger.error('job failed', { name, error: String(error) });
  });
}

export async function drain(): Promise<void> {
  await jobs.onIdle();
}
`,
  cache: `export class TtlCache<V> {
  private readonly entries = new Map<string, { value: V; expires: number }>();
  private sweeper: NodeJS.Timeout | undefined;

  constructor(private readonly ttlMs: number) {}

  get(key: string): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expires < Date.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.value;
  }

  set(key: string, value: V): void {
    this.entries.set(key, { value, expires: Date.now() + this.ttlMs });
    this.scheduleSweep();
  }

  delete(key: string): boolean {
    return this.entries.delete(key);
  }

  sweep(): number {
    const now = Date.now();
    let removed = 0;
    for (const [key, entry] of this.entries) {
      if (entry.expires < now) {
        this.entries.delete(key);
        removed++;
      }
    }
    return removed;
  }

  close(): void {
    if (this.sweeper) clearTimeout(this.sweeper);
    this.sweeper = undefined;
    this.entries.clear();
  }

  private scheduleSweep(): void {
    if (this.sweeper) return;
    this.sweeper = setTimeout(() => {
      this.sweeper = undefined;
      this.sweep();
    }, this.ttlMs);
    this.sweeper.unref();
  }
}

export async function memoize<V>(cache: TtlCache<V>, key: string, load: () => Promise<V>): Promise<V> {
  const cached = cache.get(key);
  if (cached !== undefined) return cached;
  const value = await load();
  cache.set(key, value);
  return value;
}
`,
  metrics: `const counters = new Map<string, number>();

export async function track(name: string, value = 1): Promise<void> {
  counters.set(name, (counters.get(name) ?? 0) + value);
  await Promise.resolve();
}

export function startTimer(name: string): () => number {
  const start = performance.now();
  return () => {
    const elapsed = performance.now() - start;
    counters.set(\`\${name}.ms\`, elapsed);
    return elapsed;
  };
}

export function snapshot(): Record<string, number> {
  return Object.fromEntries(counters);
}

export async function flush(reporter: (values: Record<string, number>) => Promise<void>): Promise<void> {
  const values = snapshot();
  counters.clear();
  await reporter(values);
}
`,
  http: `export interface FetchOptions {
  method?: string;
  body?: string;
  headers?: Record<string, string>;
  timeoutMs?: number;
}

export async function fetchJson<T>(url: string, options: FetchOptions = {}): Promise<T> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), options.timeoutMs ?? 5_000);
  try {
    const response = await fetch(url, {
      method: options.method ?? 'GET',
      body: options.body,
      headers: { 'content-type': 'application/json', ...options.headers },
      signal: controller.signal,
    });
    if (!response.ok) throw new Error(\`\${url} answered \${response.status}\`);
    return (await response.json()) as T;
  } finally {
    clearTimeout(timer);
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise(resolve => setTimeout(resolve, ms));
}

export async function retry<T>(work: () => Promise<T>, attempts = 3, delayMs = 50): Promise<T> {
  let lastError: unknown;
  for (let attempt = 0; attempt < attempts; attempt++) {
    try {
      return await work();
    } catch (error) {
      lastError = error;
      await sleep(delayMs * 2 ** attempt);
    }
  }
  throw lastError;
}
`,
  errors: `export class AppError extends Error {
  constructor(
    message: string,
    readonly status = 500,
    readonly code = 'internal',
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export class NotFoundError extends AppError {
  constructor(message: string) {
    super(message, 404, 'not_found');
  }
}

export class ValidationError extends AppError {
  constructor(
    message: string,
    readonly field?: string,
  ) {
    super(message, 400, 'invalid');
  }
}

export function toStatus(error: unknown): number {
  return error instanceof AppError ? error.status : 500;
}

export function toBody(error: unknown): { code: string; message: string } {
  if (error instanceof AppError) return { code: error.code, message: error.message };
  return { code: 'internal', message: 'Internal error' };
}
`,
  config: `export interface AppConfig {
  readonly port: number;
  readonly baseUrl: string;
  readonly mailFrom: string;
  readonly pageSize: number;
  readonly features: ReadonlySet<string>;
}

export function requireEnv(name: string, fallback?: string): string {
  const value = process.env[name] ?? fallback;
  if (value === undefined) throw new Error(\`missing environment variable \${name}\`);
  return value;
}

export const config: AppConfig = {
  port: Number(process.env.PORT ?? 3000),
  baseUrl: requireEnv('BASE_URL', 'http://localhost:3000'),
  mailFrom: requireEnv('MAIL_FROM', 'noreply@example.com'),
  pageSize: Number(process.env.PAGE_SIZE ?? 20),
  features: new Set((process.env.FEATURES ?? '').split(',').filter(Boolean)),
};

export function isEnabled(feature: string): boolean {
  return config.features.has(feature);
}
`,
  mailer: `import { config } from './config.js';
import { fetchJson, retry } from './http.js';

export interface Mail {
  to: string;
  subject: string;
  body: string;
}

export async function sendMail(mail: Mail): Promise<void> {
  await retry(() =>
    fetchJson<unknown>(\`\${config.baseUrl}/mail\`, {
      method: 'POST',
      body: JSON.stringify({ from: config.mailFrom, ...mail }),
    }),
  );
}
`,
  audit: `import { db } from './db.js';

export interface AuditEntry {
  actor: string;
  action: string;
  target: string;
  requestId?: string;
}

export async function recordAudit(entry: AuditEntry): Promise<void> {
  await db.query('insert into audit (actor, action, target, request_id, at) values ($1, $2, $3, $4, now())', [
    entry.actor,
    entry.action,
    entry.target,
    entry.requestId ?? null,
  ]);
}
`,
  ids: `import { randomUUID } from 'node:crypto';

export function newId(prefix: string): string {
  return \`\${prefix}_\${randomUUID().replaceAll('-', '')}\`;
}

export function isId(value: string, prefix: string): boolean {
  return value.startsWith(\`\${prefix}_\`) && value.length === prefix.length + 33;
}
`,
};

// ---------------------------------------------------------------------------
// Utility modules: pure code, no deferred work. Each exports functions of three
// shapes other files call: `str` (value: string) => string, `num`
// (values: readonly number[]) => number, `bool` (value: string) => boolean.

function utilModule(k, theme, rng, earlier) {
  const n = k;
  const imports = [];
  const uses = [];
  // Some utilities build on earlier ones.
  for (const dep of rng.sample(earlier, rng.int(0, Math.min(2, earlier.length)))) {
    const fn = rng.pick(dep.exports);
    imports.push(`import { ${fn.name} } from './${dep.file}.js';`);
    uses.push(fn);
  }
  const useStr = uses.find(u => u.kind === 'str');
  const useNum = uses.find(u => u.kind === 'num');
  const useBool = uses.find(u => u.kind === 'bool');
  const exports = [];
  const body = [];
  const r = rng.int(2, 9);
  const limit = rng.int(16, 120);

  switch (theme) {
    case 'strings':
      exports.push({ name: `slugify${n}`, kind: 'str' }, { name: `titleCase${n}`, kind: 'str' }, { name: `isBlank${n}`, kind: 'bool' });
      body.push(`const SEPARATOR_${n} = /[^a-z0-9]+/g;

export function slugify${n}(value: string): string {
  const slug = value.normalize('NFKD').toLowerCase().replace(SEPARATOR_${n}, '-').replace(/^-+|-+$/g, '');
  return ${useStr ? `${useStr.name}(slug)` : 'slug'}.slice(0, ${limit});
}

export function titleCase${n}(value: string): string {
  return value
    .split(/\\s+/)
    .filter(word => word.length > 0)
    .map(word => word[0]!.toUpperCase() + word.slice(1).toLowerCase())
    .join(' ');
}

export function truncate${n}(value: string, max = ${limit}): string {
  return value.length <= max ? value : \`\${value.slice(0, Math.max(0, max - 1))}…\`;
}

export function isBlank${n}(value: string): boolean {
  return value.trim().length === 0;
}`);
      break;
    case 'numbers':
      exports.push({ name: `mean${n}`, kind: 'num' }, { name: `percentile${n}`, kind: 'num' }, { name: `total${n}`, kind: 'num' });
      body.push(`export function total${n}(values: readonly number[]): number {
  let sum = 0;
  for (const value of values) sum += value;
  return sum;
}

export function mean${n}(values: readonly number[]): number {
  return values.length === 0 ? 0 : total${n}(values) / values.length;
}

export function percentile${n}(values: readonly number[], p = 0.${rng.int(50, 99)}): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1));
  return sorted[index] ?? 0;
}

export function clamp${n}(value: number, min = 0, max = ${limit * 10}): number {
  return Math.min(max, Math.max(min, value));
}

export function round${n}(value: number, digits = ${rng.int(0, 4)}): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}`);
      break;
    case 'validation':
      exports.push({ name: `isEmail${n}`, kind: 'bool' }, { name: `normalizeEmail${n}`, kind: 'str' });
      body.push(`const EMAIL_${n} = /^[^\\s@]+@[^\\s@]+\\.[a-z]{2,}$/i;

export function isEmail${n}(value: string): boolean {
  return value.length <= ${limit + 200} && EMAIL_${n}.test(value);
}

export function normalizeEmail${n}(value: string): string {
  const [local = '', domain = ''] = value.trim().toLowerCase().split('@');
  return \`\${local.split('+')[0] ?? local}@\${domain}\`;
}

export function hasKeys${n}(record: Record<string, unknown>, ...keys: string[]): boolean {
  return keys.every(key => Object.hasOwn(record, key) && record[key] !== undefined);
}

export function assertLength${n}(value: string, name: string, max = ${limit}): string {
  if (value.length === 0 || value.length > max) throw new RangeError(\`\${name} must have 1 to \${max} characters\`);
  return ${useStr ? `${useStr.name}(value)` : 'value'};
}`);
      break;
    case 'dates':
      exports.push({ name: `formatDay${n}`, kind: 'str' }, { name: `isIsoDate${n}`, kind: 'bool' });
      body.push(`const DAY_MS_${n} = 86_400_000;

export function formatDay${n}(value: string): string {
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? value : date.toISOString().slice(0, 10);
}

export function addDays${n}(date: Date, days: number): Date {
  return new Date(date.getTime() + days * DAY_MS_${n});
}

export function isIsoDate${n}(value: string): boolean {
  return /^\\d{4}-\\d{2}-\\d{2}/.test(value) && !Number.isNaN(Date.parse(value));
}

export function daysBetween${n}(from: Date, to: Date): number {
  return Math.round((to.getTime() - from.getTime()) / DAY_MS_${n});
}

export function isExpired${n}(at: number, ttlMs = ${r * 60_000}): boolean {
  return Date.now() - at > ttlMs;
}`);
      break;
    case 'collections':
      exports.push({ name: `largestGroup${n}`, kind: 'num' }, { name: `dedupeWords${n}`, kind: 'str' });
      body.push(`export function groupBy${n}<T, K extends PropertyKey>(items: readonly T[], key: (item: T) => K): Record<K, T[]> {
  const groups = {} as Record<K, T[]>;
  for (const item of items) {
    const k = key(item);
    (groups[k] ??= []).push(item);
  }
  return groups;
}

export function chunk${n}<T>(items: readonly T[], size = ${r}): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}

export function uniqueBy${n}<T>(items: readonly T[], key: (item: T) => string): T[] {
  const seen = new Set<string>();
  const out: T[] = [];
  for (const item of items) {
    const k = key(item);
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(item);
  }
  return out;
}

export function largestGroup${n}(values: readonly number[]): number {
  const groups = groupBy${n}(values, value => Math.floor(value / ${r}));
  return Math.max(0, ...Object.values(groups).map(group => group.length));
}

export function dedupeWords${n}(value: string): string {
  return uniqueBy${n}(value.split(' '), word => word.toLowerCase()).join(' ');
}`);
      break;
    case 'money':
      exports.push({ name: `sumCents${n}`, kind: 'num' }, { name: `formatPrice${n}`, kind: 'str' });
      body.push(`const FORMATTERS_${n} = new Map<string, Intl.NumberFormat>();

function formatter${n}(currency: string): Intl.NumberFormat {
  let format = FORMATTERS_${n}.get(currency);
  if (!format) {
    format = new Intl.NumberFormat('en-US', { style: 'currency', currency });
    FORMATTERS_${n}.set(currency, format);
  }
  return format;
}

export function formatMoney${n}(cents: number, currency = '${rng.pick(['EUR', 'USD', 'GBP', 'JPY'])}'): string {
  return formatter${n}(currency).format(cents / 100);
}

export function formatPrice${n}(value: string): string {
  const cents = Math.round(Number.parseFloat(value) * 100);
  return Number.isFinite(cents) ? formatMoney${n}(cents) : value;
}

export function applyDiscount${n}(cents: number, percent: number): number {
  return Math.max(0, Math.round(cents * (1 - Math.min(${limit}, percent) / 100)));
}

export function sumCents${n}(values: readonly number[]): number {
  return values.reduce((sum, value) => sum + Math.round(value), 0)${useNum ? ` + ${useNum.name}([])` : ''};
}`);
      break;
    case 'pagination':
      exports.push({ name: `pageCount${n}`, kind: 'num' }, { name: `cursorOf${n}`, kind: 'str' });
      body.push(`export interface Page${n}<T> {
  items: T[];
  page: number;
  size: number;
  total: number;
  next?: string;
}

export function paginate${n}<T>(items: readonly T[], page = 1, size = ${r * 10}): Page${n}<T> {
  const start = (Math.max(1, page) - 1) * size;
  const slice = items.slice(start, start + size);
  return { items: slice, page, size, total: items.length, next: start + size < items.length ? String(page + 1) : undefined };
}

export function parsePage${n}(value: string | undefined, fallback = 1): number {
  const page = Number.parseInt(value ?? '', 10);
  return Number.isInteger(page) && page > 0 ? page : fallback;
}

export function pageCount${n}(values: readonly number[]): number {
  return Math.ceil(values.length / ${r * 10});
}

export function cursorOf${n}(value: string): string {
  return Buffer.from(value, 'utf8').toString('base64url');
}`);
      break;
    case 'lru':
      exports.push({ name: `cachedUpper${n}`, kind: 'str' });
      body.push(`export class LruCache${n}<K, V> {
  private readonly map = new Map<K, V>();

  constructor(private readonly capacity = ${limit}) {}

  get size(): number {
    return this.map.size;
  }

  get(key: K): V | undefined {
    const value = this.map.get(key);
    if (value === undefined) return undefined;
    this.map.delete(key);
    this.map.set(key, value);
    return value;
  }

  set(key: K, value: V): this {
    this.map.delete(key);
    this.map.set(key, value);
    while (this.map.size > this.capacity) {
      const oldest = this.map.keys().next();
      if (oldest.done) break;
      this.map.delete(oldest.value);
    }
    return this;
  }

  delete(key: K): boolean {
    return this.map.delete(key);
  }
}

const UPPER_${n} = new LruCache${n}<string, string>();

export function cachedUpper${n}(value: string): string {
  const hit = UPPER_${n}.get(value);
  if (hit !== undefined) return hit;
  const computed = ${useStr ? `${useStr.name}(value.toUpperCase())` : 'value.toUpperCase()'};
  UPPER_${n}.set(value, computed);
  return computed;
}`);
      break;
    case 'query':
      exports.push({ name: `normalizeQuery${n}`, kind: 'str' }, { name: `hasQuery${n}`, kind: 'bool' });
      body.push(`export function parseQuery${n}(query: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of query.replace(/^\\?/, '').split('&')) {
    if (!part) continue;
    const [key = '', value = ''] = part.split('=');
    out[decodeURIComponent(key)] = decodeURIComponent(value);
  }
  return out;
}

export function toQueryString${n}(params: Record<string, string | number | boolean | undefined>): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined) continue;
    parts.push(\`\${encodeURIComponent(key)}=\${encodeURIComponent(String(value))}\`);
  }
  return parts.length > 0 ? \`?\${parts.join('&')}\` : '';
}

export function normalizeQuery${n}(value: string): string {
  const params = parseQuery${n}(value);
  const sorted = Object.fromEntries(Object.entries(params).sort(([a], [b]) => a.localeCompare(b)));
  return toQueryString${n}(sorted);
}

export function hasQuery${n}(value: string): boolean {
  return Object.keys(parseQuery${n}(value)).length > 0${useBool ? ` && !${useBool.name}(value)` : ''};
}`);
      break;
    case 'result':
      exports.push({ name: `parseAmount${n}`, kind: 'num' }, { name: `describe${n}`, kind: 'str' });
      body.push(`export type Result${n}<T, E = Error> = { ok: true; value: T } | { ok: false; error: E };

export function ok${n}<T>(value: T): Result${n}<T, never> {
  return { ok: true, value };
}

export function err${n}<E>(error: E): Result${n}<never, E> {
  return { ok: false, error };
}

export function map${n}<T, U, E>(result: Result${n}<T, E>, fn: (value: T) => U): Result${n}<U, E> {
  return result.ok ? ok${n}(fn(result.value)) : result;
}

export function tryParse${n}(value: string): Result${n}<number, string> {
  const parsed = Number(value);
  return Number.isFinite(parsed) ? ok${n}(parsed) : err${n}(\`not a number: \${value}\`);
}

export function parseAmount${n}(values: readonly number[]): number {
  const results = values.map(value => map${n}(tryParse${n}(String(value)), amount => amount * ${r}));
  return results.reduce((sum, result) => (result.ok ? sum + result.value : sum), 0);
}

export function describe${n}(value: string): string {
  const result = tryParse${n}(value);
  return result.ok ? \`amount \${result.value}\` : result.error;
}`);
      break;
    case 'states': {
      const states = rng.pick(STATUSES);
      exports.push({ name: `isTerminal${n}`, kind: 'bool' }, { name: `nextState${n}`, kind: 'str' });
      body.push(`export enum State${n} {
${states.map(s => `  ${cap(s.replace('_', ''))} = '${s}',`).join('\n')}
}

const TRANSITIONS_${n}: Record<State${n}, readonly State${n}[]> = {
${states.map((s, i) => `  [State${n}.${cap(s.replace('_', ''))}]: [${states.slice(i + 1).map(t => `State${n}.${cap(t.replace('_', ''))}`).join(', ')}],`).join('\n')}
};

function asState${n}(value: string): State${n} | undefined {
  return (Object.values(State${n}) as string[]).includes(value) ? (value as State${n}) : undefined;
}

export function canTransition${n}(from: State${n}, to: State${n}): boolean {
  return TRANSITIONS_${n}[from].includes(to);
}

export function isTerminal${n}(value: string): boolean {
  const state = asState${n}(value);
  return state !== undefined && TRANSITIONS_${n}[state].length === 0;
}

export function nextState${n}(value: string): string {
  const state = asState${n}(value);
  if (state === undefined) return value;
  switch (state) {
${states.map((s, i) => `    case State${n}.${cap(s.replace('_', ''))}:\n      return '${states[Math.min(i + 1, states.length - 1)]}';`).join('\n')}
    default:
      return value;
  }
}`);
      break;
    }
    case 'backoff':
    default:
      exports.push({ name: `maxDelay${n}`, kind: 'num' }, { name: `retryLabel${n}`, kind: 'str' });
      body.push(`export interface BackoffOptions${n} {
  baseMs: number;
  maxMs: number;
  factor: number;
  jitter: number;
}

export const DEFAULT_BACKOFF_${n}: BackoffOptions${n} = { baseMs: ${r * 25}, maxMs: ${limit * 250}, factor: 2, jitter: 0.${r} };

export function backoffDelay${n}(attempt: number, options: BackoffOptions${n} = DEFAULT_BACKOFF_${n}): number {
  const raw = Math.min(options.maxMs, options.baseMs * options.factor ** attempt);
  const spread = raw * options.jitter;
  return Math.round(raw - spread / 2 + ((attempt * 7919) % 100) / 100 * spread);
}

export function maxDelay${n}(values: readonly number[]): number {
  return values.reduce((max, attempt) => Math.max(max, backoffDelay${n}(attempt)), 0);
}

export function retryLabel${n}(value: string): string {
  return \`\${value} (retrying in \${backoffDelay${n}(value.length % ${r})} ms)\`;
}`);
  }

  // Filler: a few private helpers, as real modules have.
  for (let i = 0, count = rng.int(0, 3); i < count; i++) body.push(filler(`${theme}${n}_${i}`, rng));
  const code = `${imports.join('\n')}${imports.length ? '\n\n' : ''}${body.join('\n\n')}\n`;
  return { code, exports };
}

function filler(tag, rng) {
  const name = `helper${cap(tag.replace(/[^a-zA-Z0-9]/g, ''))}`;
  switch (rng.int(0, 3)) {
    case 0:
      return `export function ${name}(input: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of input) counts.set(item, (counts.get(item) ?? 0) + ${rng.int(1, 3)});
  return counts;
}`;
    case 1:
      return `export const ${name} = (a: number, b: number): number => (a * ${rng.int(2, 97)} + b) % ${rng.int(101, 9973)};`;
    case 2:
      return `export function ${name}<T extends { id: string }>(items: readonly T[]): Record<string, T> {
  return Object.fromEntries(items.map(item => [item.id, item]));
}`;
    default:
      return `export interface ${cap(name)}Options {
  enabled: boolean;
  threshold: number;
  labels: readonly string[];
}

export function ${name}(options: Partial<${cap(name)}Options> = {}): ${cap(name)}Options {
  return { enabled: options.enabled ?? ${rng.chance(0.5)}, threshold: options.threshold ?? ${rng.int(1, 500)}, labels: options.labels ?? [] };
}`;
  }
}

// ---------------------------------------------------------------------------
// Models.

function modelModule(m, rng) {
  const entity = ENTITIES[m % ENTITIES.length];
  const E = `${cap(entity)}${m}`;
  const statuses = rng.pick(STATUSES);
  const fields = rng.sample(FIELD_POOL, rng.int(2, 6));
  const fieldLines = fields.map(([name, type]) => `  ${name}: ${type};`).join('\n');
  const parseField = ([name, type]) => {
    if (type === 'string') return `    ${name}: String(row.${name} ?? ''),`;
    if (type === 'number') return `    ${name}: Number(row.${name} ?? 0),`;
    return `    ${name}: row.${name} === true,`;
  };
  const code = `import { ValidationError } from '../lib/errors.js';

export type ${E}Status = ${statuses.map(s => `'${s}'`).join(' | ')};

export const ${E.toUpperCase()}_STATUSES: readonly ${E}Status[] = [${statuses.map(s => `'${s}'`).join(', ')}];

export interface ${E} {
  id: string;
  name: string;
  status: ${E}Status;
  ownerId: string;
  amount: number;
  tags: string[];
  createdAt: string;
${fieldLines}
  metadata?: Record<string, string>;
}

export interface ${E}Input {
  name: string;
  amount?: number;
  tags?: string[];
}

function isStatus${m}(value: unknown): value is ${E}Status {
  return typeof value === 'string' && (${E.toUpperCase()}_STATUSES as readonly string[]).includes(value);
}

export function is${E}(value: unknown): value is ${E} {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return typeof record.id === 'string' && typeof record.name === 'string' && isStatus${m}(record.status);
}

export function to${E}(row: Record<string, unknown>): ${E} {
  return {
    id: String(row.id ?? ''),
    name: String(row.name ?? ''),
    status: isStatus${m}(row.status) ? row.status : '${statuses[0]}',
    ownerId: String(row.owner_id ?? ''),
    amount: Number(row.amount ?? 0),
    tags: Array.isArray(row.tags) ? row.tags.map(String) : [],
    createdAt: String(row.created_at ?? new Date(0).toISOString()),
${fields.map(parseField).join('\n')}
  };
}

export function validate${E}Input(input: unknown): ${E}Input {
  if (typeof input !== 'object' || input === null) throw new ValidationError('body must be an object');
  const record = input as Record<string, unknown>;
  if (typeof record.name !== 'string' || record.name.length === 0) throw new ValidationError('name is required', 'name');
  if (record.amount !== undefined && typeof record.amount !== 'number') throw new ValidationError('amount must be a number', 'amount');
  return {
    name: record.name,
    amount: typeof record.amount === 'number' ? record.amount : undefined,
    tags: Array.isArray(record.tags) ? record.tags.filter((tag): tag is string => typeof tag === 'string') : undefined,
  };
}
`;
  return { code, entity, type: E, statuses, fields };
}

// ---------------------------------------------------------------------------
// Type-only modules (DTOs, API contracts).

function typesModule(t, rng, models) {
  const model = models[t % models.length];
  const n = t;
  const code = `import type { ${model.type} } from '../models/${model.file}.js';

export type ${model.type}View${n} = Pick<${model.type}, 'id' | 'name' | 'status'> & { label: string };

export interface ListResponse${n}<T> {
  items: T[];
  total: number;
  cursor?: string;
}

export type Patch${n}<T> = { [K in keyof T]?: T[K] extends object ? Patch${n}<T[K]> : T[K] };

export type ${model.type}Event${n} =
  | { kind: 'created'; item: ${model.type} }
  | { kind: 'updated'; item: ${model.type}; changes: Patch${n}<${model.type}> }
  | { kind: 'deleted'; id: string };

export interface Paging${n} {
  limit: number;
  offset: number;
  sort?: keyof ${model.type};
  order: 'asc' | 'desc';
}

export const DEFAULT_PAGING_${n}: Paging${n} = { limit: ${rng.int(10, 100)}, offset: 0, order: '${rng.pick(['asc', 'desc'])}' };

export function toView${n}(item: ${model.type}): ${model.type}View${n} {
  return { id: item.id, name: item.name, status: item.status, label: \`\${item.name} (\${item.status})\` };
}
`;
  return { code };
}

// ---------------------------------------------------------------------------
// Services: async functions over the database, cache and events.

function serviceModule(s, rng, models, utils) {
  const model = models[s % models.length];
  const F = `${cap(model.entity)}${s}`;
  const M = model.type;
  const table = `${model.entity}s`;
  const util = rng.pick(utils);
  const str = util.exports.find(e => e.kind === 'str') ?? util.exports[0];
  const numUtil = rng.pick(utils);
  const num = numUtil.exports.find(e => e.kind === 'num');
  const utilImports = new Map();
  const addUtil = (u, e) => {
    const names = utilImports.get(u.file) ?? new Set();
    names.add(e.name);
    utilImports.set(u.file, names);
  };
  if (str.kind === 'str') addUtil(util, str);
  if (num) addUtil(numUtil, num);
  const floatingTrack = rng.chance(0.15);
  const extra = [];
  if (num) {
    extra.push(`export async function stats${F}(limit = ${rng.int(10, 200)}): Promise<{ count: number; value: number }> {
  const items = await list${F}(limit);
  return { count: items.length, value: ${num.name}(items.map(item => item.amount)) };
}`);
  }
  if (rng.chance(0.5)) {
    extra.push(`export async function archive${F}(ids: readonly string[], actor: string): Promise<number> {
  const results = await Promise.allSettled(ids.map(id => db.query('update ${table} set status = $2 where id = $1', [id, 'archived'])));
  const archived = results.filter(result => result.status === 'fulfilled').length;
  await recordAudit({ actor, action: 'archive', target: ids.join(',') });
  log.info('archived', { archived, failed: ids.length - archived });
  return archived;
}`);
  }
  if (rng.chance(0.4)) {
    extra.push(`export async function* stream${F}(batch = ${rng.int(10, 100)}): AsyncGenerator<${M}[]> {
  for (let offset = 0; ; offset += batch) {
    const result = await db.query('select * from ${table} order by id limit $1 offset $2', [batch, offset]);
    if (result.rows.length === 0) return;
    yield result.rows.map(to${M});
  }
}`);
  }
  const code = `import { recordAudit } from '../lib/audit.js';
import { TtlCache, memoize } from '../lib/cache.js';
import { db } from '../lib/db.js';
import { NotFoundError } from '../lib/errors.js';
import { publish } from '../lib/events.js';
import { newId } from '../lib/ids.js';
import { logger } from '../lib/logger.js';
import { sendMail } from '../lib/mailer.js';
import { track } from '../lib/metrics.js';
import { type ${M}, to${M}, validate${M}Input } from '../models/${model.file}.js';
${[...utilImports].map(([file, names]) => `import { ${[...names].join(', ')} } from '../utils/${file}.js';`).join('\n')}

const log = logger.child({ module: '${kebab(F)}' });
const cache = new TtlCache<${M}>(${rng.int(5, 120) * 1000});

export async function load${F}(id: string): Promise<${M}> {
  return memoize(cache, id, async () => {
    const result = await db.query('select * from ${table} where id = $1', [id]);
    const row = result.rows[0];
    if (!row) throw new NotFoundError(\`${model.entity} \${id} not found\`);
    return to${M}(row);
  });
}

export async function list${F}(limit: number): Promise<${M}[]> {
  const result = await db.query('select * from ${table} order by created_at desc limit $1', [limit]);
  return result.rows.map(to${M}).filter(item => item.status !== '${model.statuses.at(-1)}');
}

export async function save${F}(input: unknown, actor: string): Promise<${M}> {
  const data = validate${M}Input(input);
  const saved = await db.transaction(async tx => {
    const result = await tx.query('insert into ${table} (id, name, amount, owner_id) values ($1, $2, $3, $4) returning *', [
      newId('${model.entity.slice(0, 3)}'),
      ${str.kind === 'str' ? `${str.name}(data.name)` : 'data.name'},
      data.amount ?? 0,
      actor,
    ]);
    return to${M}(result.rows[0] ?? { name: data.name, owner_id: actor });
  });
  cache.set(saved.id, saved);
  publish({ type: '${model.entity}.saved', id: saved.id, actor, at: Date.now() });
  ${floatingTrack ? `track('${kebab(F)}.saved');` : `void track('${kebab(F)}.saved');`}
  return saved;
}

export async function notify${F}(id: string, actor: string): Promise<void> {
  const [item, recent] = await Promise.all([load${F}(id), list${F}(${rng.int(3, 10)})]);
  await sendMail({
    to: \`\${actor}@example.com\`,
    subject: \`${cap(model.entity)} \${item.name} changed\`,
    body: \`\${item.name} is now \${item.status}; \${recent.length} recent.\`,
  });
  log.info('notified', { id, actor });
}

export async function remove${F}(id: string, actor: string): Promise<void> {
  await db.query('delete from ${table} where id = $1', [id]);
  cache.delete(id);
  await recordAudit({ actor, action: 'delete', target: id });
}
${extra.length ? `\n${extra.join('\n\n')}\n` : ''}`;
  return { code, feature: F, model };
}

// ---------------------------------------------------------------------------
// API clients.

function clientModule(k, rng, models) {
  const model = models[(k * 7) % models.length];
  const M = model.type;
  const C = `${cap(model.entity)}Client${k}`;
  const code = `import { fetchJson, retry } from '../lib/http.js';
import { logger } from '../lib/logger.js';
import { type ${M}, to${M} } from '../models/${model.file}.js';

export interface ${C}Options {
  baseUrl: string;
  token?: string;
  timeoutMs?: number;
}

export class ${C} {
  private readonly headers: Record<string, string>;

  constructor(private readonly options: ${C}Options) {
    this.headers = options.token ? { authorization: \`Bearer \${options.token}\` } : {};
  }

  async get(id: string): Promise<${M}> {
    const row = await retry(() =>
      fetchJson<Record<string, unknown>>(\`\${this.options.baseUrl}/${model.entity}s/\${encodeURIComponent(id)}\`, {
        headers: this.headers,
        timeoutMs: this.options.timeoutMs ?? ${rng.int(1, 10) * 500},
      }),
    );
    return to${M}(row);
  }

  async list(limit = ${rng.int(10, 50)}): Promise<${M}[]> {
    const rows = await fetchJson<Record<string, unknown>[]>(\`\${this.options.baseUrl}/${model.entity}s?limit=\${limit}\`, { headers: this.headers });
    return rows.map(to${M});
  }

  async getMany(ids: readonly string[]): Promise<${M}[]> {
    const settled = await Promise.allSettled(ids.map(id => this.get(id)));
    const items: ${M}[] = [];
    for (const result of settled) {
      if (result.status === 'fulfilled') items.push(result.value);
      else logger.warn('fetch failed', { reason: String(result.reason) });
    }
    return items;
  }
}

export function create${C}(baseUrl = process.env.${model.entity.toUpperCase()}_API ?? 'http://localhost:${rng.int(3001, 3999)}'): ${C} {
  return new ${C}({ baseUrl, token: process.env.API_TOKEN });
}
`;
  return { code };
}

// ---------------------------------------------------------------------------
// Background jobs: deferral-heavy, but no request contexts.

function jobModule(k, rng, services) {
  const service = services[(k * 5) % services.length];
  const F = service.feature;
  const entity = service.model.entity;
  const interval = rng.int(1, 30) * 10_000;
  const code = `import { bus, type DomainEvent } from '../lib/events.js';
import { logger } from '../lib/logger.js';
import { jobs } from '../lib/queue.js';
import { list${F}, notify${F} } from '../services/${service.file}.js';

const log = logger.child({ job: '${kebab(F)}-worker-${k}' });

async function sweep(): Promise<void> {
  const items = await list${F}(${rng.int(50, 500)});
  const stale = items.filter(item => Date.parse(item.createdAt) < Date.now() - ${rng.int(1, 30)} * 86_400_000);
  log.info('sweep', { total: items.length, stale: stale.length });
}

export function start${F}Worker(): () => void {
  const interval = setInterval(() => {
    sweep().catch((error: unknown) => log.error('sweep failed', { error: String(error) }));
  }, ${interval});
  interval.unref();

  const onSaved = (event: DomainEvent): void => {
    const { id, actor } = event;
    void jobs.add(() => notify${F}(id, actor));
  };
  bus.on('${entity}.saved', onSaved);

  return () => {
    clearInterval(interval);
    bus.off('${entity}.saved', onSaved);
  };
}
${rng.chance(0.5) ? `
export async function runOnce${F}(): Promise<void> {
  const started = Date.now();
  await Promise.race([sweep(), new Promise<void>(resolve => setTimeout(resolve, ${interval / 2}).unref())]);
  log.info('ran once', { ms: Date.now() - started });
}
` : ''}`;
  return { code };
}

// ---------------------------------------------------------------------------
// Handlers. Each framework describes how to read from its context; routes are
// assembled from shared building blocks and optional deferred work.

const FW = {
  hono: {
    path: 'c.req.path',
    header: h => `c.req.header('${h}')`,
    ctxVar: 'c',
  },
  express: {
    path: 'req.path',
    header: h => `req.get('${h}')`,
    ctxVar: 'req',
  },
  koa: {
    path: 'ctx.path',
    header: h => `ctx.get('${h}')`,
    ctxVar: 'ctx',
  },
  fastify: {
    path: 'request.url',
    header: h => `request.headers['${h}']?.toString()`,
    ctxVar: 'request',
  },
  lambda: {
    path: 'event.path',
    header: h => `event.headers['${h}']`,
    ctxVar: 'event',
  },
  next: {
    path: 'request.nextUrl.pathname',
    header: h => `request.headers.get('${h}')`,
    ctxVar: 'request',
  },
  h3: {
    path: 'event.url.pathname',
    header: h => `event.req.headers.get('${h}')`,
    ctxVar: 'event',
  },
};

/**
 * Deferred work placed in a route after the main service call. `safe` variants
 * copy what they need or bound the work; `unsafe` ones capture the context.
 * Each returns lines of code (without indentation) and which helpers it needs.
 */
function deferral(fw, F, rng, unsafe) {
  const d = FW[fw];
  const kinds = unsafe
    ? { timer: 3, then: 2, helperFloating: 3, listener: 1, queue: 2, background: fw === 'next' || fw === 'hono' || fw === 'h3' ? 2 : 0, lambdaInvocation: fw === 'lambda' ? 3 : 0 }
    : { copiedTimer: 3, joined: 3, clearedTimer: 2, laterAwaited: 2, voidTrack: 3, queueCopy: 2, helperAwaited: 2, background: fw === 'next' || fw === 'hono' || fw === 'h3' ? 2 : 0, ownListener: fw === 'express' ? 2 : 0 };
  const kind = rng.weighted(kinds);
  const needs = new Set();
  let lines;
  switch (kind) {
    // ---- safe
    case 'copiedTimer':
      lines = [`const path = ${d.path};`, `setTimeout(() => log.debug('slow path check', { path }), ${rng.int(1, 20) * 50});`];
      break;
    case 'joined':
      lines = [`await Promise.all([notify${F}(item.id, actor), track('${kebab(F)}.viewed')]);`];
      break;
    case 'clearedTimer':
      lines = [
        `const watchdog = setTimeout(() => log.warn('slow notify', { id: item.id }), ${rng.int(1, 10) * 500});`,
        'try {',
        `  await notify${F}(item.id, actor);`,
        '} finally {',
        '  clearTimeout(watchdog);',
        '}',
      ];
      break;
    case 'laterAwaited':
      lines = [`const related = list${F}(${rng.int(3, 20)});`, `log.debug('loaded', { id: item.id });`, 'const relatedCount = (await related).length;', `log.debug('related', { relatedCount });`];
      break;
    case 'voidTrack':
      lines = [`void track('${kebab(F)}.${rng.pick(['read', 'hit', 'served'])}');`];
      break;
    case 'queueCopy':
      needs.add('jobs');
      lines = [`const itemId = item.id;`, `void jobs.add(() => notify${F}(itemId, actor));`];
      break;
    case 'helperAwaited':
      needs.add('audit');
      lines = [`await audit(${auditArgs(fw)}, 'read');`];
      break;
    case 'ownListener':
      lines = [`res.on('finish', () => log.info('served', { status: res.statusCode, path: req.path }));`];
      break;
    case 'background':
      if (fw === 'next') {
        needs.add('after');
        lines = unsafe
          ? [`after(() => log.info('served', { url: request.url }));`]
          : [`const url = request.url;`, `after(() => log.info('served', { url }));`];
      } else if (fw === 'hono') {
        needs.add('audit');
        lines = unsafe
          ? [`c.executionCtx.waitUntil(audit(c, 'read'));`]
          : [`c.executionCtx.waitUntil(track('${kebab(F)}.served'));`];
      } else {
        needs.add('audit');
        lines = unsafe ? [`event.waitUntil(audit(event, 'read'));`] : [`event.waitUntil(track('${kebab(F)}.served'));`];
      }
      break;
    // ---- unsafe
    case 'timer':
      lines = [`setTimeout(() => log.info('late log', { path: ${d.path} }), ${rng.int(1, 20) * 50});`];
      break;
    case 'then':
      lines = [`notify${F}(item.id, actor).then(() => log.info('notified', { path: ${d.path} }));`];
      break;
    case 'helperFloating':
      needs.add('audit');
      lines = [`void audit(${auditArgs(fw)}, 'read');`];
      break;
    case 'listener':
      lines = [`bus.once('${kebab(F)}.changed', () => log.info('changed while serving', { path: ${d.path} }));`];
      needs.add('bus');
      break;
    case 'queue':
      needs.add('jobs');
      lines = [`void jobs.add(() => notify${F}(item.id, ${d.header('x-user')} ?? actor));`];
      break;
    case 'lambdaInvocation':
    default:
      needs.add('audit');
      lines = [`void audit(event, context, 'read');`];
      break;
  }
  return { lines, needs, kind, unsafe };
}

function auditArgs(fw) {
  if (fw === 'express') return 'req';
  if (fw === 'lambda') return 'event, context';
  return FW[fw].ctxVar;
}

/** The helper each framework's handlers call to audit a request: it takes the context and reads it after its first `await`, so a floating call is an escape. */
function auditHelper(fw) {
  switch (fw) {
    case 'hono':
      return `async function audit(c: Context, action: string): Promise<void> {
  await Promise.resolve(); // answer first, audit later
  await recordAudit({ actor: c.req.header('x-user') ?? 'anonymous', action, target: c.req.path });
}`;
    case 'express':
      return `async function audit(req: Request, action: string): Promise<void> {
  await Promise.resolve(); // answer first, audit later
  await recordAudit({ actor: req.get('x-user') ?? 'anonymous', action, target: req.originalUrl });
}`;
    case 'koa':
      return `async function audit(ctx: Context, action: string): Promise<void> {
  await Promise.resolve(); // answer first, audit later
  await recordAudit({ actor: ctx.get('x-user') || 'anonymous', action, target: ctx.path });
}`;
    case 'fastify':
      return `async function audit(request: FastifyRequest, action: string): Promise<void> {
  await Promise.resolve(); // answer first, audit later
  await recordAudit({ actor: request.headers['x-user']?.toString() ?? 'anonymous', action, target: request.url, requestId: request.id });
}`;
    case 'lambda':
      return `async function audit(event: APIGatewayProxyEvent, context: Context, action: string): Promise<void> {
  await Promise.resolve(); // answer first, audit later
  await recordAudit({ actor: event.headers['x-user'] ?? 'anonymous', action, target: event.path, requestId: context.awsRequestId });
}`;
    case 'next':
      return `async function audit(request: NextRequest, action: string): Promise<void> {
  await Promise.resolve(); // answer first, audit later
  await recordAudit({ actor: request.headers.get('x-user') ?? 'anonymous', action, target: request.nextUrl.pathname });
}`;
    case 'h3':
    default:
      return `async function audit(event: H3Event, action: string): Promise<void> {
  await Promise.resolve(); // answer first, audit later
  await recordAudit({ actor: event.req.headers.get('x-user') ?? 'anonymous', action, target: event.url.pathname });
}`;
  }
}

const indent = (lines, n) => lines.map(line => (line ? ' '.repeat(n) + line : line));

/**
 * One route of a handler file: `kind` is get/list/create/remove. Returns the body
 * lines (without indentation) for the framework's handler shape.
 */
function routeBody(fileKind, kind, F, rng, extra, opts) {
  const fw = baseOf(fileKind);
  const d = FW[fw];
  const body = [];
  const actorExpr = `${d.header('x-user')} ?? 'anonymous'`;
  const actor = fw === 'koa' ? `ctx.get('x-user') || 'anonymous'` : actorExpr;
  const respond = (value, status) => {
    switch (fw) {
      case 'hono':
        // OpenAPI route handlers must answer with a declared status code.
        if (fileKind === 'hono-openapi') return [`return c.json(${value}, ${status ?? 200});`];
        return [status ? `return c.json(${value}, ${status});` : `return c.json(${value});`];
      case 'express':
        return [status ? `res.status(${status}).json(${value});` : `res.json(${value});`];
      case 'koa':
        return status ? [`ctx.status = ${status};`, `ctx.body = ${value};`] : [`ctx.body = ${value};`];
      case 'fastify':
        return [status ? `return reply.code(${status}).send(${value});` : `return ${value};`];
      case 'lambda':
        return [`return { statusCode: ${status ?? 200}, headers: JSON_HEADERS, body: JSON.stringify(${value}) };`];
      case 'next':
        return [status ? `return NextResponse.json(${value}, { status: ${status} });` : `return NextResponse.json(${value});`];
      case 'h3':
      default:
        return [`return ${value};`];
    }
  };
  let idExpr = {
    hono: `c.req.param('id')`,
    express: 'req.params.id',
    koa: `ctx.path.split('/').pop() ?? ''`,
    fastify: 'request.params.id',
    lambda: `event.pathParameters?.id ?? ''`,
    next: `request.nextUrl.searchParams.get('id') ?? ''`,
    h3: `getRouterParam(event, 'id') ?? ''`,
  }[fw];
  let limitExpr = {
    hono: `Number(c.req.query('limit') ?? ${opts.pageSize})`,
    express: `Number(req.query.limit ?? ${opts.pageSize})`,
    koa: `Number(ctx.query.limit ?? ${opts.pageSize})`,
    fastify: `Number(request.query.limit ?? ${opts.pageSize})`,
    lambda: `Number(event.queryStringParameters?.limit ?? ${opts.pageSize})`,
    next: `Number(request.nextUrl.searchParams.get('limit') ?? ${opts.pageSize})`,
    h3: `Number(event.url.searchParams.get('limit') ?? ${opts.pageSize})`,
  }[fw];
  let bodyExpr = {
    hono: 'await c.req.json<unknown>()',
    express: 'req.body as unknown',
    koa: '(ctx.request as { body?: unknown }).body',
    fastify: 'request.body',
    lambda: `JSON.parse(event.body ?? '{}') as unknown`,
    next: '(await request.json()) as unknown',
    h3: 'await readBody(event)',
  }[fw];
  // Routes declared with schema validators read validated, typed input instead.
  const validated = {
    'hono-zod': { id: `c.req.valid('param').id`, limit: `c.req.valid('query').limit ?? ${opts.pageSize}`, body: `c.req.valid('json')` },
    'hono-openapi': { id: `c.req.valid('param').id`, limit: `c.req.valid('query').limit ?? ${opts.pageSize}`, body: `c.req.valid('json')` },
    'fastify-typebox': { id: 'request.params.id', limit: `request.query.limit ?? ${opts.pageSize}`, body: 'request.body' },
  }[fileKind];
  if (validated) {
    idExpr = validated.id;
    limitExpr = validated.limit;
    bodyExpr = validated.body;
  }

  switch (kind) {
    case 'get': {
      body.push(`const id = ${idExpr};`);
      if (opts.deferral?.lines.some(line => /\bactor\b/.test(line))) body.push(`const actor = ${actor};`);
      if (extra.guard) body.push(`if (${extra.guard.name}(id)) {`, ...indent(respond(`{ error: 'bad id' }`, 400), 2), ...(fw === 'koa' ? ['  return;'] : fw === 'express' ? ['  return;'] : []), '}');
      body.push(`const item = await load${F}(id);`);
      if (opts.deferral) body.push(...opts.deferral.lines);
      if (extra.str) body.push(...respond(`{ ...item, label: ${extra.str.name}(item.name) }`));
      else body.push(...respond('item'));
      break;
    }
    case 'list': {
      body.push(`const limit = Math.min(${limitExpr}, 100);`);
      if (opts.parallel) body.push(`const [items, stats] = await Promise.all([list${F}(limit), list${F}(${rng.int(100, 1000)})]);`, `log.debug('listed', { count: items.length, total: stats.length });`);
      else body.push(`const items = await list${F}(limit);`);
      if (extra.num) body.push(`const value = ${extra.num.name}(items.map(item => item.amount));`, ...respond('{ items, value }'));
      else body.push(...respond('{ items }'));
      break;
    }
    case 'create': {
      body.push(`const actor = ${actor};`, `const input = ${bodyExpr};`, `const item = await save${F}(input, actor);`);
      if (opts.deferral) body.push(...opts.deferral.lines);
      body.push(...respond('item', 201));
      break;
    }
    case 'remove':
    default: {
      body.push(`const id = ${idExpr};`, `const actor = ${actor};`, `await remove${F}(id, actor);`);
      body.push(...respond('{ deleted: id }'));
      break;
    }
  }
  return body;
}

const ROUTE_KINDS = ['get', 'list', 'create', 'remove'];

/** Schema declarations for the request parts `built` routes validate (params, query, body). */
function requestSchemas(library, model, built) {
  const kinds = new Set(built.map(route => route.kind));
  const M = model.type;
  const lines = [];
  if (library === 'typebox') {
    if (kinds.has('get') || kinds.has('remove')) lines.push(`const IdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });`);
    if (kinds.has('list')) lines.push(`const ListQuery = Type.Object({ limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })) });`);
    if (kinds.has('create')) {
      lines.push(
        `const ${M}Body = Type.Object({ name: Type.String({ minLength: 1, maxLength: 200 }), amount: Type.Optional(Type.Number({ minimum: 0 })), tags: Type.Optional(Type.Array(Type.String(), { maxItems: 20 })) });`,
      );
    }
    return lines;
  }
  const openapi = library === 'zod-openapi';
  if (kinds.has('get') || kinds.has('remove')) {
    lines.push(`const IdParams = z.object({ id: z.string().min(1).max(64)${openapi ? `.openapi({ param: { name: 'id', in: 'path' }, example: '${model.entity.slice(0, 3)}_1' })` : ''} });`);
  }
  if (kinds.has('list')) lines.push(`const ListQuery = z.object({ limit: z.coerce.number().int().positive().max(100).optional() });`);
  if (kinds.has('create')) {
    lines.push(
      `const ${M}Body = z.object({ name: z.string().min(1).max(200), amount: z.number().nonnegative().optional(), tags: z.array(z.string()).max(20).optional() })${openapi ? `.openapi('${M}Input')` : ''};`,
    );
  }
  return lines;
}

/** Response schemas mirroring the model's interface (so handlers' replies type-check against them). */
function responseSchemas(library, model, built) {
  const kinds = new Set(built.map(route => route.kind));
  const M = model.type;
  const zod = library === 'zod';
  const t = {
    string: zod ? 'z.string()' : 'Type.String()',
    number: zod ? 'z.number()' : 'Type.Number()',
    boolean: zod ? 'z.boolean()' : 'Type.Boolean()',
    strings: zod ? 'z.array(z.string())' : 'Type.Array(Type.String())',
    optional: value => (zod ? `${value}.optional()` : `Type.Optional(${value})`),
    status: zod ? `z.enum([${model.statuses.map(v => `'${v}'`).join(', ')}])` : `Type.Union([${model.statuses.map(v => `Type.Literal('${v}')`).join(', ')}])`,
    record: zod ? 'z.record(z.string(), z.string())' : 'Type.Record(Type.String(), Type.String())',
    object: fields => (zod ? `z.object({\n${fields}\n})` : `Type.Object({\n${fields}\n})`),
  };
  const fields = [
    ['id', t.string],
    ['name', t.string],
    ['status', t.status],
    ['ownerId', t.string],
    ['amount', t.number],
    ['tags', t.strings],
    ['createdAt', t.string],
    ...model.fields.map(([field, type]) => [field, t[type]]),
    ['metadata', t.optional(t.record)],
    ['label', t.optional(t.string)],
  ];
  const lines = [`const ${M}Schema = ${t.object(fields.map(([field, type]) => `  ${field}: ${type},`).join('\n'))}${zod ? `.openapi('${M}')` : ''};`];
  if (kinds.has('get')) lines.push(`const ErrorSchema = ${zod ? 'z.object({ error: z.string() })' : 'Type.Object({ error: Type.String() })'};`);
  if (kinds.has('list')) {
    lines.push(
      zod
        ? `const ${M}PageSchema = z.object({ items: z.array(${M}Schema), value: z.number().optional() });`
        : `const ${M}PageSchema = Type.Object({ items: Type.Array(${M}Schema), value: Type.Optional(Type.Number()) });`,
    );
  }
  if (kinds.has('remove')) lines.push(`const DeletedSchema = ${zod ? 'z.object({ deleted: z.string() })' : 'Type.Object({ deleted: Type.String() })'};`);
  return lines;
}

function handlerModule(fw, k, rng, services, utils, options) {
  const service = services[(k * 3 + HANDLER_KINDS.indexOf(fw)) % services.length];
  const F = service.feature;
  const base = `/${kebab(F)}`;
  const strUtil = rng.pick(utils);
  const str = strUtil.exports.find(e => e.kind === 'str');
  const boolUtil = rng.pick(utils);
  const bool = boolUtil.exports.find(e => e.kind === 'bool');
  const numUtil = rng.pick(utils);
  const num = numUtil.exports.find(e => e.kind === 'num');
  const utilImports = new Map();
  const useUtil = (u, e) => {
    if (!e) return undefined;
    const names = utilImports.get(u.file) ?? new Set();
    names.add(e.name);
    utilImports.set(u.file, names);
    return e;
  };
  const routes = rng.sample(ROUTE_KINDS, rng.int(2, 4));
  if (!routes.includes('get')) routes.unshift('get');
  const needs = new Set();
  const stats = { deferrals: 0, unsafe: 0 };
  const pageSize = rng.pick([10, 20, 25, 50]);
  const built = routes.map(kind => {
    const extra = {
      str: rng.chance(0.3) ? useUtil(strUtil, str) : undefined,
      num: rng.chance(0.4) ? useUtil(numUtil, num) : undefined,
      guard: rng.chance(0.25) ? useUtil(boolUtil, bool) : undefined,
    };
    let d;
    if ((kind === 'get' || kind === 'create') && rng.chance(options.deferralRate)) {
      d = deferral(baseOf(fw), F, rng, rng.chance(options.unsafeRate));
      for (const need of d.needs) needs.add(need);
      stats.deferrals++;
      if (d.unsafe) stats.unsafe++;
    }
    return { kind, lines: routeBody(fw, kind, F, rng, extra, { deferral: d, pageSize, parallel: rng.chance(0.3) }) };
  });
  if (built.some(r => r.lines.some(line => /\bbus\./.test(line)))) needs.add('bus');
  if (built.some(r => r.lines.some(line => /\btrack\(/.test(line)))) needs.add('track');
  if (built.some(r => r.lines.some(line => /\bjobs\./.test(line)))) needs.add('jobs');
  if (built.some(r => r.lines.some(line => /\baudit\(/.test(line)))) needs.add('audit');
  const usedServiceFns = ['load', 'list', 'save', 'notify', 'remove'].filter(fn => built.some(r => r.lines.some(line => line.includes(`${fn}${F}(`))));

  const common = [
    needs.has('audit') ? `import { recordAudit } from '../lib/audit.js';` : '',
    needs.has('bus') ? `import { bus } from '../lib/events.js';` : '',
    `import { logger } from '../lib/logger.js';`,
    needs.has('track') ? `import { track } from '../lib/metrics.js';` : '',
    needs.has('jobs') ? `import { jobs } from '../lib/queue.js';` : '',
    `import { ${usedServiceFns.map(fn => `${fn}${F}`).join(', ')} } from '../services/${service.file}.js';`,
    ...[...utilImports].map(([file, names]) => `import { ${[...names].join(', ')} } from '../utils/${file}.js';`),
  ].filter(Boolean);
  const logLine = `const log = logger.child({ routes: '${base}' });`;
  const helper = needs.has('audit') ? `\n${auditHelper(baseOf(fw))}\n` : '';
  const kindPath = kind => (kind === 'get' || kind === 'remove' ? `${base}/:id` : base);
  const method = kind => ({ get: 'get', list: 'get', create: 'post', remove: 'delete' })[kind];
  let code;
  const name = `${F.charAt(0).toLowerCase()}${F.slice(1)}`;

  switch (fw) {
    case 'hono-zod': {
      // Hono RPC style: validators per route, one chained app whose type the client imports.
      const schemas = requestSchemas('zod', service.model, built);
      const validator = kind => ({ get: `zValidator('param', IdParams)`, remove: `zValidator('param', IdParams)`, list: `zValidator('query', ListQuery)`, create: `zValidator('json', ${service.model.type}Body)` })[kind];
      const routeCode = built.map(
        ({ kind, lines }) => `  .${method(kind)}('${kindPath(kind)}', ${validator(kind)}, async c => {\n${indent(lines, 4).join('\n')}\n  })`,
      );
      code = `import { zValidator } from '@hono/zod-validator';
import { Hono${needs.has('audit') ? ', type Context' : ''} } from 'hono';
import { z } from 'zod';

${common.join('\n')}

${logLine}
${helper}
${schemas.join('\n')}

export const ${name}Routes = new Hono()
${routeCode.join('\n')};

export type ${F}Api = typeof ${name}Routes;
`;
      break;
    }
    case 'hono-openapi': {
      // OpenAPI route builders: request and response schemas typed per route.
      const M = service.model.type;
      const schemas = [...requestSchemas('zod-openapi', service.model, built), ...responseSchemas('zod', service.model, built)];
      const routeName = kind => `${kind}${F}Route`;
      const request = kind => ({ get: '{ params: IdParams }', remove: '{ params: IdParams }', list: '{ query: ListQuery }', create: `{ body: { content: { 'application/json': { schema: ${M}Body } }, required: true } }` })[kind];
      const json = (schema, description) => `{ content: { 'application/json': { schema: ${schema} } }, description: '${description}' }`;
      const responses = kind =>
        ({
          get: `{ 200: ${json(`${M}Schema`, `The ${service.model.entity}`)}, 400: ${json('ErrorSchema', 'Invalid id')} }`,
          list: `{ 200: ${json(`${M}PageSchema`, `A page of ${service.model.entity}s`)} }`,
          create: `{ 201: ${json(`${M}Schema`, 'Created')} }`,
          remove: `{ 200: ${json('DeletedSchema', 'Deleted')} }`,
        })[kind];
      const openapiPath = kind => kindPath(kind).replace(':id', '{id}');
      const routeDefs = built.map(
        ({ kind }) => `const ${routeName(kind)} = createRoute({
  method: '${method(kind)}',
  path: '${openapiPath(kind)}',
  tags: ['${service.model.entity}'],
  request: ${request(kind)},
  responses: ${responses(kind)},
});`,
      );
      const routeCode = built.map(({ kind, lines }) => `  .openapi(${routeName(kind)}, async c => {\n${indent(lines, 4).join('\n')}\n  })`);
      code = `import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
${needs.has('audit') ? `import type { Context } from 'hono';\n` : ''}
${common.join('\n')}

${logLine}
${helper}
${schemas.join('\n')}

${routeDefs.join('\n\n')}

export const ${name}Api = new OpenAPIHono()
${routeCode.join('\n')};

export type ${F}OpenApi = typeof ${name}Api;
`;
      break;
    }
    case 'fastify-typebox': {
      // Fastify with the TypeBox type provider: request and reply types come from the schemas.
      const M = service.model.type;
      const schemas = [...requestSchemas('typebox', service.model, built), ...responseSchemas('typebox', service.model, built)];
      const schemaOf = kind =>
        ({
          get: `{ params: IdParams, response: { 200: ${M}Schema, 400: ErrorSchema } }`,
          list: `{ querystring: ListQuery, response: { 200: ${M}PageSchema } }`,
          create: `{ body: ${M}Body, response: { 201: ${M}Schema } }`,
          remove: `{ params: IdParams, response: { 200: DeletedSchema } }`,
        })[kind];
      const routeCode = built.map(({ kind, lines }) => {
        const usesReply = lines.some(line => /\breply\b/.test(line));
        return `  app.${method(kind)}('${kindPath(kind)}', { schema: ${schemaOf(kind)} }, async (request${usesReply ? ', reply' : ''}) => {\n${indent(lines, 4).join('\n')}\n  });`;
      });
      code = `import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
${needs.has('audit') ? `import type { FastifyRequest } from 'fastify';\n` : ''}
${common.join('\n')}

${logLine}
${helper}
${schemas.join('\n')}

export const ${name}Routes: FastifyPluginAsyncTypebox = async app => {
${routeCode.join('\n\n')}
};
`;
      break;
    }
    case 'hono': {
      const routeCode = built.map(
        ({ kind, lines }) => `${name}Routes.${method(kind)}('${kindPath(kind)}', async c => {\n${indent(lines, 2).join('\n')}\n});`,
      );
      code = `import { Hono } from 'hono';
${needs.has('audit') ? `import type { Context } from 'hono';\n` : ''}
${common.join('\n')}

${logLine}
${helper}
export const ${name}Routes = new Hono();

${routeCode.join('\n\n')}
`;
      break;
    }
    case 'express': {
      const routeCode = built.map(({ kind, lines }) => {
        const usesRes = lines.some(line => /\bres\b/.test(line));
        return `${name}Router.${method(kind)}('${kindPath(kind)}', async (req, ${usesRes ? 'res' : '_res'}) => {\n${indent(lines, 2).join('\n')}\n});`;
      });
      code = `import { Router${needs.has('audit') ? ', type Request' : ''} } from 'express';

${common.join('\n')}

${logLine}
${helper}
export const ${name}Router = Router();

${routeCode.join('\n\n')}
`;
      break;
    }
    case 'koa': {
      // Koa: one dispatching middleware per resource, or one exported handler per route.
      const inline = rng.chance(0.5);
      if (inline) {
        const branches = built.map(({ kind, lines }) => {
          const cond = kind === 'get' || kind === 'remove' ? `ctx.method === '${method(kind).toUpperCase()}' && ctx.path.startsWith('${base}/')` : `ctx.method === '${method(kind).toUpperCase()}' && ctx.path === '${base}'`;
          return `  if (${cond}) {\n${indent(lines, 4).join('\n')}\n    return;\n  }`;
        });
        code = `import type Koa from 'koa';
${needs.has('audit') ? `import type { Context } from 'koa';\n` : ''}
${common.join('\n')}

${logLine}
${helper}
export function mount${F}(app: Koa): void {
  app.use(async (ctx, next) => {
${branches.map(b => indent(b.split('\n'), 2).join('\n')).join('\n')}
    await next();
  });
}
`;
      } else {
        const fns = built.map(({ kind, lines }) => `export async function ${kind}${F}Handler(ctx: Context): Promise<void> {\n${indent(lines, 2).join('\n')}\n}`);
        code = `import type { Context } from 'koa';

${common.join('\n')}

${logLine}
${helper}
${fns.join('\n\n')}
`;
      }
      break;
    }
    case 'fastify': {
      const routeCode = built.map(({ kind, lines }) => {
        const generic = kind === 'get' || kind === 'remove' ? '<{ Params: { id: string } }>' : kind === 'list' ? '<{ Querystring: { limit?: string } }>' : '';
        const usesReply = lines.some(line => /\breply\b/.test(line));
        return `  app.${method(kind)}${generic}('${kindPath(kind)}', async (request${usesReply ? ', reply' : ''}) => {\n${indent(lines, 4).join('\n')}\n  });`;
      });
      code = `import type { FastifyInstance${needs.has('audit') ? ', FastifyRequest' : ''} } from 'fastify';

${common.join('\n')}

${logLine}
${helper}
export async function ${name}Routes(app: FastifyInstance): Promise<void> {
${routeCode.join('\n\n')}
}
`;
      break;
    }
    case 'lambda': {
      const fns = built.map(({ kind, lines }) => {
        const usesContext = lines.some(line => /\bcontext\b/.test(line));
        return `export const ${kind}${F}Handler = async (event: APIGatewayProxyEvent, ${usesContext ? 'context' : '_context'}: Context): Promise<APIGatewayProxyResult> => {\n${indent(lines, 2).join('\n')}\n};`;
      });
      const sqs = rng.chance(0.4)
        ? `

export async function consume${F}(event: SQSEvent, context: Context): Promise<void> {
  const started = Date.now();
  await Promise.all(
    event.Records.map(async record => {
      const body = JSON.parse(record.body) as { id?: string; actor?: string };
      if (body.id) await notify${F}(body.id, body.actor ?? 'system');
    }),
  );
  log.info('consumed', { records: event.Records.length, ms: Date.now() - started, requestId: context.awsRequestId });
}`
        : '';
      const common2 = sqs && !usedServiceFns.includes('notify')
        ? common.map(line => line.replace(`} from '../services/`, `, notify${F} } from '../services/`))
        : common;
      code = `import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context${sqs ? ', SQSEvent' : ''} } from 'aws-lambda';

${common2.join('\n')}

${logLine}
const JSON_HEADERS = { 'content-type': 'application/json' };
${helper}
${fns.join('\n\n')}${sqs}
`;
      break;
    }
    case 'next': {
      const verbs = { get: 'GET', list: 'GET', create: 'POST', remove: 'DELETE' };
      const seen = new Set();
      const fns = [];
      for (const { kind, lines } of built) {
        const verb = verbs[kind];
        if (seen.has(verb)) continue;
        seen.add(verb);
        fns.push(`export async function ${verb}(request: NextRequest): Promise<NextResponse> {\n${indent(lines, 2).join('\n')}\n}`);
      }
      const importsAfter = needs.has('after');
      code = `import { type NextRequest, NextResponse${importsAfter ? ', after' : ''} } from 'next/server';

${common.map(line => line.replaceAll("'../", "'../../../src/")).join('\n')}

${logLine}
${helper}
${fns.join('\n\n')}
`;
      break;
    }
    case 'h3':
    default: {
      const usesParam = built.some(r => r.lines.some(line => line.includes('getRouterParam(')));
      const usesBody = built.some(r => r.lines.some(line => line.includes('readBody(')));
      const routeCode = built.map(({ kind, lines }) => `${name}App.${method(kind)}('${kindPath(kind)}', async event => {\n${indent(lines, 2).join('\n')}\n});`);
      const h3Imports = ['H3', usesParam && 'getRouterParam', usesBody && 'readBody', needs.has('audit') && 'type H3Event'].filter(Boolean);
      code = `import { ${h3Imports.join(', ')} } from 'h3';

${common.join('\n')}

${logLine}
${helper}
export const ${name}App = new H3();

${routeCode.join('\n\n')}
`;
      break;
    }
  }
  return { code: code.replace(/\n{3,}/g, '\n\n'), stats };
}

// ---------------------------------------------------------------------------
// Middleware.

function middlewareModule(fw, k, rng) {
  const n = k;
  switch (fw) {
    case 'hono':
      return `import type { Context, Next } from 'hono';

import { newId } from '../lib/ids.js';
import { logger } from '../lib/logger.js';
import { startTimer } from '../lib/metrics.js';

export async function timing${n}(c: Context, next: Next): Promise<void> {
  const stop = startTimer('http.${n}');
  await next();
  c.header('x-response-time', \`\${stop().toFixed(1)}ms\`);
}

export async function requestId${n}(c: Context, next: Next): Promise<void> {
  const id = c.req.header('x-request-id') ?? newId('req');
  c.header('x-request-id', id);
  await next();
  logger.debug('request', { id, path: c.req.path, status: c.res.status });
}
`;
    case 'express':
      return `import type { NextFunction, Request, Response } from 'express';

import { toBody, toStatus } from '../lib/errors.js';
import { logger } from '../lib/logger.js';
import { startTimer } from '../lib/metrics.js';

export function accessLog${n}(req: Request, res: Response, next: NextFunction): void {
  const stop = startTimer('http.${n}');
  res.on('finish', () => {
    logger.info('request', { method: req.method, path: req.path, status: res.statusCode, ms: stop() });
  });
  next();
}

export function requireJson${n}(req: Request, res: Response, next: NextFunction): void {
  if (req.method !== 'GET' && !req.is('application/json')) {
    res.status(415).json({ error: 'expected JSON' });
    return;
  }
  next();
}

export function errors${n}(error: unknown, _req: Request, res: Response, next: NextFunction): void {
  if (res.headersSent) {
    next(error);
    return;
  }
  res.status(toStatus(error)).json(toBody(error));
}
`;
    case 'koa':
      return `import type { Context, Next } from 'koa';

import { toBody, toStatus } from '../lib/errors.js';
import { logger } from '../lib/logger.js';

export async function timing${n}(ctx: Context, next: Next): Promise<void> {
  const start = Date.now();
  await next();
  ctx.set('x-response-time', \`\${Date.now() - start}ms\`);
}

export async function errors${n}(ctx: Context, next: Next): Promise<void> {
  try {
    await next();
  } catch (error) {
    ctx.status = toStatus(error);
    ctx.body = toBody(error);
    logger.warn('request failed', { path: ctx.path, status: ctx.status });
  }
}
`;
    case 'fastify':
      return `import type { FastifyInstance } from 'fastify';

import { toBody, toStatus } from '../lib/errors.js';
import { track } from '../lib/metrics.js';

export function registerHooks${n}(app: FastifyInstance): void {
  app.addHook('onRequest', async request => {
    request.log.debug({ url: request.url }, 'incoming');
  });
  app.addHook('onResponse', async (request, reply) => {
    await track(\`http.\${request.method}.\${reply.statusCode}\`, reply.elapsedTime);
  });
  app.setErrorHandler(async (error, _request, reply) => {
    return reply.code(toStatus(error)).send(toBody(error));
  });
}
`;
    case 'lambda':
      return `import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context, Handler } from 'aws-lambda';

import { toBody, toStatus } from '../lib/errors.js';
import { logger } from '../lib/logger.js';

type ApiHandler = (event: APIGatewayProxyEvent, context: Context) => Promise<APIGatewayProxyResult>;

export function withErrors${n}(handler: ApiHandler): Handler<APIGatewayProxyEvent, APIGatewayProxyResult> {
  return async (event, context) => {
    try {
      return await handler(event, context);
    } catch (error) {
      logger.error('handler failed', { requestId: context.awsRequestId, path: event.path });
      return { statusCode: toStatus(error), body: JSON.stringify(toBody(error)) };
    }
  };
}
`;
    case 'next':
      return `import { type NextRequest, NextResponse } from 'next/server';

import { newId } from '../lib/ids.js';

export function withRequestId${n}(request: NextRequest): NextResponse {
  const response = NextResponse.next();
  response.headers.set('x-request-id', request.headers.get('x-request-id') ?? newId('req'));
  return response;
}

export function isApiRequest${n}(request: NextRequest): boolean {
  return request.nextUrl.pathname.startsWith('/api/');
}
`;
    case 'h3':
    default:
      return `import type { H3 } from 'h3';

import { newId } from '../lib/ids.js';
import { logger } from '../lib/logger.js';

export function useRequestLog${n}(app: H3): void {
  app.use(async (event, next) => {
    const start = Date.now();
    const id = event.req.headers.get('x-request-id') ?? newId('req');
    const result = await next();
    logger.info('request', { id, path: event.url.pathname, ms: Date.now() - start });
    return result;
  });
}
`;
  }
}

// ---------------------------------------------------------------------------
// Assembling the corpus.

const TSCONFIG = {
  compilerOptions: {
    target: 'es2022',
    module: 'esnext',
    moduleResolution: 'bundler',
    lib: ['es2023', 'dom', 'dom.iterable'],
    types: ['node'],
    strict: true,
    skipLibCheck: true,
    esModuleInterop: true,
    noEmit: true,
  },
  include: ['src/**/*.ts', 'app/**/*.ts'],
};

/**
 * Builds the corpus in memory: a Map from relative path to file text, plus a
 * summary. Deterministic: the same `files` and `seed` give the same bytes.
 */
export function buildCorpus({ files, seed = DEFAULT_SEED, deferralRate = 0.35, unsafeRate = 0.3 }) {
  if (!Number.isInteger(files) || files < MIN_FILES) throw new RangeError(`files must be an integer >= ${MIN_FILES}`);
  const { counts, handlers } = plan(files);
  const out = new Map();
  const rngFor = file => new Rng(hash32(`${seed}\u0000${file}`));
  const summary = { files, seed: String(seed), kinds: { lib: LIB_FILES.length, ...counts }, handlers, routesWithDeferredWork: 0, unsafeDeferrals: 0 };

  for (const name of LIB_FILES) out.set(`src/lib/${name}.ts`, LIB[name]);

  const utils = [];
  for (let k = 0; k < counts.utils; k++) {
    const theme = UTIL_THEMES[k % UTIL_THEMES.length];
    const file = `${theme}-${k}`;
    const { code, exports } = utilModule(k, theme, rngFor(file), utils);
    utils.push({ file, exports });
    out.set(`src/utils/${file}.ts`, code);
  }

  const models = [];
  for (let m = 0; m < counts.models; m++) {
    const entity = ENTITIES[m % ENTITIES.length];
    const file = `${entity}-${m}`;
    const model = modelModule(m, rngFor(file));
    models.push({ ...model, file });
    out.set(`src/models/${file}.ts`, model.code);
  }

  for (let t = 0; t < counts.types; t++) {
    const file = `contracts-${t}`;
    out.set(`src/types/${file}.ts`, typesModule(t, rngFor(file), models).code);
  }

  const services = [];
  for (let s = 0; s < counts.services; s++) {
    const model = models[s % models.length];
    const file = `${model.entity}-service-${s}`;
    const service = serviceModule(s, rngFor(file), models, utils);
    services.push({ file, feature: service.feature, model: service.model });
    out.set(`src/services/${file}.ts`, service.code);
  }

  for (let k = 0; k < counts.clients; k++) {
    const file = `client-${k}`;
    out.set(`src/clients/${file}.ts`, clientModule(k, rngFor(file), models).code);
  }

  for (let k = 0; k < counts.jobs; k++) {
    const file = `worker-${k}`;
    out.set(`src/jobs/${file}.ts`, jobModule(k, rngFor(file), services).code);
  }

  for (let k = 0; k < counts.middleware; k++) {
    const fw = FRAMEWORKS[k % FRAMEWORKS.length];
    const file = `${fw}-${k}`;
    out.set(`src/middleware/${file}.ts`, middlewareModule(fw, k, rngFor(file)));
  }

  for (const fw of HANDLER_KINDS) {
    for (let k = 0; k < handlers[fw]; k++) {
      const rel = fw === 'next' ? `app/api/${fw}-${k}/route.ts` : `src/${fw}/routes-${k}.ts`;
      const { code, stats } = handlerModule(fw, k, rngFor(rel), services, utils, { deferralRate, unsafeRate });
      summary.routesWithDeferredWork += stats.deferrals;
      summary.unsafeDeferrals += stats.unsafe;
      out.set(rel, code);
    }
  }

  out.set('tsconfig.json', `${JSON.stringify(TSCONFIG, null, 2)}\n`);
  out.set('package.json', `${JSON.stringify({ name: `bench-corpus-${files}`, private: true, type: 'module' }, null, 2)}\n`);
  let lines = 0;
  for (const [rel, text] of out) if (rel.endsWith('.ts')) lines += text.split('\n').length - 1;
  summary.sourceFiles = [...out.keys()].filter(rel => rel.endsWith('.ts')).length;
  summary.lines = lines;
  return { files: out, summary };
}

/**
 * Writes a corpus of `files` TypeScript files to `outDir` (replacing it), with
 * tsconfig.json and package.json. Returns the summary.
 */
export function generateCorpus({ files, seed = DEFAULT_SEED, outDir, deferralRate, unsafeRate }) {
  if (!outDir) throw new TypeError('outDir is required');
  const corpus = buildCorpus({ files, seed, deferralRate, unsafeRate });
  rmSync(outDir, { recursive: true, force: true });
  for (const [rel, text] of corpus.files) {
    const target = path.join(outDir, rel);
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, text);
  }
  writeFileSync(path.join(outDir, 'corpus.json'), `${JSON.stringify(corpus.summary, null, 2)}\n`);
  return corpus.summary;
}

// ---------------------------------------------------------------------------
// CLI.

function parseArgs(argv) {
  const args = { sizes: DEFAULT_SIZES, seed: DEFAULT_SEED, out: DEFAULT_CORPUS_ROOT };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const v = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : argv[++i];
      if (v === undefined) throw new Error(`${arg} needs a value`);
      return v;
    };
    if (arg.startsWith('--sizes')) args.sizes = value().split(',').map(Number);
    else if (arg.startsWith('--seed')) args.seed = value();
    else if (arg.startsWith('--out')) args.out = path.resolve(value());
    else if (arg === '--help' || arg === '-h') {
      console.log('Usage: node bench/generate.mjs [--sizes 200,1000,4000] [--seed <string>] [--out <dir>]');
      process.exit(0);
    } else throw new Error(`unknown argument ${arg}`);
  }
  return args;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = parseArgs(process.argv.slice(2));
  for (const size of args.sizes) {
    const outDir = path.join(args.out, String(size));
    const summary = generateCorpus({ files: size, seed: args.seed, outDir });
    console.log(
      `${path.relative(process.cwd(), outDir) || outDir}: ${summary.sourceFiles} files, ${summary.lines} lines, ` +
        `${summary.routesWithDeferredWork} routes with deferred work (${summary.unsafeDeferrals} unsafe)`,
    );
  }
}
