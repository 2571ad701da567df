import path from 'node:path';
import { expect, it } from 'vitest';

import { createTypedESLint, ruleConfig } from './util/typed-eslint.js';

const ROOT = path.join(import.meta.dirname, '..');

// The plugin's own sources, tests and bundled examples, linted with the rule
// on under both read modes: varied real code must never crash it.
it('lints the repository itself without a crash', async () => {
  const files = ['src/**/*.ts', 'tests/*.ts', 'tests/rules/**/*.ts', 'tests/util/*.ts', 'examples/**/*.ts', 'examples/**/*.tsx'];
  for (const reads of ['all', 'unsafe-only']) {
    const eslint = createTypedESLint(ROOT, ruleConfig('no-escaping-context', [{ reads }]));
    const results = await eslint.lintFiles(files);
    expect(results.length).toBeGreaterThan(30);
    const fatal = results.flatMap(result =>
      result.messages.filter(message => message.fatal).map(message => `${result.filePath}: ${message.message}`),
    );
    expect(fatal).toEqual([]);
    // The examples app is there to show findings; it must keep showing some.
    const exampleFindings = results
      .filter(result => result.filePath.includes(`${path.sep}examples${path.sep}`))
      .reduce((sum, result) => sum + result.messages.length, 0);
    expect(exampleFindings).toBeGreaterThan(10);
  }
});
