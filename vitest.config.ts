import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    globalSetup: ['./tests/global-setup.ts'],
    setupFiles: ['./tests/setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Typed RuleTester suites each start a TypeScript project service; two
    // workers keep memory bounded on small CI machines.
    maxWorkers: 2,
  },
});
