// Runs one of the app's processes (workers/*.ts) as a real child process, as production
// does, so a test can run two of them side by side and kill one with SIGKILL. Its JSON log
// lines are collected for the test to read, and kept in test-results/processes/ for a
// person reading a failure.
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface LogLine {
  event?: string;
  [field: string]: unknown;
}

export interface AppProcess {
  readonly name: string;
  readonly child: ChildProcess;
  readonly lines: LogLine[];
  events(event: string): LogLine[];
  waitForEvent(event: string, timeoutMs?: number): Promise<LogLine>;
  /** SIGKILL: no shutdown, no lease handed back. */
  kill(): Promise<void>;
  /** SIGTERM: finishes in-flight work, hands back the lease. */
  stop(): Promise<void>;
  /** Waits for the process to end by itself (SIGKILL after timeoutMs); its exit code. */
  exit(timeoutMs: number): Promise<number | null>;
}

export function startAppProcess(name: string, entry: 'intake' | 'notify' | 'all', env: Record<string, string>): AppProcess {
  // Node with tsx's loader rather than the tsx wrapper: SIGKILL then hits the app itself.
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'workers', `${entry}.ts`)], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: 'debug', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: LogLine[] = [];
  mkdirSync(path.join(ROOT, 'test-results/processes'), { recursive: true });
  const file = createWriteStream(path.join(ROOT, 'test-results/processes', `${name}-${child.pid}.log`));
  child.stdout!.pipe(file);
  let stderr = '';
  let buffered = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    buffered += chunk;
    const parts = buffered.split('\n');
    buffered = parts.pop()!;
    for (const part of parts) {
      try {
        lines.push(JSON.parse(part) as LogLine);
      } catch {
        lines.push({ event: 'non-json', text: part });
      }
    }
  });
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-4000);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const events = (event: string) => lines.filter((l) => l.event === event);
  return {
    name,
    child,
    lines,
    events,
    async waitForEvent(event, timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = events(event)[0];
        if (found) return found;
        if (child.exitCode !== null || Date.now() > deadline) {
          throw new Error(`${name}: no ${event} in its log (${child.exitCode !== null ? `exited with ${child.exitCode}` : `after ${timeoutMs} ms`}); stderr: ${stderr}`);
        }
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    async kill() {
      if (child.exitCode === null) child.kill('SIGKILL');
      await exited;
    },
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
    async exit(timeoutMs) {
      const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
      await exited;
      clearTimeout(timer);
      return child.exitCode;
    },
  };
}
