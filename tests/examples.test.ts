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
 * block must have a finding and no OK block may have one. A marker that names
 * a rule (`// BUG(no-shared-request-state):`, `// BUG(require-abort-handling):`)
 * is checked against that rule's findings only.
 */
it('reports every marked escape in examples/ and nothing in the safe patterns', async () => {
  const eslint = createTypedESLint(EXAMPLES, plugin.configs.strict);
  const results = await eslint.lintFiles(['**/*.ts', '**/*.tsx']);
  const problems: string[] = [];
  let bugs = 0;
  const bugsPerRule = new Map<string, number>();
  for (const result of results) {
    expect(result.messages.filter(message => message.fatal)).toEqual([]);
    const lines = fs.readFileSync(result.filePath, 'utf8').split('\n');
    const file = path.relative(EXAMPLES, result.filePath);
    for (const block of markedBlocks(lines)) {
      const findings = result.messages.filter(
        message => message.line >= block.from && message.line <= block.to && (!block.rule || message.ruleId === `context-escape/${block.rule}`),
      );
      if (block.marker === 'BUG' && !block.rule) bugs++;
      if (block.marker === 'BUG' && block.rule) bugsPerRule.set(block.rule, (bugsPerRule.get(block.rule) ?? 0) + 1);
      if (block.marker === 'BUG' && findings.length === 0) problems.push(`${file}:${block.from - 1} BUG not reported`);
      if (block.marker === 'OK' && findings.length > 0) {
        problems.push(`${file}:${findings[0].line} reported in an OK block: ${findings[0].message}`);
      }
    }
  }
  expect(problems).toEqual([]);
  expect(bugs).toBeGreaterThanOrEqual(20);
  // One per framework preset.
  expect(bugsPerRule.get('no-shared-request-state')).toBeGreaterThanOrEqual(11);
  // One streaming handler per framework that streams, and more for Hono and Express.
  expect(bugsPerRule.get('require-abort-handling')).toBeGreaterThanOrEqual(11);
});

function markedBlocks(lines: readonly string[]): { marker: 'BUG' | 'OK'; rule?: string; from: number; to: number }[] {
  const blocks: { marker: 'BUG' | 'OK'; rule?: string; from: number; to: number }[] = [];
  const MARKER = /\/\/ (BUG|OK)(?:\(([\w-]+)\))?:/;
  lines.forEach((line, index) => {
    const match = MARKER.exec(line);
    if (!match) return;
    const marker = match[1] as 'BUG' | 'OK';
    let end = index + 1;
    while (end < lines.length && !MARKER.test(lines[end]) && !/^\S/.test(lines[end])) end++;
    // 1-based line numbers of the code the marker describes.
    blocks.push({ marker, rule: match[2], from: index + 2, to: end });
  });
  return blocks;
}
