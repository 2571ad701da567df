import { RuleTester } from '@typescript-eslint/rule-tester';
import path from 'node:path';

export const FIXTURES = path.join(import.meta.dirname, '..', 'fixtures');

/** A RuleTester that lints each case as `tests/fixtures/file.ts` (or `filename`) with full type information. */
export function createTypedRuleTester(fixture = FIXTURES): RuleTester {
  return new RuleTester({
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: fixture },
    },
  });
}
