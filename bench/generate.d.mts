/** Type declarations for bench/generate.mjs (used by tests). */

export declare const DEFAULT_SEED: string;
export declare const DEFAULT_SIZES: readonly number[];
/** Smallest corpus that still holds every kind of file (one route file per kind). */
export declare const MIN_FILES: number;
export declare const DEFAULT_CORPUS_ROOT: string;

export type Framework = 'hono' | 'express' | 'koa' | 'fastify' | 'lambda' | 'next' | 'h3';
/** Kinds of route files: one per framework, plus routes declared with schema validators. */
export type HandlerKind = Framework | 'hono-zod' | 'hono-openapi' | 'fastify-typebox';

export interface CorpusSummary {
  files: number;
  seed: string;
  kinds: Record<'lib' | 'utils' | 'models' | 'services' | 'clients' | 'handlers' | 'middleware' | 'jobs' | 'types', number>;
  handlers: Record<HandlerKind, number>;
  routesWithDeferredWork: number;
  unsafeDeferrals: number;
  sourceFiles: number;
  lines: number;
}

export interface CorpusOptions {
  /** Number of TypeScript files (at least MIN_FILES). */
  files: number;
  seed?: string | number;
  /** Share of get/create routes that schedule deferred work (default 0.35). */
  deferralRate?: number;
  /** Share of those deferrals that capture a request context (default 0.3). */
  unsafeRate?: number;
}

/** Builds the corpus in memory: relative path → file text (tsconfig.json and package.json included). */
export declare function buildCorpus(options: CorpusOptions): { files: Map<string, string>; summary: CorpusSummary };

/** Writes the corpus to `outDir`, replacing it, plus corpus.json; returns the summary. */
export declare function generateCorpus(options: CorpusOptions & { outDir: string }): CorpusSummary;
