import type { InvalidTestCase, RunTests } from '@typescript-eslint/rule-tester';
import type { RuleModule } from '@typescript-eslint/utils/ts-eslint';

import path from 'node:path';
import { RuleTester } from '@typescript-eslint/rule-tester';
import { describe, expect, it } from 'vitest';

import type { FixtureTypeChecker } from './type-check.js';

import { createFixtureTypeChecker, newDiagnostics } from './type-check.js';

export const FIXTURES = path.join(import.meta.dirname, '..', 'fixtures');

/**
 * A typed RuleTester (each case is linted as `file.ts` of the fixture project,
 * or as its `filename`) that also proves every fix and suggestion output is
 * safe: it parses and type-checks with the real framework typings with no
 * error the input did not have. That a fix output is final (a second pass
 * fixes nothing more) is RuleTester's own check: it lints each fix output
 * again and fails unless `output` lists every pass.
 */
export function createTypedRuleTester(fixture = FIXTURES): RuleTester {
  return new FixCheckingRuleTester(fixture);
}

/**
 * One fix checker per fixture for all suites that run in the same test worker
 * (the rule suites run with `isolate: false`, see vitest.config.ts): the
 * framework typings are then parsed once per worker rather than once per
 * suite. The diagnostics of each input are computed once, however many fix
 * and suggestion outputs it has.
 */
const fixtureCheckers = new Map<string, FixtureTypeChecker>();
const inputDiagnostics = new Map<string, string[]>();

function fixtureChecker(fixture: string): FixtureTypeChecker {
  let checker = fixtureCheckers.get(fixture);
  if (!checker) {
    checker = createFixtureTypeChecker(fixture);
    fixtureCheckers.set(fixture, checker);
  }
  return checker;
}

class FixCheckingRuleTester extends RuleTester {
  /**
   * RuleTester clears typescript-eslint's caches (its project service among
   * them) after each suite. The suites share one project service per worker
   * instead; it holds only the fixture projects, so keeping it is safe.
   */
  static override get afterAll(): (callback: () => void) => void {
    return () => {};
  }

  readonly #fixture: string;

  constructor(fixture: string) {
    super({ languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: fixture } } });
    this.#fixture = fixture;
  }

  override run<MessageIds extends string, Options extends readonly unknown[]>(
    ruleName: string,
    rule: RuleModule<MessageIds, Options>,
    tests: RunTests<MessageIds, Options>,
  ): void {
    super.run(ruleName, rule, tests);
    const outputs = tests.invalid.flatMap(testCase => fixOutputs(testCase));
    if (outputs.length === 0) return;
    const fixture = this.#fixture;
    describe(`${ruleName}: fix and suggestion outputs`, () => {
      for (const output of outputs) {
        it(`${output.kind} of ${summarize(output.code)} type-checks`, () => {
          const fileName = output.filename ?? 'file.ts';
          const checker = fixtureChecker(fixture);
          const key = JSON.stringify([fixture, fileName, output.code]);
          let before = inputDiagnostics.get(key);
          if (!before) inputDiagnostics.set(key, (before = checker.diagnostics(fileName, output.code)));
          expect(newDiagnostics(before, checker.diagnostics(fileName, output.text))).toEqual([]);
        });
      }
    });
  }
}

interface FixOutput {
  kind: 'fix' | 'suggestion';
  code: string;
  text: string;
  filename?: string;
}

function fixOutputs<MessageIds extends string, Options extends readonly unknown[]>(
  testCase: InvalidTestCase<MessageIds, Options>,
): FixOutput[] {
  const base = { code: testCase.code, filename: testCase.filename };
  const outputs: FixOutput[] = [];
  const fixOutput = Array.isArray(testCase.output) ? testCase.output.at(-1) : testCase.output;
  if (typeof fixOutput === 'string') outputs.push({ ...base, kind: 'fix', text: fixOutput });
  for (const error of testCase.errors) {
    for (const suggestion of error.suggestions ?? []) {
      if (typeof suggestion.output === 'string') outputs.push({ ...base, kind: 'suggestion', text: suggestion.output });
    }
  }
  return outputs;
}

function summarize(code: string): string {
  const line = code.split('\n').find(text => /setTimeout|then|void|waitUntil|after|on\(|await|queue/.test(text)) ?? code;
  return JSON.stringify(line.trim().slice(0, 60));
}
