// Member chains on a context and how a use is classified: read, write, unsafe member.
import type { TSESTree } from '@typescript-eslint/utils';

import { describe, expect, it } from 'vitest';

import type { ContextKind } from '../../src/presets/index.js';

import {
  analyzeUses,
  assignsThrough,
  firstUnsafeReference,
  isResponseWrite,
  isUnsafeMemberPath,
  memberChain,
  memberPath,
  writesThroughRequestFunction,
} from '../../src/analysis/uses.js';
import { identifiers, probe } from './parse.js';

const KIND: ContextKind = {
  label: 'Test Context',
  types: [],
  lifetime: 'response',
  unsafe: { members: ['req.raw', 'status'], writes: ['body'] },
  responseWriters: ['json', 'status', 'res.end'],
  pureMembers: ['req.url', 'req.header'],
  asyncPureMembers: ['req.json'],
};

/** Runs `compute` on the `index`-th identifier `c` of `code`. */
function onC<T>(code: string, compute: (c: ReturnType<typeof identifiers>[number]) => T, index = 0): T {
  return probe(`declare const c: any; declare const k: string;\n${code}`, (_, program) => compute(identifiers(program, 'c')[index + 1]));
}

describe('memberChain', () => {
  it('walks outward through type-only wrappers and records computed links without a name', () => {
    const links = onC('(c as any).req[k].raw;', c => memberChain(c).map(link => link.name));
    expect(links).toEqual(['req', undefined, 'raw']);
  });

  it('stops at a call', () => {
    expect(onC("c.req.header('x').trim();", c => memberChain(c).map(link => link.name))).toEqual(['req', 'header']);
  });

  it('is empty for a value used whole', () => {
    expect(onC('send(c); declare function send(x: unknown): void;', c => memberChain(c))).toEqual([]);
  });
});

describe('memberPath', () => {
  it('joins static names up to a depth', () => {
    expect(onC('c.req.raw.body;', c => [memberPath(c, 1), memberPath(c, 2)])).toEqual(['req', 'req.raw']);
  });

  it('stops at a computed member', () => {
    expect(onC('c[k].raw;', c => memberPath(c, 2))).toBe('');
  });
});

describe('assignsThrough', () => {
  it.each([
    ['c.body = 1;', true],
    ['c.headers[k] = "1";', true],
    ['c.a.b++;', true],
    ['delete c.a;', true],
    ['log(c.body); declare function log(x: unknown): void;', false],
  ])('%s → %s', (code, expected) => {
    expect(onC(code, assignsThrough)).toBe(expected);
  });
});

describe('isUnsafeMemberPath', () => {
  it.each([
    ['c.req.raw', true],
    ['c.status', true],
    ['c.req.url', false],
    ['c[k].raw', false],
  ])('%s → %s', (expression, expected) => {
    const code = `declare const c: any; declare const k: string; ${expression};`;
    expect(probe(code, (_, program) => isUnsafeMemberPath(KIND, (program.body[2] as TSESTree.ExpressionStatement).expression))).toBe(
      expected,
    );
  });
});

describe('isResponseWrite', () => {
  it('finds a writer at the end of a fluent chain', () => {
    expect(onC("c.type('x').json({});", c => isResponseWrite(c, ['json']))).toBe(true);
  });

  it('matches dotted writers and calls of the context itself', () => {
    expect(onC('c.res.end();', c => isResponseWrite(c, ['res.end']))).toBe(true);
    expect(onC('c(null, 1);', c => isResponseWrite(c, ['()']))).toBe(true);
  });

  it('matches writer functions that take the context first', () => {
    expect(
      onC("setCookie(c, 'a', 'b'); declare function setCookie(...a: unknown[]): void;", c => isResponseWrite(c, [], ['setCookie'])),
    ).toBe(true);
  });

  it('does not count reads', () => {
    expect(onC('c.req.header("x");', c => isResponseWrite(c, ['json']))).toBe(false);
  });
});

describe('firstUnsafeReference', () => {
  it('skips safe reads and finds the first unsafe member or write', () => {
    const code = 'declare const c: any;\nlog(c.req.url); c.body = 1; declare function log(x: unknown): void;';
    const site = probe(code, (_, program) => {
      const references = identifiers(program, 'c').slice(1);
      const variable = { name: 'c' } as never;
      return firstUnsafeReference({ variable, references }, KIND)?.range[0];
    });
    expect(site).toBe(code.indexOf('c.body'));
  });

  it('reports a context handed on whole', () => {
    const code = 'declare const c: any;\nlog(c); declare function log(x: unknown): void;';
    expect(
      probe(code, (_, program) => firstUnsafeReference({ variable: {} as never, references: identifiers(program, 'c').slice(1) }, KIND)),
    ).toBeDefined();
  });
});

describe('writesThroughRequestFunction', () => {
  it.each([
    ["(await cookies()).set('a', 'b');", true],
    ["cookies().delete('a');", true],
    ["cookies().get('a');", false],
  ])('%s → %s', (statement, expected) => {
    const code = `declare function cookies(): any;\nasync function f() { ${statement} }`;
    expect(probe(code, (_, program) => writesThroughRequestFunction(identifiers(program, 'cookies')[1], ['set', 'delete']))).toBe(expected);
  });
});

describe('analyzeUses', () => {
  it('sorts uses into hoistable reads, opaque uses and writes', () => {
    const code = `declare const c: any;
async function later() { log(c.req.url, c.req.header('ua'), await c.req.json(), c); c.status(500); }
declare function log(...a: unknown[]): void;`;
    const uses = probe(code, (context, program) => {
      const analysis = analyzeUses(identifiers(program, 'c').slice(1), KIND, context.sourceCode, () => false);
      return {
        reads: analysis.reads.map(read => ({ text: read.text, baseName: read.baseName, async: read.async })),
        opaque: analysis.opaque.length,
        writes: analysis.writes.length,
      };
    });
    expect(uses).toEqual({
      reads: [
        { text: 'c.req.url', baseName: 'url', async: false },
        { text: "c.req.header('ua')", baseName: 'ua', async: false },
        { text: 'c.req.json()', baseName: 'json', async: true },
      ],
      opaque: 1,
      writes: 1,
    });
  });

  it('sorts reads of live state apart, however deep, and never as hoistable reads', () => {
    const kind: ContextKind = { ...KIND, pureMembers: ['req.url', 'res'], liveMembers: ['finalized', 'res.status'] };
    const code = `declare const c: any;
setTimeout(() => { if (!c.finalized && c.res.status !== 200) log(c.req.url, c.res.headers); });
declare function log(...a: unknown[]): void;`;
    const uses = probe(code, (context, program) => {
      const analysis = analyzeUses(identifiers(program, 'c').slice(1), kind, context.sourceCode, () => false);
      return { live: analysis.live.map(read => read.text), reads: analysis.reads.map(read => read.text), opaque: analysis.opaque.length };
    });
    expect(uses).toEqual({ live: ['c.finalized', 'c.res.status'], reads: ['c.req.url', 'c.res.headers'], opaque: 0 });
  });

  it('does not hoist a read whose argument is declared inside the work', () => {
    const code = `declare const c: any;\nconst name = 'ua';\nlog(c.req.header(name)); declare function log(x: unknown): void;`;
    const reads = probe(
      code,
      (context, program) => analyzeUses(identifiers(program, 'c').slice(1), KIND, context.sourceCode, () => true).reads,
    );
    expect(reads).toEqual([]);
  });
});
