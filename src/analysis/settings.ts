import type { TypeOrValueSpecifier } from '@typescript-eslint/type-utils';
import type { TSESLint } from '@typescript-eslint/utils';
import type { JSONSchema4 } from '@typescript-eslint/utils/json-schema';

import { typeOrValueSpecifiersSchema } from '@typescript-eslint/type-utils';

import type { Preset, PresetName } from '../presets/index.js';

import { DEFAULT_SINKS, PRESET_NAMES, PRESETS } from '../presets/index.js';

/**
 * Options every rule of the plugin shares, and how they are resolved: the
 * rule's own option, else `settings['context-escape']`, else the default (the
 * eslint-plugin-n `get-*` pattern), so that frameworks are configured once:
 *
 * ```js
 * { settings: { 'context-escape': { presets: ['hono'], contexts: ['AppContext'] } } }
 * ```
 */
export const SETTINGS_KEY = 'context-escape';

/** Per context type, an expression that returns a safe copy of the whole context: `{{context}}.copy()`. */
export interface SnapshotCall {
  readonly type: TypeOrValueSpecifier;
  readonly call: string;
}

/** The options shared by the plugin's rules, as a user writes them (in the rule's options or in settings). */
export interface SharedOptions {
  presets?: PresetName[];
  contexts?: TypeOrValueSpecifier[];
  sinks?: TypeOrValueSpecifier[];
  safeSinks?: TypeOrValueSpecifier[];
  snapshots?: SnapshotCall[];
}

export const presetsSchema: JSONSchema4 = {
  type: 'array',
  items: { type: 'string', enum: PRESET_NAMES },
  uniqueItems: true,
  description: 'Framework presets whose request contexts, sinks and safe APIs apply. Defaults to all of them.',
};

export const contextsSchema: JSONSchema4 = {
  ...typeOrValueSpecifiersSchema,
  description: 'Extra types that are request contexts, added to those of the presets.',
};

export const sinksSchema: JSONSchema4 = {
  ...typeOrValueSpecifiersSchema,
  description: 'Functions or methods whose callbacks and arguments run later (job queues, pools, wrappers that spawn work).',
};

export const safeSinksSchema: JSONSchema4 = {
  ...typeOrValueSpecifiersSchema,
  description: 'Functions or methods that never defer the work they are given, even when they look like a sink.',
};

export const snapshotsSchema: JSONSchema4 = {
  type: 'array',
  description:
    'Per context type, an expression that returns a safe copy of the whole context, with `{{context}}` for the variable (`{{context}}.copy()`).',
  items: {
    type: 'object',
    additionalProperties: false,
    required: ['type', 'call'],
    properties: {
      type: { ...typeOrValueSpecifiersSchema.items, description: 'The context type this snapshot applies to.' },
      call: {
        type: 'string',
        pattern: '\\{\\{context\\}\\}',
        description: 'The snapshot expression; `{{context}}` is replaced by the variable.',
      },
    },
  },
};

/** The schema properties of {@link SharedOptions}, to spread into a rule's options schema. */
export const sharedOptionsSchema: Record<keyof SharedOptions, JSONSchema4> = {
  presets: presetsSchema,
  contexts: contextsSchema,
  sinks: sinksSchema,
  safeSinks: safeSinksSchema,
  snapshots: snapshotsSchema,
};

/** {@link SharedOptions} resolved against settings and defaults. */
export interface Settings {
  /** The presets that apply, in the order of `PRESET_NAMES` or of the user's list. */
  readonly presets: readonly Preset[];
  /** User context types (`contexts`). */
  readonly contexts: readonly TypeOrValueSpecifier[];
  /** User `sinks`, then the presets' sinks, then the default job queues. */
  readonly sinks: readonly TypeOrValueSpecifier[];
  readonly safeSinks: readonly TypeOrValueSpecifier[];
  readonly snapshots: readonly SnapshotCall[];
}

type AnyRuleContext = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

/**
 * Resolves the shared options of one rule: each one from `options` when the
 * user set it there, else from `settings['context-escape']`, else its
 * default. Settings are not validated by ESLint, so malformed entries there
 * are ignored rather than crashing the rule.
 *
 * ```ts
 * // settings: { 'context-escape': { presets: ['hono'] } }, options: {}
 * resolveSettings(context, {}).presets // [PRESETS.hono]
 * ```
 */
export function resolveSettings(context: AnyRuleContext, options: SharedOptions): Settings {
  const shared = sharedSettingsOf(context);
  const presetNames = options.presets ?? shared.presets ?? PRESET_NAMES;
  const presets = presetNames.flatMap(name => (Object.hasOwn(PRESETS, name) ? [PRESETS[name]] : []));
  const userSinks = options.sinks ?? shared.sinks ?? [];
  return {
    presets,
    contexts: options.contexts ?? shared.contexts ?? [],
    sinks: [...userSinks, ...presets.flatMap(preset => preset.sinks ?? []), ...DEFAULT_SINKS],
    safeSinks: options.safeSinks ?? shared.safeSinks ?? [],
    snapshots: options.snapshots ?? shared.snapshots ?? [],
  };
}

/** The well-formed shared options found in `settings['context-escape']`. */
export function sharedSettingsOf(context: AnyRuleContext): SharedOptions {
  const raw: unknown = (context.settings as Record<string, unknown> | undefined)?.[SETTINGS_KEY];
  if (!isRecord(raw)) return {};
  const shared: SharedOptions = {};
  if (Array.isArray(raw.presets))
    shared.presets = raw.presets.filter((name): name is PresetName => typeof name === 'string' && Object.hasOwn(PRESETS, name));
  if (Array.isArray(raw.contexts)) shared.contexts = raw.contexts.filter(isSpecifier);
  if (Array.isArray(raw.sinks)) shared.sinks = raw.sinks.filter(isSpecifier);
  if (Array.isArray(raw.safeSinks)) shared.safeSinks = raw.safeSinks.filter(isSpecifier);
  if (Array.isArray(raw.snapshots)) {
    shared.snapshots = raw.snapshots.filter(
      (entry): entry is SnapshotCall =>
        isRecord(entry) && isSpecifier(entry.type) && typeof entry.call === 'string' && entry.call.includes('{{context}}'),
    );
  }
  return shared;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A string, or an object with `from` and a string (or string list) `name`: the shape `TypeOrValueSpecifier` needs. */
function isSpecifier(value: unknown): value is TypeOrValueSpecifier {
  if (typeof value === 'string') return true;
  if (!isRecord(value)) return false;
  const name = value.name;
  const named = typeof name === 'string' || (Array.isArray(name) && name.length > 0 && name.every(part => typeof part === 'string'));
  switch (value.from) {
    case 'lib':
    case 'file':
      return named && (value.path === undefined || typeof value.path === 'string');
    case 'package':
      return named && typeof value.package === 'string';
    default:
      return false;
  }
}
