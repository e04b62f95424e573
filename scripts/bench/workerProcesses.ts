// `npm run bench -- --workers N`: the notify workers (screening, acknowledgements,
// routing) in N processes of their own, as a deployment scales out, while the bench's
// process keeps the poller. Same settings as the bench's own process; their CPU time and
// peak RSS are read from /proc (Linux).
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const NOTIFY = fileURLToPath(new URL('../../workers/notify.ts', import.meta.url));

/** Peak RSS of a running process, in MB. */
async function peakRssMB(pid: number): Promise<number> {
  const kb = /VmHWM:\s+(\d+)/.exec(await readFile(`/proc/${pid}/status`, 'utf8'))?.[1];
  return Math.round(Number(kb) / 1024);
}

/** Resolves once the worker logged that it started; rejects if it exits first. */
async function started(child: ChildProcess): Promise<void> {
  const lines = createInterface({ input: child.stdout! });
  const exited = once(child, 'exit').then(([code]) => {
    throw new Error(`a notify worker exited with code ${code} before it started (its errors are above)`);
  });
  const ready = (async () => {
    for await (const line of lines) if (line.includes('"event":"app.started"')) return;
  })();
  await Promise.race([ready, exited]);
  child.stdout!.resume(); // its later log lines are not kept
}

/** `profileDir`: each process writes a CPU profile there when it exits (--cpu-prof). */
export async function startWorkerProcesses(n: number, env: Record<string, string>, profileDir?: string) {
  const profiling = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [];
  const children = Array.from({ length: n }, () =>
    spawn(process.execPath, [...profiling, '--import', 'tsx', NOTIFY], { env: { ...process.env, ...env, LOG_LEVEL: 'info' }, stdio: ['ignore', 'pipe', 'inherit'] }),
  );
  // A bench that fails half-way must not leave workers taking jobs behind it.
  process.once('exit', () => children.forEach((c) => c.kill()));
  await Promise.all(children.map(started));
  const pids = children.map((c) => c.pid!);
  return {
    pids,
    peakRssMB: () => Promise.all(pids.map(peakRssMB)),
    async stop(): Promise<void> {
      await Promise.all(children.map(async (c) => {
        c.kill('SIGTERM');
        if (c.exitCode === null) await once(c, 'exit');
      }));
    },
  };
}
