// Lints the plugin's own sources and tests.
import eslintPlugin from 'eslint-plugin-eslint-plugin';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'examples/**', 'bench/**', 'tests/fixtures/**', 'stubs/**', 'coverage/**'] },
  {
    files: ['**/*.ts'],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    files: ['src/rules/*.ts'],
    ...eslintPlugin.configs.rules,
    rules: {
      ...eslintPlugin.configs.rules.rules,
      'eslint-plugin/require-meta-docs-url': 'off',
      'eslint-plugin/require-meta-docs-description': ['error', { pattern: '^(Enforce|Require|Disallow) ' }],
      // `recommended: 'recommended' | 'strict'` chooses the configs (src/index.ts).
      'eslint-plugin/require-meta-docs-recommended': ['error', { allowNonBoolean: true }],
    },
  },
  {
    files: ['tests/rules/**/*.test.ts'],
    ...eslintPlugin.configs.tests,
    rules: {
      ...eslintPlugin.configs.tests.rules,
    },
  },
);
