// Prints "N passed, N failed" from vitest's JSON reports (CI reads that line). A report
// that is missing (services, lint or type check failed before vitest ran) counts as one
// failure, and says so. Above that line it names every failed test and the first line of
// its error, so the tail of a CI log alone says what broke, and every test that passed
// only on a retry (from the *.flaky.json file next to each report).
import { existsSync, readFileSync } from 'node:fs';
import { relative } from 'node:path';

const [exitCode, ...files] = process.argv.slice(2);
let passed = 0;
let failed = 0;
let skipped = 0;
const failures = [];
// eslint-disable-next-line no-control-regex -- strips the terminal colours vitest's messages carry
const firstLine = (text) => (text ?? '').replace(/\x1b\[[0-9;]*m/g, '').split('\n').find((l) => l.trim()) ?? '';
for (const file of files) {
  if (!existsSync(file)) {
    console.log(`no test report ${file}: a step before its tests failed (exit ${exitCode}); see the output above`);
    failed++;
    continue;
  }
  const flakyFile = file.replace(/\.json$/, '.flaky.json');
  if (existsSync(flakyFile)) {
    for (const f of JSON.parse(readFileSync(flakyFile, 'utf8'))) console.log(`FLAKY (passed after ${f.retries} retr${f.retries === 1 ? 'y' : 'ies'}) ${f.test}: ${f.errors[0] ?? ''}`.slice(0, 400));
  }
  const r = JSON.parse(readFileSync(file, 'utf8'));
  passed += r.numPassedTests;
  failed += r.numFailedTests + (r.numFailedTestSuites > 0 && r.numFailedTests === 0 ? 1 : 0);
  skipped += r.numPendingTests + r.numTodoTests;
  for (const suite of r.testResults ?? []) {
    const where = relative(process.cwd(), suite.name);
    const failedTests = (suite.assertionResults ?? []).filter((t) => t.status === 'failed');
    for (const t of failedTests) failures.push(`${where} > ${t.fullName}: ${firstLine(t.failureMessages?.[0])}`);
    if (suite.status === 'failed' && failedTests.length === 0) failures.push(`${where}: ${firstLine(suite.message)}`);
  }
}
for (const f of failures) console.log(`FAILED ${f.slice(0, 400)}`);
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
