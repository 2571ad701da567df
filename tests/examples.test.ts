import fs from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';

import plugin from '../src/index.js';
import { createTypedESLint } from './util/typed-eslint.js';

const EXAMPLES = path.join(import.meta.dirname, '..', 'examples');

/**
 * The demo app marks each escape with a `// BUG:` comment and each safe
 * pattern with `// OK:`. A marker covers the lines up to the next marker or
 * the end of the enclosing block (a line starting in column 0). Every BUG
 * block must have a finding and no OK block may have one.
 */
it('reports every marked escape in examples/ and nothing in the safe patterns', async () => {
  const eslint = createTypedESLint(EXAMPLES, plugin.configs.recommended);
  const results = await eslint.lintFiles(['**/*.ts', '**/*.tsx']);
  const problems: string[] = [];
  let bugs = 0;
  for (const result of results) {
    expect(result.messages.filter(message => message.fatal)).toEqual([]);
    const lines = fs.readFileSync(result.filePath, 'utf8').split('\n');
    const file = path.relative(EXAMPLES, result.filePath);
    for (const block of markedBlocks(lines)) {
      const findings = result.messages.filter(message => message.line >= block.from && message.line <= block.to);
      if (block.marker === 'BUG') bugs++;
      if (block.marker === 'BUG' && findings.length === 0) problems.push(`${file}:${block.from - 1} BUG not reported`);
      if (block.marker === 'OK' && findings.length > 0) {
        problems.push(`${file}:${findings[0].line} reported in an OK block: ${findings[0].message}`);
      }
    }
  }
  expect(problems).toEqual([]);
  expect(bugs).toBeGreaterThanOrEqual(20);
}, 120_000);

function markedBlocks(lines: readonly string[]): { marker: 'BUG' | 'OK'; from: number; to: number }[] {
  const blocks: { marker: 'BUG' | 'OK'; from: number; to: number }[] = [];
  lines.forEach((line, index) => {
    const marker = /\/\/ (BUG|OK):/.exec(line)?.[1] as 'BUG' | 'OK' | undefined;
    if (!marker) return;
    let end = index + 1;
    while (end < lines.length && !/\/\/ (BUG|OK):/.test(lines[end]) && !/^\S/.test(lines[end])) end++;
    // 1-based line numbers of the code the marker describes.
    blocks.push({ marker, from: index + 2, to: end });
  });
  return blocks;
}
