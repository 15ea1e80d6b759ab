import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['**/*.test.ts'],
    exclude: ['node_modules/**'],
    testTimeout: 20_000,
    // Two files at a time: most of the suite waits on PostgreSQL, Redis and Chromium rather than on its own
    // CPU, and every file has its own database and queue (test/helpers/server.ts).
    maxWorkers: 2,
    reporters: ['default', './test/summary-reporter.ts'],
  },
});
