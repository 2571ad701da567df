import path from 'node:path';
import parser from '@typescript-eslint/parser';
import { ESLint as ESLint10 } from 'eslint';
import { ESLint as ESLint9 } from 'eslint-v9';
import { describe, expect, it } from 'vitest';

import plugin from '../src/index.js';
import { FIXTURES } from './util/rule-tester.js';

const code = `import { Hono } from 'hono';
new Hono().get('/', c => {
  setTimeout(() => console.log(c.req.header('user-agent')), 10);
  return c.text('ok');
});
`;

const fixed = `import { Hono } from 'hono';
new Hono().get('/', c => {
  const userAgent = c.req.header('user-agent');
  setTimeout(() => console.log(userAgent), 10);
  return c.text('ok');
});
`;

// The plugin supports ESLint 9 and 10; both apply meta.defaultOptions and the fix the same way.
describe.each([
  ['ESLint 9', ESLint9],
  ['ESLint 10', ESLint10],
] as const)('%s', (_name, ESLint) => {
  const eslint = new ESLint({
    cwd: FIXTURES,
    fix: true,
    overrideConfigFile: true,
    overrideConfig: [
      {
        files: ['**/*.ts'],
        languageOptions: { parser, parserOptions: { projectService: true, tsconfigRootDir: FIXTURES } },
        ...plugin.configs.strict,
      },
    ],
  });

  it('reports and fixes a captured context with the strict config', async () => {
    const [result] = await eslint.lintText(code, { filePath: path.join(FIXTURES, 'file.ts') });
    expect(result.messages).toEqual([]);
    expect(result.output).toBe(fixed);
  });

  it('reports without a fix when the use is a write', async () => {
    const write = code.replace("console.log(c.req.header('user-agent'))", "c.header('x-late', '1')");
    const [result] = await eslint.lintText(write, { filePath: path.join(FIXTURES, 'file.ts') });
    expect(result.messages.map(message => [message.ruleId, message.messageId, message.line])).toEqual([
      ['context-escape/no-escaping-context', 'writesAfterResponse', 3],
    ]);
    expect(result.output).toBeUndefined();
  });
});
