// Configuration mistakes and every exported config, through ESLint's Node API:
// bad options are rejected by ESLint's schema validation, missing type
// information gives one clear report, and every config loads and lints.
import type { Linter } from 'eslint';

import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import tsParser from '@typescript-eslint/parser';
import { ESLint } from 'eslint';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import plugin from '../src/index.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const RULE_ID = 'context-escape/no-escaping-context';
const SOURCE_DIR = path.join(ROOT, 'src');
const packageJson = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { name: string; version: string };

// A small TypeScript project inside the repository, so that node_modules resolves.
const PROJECT = path.join(ROOT, '.cache', `config-test-${process.pid}`);
const FIXTURE_OPTIONS = (
  JSON.parse(fs.readFileSync(path.join(ROOT, 'tests', 'fixtures', 'tsconfig.json'), 'utf8')) as {
    compilerOptions: Record<string, unknown>;
  }
).compilerOptions;

const HONO_ESCAPE = `import { Hono } from 'hono';
new Hono().get('/', c => {
  setTimeout(() => c.status(500), 10);
  return c.text('ok');
});
`;

// A timer that only reads the context: a capture without a copy, which breaks nothing yet.
const HONO_READ = `import { Hono } from 'hono';
declare function log(message: string, fields?: Record<string, unknown>): void;
new Hono().get('/', c => {
  setTimeout(() => log('late', { ua: c.req.header('user-agent') }), 10);
  return c.text('ok');
});
`;

beforeAll(() => {
  fs.mkdirSync(PROJECT, { recursive: true });
  fs.writeFileSync(
    path.join(PROJECT, 'tsconfig.json'),
    JSON.stringify({ compilerOptions: FIXTURE_OPTIONS, include: ['included.ts', 'read-only.ts'] }),
  );
  fs.writeFileSync(path.join(PROJECT, 'included.ts'), HONO_ESCAPE);
  fs.writeFileSync(path.join(PROJECT, 'read-only.ts'), HONO_READ);
  fs.writeFileSync(path.join(PROJECT, 'outside.ts'), HONO_ESCAPE);
  fs.writeFileSync(path.join(PROJECT, 'plain.js'), 'setTimeout(() => {}, 1);\n');
});

afterAll(() => {
  fs.rmSync(PROJECT, { recursive: true, force: true });
});

function eslintWith(config: Linter.Config[]): ESLint {
  return new ESLint({ cwd: PROJECT, overrideConfigFile: true, overrideConfig: config });
}

const typedLanguageOptions: Linter.Config['languageOptions'] = {
  parser: tsParser,
  parserOptions: { projectService: true, tsconfigRootDir: PROJECT },
};

async function lintTyped(config: Linter.Config, file = 'included.ts'): Promise<Linter.LintMessage[]> {
  const eslint = eslintWith([{ files: ['**/*.ts'], languageOptions: typedLanguageOptions }, config]);
  const [result] = await eslint.lintFiles([path.join(PROJECT, file)]);
  return result.messages;
}

/** The error ESLint throws for `options`, or `undefined` when it lints. */
async function optionsError(options: unknown): Promise<Error | undefined> {
  const eslint = eslintWith([
    {
      files: ['**/*.ts'],
      plugins: { 'context-escape': plugin },
      languageOptions: { parser: tsParser },
      rules: { [RULE_ID]: ['error', options] },
    },
  ]);
  try {
    await eslint.lintText('export const answer = 42;\n', { filePath: path.join(PROJECT, 'options.ts') });
    return undefined;
  } catch (error) {
    return error as Error;
  }
}

describe('invalid options', () => {
  it.each([
    ['an unknown property', { frameworks: ['hono'] }, '"frameworks"'],
    ['a wrong type', { reads: 5 }, 'Value 5 should be string'],
    ['an unknown `reads` value', { reads: 'some' }, 'Value "some" should be equal to one of the allowed values'],
    ['an unknown preset name', { presets: ['hono', 'rails'] }, 'Value "rails" should be equal to one of the allowed values'],
    ['`presets` as a string', { presets: 'hono' }, 'Value "hono" should be array'],
    ['a specifier without its package', { contexts: [{ from: 'package', name: 'Context' }] }, "should have required property 'package'"],
    [
      'a specifier with an unknown source',
      { contexts: [{ from: 'nowhere', name: 'X' }] },
      'Value "nowhere" should be equal to one of the allowed values',
    ],
    ['an unknown sink family', { sinkFamilies: { cron: true } }, '"cron"'],
    ['a sink family switched by a string', { sinkFamilies: { timers: 'yes' } }, 'Value "yes" should be boolean'],
  ])('rejects %s with ESLint’s schema error', async (_, options, expected) => {
    const error = await optionsError(options);
    expect(error).toBeInstanceOf(Error);
    expect(error!.message).toContain(`Key "rules": Key "${RULE_ID}"`);
    expect(error!.message).toContain(expected);
    // Raised by ESLint's validation before the rule runs: nothing from the plugin's code.
    expect(error!.stack ?? '').not.toContain(SOURCE_DIR);
  });

  it('accepts valid options', async () => {
    await expect(
      optionsError({
        presets: ['hono', 'express'],
        reads: 'unsafe-only',
        contexts: [{ from: 'package', package: 'hono', name: 'Context' }, 'AppContext'],
        sinks: [{ from: 'file', name: 'enqueue' }],
        sinkFamilies: { listeners: false },
      }),
    ).resolves.toBeUndefined();
  });
});

describe('missing type information', () => {
  it('reports once that type information is missing, without an exception', async () => {
    const eslint = eslintWith([
      {
        files: ['**/*.ts'],
        plugins: { 'context-escape': plugin },
        languageOptions: { parser: tsParser },
        rules: { [RULE_ID]: 'error' },
      },
    ]);
    const [result] = await eslint.lintFiles([path.join(PROJECT, 'included.ts')]);
    expect(result.messages).toHaveLength(1);
    expect(result.messages[0]).toMatchObject({ ruleId: RULE_ID, messageId: 'missingTypeInformation', line: 1 });
    expect(result.messages[0].message).toContain('projectService');
    expect(result.messages[0].fatal).toBeUndefined();
  });

  it('leaves a file outside the TypeScript project to the parser’s own error', async () => {
    const messages = await lintTyped(plugin.configs.strict, 'outside.ts');
    expect(messages).toHaveLength(1);
    expect(messages[0].fatal).toBe(true);
    expect(messages[0].ruleId).toBeNull();
    expect(messages[0].message).toMatch(/^Parsing error: .*outside\.ts was not found by the project service/s);
  });

  it('gives JavaScript files under the recommended config one clear message per typed rule', async () => {
    const eslint = eslintWith([plugin.configs.recommended]);
    const [result] = await eslint.lintFiles([path.join(PROJECT, 'plain.js')]);
    expect(result.messages.map(message => [message.ruleId, message.messageId])).toEqual(
      Object.keys(plugin.rules).map(name => [`context-escape/${name}`, 'missingTypeInformation']),
    );
  });

  it('is silenced by the disable-type-checked config', async () => {
    const eslint = eslintWith([plugin.configs.recommended, { files: ['**/*.js'], ...plugin.configs['disable-type-checked'] }]);
    const [result] = await eslint.lintFiles([path.join(PROJECT, 'plain.js')]);
    expect(result.messages).toEqual([]);
  });
});

describe('exported configs', () => {
  const names = Object.keys(plugin.configs) as (keyof typeof plugin.configs)[];

  it('has the general configs and one per preset', () => {
    expect(names).toEqual(
      expect.arrayContaining([
        'essential',
        'recommended',
        'strict',
        'disable-type-checked',
        'disableTypeChecked',
        'hono',
        'express',
        'koa',
      ]),
    );
  });

  it.each(names)('%s loads and lints a typed file', async name => {
    const config = plugin.configs[name];
    // typescript-eslint's spelling is the same config under a second key.
    expect(config.name).toBe(`context-escape/${name === 'disableTypeChecked' ? 'disable-type-checked' : name}`);
    const messages = await lintTyped(config);
    expect(messages.filter(m => m.fatal)).toEqual([]);
    for (const message of messages) expect(message.ruleId).toBe(RULE_ID);
    // The file writes a Hono context from a timer: configs with the Hono preset report it once.
    const reports = ['essential', 'recommended', 'strict', 'hono'].includes(name) ? 1 : 0;
    expect(messages).toHaveLength(reports);
  });

  const SHARED_STATE_ID = 'context-escape/no-shared-request-state';
  const ABORT_ID = 'context-escape/require-abort-handling';

  it('recommended runs each rule with its defaults (upstream requests aside); essential only reports what breaks', () => {
    expect(plugin.configs.recommended.rules).toEqual({
      [RULE_ID]: 'error',
      [SHARED_STATE_ID]: 'error',
      [ABORT_ID]: ['error', { upstreamFetch: false }],
    });
    expect(plugin.configs.essential.rules).toEqual({
      [RULE_ID]: ['error', { reads: 'unsafe-only' }],
      [SHARED_STATE_ID]: 'error',
    });
    expect(plugin.rules['no-escaping-context'].meta.defaultOptions).toEqual([expect.objectContaining({ reads: 'all' })]);
  });

  it('strict adds upstream requests to require-abort-handling', () => {
    expect(plugin.configs.strict.rules).toEqual({ [RULE_ID]: 'error', [SHARED_STATE_ID]: 'error', [ABORT_ID]: 'error' });
    expect(plugin.rules['require-abort-handling'].meta.defaultOptions).toEqual([expect.objectContaining({ upstreamFetch: true })]);
  });

  it('strict enables everything recommended does, at least as strictly', () => {
    for (const [id, entry] of Object.entries(plugin.configs.recommended.rules ?? {})) {
      expect(plugin.configs.strict.rules?.[id]).toBeDefined();
      if (entry === 'error') expect(plugin.configs.strict.rules?.[id]).not.toEqual(['error', { reads: 'unsafe-only' }]);
    }
  });

  it('a preset config is recommended for one framework', () => {
    expect(plugin.configs.hono.rules).toEqual({
      [RULE_ID]: ['error', { presets: ['hono'] }],
      [SHARED_STATE_ID]: ['error', { presets: ['hono'] }],
      [ABORT_ID]: ['error', { upstreamFetch: false, presets: ['hono'] }],
    });
  });

  it('disableTypeChecked is disable-type-checked under typescript-eslint’s spelling', () => {
    expect(plugin.configs.disableTypeChecked).toEqual(plugin.configs['disable-type-checked']);
    expect(plugin.configs.disableTypeChecked.rules).toEqual({ [RULE_ID]: 'off', [SHARED_STATE_ID]: 'off', [ABORT_ID]: 'off' });
  });
});

describe('recommended keeps the copy discipline, essential is breakage only', () => {
  it('recommended reports a timer that only reads the context, with the fix', async () => {
    const messages = await lintTyped(plugin.configs.recommended, 'read-only.ts');
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ ruleId: RULE_ID, messageId: 'escapes', line: 4 });
    expect(messages[0].fix?.text).toContain("const userAgent = c.req.header('user-agent');");
  });

  it('essential leaves the same read alone', async () => {
    expect(await lintTyped(plugin.configs.essential, 'read-only.ts')).toEqual([]);
  });
});

describe('plugin object', () => {
  it('carries its name, version and namespace', () => {
    expect(plugin.meta).toEqual({ name: packageJson.name, version: packageJson.version, namespace: 'context-escape' });
    for (const config of Object.values(plugin.configs)) {
      if (config.plugins) expect(config.plugins['context-escape']).toBe(plugin);
    }
  });

  // dist/ is built from the current sources before the suite (tests/global-setup.ts).
  it('is what require() of the built package returns', () => {
    const require = createRequire(import.meta.url);
    const required = require(ROOT) as typeof plugin;
    expect(required.meta).toEqual(plugin.meta);
    expect(Object.keys(required.rules)).toEqual(Object.keys(plugin.rules));
    expect(Object.keys(required.configs)).toEqual(Object.keys(plugin.configs));
    expect(required.configs.recommended.plugins?.['context-escape']).toBe(required);
  });
});
