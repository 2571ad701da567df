#!/usr/bin/env node
// Fuzzes every rule of the plugin with random TypeScript programs around
// request handlers and deferred work (typed linting, every rule on).
//
//   npm run fuzz -- --runs 500 --seed 42
//
// Options:
//   --runs N          programs to lint (default 200)
//   --seed S          fast-check seed (default: random, printed)
//   --shrink-time S   seconds to spend shrinking each new failure (default 120)
//   --metamorphic     also lint each program without syntactic wrappers and
//                     print programs whose reports differ
//   --safe            generate only programs in which no context reaches deferred
//                     work, and shrink and print every program that gets a report
//   --typecheck       count TypeScript errors in the generated programs (checks the generator)
//   --print           print every generated program
//
// A failure (a crash, or a fix or suggestion that breaks the code) is shrunk,
// saved to tests/fuzz-regressions/<kind>-<hash>.ts and printed. Generated
// programs the parser rejects are mistakes of the generator: they are saved
// to .cache/fuzz/generator-errors/ instead. Exits with 1 on any failure.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';

import plugin from '../dist/index.js';
import { LIVE_MEMBERS } from '../dist/presets/index.js';
import { REGRESSIONS_DIR, REPO_ROOT, createHarness, runFuzz, saveRegression } from './fuzz-lib.mjs';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '200' },
    seed: { type: 'string' },
    'shrink-time': { type: 'string', default: '120' },
    metamorphic: { type: 'boolean', default: false },
    safe: { type: 'boolean', default: false },
    typecheck: { type: 'boolean', default: false },
    print: { type: 'boolean', default: false },
  },
});

const runs = Number(values.runs);
const seed = values.seed === undefined ? Math.floor(Math.random() * 2 ** 31) : Number(values.seed);
if (!Number.isInteger(runs) || runs < 1 || !Number.isInteger(seed)) {
  console.error('usage: node scripts/fuzz.mjs [--runs N] [--seed S] [--shrink-time SECONDS] [--metamorphic] [--typecheck] [--print]');
  process.exit(2);
}

const cacheDir = path.join(REPO_ROOT, '.cache', 'fuzz');
const dir = path.join(cacheDir, `run-${process.pid}`);
const harness = await createHarness({ plugin, dir, typecheckInputs: values.typecheck, liveMembers: LIVE_MEMBERS });
const started = performance.now();
const typeErrors = { programs: 0, withErrors: 0, codes: new Map() };

console.log(`fuzzing ${runs} programs, seed ${seed}, ${harness.variants.length} rule variants`);

let stats;
try {
  stats = await runFuzz({
    harness,
    runs,
    seed,
    shrinkTimeMs: Number(values['shrink-time']) * 1000,
    metamorphic: values.metamorphic,
    safe: values.safe,
    onProgram(current, result, source) {
      if (values.print) console.log(`--- program ${current.programs} ---\n${source}`);
      if (values.typecheck) {
        const { total, messages } = result.typeErrors ?? { total: 0, messages: [] };
        typeErrors.programs += 1;
        if (total > 0) typeErrors.withErrors += 1;
        for (const message of messages) {
          const code = /TS\d+ .{0,90}/.exec(message)?.[0] ?? message;
          typeErrors.codes.set(code, (typeErrors.codes.get(code) ?? 0) + 1);
        }
      }
      if (current.programs % 25 === 0) {
        const seconds = ((performance.now() - started) / 1000).toFixed(0);
        console.log(`  ${current.programs}/${runs} programs, ${current.reports} reports, ${current.failures} failures, ${seconds}s`);
      }
    },
    onFailure({ source, file, failure, shrinks }) {
      // Only crashes and broken code are regressions of the plugin; programs the
      // parser rejects are the generator's mistakes, unexpected reports are for review.
      const elsewhere = { 'generator-parse-error': 'generator-errors', 'unexpected-report': 'unexpected-reports' }[failure.kind];
      const target = saveRegression(failure.kind, source, failure, elsewhere ? path.join(cacheDir, elsewhere) : REGRESSIONS_DIR, file);
      console.log(`\nFAILURE ${failure.kind} (shrunk ${shrinks} times), saved to ${path.relative(REPO_ROOT, target)}`);
      console.log(failure.message);
      console.log(failure.detail);
      console.log(`--- program (${file}) ---\n${source}`);
    },
    onDiscrepancy({ source, plainSource, file, onlyWrapped, onlyPlain }) {
      const target = path.join(cacheDir, 'discrepancies');
      fs.mkdirSync(target, { recursive: true });
      const name = `d${Date.now()}`;
      fs.writeFileSync(path.join(target, `${name}.ts`), source);
      fs.writeFileSync(path.join(target, `${name}.plain.ts`), plainSource);
      console.log(`\nreports differ between ${path.relative(REPO_ROOT, path.join(target, name))}.ts and its plain rendering (${file}):`);
      for (const line of onlyWrapped) console.log(`  only with wrappers: ${line}`);
      for (const line of onlyPlain) console.log(`  only without:       ${line}`);
    },
  });
} finally {
  harness.dispose();
}

const seconds = ((performance.now() - started) / 1000).toFixed(1);
console.log('');
if (stats.oddities.length > 0) {
  console.log('oddities:');
  for (const oddity of stats.oddities) console.log(`  ${oddity}`);
}
if (values.typecheck) {
  console.log(`generated programs with TypeScript errors: ${typeErrors.withErrors}/${typeErrors.programs}`);
  for (const [code, count] of [...typeErrors.codes].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(`  ${count} x ${code}`);
}
console.log(`programs fuzzed:       ${stats.programs}`);
console.log(`reports:               ${stats.reports}`);
console.log(`fixes verified:        ${stats.fixesVerified}/${stats.fixes}`);
console.log(`suggestions verified:  ${stats.suggestionsVerified}/${stats.suggestions}`);
if (values.metamorphic) console.log(`report discrepancies:  ${stats.discrepancies}`);
if (values.safe) console.log('(--safe: every failure below is an unexpected report, saved under .cache/fuzz/unexpected-reports/)');
console.log(`failures:              ${stats.failures}${stats.repeatedFailures ? ` (+${stats.repeatedFailures} repeats)` : ''}`);
console.log(`seed ${seed}, ${seconds}s`);
process.exitCode = stats.failures > 0 ? 1 : 0;
