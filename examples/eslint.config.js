// The configuration a user of eslint-plugin-context-escape writes.
// In your own project, import the plugin by name: `import contextEscape from 'eslint-plugin-context-escape'`.
import contextEscape from '../dist/index.js';
import tseslint from 'typescript-eslint';

export default [
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: {
      parser: tseslint.parser,
      // The rule needs type information to recognise request contexts.
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
  },
  {
    files: ['**/*.ts', '**/*.tsx'],
    // `recommended`, the config the README tells users to copy: every capture of a request
    // context without a copy. `essential` reports only what breaks once the response is sent
    // (writes, body reads, `req.ip`, ...); per-framework configs such as `configs.hono` also exist.
    ...contextEscape.configs.recommended,
  },
];
