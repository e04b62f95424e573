// Prints "N passed, N failed" from vitest's JSON report (CI reads that line). When the
// run stopped before vitest (services, lint or type check failed), says so and counts
// that step as one failure.
import { existsSync, readFileSync } from 'node:fs';

const [file, exitCode] = process.argv.slice(2);
if (!existsSync(file)) {
  console.log(`no test report: a step before the tests failed (exit ${exitCode}); see the output above`);
  console.log('0 passed, 1 failed');
} else {
  const r = JSON.parse(readFileSync(file, 'utf8'));
  const failed = r.numFailedTests + (r.numFailedTestSuites > 0 && r.numFailedTests === 0 ? 1 : 0);
  const skipped = r.numPendingTests + r.numTodoTests;
  console.log(`${r.numPassedTests} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
}
