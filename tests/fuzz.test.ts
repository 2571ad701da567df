// A short, reproducible fuzz run: a fixed number of random programs around
// handlers and deferred work, linted with every rule of the plugin (typed),
// checking that nothing crashes and that fixes and suggestions never break the
// code. Long campaigns (and shrinking of failures) run outside the test suite:
// `npm run fuzz -- --runs N --seed S`.
import type { Linter } from 'eslint';

import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { FailureEntry, Harness } from '../scripts/fuzz-lib.mjs';

import { createHarness, hoistedLiveState, lintRegressions, REPO_ROOT, runFuzz } from '../scripts/fuzz-lib.mjs';
import plugin from '../src/index.js';
import { LIVE_MEMBERS } from '../src/presets/index.js';

const SEED = 20_261_123;
const RUNS = 10;

let harness: Harness;

beforeAll(async () => {
  harness = await createHarness({
    plugin,
    dir: path.join(REPO_ROOT, '.cache', 'fuzz', `test-${process.pid}`),
    // Suggestions are all parsed; only a couple per program are type-checked here.
    suggestionTypeChecks: 2,
    liveMembers: LIVE_MEMBERS,
  });
});

afterAll(() => {
  harness.dispose();
});

function describeFailure({ failure, file, source }: FailureEntry): string {
  return `${failure.kind}: ${failure.message}\n${failure.detail}\n--- program (${file}) ---\n${source}`;
}

describe('fuzzing', () => {
  it(`lints ${RUNS} generated programs (seed ${SEED}) without crashes or broken fixes`, async () => {
    // No shrinking here (it is bounded by time, not by count): a failure shows the program as generated.
    const stats = await runFuzz({ harness, runs: RUNS, seed: SEED, shrinkTimeMs: 0, maxFailures: 3 });
    expect(stats.failureList.map(describeFailure)).toEqual([]);
    expect(stats.programs).toBe(RUNS);
    expect(stats.reports).toBeGreaterThan(0);
  });

  // Each saved regression is linted once; both tests below read the results.
  let regressions: Awaited<ReturnType<typeof lintRegressions>> | undefined;
  const savedRegressions = async (): Promise<NonNullable<typeof regressions>> => (regressions ??= await lintRegressions(harness));

  it('flags a fix that copies live state ahead of the work, and passes one that copies request data', () => {
    const message = (text: string): Linter.LintMessage => ({
      line: 1,
      column: 1,
      ruleId: 'v0/no-escaping-context',
      messageId: 'escapes',
      message: 'm',
      severity: 2,
      fix: { range: [0, 0], text },
    });
    const variant = { label: 'no-escaping-context (defaults)' };
    expect(hoistedLiveState('', [message('const sent = reply.sent;\n  ')], variant, LIVE_MEMBERS)?.kind).toBe('fix-hoists-live-state');
    expect(hoistedLiveState('', [message('const headersSent = reply.raw.headersSent;\n  ')], variant, LIVE_MEMBERS)?.kind).toBe(
      'fix-hoists-live-state',
    );
    expect(
      hoistedLiveState('', [message('const url = request.url;\n  const log = request.log;\n  ')], variant, LIVE_MEMBERS),
    ).toBeUndefined();
    // The program's own code inside a merged fix is not the fix's doing.
    const own = 'const copy = reply.sent;';
    const merged = { ...message(''), fix: { range: [0, own.length] as [number, number], text: `const url = request.url;\n  ${own}` } };
    expect(hoistedLiveState(own, [merged], variant, LIVE_MEMBERS)).toBeUndefined();
  });

  it('re-lints the saved fuzzer regressions without crashing', async () => {
    const crashes = (await savedRegressions()).flatMap(({ name, result }) =>
      result.failures
        .filter(failure => failure.kind === 'crash' || failure.kind === 'generator-parse-error')
        .map(failure => `${name}: ${failure.kind}: ${failure.message}\n${failure.detail}`),
    );
    expect(crashes).toEqual([]);
  });

  it('keeps the code of the saved fuzzer regressions valid when fixing them', async () => {
    const broken = (await savedRegressions()).flatMap(({ name, result }) =>
      result.failures
        .filter(failure => failure.kind !== 'crash' && failure.kind !== 'generator-parse-error')
        .map(failure => `${name}: ${failure.kind}: ${failure.message}\n${failure.detail}`),
    );
    expect(broken).toEqual([]);
  });
});
