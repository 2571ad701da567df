import type { ESLint, Linter } from 'eslint';

import { createRequire } from 'node:module';

import { PRESET_NAMES, type PresetName } from './presets/index.js';
import noEscapingContext from './rules/no-escaping-context.js';
import requireAbortHandling from './rules/require-abort-handling.js';

const { name, version } = createRequire(import.meta.url)('../package.json') as { name: string; version: string };

const NAMESPACE = 'context-escape';

const rules = {
  'no-escaping-context': noEscapingContext,
  'require-abort-handling': requireAbortHandling,
};

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

function config(
  configName: string,
  options?: Record<string, unknown>,
  abortOptions: Record<string, unknown> = options?.presets ? { presets: options.presets } : {},
): Linter.Config {
  return {
    name: `${NAMESPACE}/${configName}`,
    plugins: { [NAMESPACE]: plugin },
    rules: {
      [`${NAMESPACE}/no-escaping-context`]: options ? ['error', options] : 'error',
      [`${NAMESPACE}/require-abort-handling`]: Object.keys(abortOptions).length > 0 ? ['error', abortOptions] : 'error',
    },
  };
}

plugin.configs = {
  /** Every framework preset; reports accesses that are unsafe after the response (writes, body reads, socket getters). */
  recommended: config('recommended', { reads: 'unsafe-only' }, { upstreamFetch: false }),
  /** Every framework preset; reports any capture of a request context (copy discipline). */
  strict: config('strict'),
  /** Turns the typed rules off, for JavaScript files outside the TypeScript project. */
  'disable-type-checked': {
    name: `${NAMESPACE}/disable-type-checked`,
    rules: { [`${NAMESPACE}/no-escaping-context`]: 'off', [`${NAMESPACE}/require-abort-handling`]: 'off' },
  },
  ...(Object.fromEntries(PRESET_NAMES.map(preset => [preset, config(preset, { presets: [preset] })])) as Record<PresetName, Linter.Config>),
};

export default plugin;
export { plugin as 'module.exports' };
