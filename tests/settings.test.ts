// Shared options: `settings['context-escape']` configures frameworks once for
// every rule; a rule's own options win over it; malformed settings are ignored.
import type { Linter } from 'eslint';

import path from 'node:path';
import { describe, expect, it } from 'vitest';

import { FIXTURES } from './util/rule-tester.js';
import { createTypedESLint, ruleConfig } from './util/typed-eslint.js';

const HONO_ESCAPE = `import { Hono } from 'hono';
new Hono().get('/', c => {
  setTimeout(() => console.log(c.req.url), 10);
  return c.text('ok');
});
`;

const CUSTOM_CONTEXT = `interface AppContext { user: string }
export function handle(ctx: AppContext): void {
  setTimeout(() => console.log(ctx.user), 10);
}
`;

async function ruleIdsOf(code: string, settings: Linter.Config['settings'], options: unknown[] = []): Promise<string[]> {
  const eslint = createTypedESLint(FIXTURES, { settings }, ruleConfig('no-escaping-context', options));
  const [result] = await eslint.lintText(code, { filePath: path.join(FIXTURES, 'file.ts') });
  expect(result.messages.filter(message => message.fatal)).toEqual([]);
  return result.messages.map(message => message.messageId ?? '');
}

describe("settings['context-escape']", () => {
  it('chooses the presets when the rule has no `presets` option', async () => {
    expect(await ruleIdsOf(HONO_ESCAPE, { 'context-escape': { presets: ['express'] } })).toEqual([]);
    expect(await ruleIdsOf(HONO_ESCAPE, { 'context-escape': { presets: ['hono'] } })).toEqual(['escapes']);
  });

  it('gives way to the rule’s own option', async () => {
    expect(await ruleIdsOf(HONO_ESCAPE, { 'context-escape': { presets: ['express'] } }, [{ presets: ['hono'] }])).toEqual(['escapes']);
    expect(await ruleIdsOf(HONO_ESCAPE, { 'context-escape': { presets: ['hono'] } }, [{ presets: ['express'] }])).toEqual([]);
  });

  it('adds user context types', async () => {
    expect(await ruleIdsOf(CUSTOM_CONTEXT, {})).toEqual([]);
    expect(await ruleIdsOf(CUSTOM_CONTEXT, { 'context-escape': { contexts: ['AppContext'] } })).toEqual(['escapes']);
  });

  it('ignores malformed entries instead of failing', async () => {
    const settings = {
      'context-escape': { presets: 'hono', contexts: [{ from: 'nowhere', name: 'AppContext' }, 5], snapshots: [{ call: 'x' }] },
    };
    expect(await ruleIdsOf(HONO_ESCAPE, settings)).toEqual(['escapes']);
    expect(await ruleIdsOf(CUSTOM_CONTEXT, settings)).toEqual([]);
    expect(await ruleIdsOf(HONO_ESCAPE, { 'context-escape': 'hono' })).toEqual(['escapes']);
  });
});
