import { defineConfig } from 'vitest/config';
import { FlakyReporter } from './test/support/flakyReporter.js';

// Integration tests share the local mail server and run one file at a time; the JSON
// report feeds the "N passed, N failed" line that .ci/run prints. The fault-injection
// run (test/faults, several minutes) runs alone: npm run test:faults sets VITEST_FAULTS.
// TEST_RETRY (set by .ci/run) retries a failed test that many times; the retried ones
// that passed are listed in test-results/*.flaky.json and printed by the summary.
const faults = !!process.env.VITEST_FAULTS;
const report = faults ? 'test-results/faults' : 'test-results/vitest';
export default defineConfig({
  test: {
    include: faults ? ['test/faults/**/*.test.ts'] : ['test/**/*.test.ts'],
    exclude: faults ? [] : ['test/faults/**', 'node_modules/**'],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
    retry: faults ? 0 : Number(process.env.TEST_RETRY ?? 0),
    reporters: ['default', 'json', new FlakyReporter(`${report}.flaky.json`)],
    outputFile: { json: `${report}.json` },
  },
});
