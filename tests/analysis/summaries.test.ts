// Function summaries: what a function of the file does with each parameter,
// from syntax and scope alone.
import type { TSESTree } from '@typescript-eslint/utils';

import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import { describe, expect, it } from 'vitest';

import type { FunctionNode } from '../../src/analysis/ast.js';

import { isFunctionNode } from '../../src/analysis/ast.js';
import { variableFinder } from '../../src/analysis/scope.js';
import { describeLateUse, firstLateUse, MAX_DEPTH, summaryOf } from '../../src/analysis/summaries.js';
import { nodesOf, probe } from './parse.js';

interface Shown {
  opaque: boolean;
  uses: string[];
  registersAbortHook: boolean;
  invocation: string;
  late?: string;
}

/** The summary of the function named `name` in `code`, one entry per parameter. */
function summarize(code: string, name: string): Shown[] {
  return probe(code, (context, program) => {
    const env = { sourceCode: context.sourceCode, findVariable: variableFinder(context.sourceCode) };
    const fn = nodesOf(program, (node): node is FunctionNode => isFunctionNode(node)).find(
      node =>
        (node.type === AST_NODE_TYPES.FunctionDeclaration && node.id?.name === name) ||
        (node.parent?.type === AST_NODE_TYPES.VariableDeclarator && (node.parent.id as TSESTree.Identifier).name === name),
    );
    if (!fn) throw new Error(`no function ${name}`);
    const summary = summaryOf(fn, env);
    expect(summaryOf(fn, env)).toBe(summary);
    return summary.parameters.map(parameter => {
      const late = firstLateUse(parameter);
      return {
        opaque: parameter.opaque,
        uses: parameter.uses.map(
          use => `${use.verb} ${use.text}${use.late ? ` ${use.late}` : ''}${use.via.length ? ` via ${use.via.join('/')}` : ''}`,
        ),
        registersAbortHook: parameter.registersAbortHook,
        invocation: parameter.invocation,
        ...(late && { late: describeLateUse(summary.name, late) }),
      };
    });
  });
}

describe('uses of a parameter', () => {
  it('records reads before and after the first await, and names the late one', () => {
    const [c, url] = summarize(
      `async function ping(c: any, url: string) {
  const ua = c.req.header('x');
  await fetch(url + ua);
  console.log(c.req.raw.url);
}`,
      'ping',
    );
    expect(c).toEqual({
      opaque: false,
      uses: ['calls c.req.header()', 'reads c.req.raw.url after its first `await`'],
      registersAbortHook: false,
      invocation: 'never',
      late: '`ping()` reads `c.req.raw.url` after its first `await`',
    });
    expect(url.opaque).toBe(true); // concatenated: not followed
  });

  it('sees a parameter used only before the first await as not late', () => {
    const [c] = summarize(`async function audit(c: any) { const ua = c.req.header('x'); await fetch('https://x/' + ua); }`, 'audit');
    expect(c).toMatchObject({ opaque: false, uses: ['calls c.req.header()'] });
    expect(c.late).toBeUndefined();
  });

  it('places uses inside promise callbacks and timers as late, and inside array callbacks by position', () => {
    const [res] = summarize(
      `declare function load(): Promise<string>;
const handle = (res: any, items: string[]) => {
  items.forEach(item => res.write(item));
  return load().then(body => { res.status = 200; });
};`,
      'handle',
    );
    expect(res.uses).toEqual(['calls res.write()', 'writes res.status inside a then() callback']);
    expect(res.late).toBe('`handle()` writes `res.status` inside a then() callback');
  });

  it('follows a parameter into helpers of the file, and names them', () => {
    const [c] = summarize(
      `function log(ctx: any) { console.log(ctx.req.url); }
async function audit(c: any) { await fetch('https://x'); log(c); }`,
      'audit',
    );
    expect(c.uses).toEqual(['reads ctx.req.url after its first `await` via log']);
    expect(c.late).toBe('`audit()` (through `log()`) reads `ctx.req.url` after its first `await`');
  });

  it('gives up on a parameter that is stored or handed to code without a body', () => {
    const code = `declare function send(x: unknown): void;
let held: unknown;
function store(c: any) { held = c; }
function hand(c: any) { send(c); }
function capture(c: any) { return () => c.req.url; }
function pack(c: any) { return { c }; }`;
    for (const name of ['store', 'hand', 'capture', 'pack']) expect(summarize(code, name)[0].opaque).toBe(true);
  });

  it('records a parameter handed back to the caller, late after an await', () => {
    const code = `function give(c: any) { return c; }
async function giveLater(c: any) { await 0; return c; }`;
    expect(summarize(code, 'give')[0]).toMatchObject({ opaque: false, uses: ['returns c'] });
    expect(summarize(code, 'giveLater')[0].late).toBe('`giveLater()` returns `c` after its first `await`');
  });

  it('gives up past the depth bound and on recursion', () => {
    const chain = Array.from(
      { length: MAX_DEPTH + 2 },
      (_, i) => `function f${i}(c: any) { ${i === MAX_DEPTH + 1 ? 'c.x;' : `f${i + 1}(c);`} }`,
    );
    expect(summarize(chain.join('\n'), 'f0')[0].opaque).toBe(true);
    expect(summarize(chain.join('\n'), 'f1')[0].opaque).toBe(false);
    expect(summarize(`function a(c: any): void { c.x; a(c); }`, 'a')[0].opaque).toBe(true);
  });
});

describe('abort hooks', () => {
  it('sees an abort hook registered on the parameter before the first await, directly or through a helper', () => {
    const code = `function watch(res: any) { res.onAborted(() => {}); }
async function direct(res: any) { res.onAborted(() => {}); await 0; res.end(); }
async function through(res: any) { watch(res); await 0; }
async function late(res: any) { await 0; res.onAborted(() => {}); }`;
    expect(summarize(code, 'direct')[0].registersAbortHook).toBe(true);
    expect(summarize(code, 'through')[0].registersAbortHook).toBe(true);
    expect(summarize(code, 'late')[0].registersAbortHook).toBe(false);
  });
});

describe('callback parameters', () => {
  it('tells when a callback parameter is called', () => {
    const code = `function now(work: () => void, onError: (e: unknown) => void) { try { work(); } catch (e) { onError(e); } }
async function settle(work: Promise<void>, onError: (e: unknown) => void) { try { await work; } catch (e) { onError(e); } }
function later(onDone: () => void) { setTimeout(() => onDone(), 10); }
function handed(onDone: () => void) { queueWork(onDone); }
declare function queueWork(f: () => void): void;`;
    expect(summarize(code, 'now').map(p => p.invocation)).toEqual(['now', 'now']);
    expect(summarize(code, 'settle')[1].invocation).toBe('before-settle');
    expect(summarize(code, 'later')[0].invocation).toBe('later');
    expect(summarize(code, 'handed')[0]).toMatchObject({ opaque: true, invocation: 'unknown' });
  });
});
