import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    // Some suites build thousands of rows in a hook; on a loaded 2-core machine that passes 10 s.
    hookTimeout: 60_000,
    pool: 'forks',
    globalSetup: ['tests/support/build-once.ts'],
  },
});
