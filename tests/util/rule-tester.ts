import type { InvalidTestCase, RunTests } from '@typescript-eslint/rule-tester';
import type { RuleModule } from '@typescript-eslint/utils/ts-eslint';

import path from 'node:path';
import { RuleTester } from '@typescript-eslint/rule-tester';
import { describe, expect, it } from 'vitest';

import type { FixtureTypeChecker } from './type-check.js';

import { createFixtureTypeChecker, isSelfContainedModule, newDiagnostics } from './type-check.js';

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
 * suite.
 */
const fixtureCheckers = new Map<string, FixtureTypeChecker>();

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
    let checked: Map<string, string[]> | undefined;
    describe(`${ruleName}: fix and suggestion outputs`, () => {
      for (const output of outputs) {
        it(`${output.kind} of ${summarize(output.code)} type-checks`, () => {
          checked ??= diagnosticsOfAll(fixtureChecker(fixture), outputs);
          const fileName = output.filename ?? 'file.ts';
          const before = checked.get(checkKey(fileName, output.code))!;
          const after = checked.get(checkKey(fileName, output.text))!;
          expect(newDiagnostics(before, after)).toEqual([]);
        });
      }
    });
  }
}

function checkKey(fileName: string, text: string): string {
  return JSON.stringify([fileName, text]);
}

/**
 * The diagnostics of every input and output of a suite, by {@link checkKey}:
 * self-contained modules side by side in one program (the framework typings
 * are checked once for all of them, which is most of the cost), the others
 * one by one.
 */
function diagnosticsOfAll(checker: FixtureTypeChecker, outputs: readonly FixOutput[]): Map<string, string[]> {
  const texts = new Map<string, { fileName: string; text: string }>();
  for (const output of outputs) {
    const fileName = output.filename ?? 'file.ts';
    for (const text of [output.code, output.text]) texts.set(checkKey(fileName, text), { fileName, text });
  }
  const entries = [...texts];
  const batched = entries.filter(([, entry]) => isSelfContainedModule(entry.text));
  const results = new Map<string, string[]>();
  checker
    .diagnosticsOfModules(batched.map(([, entry]) => entry))
    .forEach((diagnostics, index) => results.set(batched[index][0], diagnostics));
  for (const [key, entry] of entries) {
    if (!results.has(key)) results.set(key, checker.diagnostics(entry.fileName, entry.text));
  }
  return results;
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
