import { defineConfig } from 'vitest/config';

// Integration tests share the local mail server and run one file at a time; the JSON
// report feeds the "N passed, N failed" line that .ci/run prints.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
    reporters: ['default', 'json'],
    outputFile: { json: 'test-results/vitest.json' },
  },
});
