// `--profile DIR`: a CPU profile of the bench's process over the run (the poller, and
// the workers unless they run apart), written as DIR/bench-<pid>.cpuprofile; worker
// processes (--workers) write their own there with --cpu-prof when they exit. Open them
// in Chrome's DevTools (Performance) or speedscope.
import { mkdir, writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';
import path from 'node:path';

/** Starts profiling this process; the returned function stops it and gives the file written. */
export async function startCpuProfile(dir: string): Promise<() => Promise<string>> {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  return async () => {
    const { profile } = await session.post('Profiler.stop');
    session.disconnect();
    await mkdir(dir, { recursive: true });
    const file = path.join(dir, `bench-${process.pid}.cpuprofile`);
    await writeFile(file, JSON.stringify(profile));
    return file;
  };
}
