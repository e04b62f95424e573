// Prints "N passed, N failed" from vitest's JSON reports (CI reads that line). A report
// that is missing (services, lint or type check failed before vitest ran) counts as one
// failure, and says so.
import { existsSync, readFileSync } from 'node:fs';

const [exitCode, ...files] = process.argv.slice(2);
let passed = 0;
let failed = 0;
let skipped = 0;
for (const file of files) {
  if (!existsSync(file)) {
    console.log(`no test report ${file}: a step before its tests failed (exit ${exitCode}); see the output above`);
    failed++;
    continue;
  }
  const r = JSON.parse(readFileSync(file, 'utf8'));
  passed += r.numPassedTests;
  failed += r.numFailedTests + (r.numFailedTestSuites > 0 && r.numFailedTests === 0 ? 1 : 0);
  skipped += r.numPendingTests + r.numTodoTests;
}
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
