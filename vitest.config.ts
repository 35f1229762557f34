import { defineConfig } from 'vitest/config';

export default defineConfig({
  // drizzle's driver module imports plain better-sqlite3, which is not installed: tests load the
  // encryption-capable build with the same API, as the bundles do (build-main.mjs).
  resolve: { alias: [{ find: /^better-sqlite3$/, replacement: 'better-sqlite3-multiple-ciphers' }] },
  test: {
    server: { deps: { inline: [/drizzle-orm/] } },
    include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    // Some suites build thousands of rows in a hook; on a loaded 2-core machine that passes 10 s.
    hookTimeout: 60_000,
    pool: 'forks',
    globalSetup: ['tests/support/build-once.ts'],
  },
});
