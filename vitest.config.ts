import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // A throwaway PostgreSQL server for the run (skipped when PostgreSQL is not installed): see test/pg-setup.ts.
    globalSetup: ['test/pg-setup.ts'],
  },
});
