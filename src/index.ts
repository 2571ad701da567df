import type { ESLint, Linter } from 'eslint';

import { createRequire } from 'node:module';

import type { ContextEscapeDocs } from './util/create-rule.js';

import { PRESET_NAMES, type PresetName } from './presets/index.js';
import { rules } from './rules/index.js';

const { name, version } = createRequire(import.meta.url)('../package.json') as { name: string; version: string };

const NAMESPACE = 'context-escape';

export type ConfigName = 'disable-type-checked' | 'recommended' | 'strict' | PresetName;

/**
 * The plugin object. Rules are typed with typescript-eslint's types and the
 * whole object also as ESLint's `ESLint.Plugin`, so that `eslint.config.ts`
 * files accept it in `plugins` and its configs in `extends`.
 */
export interface ContextEscapePlugin extends ESLint.Plugin {
  meta: { name: string; version: string; namespace: string };
  rules: typeof rules & ESLint.Plugin['rules'];
  configs: Record<ConfigName, Linter.Config>;
}

const plugin = {
  meta: { name, version, namespace: NAMESPACE },
  rules,
  configs: {},
} as unknown as ContextEscapePlugin;

type Level = 'recommended' | 'strict';

const ruleEntries = Object.entries(rules).map(([ruleName, rule]) => ({
  id: `${NAMESPACE}/${ruleName}`,
  docs: rule.meta.docs as ContextEscapeDocs,
}));

/** Whether a rule belongs in the config of `level`, from its `meta.docs.recommended`. */
function enabledAt(docs: ContextEscapeDocs, level: Level): boolean {
  const recommended = docs.recommended;
  if (recommended === undefined || recommended === false) return false;
  return level === 'strict' || recommended === true || recommended === 'recommended';
}

/** A config enabling the rules of `level`, with `options` added to each rule's own (`recommendedOptions` at that level). */
function config(configName: string, level: Level, options?: Record<string, unknown>): Linter.Config {
  const entries = ruleEntries.filter(({ docs }) => enabledAt(docs, level));
  return {
    name: `${NAMESPACE}/${configName}`,
    plugins: { [NAMESPACE]: plugin },
    rules: Object.fromEntries(
      entries.map(({ id, docs }) => {
        const ruleOptions = { ...(level === 'recommended' ? docs.recommendedOptions : undefined), ...options };
        return [id, Object.keys(ruleOptions).length > 0 ? ['error', ruleOptions] : 'error'];
      }),
    ),
  };
}

plugin.configs = {
  /** Every framework preset; reports accesses that are unsafe after the response (writes, body reads, socket getters). */
  recommended: config('recommended', 'recommended'),
  /** Every framework preset; reports any capture of a request context (copy discipline). */
  strict: config('strict', 'strict'),
  /** Turns the typed rules off, for JavaScript files outside the TypeScript project. */
  'disable-type-checked': {
    name: `${NAMESPACE}/disable-type-checked`,
    rules: Object.fromEntries(ruleEntries.filter(({ docs }) => docs.requiresTypeChecking).map(({ id }) => [id, 'off'])),
  },
  ...(Object.fromEntries(PRESET_NAMES.map(preset => [preset, config(preset, 'strict', { presets: [preset] })])) as Record<
    PresetName,
    Linter.Config
  >),
};

export default plugin;
export { plugin as 'module.exports' };
