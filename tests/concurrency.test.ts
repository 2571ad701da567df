// ESLint's `concurrency` option lints files in worker threads, each with its own copy
// of the plugin and its own TypeScript program. The plugin's rules must give the same
// findings there as in one thread: no state may leak between files or programs.
import type { Linter } from 'eslint';

import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ESLint } from 'eslint';
import ts from 'typescript';
import { afterAll, beforeAll, expect, it } from 'vitest';

import plugin from '../src/index.js';

const ROOT = path.join(import.meta.dirname, '..');
const EXAMPLES = path.join(ROOT, 'examples');
const PATTERNS = ['**/*.ts', '**/*.tsx'];
let temporary: string;

/**
 * Worker threads import the options module and the plugin without vitest's
 * TypeScript transform, so the plugin is transpiled to JavaScript first (no type
 * check: `npm run typecheck` does that), next to a copy of package.json and a link
 * to node_modules.
 */
function transpilePlugin(outDir: string): void {
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap(entry =>
      entry.isDirectory() ? walk(path.join(dir, entry.name)) : entry.name.endsWith('.ts') ? [path.join(dir, entry.name)] : [],
    );
  for (const file of walk(path.join(ROOT, 'src'))) {
    const { outputText } = ts.transpileModule(readFileSync(file, 'utf8'), {
      fileName: file,
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
    });
    const target = path.join(outDir, 'dist', path.relative(path.join(ROOT, 'src'), file).replace(/\.ts$/, '.js'));
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, outputText);
  }
  copyFileSync(path.join(ROOT, 'package.json'), path.join(outDir, 'package.json'));
  symlinkSync(path.join(ROOT, 'node_modules'), path.join(outDir, 'node_modules'), 'dir');
}

/**
 * Writes an ESLint options module (what worker threads load) that lints examples/ with
 * type information, the plugin's `strict` config, and every rule of the plugin on.
 */
function optionsModule(concurrency: ESLint.Options['concurrency']): URL {
  const file = path.join(temporary, `options-${String(concurrency)}.mjs`);
  writeFileSync(
    file,
    `import parser from '@typescript-eslint/parser';
import plugin from './dist/index.js';

const cwd = ${JSON.stringify(EXAMPLES)};
const everyRule = Object.fromEntries(Object.keys(plugin.rules).map(name => [\`\${plugin.meta.namespace}/\${name}\`, 'error']));

export default {
  cwd,
  concurrency: ${JSON.stringify(concurrency)},
  overrideConfigFile: true,
  overrideConfig: [
    {
      files: ${JSON.stringify(PATTERNS)},
      languageOptions: { parser, parserOptions: { projectService: true, tsconfigRootDir: cwd } },
      plugins: { [plugin.meta.namespace]: plugin },
      rules: { ...everyRule, ...plugin.configs.strict.rules },
    },
  ],
};
`,
  );
  return pathToFileURL(file);
}

/** Findings per file (relative path → sorted `line:column ruleId messageId message`). */
async function findings(concurrency: ESLint.Options['concurrency']): Promise<Record<string, string[]>> {
  const eslint = await ESLint.fromOptionsModule(optionsModule(concurrency));
  const results = await eslint.lintFiles(PATTERNS);
  return Object.fromEntries(
    results
      .map(
        result =>
          [
            path.relative(EXAMPLES, result.filePath),
            result.messages.map((m: Linter.LintMessage) => `${m.line}:${m.column} ${m.ruleId} ${m.messageId} ${m.message}`).sort(),
          ] as const,
      )
      .sort(([a], [b]) => a.localeCompare(b)),
  );
}

let sequential: Record<string, string[]>;
// A typed lint of examples/ takes seconds; the generous timeouts are for busy CI machines.

beforeAll(async () => {
  temporary = mkdtempSync(path.join(os.tmpdir(), 'context-escape-concurrency-'));
  transpilePlugin(temporary);
  sequential = await findings('off');
}, 300_000);

afterAll(() => {
  if (temporary) rmSync(temporary, { recursive: true, force: true });
});

it('lints examples/ in one thread with every rule and no parse errors', () => {
  const all = Object.values(sequential).flat();
  expect(Object.keys(sequential).length).toBeGreaterThanOrEqual(10);
  expect(all.filter(line => / null undefined /.test(line))).toEqual([]);
  // Each rule of the plugin is on (the strict config and every rule by name).
  expect(Object.keys(plugin.rules).length).toBeGreaterThan(0);
  expect(all.some(line => line.includes(' context-escape/no-escaping-context '))).toBe(true);
}, 300_000);

it.each([2, 'auto'] as const)(
  'gives the same findings per file with concurrency %s',
  async concurrency => {
    expect(await findings(concurrency)).toEqual(sequential);
  },
  300_000,
);
