// Lints the bundled multi-framework example app in examples/ with the plugin
// (built into dist/) and prints what it finds, grouped by file, followed by
// what `eslint --fix` would change. Nothing is written to disk.
//
// Usage: npm run demo   (builds first, then runs this script)
// Exit code: 0 when the demo ran (findings are expected), 1 on parsing or
// configuration errors, 2 on a crash.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { ESLint } from 'eslint';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const examplesDir = path.join(root, 'examples');
const configFile = path.join(examplesDir, 'eslint.config.js');
const patterns = ['**/*.ts', '**/*.tsx'];

/** `examples/hono/app.ts` */
const display = file => path.relative(root, file).split(path.sep).join('/');
/** The framework folder a file belongs to: `hono`, `nextjs`, ... */
const framework = file => path.relative(examplesDir, file).split(path.sep)[0];

function isFatal(message) {
  // Parsing errors have no rule; a missing type-information report means the setup is broken.
  return message.fatal === true || message.ruleId === null || message.messageId === 'missingTypeInformation';
}

function createLinter(fix) {
  return new ESLint({ cwd: examplesDir, overrideConfigFile: configFile, fix, errorOnUnmatchedPattern: true });
}

/** How a finding gets fixed: `fixable` (eslint --fix), `suggestion` (the editor offers edits to choose from) or `by hand`. */
function remedy(message) {
  if (message.fix) return 'fixable';
  if (message.suggestions?.length) return 'suggestion';
  return 'by hand';
}

/**
 * The source lines a report covers, in full, with a caret line under the
 * reported range of the first line (`^` from the column to the end column).
 *
 * @example
 *   excerpt(['  f(c);'], { line: 1, column: 5, endLine: 1, endColumn: 6 })
 *   // ['       1 | f(c);', '         |   ^']
 */
function excerpt(lines, message) {
  const first = message.line;
  const last = Math.max(first, message.endLine ?? first);
  const shown = lines.slice(first - 1, last);
  // Drop the indentation the lines share, so that deep code stays readable; the caret moves with it.
  const indent = Math.min(...shown.filter(text => text.trim()).map(text => /^\s*/.exec(text)[0].length));
  const out = shown.map((text, index) => `${String(first + index).padStart(8)} | ${text.slice(indent)}`);
  const start = (message.column ?? 1) - 1 - indent;
  const end = message.endLine === first && message.endColumn ? message.endColumn - 1 - indent : lines[first - 1].length - indent;
  out.splice(1, 0, `${' '.repeat(8)} | ${' '.repeat(Math.max(start, 0))}${'^'.repeat(Math.max(end - start, 1))}`);
  return out;
}

function printFindings(results) {
  let fatal = 0;
  for (const result of results) {
    if (result.messages.length === 0) continue;
    const lines = readFileSync(result.filePath, 'utf8').split(/\r?\n/);
    console.log(`\n${display(result.filePath)}`);
    for (const message of result.messages) {
      if (isFatal(message)) fatal++;
      const where = `${message.line ?? 0}:${message.column ?? 0}`.padEnd(7);
      const rule = message.ruleId ?? (message.fatal ? 'parsing error' : 'error');
      console.log(`  ${where} ${rule}  [${isFatal(message) ? 'error' : remedy(message)}]`);
      console.log(`          ${message.message}`);
      if (message.line) for (const line of excerpt(lines, message)) console.log(line);
      for (const suggestion of message.suggestions ?? []) console.log(`          suggestion: ${suggestion.desc}`);
    }
  }
  return fatal;
}

function printSummary(results) {
  const findings = results.flatMap(result =>
    result.messages.filter(message => !isFatal(message)).map(message => ({ framework: framework(result.filePath), remedy: remedy(message) })),
  );
  const tally = key => {
    const counts = new Map();
    for (const finding of findings) counts.set(finding[key], (counts.get(finding[key]) ?? 0) + 1);
    return [...counts].sort(([a], [b]) => a.localeCompare(b)).map(([name, count]) => `${name} ${count}`).join(', ') || 'none';
  };
  console.log(`\nSummary: ${results.length} files, ${findings.length} findings (${tally('framework')})`);
  console.log(`         by remedy: ${tally('remedy')}`);
  console.log('         fixable: `eslint --fix` or the editor\'s quick fix; suggestion: pick an edit in the editor; by hand: see the message.');
}

/** A unified diff of two texts, by `diff -u` on temporary files; a plain line listing if `diff` is unavailable. */
function unifiedDiff(name, before, after) {
  const dir = mkdtempSync(path.join(tmpdir(), 'context-escape-demo-'));
  try {
    const a = path.join(dir, 'before');
    const b = path.join(dir, 'after');
    writeFileSync(a, before);
    writeFileSync(b, after);
    const run = spawnSync('diff', ['-u', '--label', `a/${name}`, '--label', `b/${name}`, a, b], { encoding: 'utf8' });
    if (!run.error && (run.status === 0 || run.status === 1)) return run.stdout;
    return lineDiff(name, before, after);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Fallback: removed and added lines from a longest-common-subsequence alignment, without hunk headers. */
function lineDiff(name, before, after) {
  const a = before.split('\n');
  const b = after.split('\n');
  const common = Array.from({ length: a.length + 1 }, () => new Uint32Array(b.length + 1));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      common[i][j] = a[i] === b[j] ? common[i + 1][j + 1] + 1 : Math.max(common[i + 1][j], common[i][j + 1]);
    }
  }
  const out = [`--- a/${name}`, `+++ b/${name}`];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      i++;
      j++;
    } else if (i < a.length && (j === b.length || common[i + 1][j] >= common[i][j + 1])) {
      out.push(`-${a[i++]} (line ${i})`);
    } else {
      out.push(`+${b[j++]} (line ${j})`);
    }
  }
  return `${out.join('\n')}\n`;
}

async function printFixes(findingCount) {
  console.log('\nWhat --fix would change');
  console.log('-----------------------');
  // `fix: true` computes the fixed text in memory; files are only written by ESLint.outputFixes(), which is not called.
  const results = await createLinter(true).lintFiles(patterns);
  let changed = 0;
  let remaining = 0;
  for (const result of results) {
    remaining += result.messages.filter(message => !isFatal(message)).length;
    if (result.output === undefined) continue;
    const before = readFileSync(result.filePath, 'utf8');
    if (result.output === before) continue;
    changed++;
    process.stdout.write(unifiedDiff(display(result.filePath), before, result.output));
  }
  if (changed === 0) {
    console.log('no automatic fixes');
  } else {
    console.log(`\n${changed} file(s) would change; ${Math.max(findingCount - remaining, 0)} finding(s) fixed, ${remaining} left to fix by hand.`);
  }
}

async function main() {
  console.log(`Linting ${display(examplesDir)}/ with ${display(configFile)} (contextEscape.configs.recommended)`);
  const results = await createLinter(false).lintFiles(patterns);
  results.sort((a, b) => a.filePath.localeCompare(b.filePath));
  const fatal = printFindings(results);
  printSummary(results);
  if (fatal > 0) {
    console.error(`\n${fatal} parsing or configuration error(s): the demo could not lint every file.`);
    process.exitCode = 1;
    return;
  }
  const findings = results.reduce((sum, result) => sum + result.messages.length, 0);
  await printFixes(findings);
}

main().catch(error => {
  console.error(error);
  process.exitCode = 2;
});
