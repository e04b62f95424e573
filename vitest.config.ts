import { defineConfig } from 'vitest/config';

// Integration tests share the local mail server and run one file at a time; the JSON
// report feeds the "N passed, N failed" line that .ci/run prints. The fault-injection
// run (test/faults, several minutes) runs alone: npm run test:faults sets VITEST_FAULTS.
const faults = !!process.env.VITEST_FAULTS;
export default defineConfig({
  test: {
    include: faults ? ['test/faults/**/*.test.ts'] : ['test/**/*.test.ts'],
    exclude: faults ? [] : ['test/faults/**', 'node_modules/**'],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
    reporters: ['default', 'json'],
    outputFile: { json: faults ? 'test-results/faults.json' : 'test-results/vitest.json' },
  },
});
