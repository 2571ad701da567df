import type { Linter } from 'eslint';

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
 * is checked against that rule's findings only. The demo and this test use
 * `recommended`, the config the README tells users to copy; a marker that also
 * names `strict` (`// BUG(require-abort-handling, strict):`) is reported only
 * under `strict`, and must not be under `recommended`.
 */
it('reports every marked escape in examples/ and nothing in the safe patterns', async () => {
  const recommended = await createTypedESLint(EXAMPLES, plugin.configs.recommended).lintFiles(['**/*.ts', '**/*.tsx']);
  const strict = await createTypedESLint(EXAMPLES, plugin.configs.strict).lintFiles(['**/*.ts', '**/*.tsx']);
  const strictMessages = new Map(strict.map(result => [result.filePath, result.messages]));
  const problems: string[] = [];
  let bugs = 0;
  let strictOnly = 0;
  const bugsPerRule = new Map<string, number>();
  for (const result of recommended) {
    expect(result.messages.filter(message => message.fatal)).toEqual([]);
    const lines = fs.readFileSync(result.filePath, 'utf8').split('\n');
    const file = path.relative(EXAMPLES, result.filePath);
    for (const block of markedBlocks(lines)) {
      const inBlock = (messages: readonly Linter.LintMessage[]): Linter.LintMessage[] =>
        messages.filter(
          message =>
            message.line >= block.from && message.line <= block.to && (!block.rule || message.ruleId === `context-escape/${block.rule}`),
        );
      const findings = inBlock(result.messages);
      const strictFindings = inBlock(strictMessages.get(result.filePath) ?? []);
      if (block.marker === 'BUG' && !block.rule) bugs++;
      if (block.marker === 'BUG' && block.rule) bugsPerRule.set(block.rule, (bugsPerRule.get(block.rule) ?? 0) + 1);
      if (block.marker === 'BUG' && block.strictOnly) {
        strictOnly++;
        if (strictFindings.length === 0) problems.push(`${file}:${block.from - 1} BUG not reported under strict`);
        if (findings.length > 0) problems.push(`${file}:${block.from - 1} strict-only BUG reported under recommended`);
      } else if (block.marker === 'BUG' && findings.length === 0) {
        problems.push(`${file}:${block.from - 1} BUG not reported`);
      }
      if (block.marker === 'OK' && findings.length + strictFindings.length > 0) {
        problems.push(
          `${file}:${[...findings, ...strictFindings][0].line} reported in an OK block: ${[...findings, ...strictFindings][0].message}`,
        );
      }
    }
  }
  expect(problems).toEqual([]);
  expect(bugs).toBeGreaterThanOrEqual(20);
  // One per framework preset.
  expect(bugsPerRule.get('no-shared-request-state')).toBeGreaterThanOrEqual(11);
  // One streaming handler per framework that streams, and more for Hono and Express.
  expect(bugsPerRule.get('require-abort-handling')).toBeGreaterThanOrEqual(11);
  // Upstream requests without the request's signal (strict only).
  expect(strictOnly).toBeGreaterThanOrEqual(4);
});

function markedBlocks(lines: readonly string[]): { marker: 'BUG' | 'OK'; rule?: string; strictOnly: boolean; from: number; to: number }[] {
  const blocks: { marker: 'BUG' | 'OK'; rule?: string; strictOnly: boolean; from: number; to: number }[] = [];
  const MARKER = /\/\/ (BUG|OK)(?:\(([\w-]+)(, strict)?\))?:/;
  lines.forEach((line, index) => {
    const match = MARKER.exec(line);
    if (!match) return;
    const marker = match[1] as 'BUG' | 'OK';
    let end = index + 1;
    while (end < lines.length && !MARKER.test(lines[end]) && !/^\S/.test(lines[end])) end++;
    // 1-based line numbers of the code the marker describes.
    blocks.push({ marker, rule: match[2], strictOnly: match[3] !== undefined, from: index + 2, to: end });
  });
  return blocks;
}
