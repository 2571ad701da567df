import path from 'node:path';
import { ESLint } from 'eslint';
import ts from 'typescript';
import { expect, it } from 'vitest';

import plugin from '../src/index.js';
import { typedLintOptions } from './util/typed-eslint.js';

const EXAMPLES = path.join(import.meta.dirname, '..', 'examples');

/**
 * `eslint --fix` over the demo app: the fixed app type-checks with no new
 * errors, and what remains reported has no fix left (only what cannot be fixed).
 */
it('fixes examples/ into code that type-checks and leaves only unfixable findings', async () => {
  const options = typedLintOptions(EXAMPLES, plugin.configs.recommended);
  const fixed = await new ESLint({ ...options, fix: true }).lintFiles(['**/*.ts', '**/*.tsx']);
  const outputs = new Map(fixed.filter(result => result.output !== undefined).map(result => [result.filePath, result.output!]));
  expect(outputs.size).toBeGreaterThan(3);

  expect(typeErrors(new Map())).toEqual([]);
  expect(typeErrors(outputs)).toEqual([]);

  // ESLint re-lints each fixed file until no fix applies (at most 10 passes), so
  // the messages it returns are those of the fixed text: none may carry a fix.
  for (const result of fixed.filter(result => outputs.has(result.filePath))) {
    expect(result.messages.filter(message => message.fix)).toEqual([]);
    expect(result.messages.length).toBeGreaterThan(0);
  }
});

/** TypeScript errors of the examples project, with some files replaced by fixed text. */
function typeErrors(replaced: ReadonlyMap<string, string>): string[] {
  const config = ts.getParsedCommandLineOfConfigFile(
    path.join(EXAMPLES, 'tsconfig.json'),
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: diagnostic => {
        throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
      },
    },
  )!;
  const host = ts.createCompilerHost(config.options);
  const readFile = host.readFile.bind(host);
  host.readFile = fileName => replaced.get(path.resolve(fileName)) ?? readFile(fileName);
  const program = ts.createProgram(config.fileNames, config.options, host);
  return ts
    .getPreEmitDiagnostics(program)
    .map(diagnostic => `${diagnostic.file?.fileName ?? ''}: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')}`);
}
