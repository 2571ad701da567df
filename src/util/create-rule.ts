import { ESLintUtils } from '@typescript-eslint/utils';

/** The general configs, from the least to the most opinionated. */
export const CONFIG_LEVELS = ['essential', 'recommended', 'strict'] as const;

export type ConfigLevel = (typeof CONFIG_LEVELS)[number];

export interface ContextEscapeDocs {
  description: string;
  /**
   * The least config that enables the rule, in the order `essential` ⊂
   * `recommended` ⊂ `strict`: `'essential'` enables it in all three,
   * `true` or `'recommended'` in `recommended` and `strict`, `'strict'` in
   * `strict` only.
   */
  recommended?: boolean | ConfigLevel;
  requiresTypeChecking?: boolean;
  /** Options the `essential` config sets (breakage only): `{ reads: 'unsafe-only' }`. */
  essentialOptions?: Record<string, unknown>;
  /** Options the `recommended` config (and the framework configs) set; none means the rule's defaults. */
  recommendedOptions?: Record<string, unknown>;
  /** Options the `strict` config sets (more opinionated than the defaults). */
  strictOptions?: Record<string, unknown>;
}

export const REPOSITORY_URL = 'https://github.com/eslint-plugin-context-escape/eslint-plugin-context-escape';

export function ruleDocsUrl(name: string): string {
  return `${REPOSITORY_URL}/blob/main/docs/rules/${name}.md`;
}

export const createRule = ESLintUtils.RuleCreator<ContextEscapeDocs>(ruleDocsUrl);
