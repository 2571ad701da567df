import { describe, expect, it } from 'vitest';

import { FIXTURES } from './util/rule-tester.js';
import { createFixtureTypeChecker, isSelfContainedModule, newDiagnostics } from './util/type-check.js';

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

  it('checks modules side by side with the same result as one by one, each with its own errors', () => {
    const texts = [
      { fileName: 'file.ts', text: `import { Hono } from 'hono';\nexport const app = new Hono().get('/', c => c.text('ok'));\n` },
      { fileName: 'file.ts', text: `import { Hono } from 'hono';\nexport const app = new Hono().get('/', c => c.text(userAgent));\n` },
      {
        fileName: 'file.ts',
        text: `import express from 'express';\nexport const app = express().get('/', (req, res) => res.json(req.nope.x));\n`,
      },
    ];
    const batched = checker.diagnosticsOfModules(texts);
    expect(batched).toEqual(texts.map(({ fileName, text }) => checker.diagnostics(fileName, text)));
    expect(batched[0]).toEqual([]);
    expect(batched[1]).toEqual(["TS2304: Cannot find name 'userAgent'."]);
    expect(batched[2]).toHaveLength(1);
  });

  it('checks side by side only modules that augment nothing', () => {
    expect(isSelfContainedModule(`import { Hono } from 'hono';\nnew Hono();`)).toBe(true);
    expect(isSelfContainedModule(`declare function f(): void;\nf();`)).toBe(false);
    expect(isSelfContainedModule(`import 'fastify';\ndeclare module 'fastify' { interface FastifyRequest { user: string } }`)).toBe(false);
    expect(isSelfContainedModule(`export {};\ndeclare global { var requests: number }`)).toBe(false);
  });

  it('counts repeated diagnostics as a multiset', () => {
    expect(newDiagnostics(['TS1: a'], ['TS1: a', 'TS1: a'])).toEqual(['TS1: a']);
  });
});
