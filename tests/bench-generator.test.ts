import { mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';

import { buildCorpus, generateCorpus, MIN_FILES } from '../bench/generate.mjs';

const ROOT = path.join(import.meta.dirname, '..');
const FILES = MIN_FILES;
const temporary: string[] = [];

afterAll(() => {
  for (const dir of temporary) rmSync(dir, { recursive: true, force: true });
});

/** A fresh directory outside the repository that still resolves the repository's node_modules. */
function tempCorpusDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'context-escape-bench-'));
  temporary.push(dir);
  symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  return path.join(dir, 'corpus');
}

function readTree(dir: string, prefix = ''): Map<string, string> {
  const files = new Map<string, string>();
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const rel = path.join(prefix, entry.name);
    if (entry.isDirectory()) for (const [k, v] of readTree(path.join(dir, entry.name), rel)) files.set(k, v);
    else files.set(rel, readFileSync(path.join(dir, entry.name), 'utf8'));
  }
  return files;
}

describe('bench corpus generator', () => {
  it('is deterministic: same seed, same bytes; another seed, other bytes', () => {
    const first = generateCorpus({ files: FILES, seed: 'smoke', outDir: tempCorpusDir() });
    const dirA = temporary.at(-1)!;
    generateCorpus({ files: FILES, seed: 'smoke', outDir: tempCorpusDir() });
    const dirB = temporary.at(-1)!;
    expect(readTree(path.join(dirB, 'corpus'))).toEqual(readTree(path.join(dirA, 'corpus')));

    const other = buildCorpus({ files: FILES, seed: 'other' }).files;
    const same = buildCorpus({ files: FILES, seed: 'smoke' }).files;
    expect([...other.keys()]).toEqual([...same.keys()]);
    expect([...other].some(([file, text]) => same.get(file) !== text)).toBe(true);
    expect(first.sourceFiles).toBe(FILES);
  });

  it('writes every framework with its real typings, and mostly code without deferred work', () => {
    const { files, summary } = buildCorpus({ files: FILES, seed: 'smoke' });
    const sources = [...files.values()].join('\n');
    for (const module of ["'hono'", "'express'", "'koa'", "'fastify'", "'aws-lambda'", "'next/server'", "'h3'"]) {
      expect(sources).toContain(`from ${module}`);
    }
    expect(Object.values(summary.handlers).every(count => count >= 1)).toBe(true);
    expect(Object.keys(summary.handlers)).toEqual(expect.arrayContaining(['hono-zod', 'hono-openapi', 'fastify-typebox']));
    expect(summary.kinds.handlers).toBeLessThan(summary.sourceFiles / 2);
    expect(() => buildCorpus({ files: MIN_FILES - 1 })).toThrow(RangeError);
  });

  it('declares routes with schema validators whose types are expensive to check', () => {
    const { files } = buildCorpus({ files: FILES, seed: 'smoke' });
    const of = (dir: string) => [...files].filter(([file]) => file.startsWith(`src/${dir}/`)).map(([, text]) => text);
    const zod = of('hono-zod');
    expect(zod.length).toBeGreaterThan(0);
    for (const text of zod) {
      expect(text).toContain(`import { zValidator } from '@hono/zod-validator';`);
      expect(text).toMatch(/\.(get|post|delete)\('[^']+', zValidator\('(param|query|json)', \w+\), async c => \{/);
    }
    const openapi = of('hono-openapi');
    expect(openapi.length).toBeGreaterThan(0);
    for (const text of openapi) {
      expect(text).toContain(`import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';`);
      expect(text).toMatch(/\.openapi\(\w+Route, async c => \{/);
    }
    const typebox = of('fastify-typebox');
    expect(typebox.length).toBeGreaterThan(0);
    for (const text of typebox) {
      expect(text).toContain('FastifyPluginAsyncTypebox');
      expect(text).toMatch(/app\.(get|post|delete)\('[^']+', \{ schema: \{ \w+: /);
    }
  });

  it('parses and type-checks with the TypeScript API (every kind of route file included)', () => {
    const outDir = tempCorpusDir();
    generateCorpus({ files: FILES, seed: 'typecheck', outDir });
    const configPath = path.join(outDir, 'tsconfig.json');
    const { config } = ts.readConfigFile(configPath, file => ts.sys.readFile(file)) as { config: unknown };
    const parsed = ts.parseJsonConfigFileContent(config, ts.sys, outDir);
    expect(parsed.errors).toEqual([]);
    expect(parsed.fileNames).toHaveLength(FILES);
    const program = ts.createProgram({ rootNames: parsed.fileNames, options: parsed.options });
    const diagnostics = ts.getPreEmitDiagnostics(program).map(diagnostic => {
      const where = diagnostic.file ? `${path.relative(outDir, diagnostic.file.fileName)}: ` : '';
      return where + ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n');
    });
    expect(parsed.fileNames.some(file => file.includes('/src/hono-openapi/'))).toBe(true);
    expect(diagnostics).toEqual([]);
  }, 300_000);
});
