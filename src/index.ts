import type { TSESLint } from '@typescript-eslint/utils';

import { createRequire } from 'node:module';

import { PRESET_NAMES, type PresetName } from './presets/index.js';
import noEscapingContext from './rules/no-escaping-context.js';

const { name, version } = createRequire(import.meta.url)('../package.json') as { name: string; version: string };

const rules = {
  'no-escaping-context': noEscapingContext,
} satisfies Record<string, TSESLint.RuleModule<string, unknown[]>>;

type Configs = Record<string, TSESLint.FlatConfig.Config>;

const plugin = {
  meta: { name, version, namespace: 'context-escape' },
  rules,
  configs: {} as Configs,
};

const NAMESPACE = plugin.meta.namespace;

function ruleConfig(options: Record<string, unknown> | undefined): TSESLint.FlatConfig.Rules {
  const entry: TSESLint.FlatConfig.RuleEntry = options ? ['error', options] : 'error';
  return { [`${NAMESPACE}/no-escaping-context`]: entry };
}

function config(configName: string, options?: Record<string, unknown>): TSESLint.FlatConfig.Config {
  return { name: `${NAMESPACE}/${configName}`, plugins: { [NAMESPACE]: plugin }, rules: ruleConfig(options) };
}

plugin.configs = {
  /** Every framework preset; reports accesses that are unsafe after the response (writes, body reads, socket getters). */
  recommended: config('recommended', { reads: 'unsafe-only' }),
  /** Every framework preset; reports any capture of a request context (copy discipline). */
  strict: config('strict'),
  /** Turns the typed rules off, for JavaScript files outside the TypeScript project. */
  'disable-type-checked': {
    name: `${NAMESPACE}/disable-type-checked`,
    rules: { [`${NAMESPACE}/no-escaping-context`]: 'off' },
  },
  ...Object.fromEntries(PRESET_NAMES.map((preset: PresetName) => [preset, config(preset, { presets: [preset] })])),
};

export default plugin;
export { plugin as 'module.exports' };
