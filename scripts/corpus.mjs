#!/usr/bin/env node
// Lints every TypeScript file shipped in the installed node_modules (and the
// generated benchmark corpus in bench/.corpus/, when present) with every rule
// of the plugin on, typed, to find crashes on real-world syntax.
//
//   npm run corpus                      # everything
//   node scripts/corpus.mjs --chunk 300 --only node_modules --limit 500
//
// Files are linted in chunks, each with its own TypeScript program built from
// the test fixtures' compiler options (bench corpora use their own tsconfig).
// A crash is an exception thrown by one of the plugin's rules or a fatal
// message attributed to one; parse errors of odd declaration files are the
// parser's, counted apart. Fixed outputs and suggestions must still parse.
// Reports are written to .cache/corpus/reports.txt.
import { Linter } from 'eslint';
import tsParser from '@typescript-eslint/parser';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import ts from 'typescript';

import plugin from '../dist/index.js';
import { REPO_ROOT, applyFixes, fixtureTsconfig, ruleVariants, syntaxErrors } from './fuzz-lib.mjs';

const { values } = parseArgs({
  options: {
    chunk: { type: 'string', default: '400' },
    only: { type: 'string' },
    limit: { type: 'string' },
  },
});
const chunkSize = Number(values.chunk);
const limit = values.limit === undefined ? Infinity : Number(values.limit);

const EXTENSIONS = /\.(?:[cm]?ts|tsx)$/;
const outDir = path.join(REPO_ROOT, '.cache', 'corpus');
fs.mkdirSync(outDir, { recursive: true });

/** Every TypeScript file under `root`, by real path (symlinked packages once). */
function collect(root, seen = new Set(), files = []) {
  let entries;
  try {
    entries = fs.readdirSync(root, { withFileTypes: true });
  } catch {
    return files;
  }
  for (const entry of entries) {
    const full = path.join(root, entry.name);
    let real;
    try {
      real = fs.realpathSync(full);
    } catch {
      continue;
    }
    if (seen.has(real)) continue;
    seen.add(real);
    const stat = fs.statSync(real, { throwIfNoEntry: false });
    if (stat?.isDirectory()) collect(real, seen, files);
    else if (stat?.isFile() && EXTENSIONS.test(entry.name)) files.push(real);
  }
  return files;
}

/** Units of work: a list of files and the compiler options to build their programs with. */
function units() {
  const list = [];
  if (values.only === undefined || values.only === 'node_modules') {
    const { options } = ts.parseJsonConfigFileContent(fixtureTsconfig([]), ts.sys, REPO_ROOT);
    const files = collect(path.join(REPO_ROOT, 'node_modules')).sort().slice(0, limit);
    list.push({ name: 'node_modules', files, options: { ...options, jsx: ts.JsxEmit.Preserve, allowJs: false, noEmit: true } });
  }
  const benchCorpus = path.join(REPO_ROOT, 'bench', '.corpus');
  if ((values.only === undefined || values.only === 'bench') && fs.existsSync(benchCorpus)) {
    for (const name of fs.readdirSync(benchCorpus).sort()) {
      const tsconfig = path.join(benchCorpus, name, 'tsconfig.json');
      if (!fs.existsSync(tsconfig)) continue;
      const parsed = ts.getParsedCommandLineOfConfigFile(tsconfig, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} });
      if (!parsed) continue;
      // One program for the whole corpus: its files import each other.
      list.push({ name: `bench/.corpus/${name}`, files: parsed.fileNames.slice(0, limit), options: parsed.options, whole: true });
    }
  }
  return list;
}

const variants = ruleVariants(plugin);
const ourRuleIds = new Set(variants.map(v => v.ruleId));
const plugins = Object.fromEntries(variants.map(v => [v.namespace, plugin]));
const rules = Object.fromEntries(variants.map(v => [v.ruleId, ['error', ...v.options]]));
const linter = new Linter({ cwd: REPO_ROOT });

const totals = { files: 0, reports: 0, fixes: 0, suggestions: 0, brokenFixes: 0, crashes: 0, parseErrors: 0, otherErrors: 0, unreadable: 0 };
const brokenFixes = [];
const byMessage = new Map();
const crashes = [];
const parseErrors = [];
const otherErrors = [];
const reportLines = [];
const started = performance.now();

/** Fixes and suggestions must leave the file parseable (a syntactic check: no program per fix). */
function checkFixSyntax(text, messages, relative, file) {
  const ours = messages.filter(m => ourRuleIds.has(m.ruleId));
  if (!ours.some(m => m.fix || m.suggestions?.length)) return;
  const before = syntaxErrors(text, file);
  const outputs = [];
  for (const ruleId of new Set(ours.map(m => m.ruleId))) {
    const own = ours.filter(m => m.ruleId === ruleId);
    if (own.some(m => m.fix)) outputs.push({ what: `fixes of ${ruleId}`, output: applyFixes(text, own).output });
    for (const message of own) {
      for (const suggestion of message.suggestions ?? []) {
        const { range, text: replacement } = suggestion.fix;
        outputs.push({ what: `suggestion "${suggestion.desc}" at ${message.line}:${message.column}`, output: text.slice(0, range[0]) + replacement + text.slice(range[1]) });
      }
    }
  }
  for (const { what, output } of outputs) {
    if (syntaxErrors(output, file) > before) {
      totals.brokenFixes += 1;
      brokenFixes.push(`${relative}: ${what}`);
      console.log(`BROKEN FIX ${relative}: ${what}`);
    }
  }
}

function isOurs(error) {
  const text = `${error?.message ?? ''}\n${error?.stack ?? ''}`;
  return variants.some(v => text.includes(v.ruleId)) || text.includes(path.join(REPO_ROOT, 'dist'));
}

for (const unit of units()) {
  const chunks = [];
  const size = unit.whole ? unit.files.length : chunkSize;
  for (let i = 0; i < unit.files.length; i += size) chunks.push(unit.files.slice(i, i + size));
  console.log(`${unit.name}: ${unit.files.length} files in ${chunks.length} program(s)`);
  for (const [index, chunk] of chunks.entries()) {
    const chunkStarted = performance.now();
    const program = ts.createProgram({ rootNames: chunk, options: unit.options });
    const config = [
      // Files under node_modules are ignored by default; this corpus is made of them.
      { ignores: ['!**/node_modules/'] },
      {
        files: ['**/*.ts', '**/*.tsx', '**/*.mts', '**/*.cts'],
        plugins,
        languageOptions: { parser: tsParser, parserOptions: { programs: [program] } },
        linterOptions: { reportUnusedDisableDirectives: 'off' },
        rules,
      },
    ];
    for (const file of chunk) {
      const sourceFile = program.getSourceFile(file);
      if (!sourceFile) {
        totals.unreadable += 1;
        continue;
      }
      totals.files += 1;
      const relative = path.relative(REPO_ROOT, file);
      let messages;
      try {
        messages = linter.verify(sourceFile.text, config, { filename: file });
      } catch (error) {
        const entry = { file: relative, error: error?.stack ?? String(error) };
        if (isOurs(error)) {
          totals.crashes += 1;
          crashes.push(entry);
          console.log(`CRASH ${relative}\n${entry.error}`);
        } else {
          totals.otherErrors += 1;
          otherErrors.push(entry);
        }
        continue;
      }
      for (const message of messages) {
        if (message.fatal) {
          if (message.ruleId && ourRuleIds.has(message.ruleId)) {
            totals.crashes += 1;
            crashes.push({ file: relative, error: `${message.line}:${message.column} ${message.message}` });
            console.log(`CRASH ${relative}: ${message.message}`);
          } else {
            totals.parseErrors += 1;
            parseErrors.push(`${relative}:${message.line}:${message.column} ${message.message}`);
          }
          continue;
        }
        if (!ourRuleIds.has(message.ruleId)) continue;
        totals.reports += 1;
        if (message.fix) totals.fixes += 1;
        totals.suggestions += message.suggestions?.length ?? 0;
        const key = `${message.ruleId} ${message.messageId}`;
        byMessage.set(key, (byMessage.get(key) ?? 0) + 1);
        const line = sourceFile.text.split('\n')[message.line - 1]?.trim().slice(0, 160);
        reportLines.push(`${relative}:${message.line}:${message.column} ${message.ruleId} ${message.messageId}: ${message.message}\n    ${line}`);
      }
      checkFixSyntax(sourceFile.text, messages, relative, file);
    }
    const seconds = ((performance.now() - chunkStarted) / 1000).toFixed(1);
    const memory = Math.round(process.memoryUsage().rss / 2 ** 20);
    console.log(`  program ${index + 1}/${chunks.length}: ${chunk.length} files, ${seconds}s, rss ${memory} MB, totals: ${totals.reports} reports, ${totals.crashes} crashes`);
  }
}

fs.writeFileSync(path.join(outDir, 'reports.txt'), reportLines.join('\n') + '\n');
fs.writeFileSync(path.join(outDir, 'parse-errors.txt'), parseErrors.join('\n') + '\n');
fs.writeFileSync(
  path.join(outDir, 'crashes.txt'),
  [...crashes, ...otherErrors].map(c => `${c.file}\n${c.error}\n`).join('\n'),
);

const seconds = ((performance.now() - started) / 1000).toFixed(1);
console.log('');
if (parseErrors.length > 0) {
  console.log(`parse errors (the parser's, not the rules'), first ${Math.min(parseErrors.length, 10)}:`);
  for (const line of parseErrors.slice(0, 10)) console.log(`  ${line}`);
}
if (otherErrors.length > 0) {
  console.log(`exceptions not from the plugin's rules, first ${Math.min(otherErrors.length, 5)}:`);
  for (const { file, error } of otherErrors.slice(0, 5)) console.log(`  ${file}: ${error.split('\n')[0]}`);
}
if (byMessage.size > 0) {
  console.log('reports by message:');
  for (const [key, count] of [...byMessage].sort()) console.log(`  ${count} ${key}`);
}
console.log(`files:         ${totals.files}${totals.unreadable ? ` (+${totals.unreadable} not in their program)` : ''}`);
console.log(`reports:       ${totals.reports} (${totals.fixes} with a fix, ${totals.suggestions} suggestions), listed in .cache/corpus/reports.txt`);
console.log(`broken fixes:  ${totals.brokenFixes} (fixed outputs and suggestions that no longer parse)`);
console.log(`crashes:       ${totals.crashes}`);
console.log(`parse errors:  ${totals.parseErrors}`);
console.log(`other errors:  ${totals.otherErrors}`);
console.log(`time:          ${seconds}s`);
process.exitCode = totals.crashes > 0 || totals.brokenFixes > 0 ? 1 : 0;
