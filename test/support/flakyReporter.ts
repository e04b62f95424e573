// Names every test that failed and then passed on a retry (TEST_RETRY, set by .ci/run), in
// a JSON file next to vitest's report: scripts/test-summary.mjs prints them above the
// "N passed, N failed" line, so a retry never hides a flaky test, it only keeps one bad
// moment on a loaded machine from failing the whole run.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, relative } from 'node:path';
import type { Reporter, TestCase } from 'vitest/node';

export class FlakyReporter implements Reporter {
  private readonly flaky: Array<{ test: string; retries: number; errors: string[] }> = [];

  constructor(private readonly outputFile: string) {}

  onTestCaseResult(test: TestCase): void {
    const d = test.diagnostic();
    if (!d?.flaky) return;
    const errors = (test.result().errors ?? []).map((e) => e.message.split('\n')[0] ?? '');
    this.flaky.push({ test: `${relative(process.cwd(), test.module.moduleId)} > ${test.fullName}`, retries: d.retryCount, errors });
  }

  onTestRunEnd(): void {
    mkdirSync(dirname(this.outputFile), { recursive: true });
    writeFileSync(this.outputFile, JSON.stringify(this.flaky, null, 2));
  }
}
