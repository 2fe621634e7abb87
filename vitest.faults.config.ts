import { defineConfig } from 'vitest/config';

// The fault suite: real processes, a PostgreSQL cluster and a redis-server of its own.
// One file at a time: the scenarios restart the servers they share.
export default defineConfig({
  test: {
    include: ['tests/faults/**/*.int.test.ts'],
    reporters: ['default', './tests/support/summary-reporter.ts'],
    testTimeout: 300_000,
    hookTimeout: 120_000,
    pool: 'forks',
    fileParallelism: false,
  },
});
