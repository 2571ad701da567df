import { describe, expect, it } from 'vitest';

import { FIXTURES } from './util/rule-tester.js';
import { createFixtureTypeChecker, newDiagnostics } from './util/type-check.js';

// The fix-output check in the rule tester is only as good as this checker.
describe('fixture type checker', () => {
  const checker = createFixtureTypeChecker(FIXTURES);

  it('accepts code that type-checks against the real typings', () => {
    const code = `import { Hono } from 'hono';\nnew Hono().get('/', c => c.text(c.req.header('x') ?? ''));\n`;
    expect(checker.diagnostics('file.ts', code)).toEqual([]);
  });

  it('reports what a broken fix would introduce', () => {
    const before = `import { Hono } from 'hono';\nnew Hono().get('/', c => c.text('ok'));\n`;
    const after = `import { Hono } from 'hono';\nnew Hono().get('/', c => c.text(userAgent));\n`;
    expect(newDiagnostics(checker.diagnostics('file.ts', before), checker.diagnostics('file.ts', after))).toEqual([
      "TS2304: Cannot find name 'userAgent'.",
    ]);
  });

  it('reports syntax errors', () => {
    expect(checker.diagnostics('file.ts', 'const = 1;').length).toBeGreaterThan(0);
  });

  it('counts repeated diagnostics as a multiset', () => {
    expect(newDiagnostics(['TS1: a'], ['TS1: a', 'TS1: a'])).toEqual(['TS1: a']);
  });
});
