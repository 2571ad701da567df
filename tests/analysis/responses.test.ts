// Writes of a response after async work, and the abort checks that guard them
// (syntax and scopes only; the kind's writers are given).
import type { TSESTree } from '@typescript-eslint/utils';

import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import { describe, expect, it } from 'vitest';

import type { FunctionNode } from '../../src/analysis/ast.js';
import type { ResolvedKind } from '../../src/analysis/contexts.js';

import { firstSuspension, isFunctionNode } from '../../src/analysis/ast.js';
import { unguardedLateWrites } from '../../src/analysis/responses.js';
import { variableFinder } from '../../src/analysis/scope.js';
import { nodesOf, probe } from './parse.js';

const RESPONSE = { label: 'response', responseWriters: ['end', 'cork', 'write'] } as unknown as ResolvedKind;

/** The unguarded late writes of the first parameter of the function named `name`, as `line:where`. */
function unguarded(code: string, name: string): string[] {
  return probe(`declare function load(): Promise<string>;\n${code}`, (context, program) => {
    const env = { sourceCode: context.sourceCode, findVariable: variableFinder(context.sourceCode) };
    const fn = nodesOf(program, (node): node is FunctionNode => isFunctionNode(node)).find(
      node => node.type === AST_NODE_TYPES.FunctionDeclaration && node.id?.name === name,
    );
    if (!fn) throw new Error(`no function ${name}`);
    const variable = context.sourceCode.scopeManager
      ?.getDeclaredVariables(fn)
      .find(declared => declared.name === (fn.params[0] as TSESTree.Identifier).name);
    if (!variable) throw new Error('no parameter');
    const suspension = firstSuspension(fn, context.sourceCode.visitorKeys);
    return unguardedLateWrites(fn, variable, RESPONSE, suspension, env).map(write => `${write.identifier.loc.start.line}:${write.where}`);
  });
}

describe('unguardedLateWrites', () => {
  it('reports writes after the first await or in a .then() callback', () => {
    const code = `async function a(res: any) { res.onAborted(() => console.log('gone')); const body = await load(); res.end(body); }
function b(res: any) { return load().then(body => res.end(body)); }`;
    expect(unguarded(code, 'a')).toEqual(["2:after the function's first `await`"]);
    expect(unguarded(code, 'b')).toEqual(['3:inside a then() callback']);
  });

  it('accepts writes guarded by what an abort handler records, or by an aborted member', () => {
    const code = `let aborted = false;
async function flag(res: any) { res.onAborted(() => { aborted = true; }); const body = await load(); if (!aborted) res.end(body); }
async function early(res: any) { res.onAborted(() => { aborted = true; }); const body = await load(); if (aborted) return; res.cork(() => res.end(body)); }
async function member(res: any) { const body = await load(); res.aborted || res.end(body); }
async function unrelated(res: any) { res.onAborted(() => { aborted = true; }); const body = await load(); if (body) res.end(body); }`;
    expect(unguarded(code, 'flag')).toEqual([]);
    expect(unguarded(code, 'early')).toEqual([]);
    expect(unguarded(code, 'member')).toEqual([]);
    expect(unguarded(code, 'unrelated')).toEqual(["6:after the function's first `await`"]);
  });

  it('leaves synchronous writes and writes inside the abort handler alone', () => {
    const code = `function now(res: any) { res.onAborted(() => res.end()); res.end('ok'); }`;
    expect(unguarded(code, 'now')).toEqual([]);
  });

  it('counts a helper of the file that writes the response it is handed', () => {
    const code = `function send(res: any, body: string) { res.cork(() => res.end(body)); }
function log(res: any) { console.log(res.getWriteOffset()); }
async function through(res: any) { await load(); log(res); send(res, 'ok'); }`;
    expect(unguarded(code, 'through')).toEqual(["4:after the function's first `await`"]);
  });
});
