import path from 'node:path';
import { expect, it } from 'vitest';

import plugin from '../src/index.js';
import { createTypedESLint, ruleConfig } from './util/typed-eslint.js';

const ROOT = path.join(import.meta.dirname, '..');

// The plugin's own sources, tests and bundled examples, linted with every rule
// of the plugin on: varied real code must never crash them. (The other read
// mode and options are covered case by case by the rule suites.)
it('lints the repository itself without a crash', async () => {
  const files = ['src/**/*.ts', 'tests/*.ts', 'tests/rules/**/*.ts', 'tests/util/*.ts', 'examples/**/*.ts', 'examples/**/*.tsx'];
  const eslint = createTypedESLint(ROOT, ...Object.keys(plugin.rules).map(name => ruleConfig(name)));
  const results = await eslint.lintFiles(files);
  expect(results.length).toBeGreaterThan(30);
  const fatal = results.flatMap(result =>
    result.messages.filter(message => message.fatal).map(message => `${result.filePath}: ${message.message}`),
  );
  expect(fatal).toEqual([]);
  // The examples app is there to show findings; it must keep showing some, from every rule.
  const exampleRules = new Set(
    results
      .filter(result => result.filePath.includes(`${path.sep}examples${path.sep}`))
      .flatMap(result => result.messages.map(message => message.ruleId)),
  );
  expect([...exampleRules].sort()).toEqual(
    Object.keys(plugin.rules)
      .map(name => `context-escape/${name}`)
      .sort(),
  );
});
