// CPU time spent over a stretch of the bench: the whole machine's (/proc/stat), and of it
// the app (this process, and its worker processes if any), FerretDB (its Prometheus
// counter on the debug listener services.sh starts) and Redis (INFO cpu); the rest is
// mostly Dovecot, the SMTP relay and the bench's deliverer process. Divided by the
// mails, it says what one mail costs; the cores divided by that cost is the most this
// machine can do, however the work is scheduled.
import { readFile } from 'node:fs/promises';
import { Redis } from 'ioredis';

export interface CpuSpent {
  /** null: no /proc/stat (not Linux). */
  machineMs: number | null;
  appMs: number;
  /** Of appMs, the worker processes' share; null when the app runs in this process alone (no --workers, and the bare bound). */
  workersMs: number | null;
  /** null: no FerretDB debug listener answered (MONGODB_URL points elsewhere). */
  ferretdbMs: number | null;
  /** FerretDB's garbage collections (Go), null as above. */
  ferretdbGcs: number | null;
  redisMs: number;
}

const FERRETDB_METRICS = process.env.FERRETDB_METRICS_URL ?? 'http://127.0.0.1:27028/debug/metrics';

/** FerretDB's CPU seconds and garbage collections so far, from its Prometheus counters. */
async function ferretdbCounters(): Promise<{ cpuSeconds: number; gcs: number } | null> {
  try {
    const text = await (await fetch(FERRETDB_METRICS, { signal: AbortSignal.timeout(2000) })).text();
    const counter = (name: string) => Number(text.split('\n').find((l) => l.startsWith(`${name} `))?.split(' ')[1] ?? NaN);
    const counters = { cpuSeconds: counter('process_cpu_seconds_total'), gcs: counter('go_gc_duration_seconds_count') };
    return Number.isNaN(counters.cpuSeconds + counters.gcs) ? null : counters;
  } catch {
    return null;
  }
}

/** Busy time of all cores, in ms (USER_HZ is 100 on Linux). */
async function machineMs(): Promise<number | null> {
  try {
    const [user, nice, system, , , irq, softirq, steal] = (await readFile('/proc/stat', 'utf8')).split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
    return (user! + nice! + system! + irq! + softirq! + steal!) * 10;
  } catch {
    return null;
  }
}

/** CPU time (user + system) of another running process, in ms. */
async function processCpuMs(pid: number): Promise<number> {
  const fields = (await readFile(`/proc/${pid}/stat`, 'utf8')).split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10; // utime and stime (fields 14, 15), in 1/100 s
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

async function redisSeconds(redis: Redis): Promise<number> {
  const info = await redis.info('cpu');
  const field = (name: string) => Number(new RegExp(`^${name}:([\\d.]+)`, 'm').exec(info)?.[1] ?? 0);
  return field('used_cpu_user') + field('used_cpu_sys');
}

/** Starts measuring; the returned function ends it. `workerPids`: the app's other processes. */
export async function startCpuMeter(redisUrl: string, workerPids: number[] = []): Promise<() => Promise<CpuSpent>> {
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1, lazyConnect: true });
  await redis.connect();
  const workers = () => Promise.all(workerPids.map(processCpuMs)).then(sum);
  const [machine0, app0, workers0, ferret0, redis0] = [await machineMs(), process.cpuUsage(), await workers(), await ferretdbCounters(), await redisSeconds(redis)];
  return async () => {
    const app = process.cpuUsage(app0);
    const [machine1, workers1, ferret1, redis1] = [await machineMs(), await workers(), await ferretdbCounters(), await redisSeconds(redis)];
    await redis.quit();
    const ferret = ferret0 && ferret1;
    return {
      machineMs: machine0 === null || machine1 === null ? null : machine1 - machine0,
      appMs: Math.round((app.user + app.system) / 1000 + workers1 - workers0),
      workersMs: workerPids.length ? Math.round(workers1 - workers0) : null,
      ferretdbMs: ferret ? Math.round((ferret1.cpuSeconds - ferret0.cpuSeconds) * 1000) : null,
      ferretdbGcs: ferret ? ferret1.gcs - ferret0.gcs : null,
      redisMs: Math.round((redis1 - redis0) * 1000),
    };
  };
}

/** Per mail, and the throughput the cores allow at that cost. */
export function cpuPerMail(spent: CpuSpent, mails: number, cores: number) {
  const per = (ms: number | null) => (ms === null ? null : +(ms / mails).toFixed(1));
  const measured = spent.appMs + (spent.ferretdbMs ?? 0) + spent.redisMs;
  const total = Math.max(measured, spent.machineMs ?? 0);
  return {
    app: per(spent.appMs),
    ...(spent.workersMs === null ? {} : { appWorkers: per(spent.workersMs) }),
    ferretdb: per(spent.ferretdbMs),
    redis: per(spent.redisMs),
    other: per(total - measured)!,
    total: per(total)!,
    ceilingMailsPerSecond: +((cores * 1000 * mails) / total).toFixed(1),
  };
}
