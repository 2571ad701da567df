import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    globalSetup: ['./tests/global-setup.ts'],
    setupFiles: ['./tests/setup.ts'],
    // One generous limit for every test and hook (no test sets its own): no
    // test depends on the clock, these only stop a hung test, and typed
    // parsing on a loaded 2-core machine can take minutes.
    testTimeout: 600_000,
    hookTimeout: 600_000,
    // Typed suites each start a TypeScript project service; two workers keep
    // memory bounded on small CI machines.
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        test: {
          name: 'rules',
          include: ['tests/rules/**/*.test.ts'],
          // The RuleTester suites share one worker's module state: one project
          // service and one fix checker load the framework typings once per
          // worker instead of once per suite (see tests/util/rule-tester.ts).
          isolate: false,
        },
      },
      {
        extends: true,
        test: {
          name: 'plugin',
          include: ['tests/**/*.test.ts'],
          exclude: ['tests/rules/**'],
        },
      },
    ],
  },
});
