import type { Linter } from 'eslint';

import parser from '@typescript-eslint/parser';
import { ESLint } from 'eslint';

import plugin from '../../src/index.js';

/**
 * Options for ESLint's Node API that lint `.ts`/`.tsx` files below `cwd` with
 * full type information (its nearest tsconfig through the project service),
 * ignoring any config file, plus `configs`.
 */
export function typedLintOptions(cwd: string, ...configs: Linter.Config[]): ESLint.Options {
  return {
    cwd,
    overrideConfigFile: true,
    overrideConfig: [
      {
        files: ['**/*.ts', '**/*.tsx'],
        languageOptions: { parser, parserOptions: { projectService: true, tsconfigRootDir: cwd } },
      },
      ...configs,
    ],
  };
}

/** A config that turns on one rule of the plugin with `options`. */
export function ruleConfig(ruleName: string, options: readonly unknown[] = []): Linter.Config {
  return {
    plugins: { 'context-escape': plugin },
    rules: { [`context-escape/${ruleName}`]: ['error', ...options] },
  };
}

/** An ESLint instance for {@link typedLintOptions}. */
export function createTypedESLint(cwd: string, ...configs: Linter.Config[]): ESLint {
  return new ESLint(typedLintOptions(cwd, ...configs));
}
