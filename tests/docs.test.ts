// Keeps the user documentation in step with the plugin: one doc per rule,
// options, configs and presets named where users look for them.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

import plugin from '../src/index.js';
import { PRESET_NAMES } from '../src/presets/index.js';

const ROOT = path.join(import.meta.dirname, '..');
const README = readFileSync(path.join(ROOT, 'README.md'), 'utf8');

interface JsonSchema {
  type?: string;
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema | JsonSchema[];
}

/** Option keys users can write: the rule's top-level options and the keys of nested option objects. */
function optionKeys(schema: unknown): string[] {
  const keys = new Set<string>();
  const entries = (Array.isArray(schema) ? schema : [schema]) as JsonSchema[];
  for (const entry of entries) {
    for (const [key, value] of Object.entries(entry.properties ?? {})) {
      keys.add(key);
      const nested = value.type === 'array' && !Array.isArray(value.items) ? value.items : value;
      for (const child of Object.keys(nested?.properties ?? {})) keys.add(child);
    }
  }
  return [...keys];
}

/** Names in backticks on a line. */
function backticked(line: string): string[] {
  return [...line.matchAll(/`([^`]+)`/g)].map(match => match[1]);
}

/** Configs that set the rule to something other than `off`. */
function configsEnabling(ruleId: string): string[] {
  return Object.entries(plugin.configs)
    .filter(([, config]) => {
      const entry: unknown = config.rules?.[ruleId];
      const severity: unknown = Array.isArray(entry) ? entry[0] : entry;
      return severity !== undefined && severity !== 'off' && severity !== 0;
    })
    .map(([name]) => name);
}

const rules = Object.entries(plugin.rules);

it('the plugin has rules to document', () => {
  expect(rules.length).toBeGreaterThan(0);
});

describe.each(rules)('docs/rules/%s.md', (name, rule) => {
  const docPath = path.join(ROOT, 'docs', 'rules', `${name}.md`);
  const doc = readFileSync(docPath, 'utf8');
  const lines = doc.split('\n');
  const ruleId = `${plugin.meta.namespace}/${name}`;

  it('is titled with the rule id', () => {
    expect(lines[0]).toBe(`# ${ruleId}`);
  });

  it('is the page meta.docs.url points to', () => {
    expect(rule.meta?.docs?.url).toMatch(new RegExp(`/docs/rules/${name}\\.md$`));
  });

  it('has a description line that matches meta.docs.description', () => {
    const description = lines.find(line => line.startsWith('📝 '));
    expect(description?.slice('📝 '.length).replace(/\.$/, '')).toBe(rule.meta?.docs?.description);
  });

  it('names only existing configs on its 💼 line, and every config that enables the rule', () => {
    const configLine = lines.find(line => line.startsWith('💼'));
    expect(configLine).toBeDefined();
    const named = backticked(configLine ?? '');
    expect(named.length).toBeGreaterThan(0);
    for (const config of named) expect(Object.keys(plugin.configs)).toContain(config);
    for (const config of configsEnabling(ruleId)) expect(named).toContain(config);
  });

  it('mentions every option', () => {
    const keys = optionKeys(rule.meta?.schema);
    expect(keys.length).toBeGreaterThan(0);
    for (const key of keys) expect(doc, `option ${key}`).toContain(`\`${key}`);
  });

  it('mentions every framework preset', () => {
    for (const preset of PRESET_NAMES) expect(doc, `preset ${preset}`).toContain(`\`${preset}\``);
  });

  it('is listed in the README rules table', () => {
    const table = README.slice(
      README.indexOf('<!-- begin auto-generated rules list -->'),
      README.indexOf('<!-- end auto-generated rules list -->'),
    );
    expect(table).toMatch(new RegExp(`^\\| \\[${name}\\]\\(docs/rules/${name}\\.md\\) +\\|`, 'm'));
  });
});

describe('README.md', () => {
  it('mentions every framework preset', () => {
    for (const preset of PRESET_NAMES) expect(README, `preset ${preset}`).toContain(`\`${preset}\``);
  });

  it('names only existing configs', () => {
    for (const match of README.matchAll(/configs(?:\.([\w]+)|\['([\w-]+)'\])/g)) {
      expect(Object.keys(plugin.configs)).toContain(match[1] ?? match[2]);
    }
  });
});
