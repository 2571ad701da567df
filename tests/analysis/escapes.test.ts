// The shared pipeline on typed snippets: settings → analysis → Escape data,
// without going through the rule's reports.
import type { TSESTree } from '@typescript-eslint/utils';

import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import { describe, expect, it } from 'vitest';

import type { Escape } from '../../src/analysis/escapes.js';
import type { SharedOptions } from '../../src/analysis/settings.js';

import { createAnalysis, deferralOfCallExpression, findEscapes, findHandlerEscapes } from '../../src/analysis/escapes.js';
import { resolveSettings } from '../../src/analysis/settings.js';
import { constrainedTypeAt } from '../../src/analysis/types.js';
import { PRESETS } from '../../src/presets/index.js';
import { typedServicesOf } from '../../src/util/typed-services.js';
import { identifiers, nodesOf, probe } from './parse.js';

interface EscapeSummary {
  cause: string;
  name: string;
  kind: string;
  site: string;
  reach: string;
  where: string;
  writes: boolean;
  missingAbortHandler: boolean;
}

function summarise(escape: Escape): EscapeSummary {
  // Lines from 1, columns from 0, as in ESTree.
  const { line, column } = escape.site.loc.start;
  return {
    cause: escape.cause.type,
    name: escape.capture.variable.name,
    kind: escape.kind.label,
    site: `${line}:${column}`,
    reach: escape.reach,
    where: escape.where,
    writes: escape.writes,
    missingAbortHandler: escape.missingAbortHandler,
  };
}

/** Every escape of `code`, from its deferred calls and its handlers, in source order. */
function escapesOf(code: string, options: SharedOptions = {}, reads: 'all' | 'unsafe-only' = 'all'): EscapeSummary[] {
  return probe(
    code,
    (context, program) => {
      const services = typedServicesOf(context);
      if (!services) throw new Error('no type information');
      const analysis = createAnalysis(context, services, resolveSettings(context, options));
      const escapes: Escape[] = [];
      for (const fn of nodesOf(
        program,
        (node): node is TSESTree.ArrowFunctionExpression => node.type === AST_NODE_TYPES.ArrowFunctionExpression,
      )) {
        if (fn.params.length > 0 && analysis.mayHoldSuspendSensitiveContexts()) escapes.push(...findHandlerEscapes(fn, analysis));
      }
      for (const call of nodesOf(program, (node): node is TSESTree.CallExpression => node.type === AST_NODE_TYPES.CallExpression)) {
        const deferral = deferralOfCallExpression(call, analysis);
        if (deferral) escapes.push(...findEscapes(deferral, analysis, reads));
      }
      return escapes.map(escape => summarise(escape));
    },
    { typed: true },
  );
}

describe('findEscapes', () => {
  it('returns a Hono context used inside a timer, as data', () => {
    const code = `import { Hono } from 'hono';
new Hono().get('/', c => {
  setTimeout(() => console.log(c.req.url), 10);
  return c.text('ok');
});`;
    expect(escapesOf(code)).toEqual([
      {
        cause: 'deferred',
        name: 'c',
        kind: 'Hono Context',
        site: '3:31',
        reach: 'a setTimeout callback',
        where: 'inside a setTimeout callback',
        writes: false,
        missingAbortHandler: false,
      },
    ]);
  });

  it('marks writes once, and reports only unsafe uses with reads: unsafe-only', () => {
    const code = `import { Hono } from 'hono';
new Hono().get('/', c => {
  setTimeout(() => { console.log(c.req.url); c.status(500); }, 10);
  return c.text('ok');
});`;
    expect(escapesOf(code)).toMatchObject([{ writes: true, site: '3:33' }]);
    expect(escapesOf(code, {}, 'unsafe-only')).toMatchObject([{ writes: true, site: '3:45' }]);
  });

  it('judges a generic handler by its constraint', () => {
    const code = `import type { Context } from 'hono';
export function handle<C extends Context>(c: C) {
  setTimeout(() => console.log(c.req.url), 10);
}`;
    expect(escapesOf(code)).toMatchObject([{ name: 'c', kind: 'Hono Context' }]);
  });

  it('follows the presets of the settings', () => {
    const code = `import { Hono } from 'hono';
new Hono().get('/', c => {
  setTimeout(() => console.log(c.req.url), 10);
  return c.text('ok');
});`;
    expect(escapesOf(code, { presets: ['express'] })).toEqual([]);
  });

  it('leaves pending-response work alone unless the handler also responds itself', () => {
    const pending = `import express from 'express';
express().get('/', (req, res) => {
  setTimeout(() => res.json({ ok: true }), 10);
});`;
    expect(escapesOf(pending)).toEqual([]);
    const sentTwice = `import express from 'express';
express().get('/', (req, res) => {
  setTimeout(() => res.json({ ok: true }), 10);
  res.json({ early: true });
});`;
    expect(escapesOf(sentTwice)).toMatchObject([{ name: 'res', writes: true, kind: 'Express Response' }]);
  });

  it('exempts bounded work before asking for any type', () => {
    const code = `import { Hono } from 'hono';
new Hono().get('/', c => {
  const t = setTimeout(() => console.log(c.req.url), 10);
  clearTimeout(t);
  return c.text('ok');
});`;
    expect(escapesOf(code)).toEqual([]);
  });
});

describe('findHandlerEscapes', () => {
  it('returns uWS request uses after the first await, and responses without an abort handler', () => {
    const code = `import uWS from 'uWebSockets.js';
declare function auth(): Promise<void>;
uWS.App().get('/', async (res, req) => {
  await auth();
  res.end(req.getUrl());
});`;
    expect(escapesOf(code)).toEqual([
      {
        cause: 'after-await',
        name: 'res',
        kind: 'uWS HttpResponse',
        site: '5:2',
        reach: 'the rest of the handler',
        where: "after the handler's first `await`",
        writes: true,
        missingAbortHandler: true,
      },
      {
        cause: 'after-await',
        name: 'req',
        kind: 'uWS HttpRequest',
        site: '5:10',
        reach: 'the rest of the handler',
        where: "after the handler's first `await`",
        writes: false,
        missingAbortHandler: false,
      },
    ]);
  });

  it('returns uWS request uses inside late callbacks from the presets', () => {
    const code = `import uWS from 'uWebSockets.js';
uWS.App().post('/', (res, req) => {
  res.onAborted(() => {});
  res.onData(() => console.log(req.getUrl()));
});`;
    expect(escapesOf(code)).toMatchObject([{ cause: 'late-callback', name: 'req', reach: 'an onData() callback' }]);
  });
});

describe('settings', () => {
  function resolved(settings: Record<string, unknown>, options: SharedOptions): { presets: string[]; contexts: unknown[]; sinks: number } {
    return probe(
      'export {};',
      context => {
        const result = resolveSettings(context, options);
        return { presets: result.presets.map(preset => preset.name), contexts: [...result.contexts], sinks: result.sinks.length };
      },
      { settings },
    );
  }

  it('falls back to settings, then to every preset', () => {
    expect(resolved({}, {}).presets).toEqual(Object.keys(PRESETS));
    expect(resolved({ 'context-escape': { presets: ['koa'] } }, {}).presets).toEqual(['koa']);
    expect(resolved({ 'context-escape': { presets: ['koa'] } }, { presets: ['hono'] }).presets).toEqual(['hono']);
  });

  it('keeps only well-formed settings entries', () => {
    const settings = {
      'context-escape': { presets: ['koa', 'rails', 3], contexts: ['App', { from: 'package', name: 'X' }, { from: 'file', name: 'Y' }] },
    };
    expect(resolved(settings, {})).toMatchObject({ presets: ['koa'], contexts: ['App', { from: 'file', name: 'Y' }] });
  });

  it('adds the presets’ sinks and the default job queues after the user’s', () => {
    const base = resolved({}, {}).sinks;
    expect(resolved({}, { sinks: ['enqueue'] }).sinks).toBe(base + 1);
  });
});

describe('constrainedTypeAt', () => {
  it('reads a type parameter as its constraint', () => {
    const code = `import type { Context } from 'hono';
export function handle<C extends Context>(c: C) { return c; }`;
    const name = probe(
      code,
      (context, program) => {
        const services = typedServicesOf(context)!;
        const [, parameter] = identifiers(program, 'c');
        return constrainedTypeAt(services, parameter)?.getSymbol()?.getName();
      },
      { typed: true },
    );
    expect(name).toBe('Context');
  });
});
