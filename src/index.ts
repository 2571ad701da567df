import type { ESLint, Linter } from 'eslint';

import { createRequire } from 'node:module';

import type { PresetName } from './presets/index.js';
import type { ConfigLevel, ContextEscapeDocs } from './util/create-rule.js';

import { PRESET_NAMES } from './presets/index.js';
import { rules } from './rules/index.js';
import { CONFIG_LEVELS } from './util/create-rule.js';

const { name, version } = createRequire(import.meta.url)('../package.json') as { name: string; version: string };

const NAMESPACE = 'context-escape';

export type ConfigName = 'disable-type-checked' | 'disableTypeChecked' | 'essential' | 'recommended' | 'strict' | PresetName;

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

const ruleEntries = Object.entries(rules).map(([ruleName, rule]) => ({
  id: `${NAMESPACE}/${ruleName}`,
  docs: rule.meta.docs as ContextEscapeDocs,
}));

/** Whether a rule belongs in the config of `level`, from its `meta.docs.recommended` (`essential` ⊂ `recommended` ⊂ `strict`). */
function enabledAt(docs: ContextEscapeDocs, level: ConfigLevel): boolean {
  const recommended = docs.recommended;
  if (recommended === undefined || recommended === false) return false;
  const least = recommended === true ? 'recommended' : recommended;
  return CONFIG_LEVELS.indexOf(level) >= CONFIG_LEVELS.indexOf(least);
}

/** The options a rule's docs set at `level`: `essentialOptions`, `recommendedOptions` (usually none: the defaults), `strictOptions`. */
function optionsAt(docs: ContextEscapeDocs, level: ConfigLevel): Record<string, unknown> | undefined {
  if (level === 'essential') return docs.essentialOptions;
  if (level === 'strict') return docs.strictOptions;
  return docs.recommendedOptions;
}

/** A config enabling the rules of `level`, with `options` added to each rule's options at that level. */
function config(configName: string, level: ConfigLevel, options?: Record<string, unknown>): Linter.Config {
  const entries = ruleEntries.filter(({ docs }) => enabledAt(docs, level));
  return {
    name: `${NAMESPACE}/${configName}`,
    plugins: { [NAMESPACE]: plugin },
    rules: Object.fromEntries(
      entries.map(({ id, docs }) => {
        const ruleOptions = { ...optionsAt(docs, level), ...options };
        return [id, Object.keys(ruleOptions).length > 0 ? ['error', ruleOptions] : 'error'];
      }),
    ),
  };
}

/** Turns the typed rules off, for JavaScript files outside the TypeScript project. */
const disableTypeChecked: Linter.Config = {
  name: `${NAMESPACE}/disable-type-checked`,
  rules: Object.fromEntries(ruleEntries.filter(({ docs }) => docs.requiresTypeChecking).map(({ id }) => [id, 'off'])),
};

plugin.configs = {
  /** Every framework preset; reports only what breaks after the response (writes, body reads, socket getters): for gradual adoption. */
  essential: config('essential', 'essential'),
  /** Every framework preset; every capture of a request context without a copy (copy discipline, the rules' defaults). */
  recommended: config('recommended', 'recommended'),
  /** `recommended` plus the opinionated options of the rules that have them. */
  strict: config('strict', 'strict'),
  'disable-type-checked': disableTypeChecked,
  /** The same config under typescript-eslint's spelling (`tseslint.configs.disableTypeChecked`). */
  disableTypeChecked,
  /** `recommended`, for one framework. */
  ...(Object.fromEntries(PRESET_NAMES.map(preset => [preset, config(preset, 'recommended', { presets: [preset] })])) as Record<
    PresetName,
    Linter.Config
  >),
};

export default plugin;
export { plugin as 'module.exports' };
