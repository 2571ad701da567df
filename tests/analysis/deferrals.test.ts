// Recognising deferred work by syntax, one family at a time, and what it captures.
import type { TSESTree } from '@typescript-eslint/utils';

import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import { describe, expect, it } from 'vitest';

import type { Deferral } from '../../src/analysis/deferrals.js';

import { capturesOf } from '../../src/analysis/captures.js';
import {
  backgroundApiTable,
  deferralOfCall,
  deferralOfSinkCall,
  deferralOfStatement,
  deferralOfStoredPromise,
} from '../../src/analysis/deferrals.js';
import { isBoundedOrJoined } from '../../src/analysis/exemptions.js';
import { variableFinder } from '../../src/analysis/scope.js';
import { PRESETS } from '../../src/presets/index.js';
import { nodesOf, probe } from './parse.js';

const BACKGROUND_APIS = backgroundApiTable(Object.values(PRESETS));

interface Summary {
  family: string;
  description: string;
  functions: number;
  values: string[];
  repeating: boolean;
  captured?: string[];
}

/** The deferral of the first call in `code` (after the declarations), summarised, with what it captures. */
function deferralOf(code: string): Summary | undefined {
  return probe(`declare const c: any;\n${code}`, (context, program) => {
    const findVariable = variableFinder(context.sourceCode);
    const calls = nodesOf(program, (node): node is TSESTree.CallExpression => node.type === AST_NODE_TYPES.CallExpression);
    for (const call of calls) {
      const deferral = deferralOfCall(call, findVariable, BACKGROUND_APIS);
      if (deferral) return summarise(deferral, context.sourceCode, findVariable);
    }
    return undefined;
  });
}

function summarise(
  deferral: Deferral,
  sourceCode: Parameters<typeof capturesOf>[1],
  findVariable: ReturnType<typeof variableFinder>,
): Summary {
  return {
    family: deferral.family,
    description: deferral.description,
    functions: deferral.functions.length,
    values: deferral.values.map(value => sourceCode.getText(value)),
    repeating: deferral.repeating,
    captured: capturesOf(deferral, sourceCode, findVariable).map(capture => capture.variable.name),
  };
}

describe('deferralOfCall', () => {
  it('recognises timers, with their value arguments', () => {
    expect(deferralOf('setTimeout(() => log(c), 10, c.req);\ndeclare function log(x: unknown): void;')).toEqual({
      family: 'timers',
      description: 'a setTimeout callback',
      functions: 1,
      values: ['c.req'],
      repeating: false,
      // Every free variable; which ones are contexts is decided later, by type.
      captured: ['log', 'c'],
    });
    expect(deferralOf('setInterval(() => {}, 10);')).toMatchObject({ family: 'timers', repeating: true });
  });

  it('leaves a local function named like a timer alone', () => {
    expect(deferralOf('function setTimeout(f: () => void) { f(); }\nsetTimeout(() => c);')).toBeUndefined();
  });

  it('recognises listeners by event, once or repeating', () => {
    expect(deferralOf("declare const e: any;\ne.on('data', () => c);")).toMatchObject({
      family: 'listeners',
      description: "a 'data' listener",
      repeating: true,
    });
    expect(deferralOf("declare const e: any;\ne.once('end', () => c);")).toMatchObject({ repeating: false });
  });

  it('recognises error-first callbacks, but not array callbacks', () => {
    expect(deferralOf('declare const fs: any;\nfs.readFile("a", (err: unknown) => c);')).toMatchObject({
      family: 'callbacks',
      description: 'an error-first callback of readFile()',
    });
    expect(deferralOf('declare const list: any[];\nlist.toSorted((err: unknown, b: unknown) => 0);')).toBeUndefined();
  });

  it('recognises background APIs from the presets, by package for free functions', () => {
    expect(deferralOf("import { after } from 'next/server';\nafter(() => c);")).toMatchObject({
      family: 'background',
      description: 'an after() callback',
    });
    expect(deferralOf('declare function after(f: () => void): void;\nafter(() => c);')).toBeUndefined();
    expect(deferralOf('declare const ctx: any;\nctx.waitUntil(send(c));\ndeclare function send(x: unknown): Promise<void>;')).toMatchObject(
      {
        family: 'background',
        description: 'work registered with waitUntil()',
        values: ['c'],
      },
    );
  });
});

describe('deferralOfSinkCall', () => {
  it('defers the callbacks and values passed to a configured sink', () => {
    const summary = probe('declare const c: any; declare const queue: any;\nqueue.add(() => c, c.req);', (context, program) => {
      const findVariable = variableFinder(context.sourceCode);
      const [call] = nodesOf(program, (node): node is TSESTree.CallExpression => node.type === AST_NODE_TYPES.CallExpression);
      return summarise(deferralOfSinkCall(call, findVariable), context.sourceCode, findVariable);
    });
    expect(summary).toMatchObject({ family: 'sinks', description: 'work passed to add()', functions: 1, values: ['c.req'] });
  });
});

describe('floating promises', () => {
  function statementDeferral(code: string): Summary | undefined {
    return probe(`declare const c: any; declare function send(x: unknown): Promise<void>;\n${code}`, (context, program) => {
      const findVariable = variableFinder(context.sourceCode);
      const statement = program.body.at(-1) as TSESTree.ExpressionStatement;
      const deferral = deferralOfStatement(statement, findVariable, BACKGROUND_APIS);
      return deferral && summarise(deferral, context.sourceCode, findVariable);
    });
  }

  it('recognises a floating call with its values', () => {
    expect(statementDeferral('void send(c);')).toMatchObject({
      family: 'promises',
      description: 'the floating promise of send()',
      values: ['c'],
    });
  });

  it('recognises promise callbacks', () => {
    expect(statementDeferral('send(1).then(() => c);')).toMatchObject({
      description: 'a .then() callback of a floating promise',
      captured: ['c'],
    });
  });

  it('captures only what an async IIFE uses after its first await', () => {
    expect(statementDeferral('void (async () => { c; await send(1); })();')).toMatchObject({ captured: [] });
    expect(statementDeferral('void (async () => { await send(1); c; })();')).toMatchObject({ captured: ['c'] });
  });

  it('leaves methods of handler parameters alone', () => {
    expect(statementDeferral('function h(res: any) { res.json(c); }')).toBeUndefined();
    const code = 'declare const c: any; declare function send(x: unknown): Promise<void>;\nfunction h(res: any) { res.json(c); }';
    const inner = probe(code, (context, program) => {
      const fn = program.body.at(-1) as TSESTree.FunctionDeclaration;
      return deferralOfStatement(fn.body.body[0] as TSESTree.ExpressionStatement, variableFinder(context.sourceCode), BACKGROUND_APIS);
    });
    expect(inner).toBeUndefined();
  });

  it('follows promises pushed into a local array joined by a floating Promise.all', () => {
    const code = 'const tasks = [send(1)];\ntasks.push(send(c), send(2));\nvoid Promise.all(tasks);';
    expect(statementDeferral(code)).toMatchObject({ description: 'a floating Promise.all()', values: ['1', 'c', '2'] });
  });

  it('describes a stored promise that is never awaited', () => {
    const code =
      'declare const c: any; declare function send(x: unknown): Promise<void>;\nconst p = send(c);\nconst q = send(c);\nawait q;\nexport {};';
    const descriptions = probe(code, (context, program) => {
      const findVariable = variableFinder(context.sourceCode);
      return nodesOf(program, (node): node is TSESTree.VariableDeclarator => node.type === AST_NODE_TYPES.VariableDeclarator).map(
        declarator => deferralOfStoredPromise(declarator, findVariable)?.description,
      );
    });
    expect(descriptions).toEqual([undefined, 'the promise stored in `p`, which is never awaited', undefined]);
  });
});

describe('isBoundedOrJoined', () => {
  function bounded(code: string): boolean {
    return probe(`declare const c: any;\n${code}`, (context, program) => {
      const findVariable = variableFinder(context.sourceCode);
      const calls = nodesOf(program, (node): node is TSESTree.CallExpression => node.type === AST_NODE_TYPES.CallExpression);
      const deferral = calls.map(call => deferralOfCall(call, findVariable, BACKGROUND_APIS)).find(found => found !== undefined);
      if (!deferral) throw new Error('no deferral');
      return isBoundedOrJoined(deferral, findVariable);
    });
  }

  it('accepts a timer cleared in finally, or on an abort hook from the presets', () => {
    expect(
      bounded(
        'function f() { const t = setTimeout(() => c, 10); try { work(); } finally { clearTimeout(t); } }\ndeclare function work(): void;',
      ),
    ).toBe(true);
    expect(bounded('function f(res: any) { const t = setTimeout(() => c, 10); res.onAborted(() => clearTimeout(t)); }')).toBe(true);
    expect(bounded('function f() { const t = setTimeout(() => c, 10); if (c) clearTimeout(t); }')).toBe(false);
  });

  it('accepts a listener removed again or registered with a signal', () => {
    expect(bounded("declare const e: any;\nfunction f() { const h = () => c; e.on('data', h); e.off('data', h); }")).toBe(true);
    expect(bounded("declare const e: any; declare const signal: AbortSignal;\ne.addEventListener('x', () => c, { signal });")).toBe(true);
  });

  it('accepts work that settles the awaited promise it is scheduled in', () => {
    expect(bounded('async function f() { await new Promise<void>(resolve => setTimeout(() => { c; resolve(); }, 10)); }')).toBe(true);
    expect(bounded('async function f() { await new Promise<void>(resolve => { setTimeout(() => c, 10); resolve(); }); }')).toBe(false);
  });

  it('does not take a raced timer for joined work: the race settles first, the timer keeps running', () => {
    const work = 'declare function work(): Promise<string>;\n';
    expect(
      bounded(`${work}async function f() { await Promise.race([work(), new Promise((_, reject) => setTimeout(() => reject(c), 10))]); }`),
    ).toBe(false);
    expect(
      bounded(`${work}async function f() { await Promise.all([work(), new Promise(resolve => setTimeout(() => resolve(c), 10))]); }`),
    ).toBe(true);
    const helper = 'function timeout() { return new Promise((_, reject) => setTimeout(() => reject(c), 10)); }\n';
    expect(bounded(`${work}${helper}async function f() { await Promise.any([work(), timeout()]); }`)).toBe(false);
    expect(bounded(`${work}${helper}async function f() { await timeout(); }`)).toBe(true);
  });
});
