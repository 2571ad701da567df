import { ESLintUtils } from '@typescript-eslint/utils';

export interface ContextEscapeDocs {
  description: string;
  recommended?: boolean;
  requiresTypeChecking?: boolean;
}

export const REPOSITORY_URL =
  'https://github.com/eslint-plugin-context-escape/eslint-plugin-context-escape';

export function ruleDocsUrl(name: string): string {
  return `${REPOSITORY_URL}/blob/main/docs/rules/${name}.md`;
}

export const createRule = ESLintUtils.RuleCreator<ContextEscapeDocs>(ruleDocsUrl);
