import { ESLintUtils } from '@typescript-eslint/utils';

export interface ContextEscapeDocs {
  description: string;
  /**
   * The configs that enable the rule: `true` or `'recommended'` for
   * `recommended` and `strict`, `'strict'` for `strict` only.
   */
  recommended?: boolean | 'recommended' | 'strict';
  requiresTypeChecking?: boolean;
  /**
   * Options the `recommended` config sets for this rule (`strict` uses the
   * rule's defaults): `{ reads: 'unsafe-only' }`.
   */
  recommendedOptions?: Record<string, unknown>;
}

export const REPOSITORY_URL =
  'https://github.com/eslint-plugin-context-escape/eslint-plugin-context-escape';

export function ruleDocsUrl(name: string): string {
  return `${REPOSITORY_URL}/blob/main/docs/rules/${name}.md`;
}

export const createRule = ESLintUtils.RuleCreator<ContextEscapeDocs>(ruleDocsUrl);
