// Round trips the app makes per case: MongoDB commands (the driver's commandStarted
// events, which need monitorCommands) by command and collection, and Redis round trips
// (every command ioredis writes, a pipeline or MULTI counted once) by command, each also
// by the stage that made it: the case job it ran in (BullMQ's processor, wrapped here),
// else "outside jobs" (the poller, the reconciler, the report projector, BullMQ's own
// bookkeeping between jobs). Only this process is counted (not --workers' processes).
import { AsyncLocalStorage } from 'node:async_hooks';
import { Worker } from 'bullmq';
import { Redis } from 'ioredis';
import type { CommandStartedEvent, MongoClient } from 'mongodb';

const SKIP_MONGO = new Set(['hello', 'isMaster', 'ping', 'buildInfo', 'endSessions', 'saslStart', 'saslContinue']);
const OUTSIDE = 'outside jobs';
const stage = new AsyncLocalStorage<string>();
const mongo = new Map<string, number>();
const redis = new Map<string, number>();
let counting = false;

const bump = (m: Map<string, number>, key: string) => m.set(key, (m.get(key) ?? 0) + 1);

/** Runs `fn` with its round trips left out of the counts (the bench's own polling). */
export const uncounted = <T>(fn: () => Promise<T>): Promise<T> => stage.run('bench', fn);

/** Call before the app starts: wraps BullMQ's processor and ioredis' command writer. */
export function installOpCounter(): void {
  const workerProto = Worker.prototype as unknown as { callProcessJob(job: { name: string }, ...rest: unknown[]): Promise<unknown> };
  const runJob = workerProto.callProcessJob;
  workerProto.callProcessJob = function (job, ...rest) {
    return stage.run(job.name, () => runJob.call(this, job, ...rest));
  };
  const redisProto = Redis.prototype as unknown as { sendCommand(command: { name: string }, stream?: { isPipeline?: boolean }): unknown };
  const send = redisProto.sendCommand;
  const pipelines = new WeakSet<object>();
  redisProto.sendCommand = function (command, stream) {
    const where = stage.getStore() ?? OUTSIDE;
    if (counting && where !== 'bench') {
      if (stream?.isPipeline) {
        if (!pipelines.has(stream)) {
          pipelines.add(stream);
          bump(redis, `${where}\tpipeline/multi`);
        }
      } else bump(redis, `${where}\t${command.name}`);
    }
    return send.call(this, command, stream);
  };
}

/** Counts the client's commands from now on (the URL must carry monitorCommands=true). */
export function countMongo(client: MongoClient): void {
  client.on('commandStarted', (e: CommandStartedEvent) => {
    const where = stage.getStore() ?? OUTSIDE;
    if (!counting || where === 'bench' || SKIP_MONGO.has(e.commandName)) return;
    const cmd = e.command as Record<string, unknown>;
    bump(mongo, `${where}\t${e.commandName} ${String(cmd[e.commandName] ?? '')}`);
  });
}

export function startCounting(): void {
  counting = true;
}

export interface OpCounts {
  perCase: { database: number; redis: number };
  totals: { database: number; redis: number };
  /** Per case, by stage, then by "command collection" (database) or command (Redis), largest first. */
  databaseByStage: Record<string, { perCase: number; top: Record<string, number> }>;
  redisByStage: Record<string, { perCase: number; top: Record<string, number> }>;
}

function byStage(m: Map<string, number>, cases: number): OpCounts['databaseByStage'] {
  const stages = new Map<string, Array<[string, number]>>();
  for (const [key, n] of m) {
    const [where, what] = key.split('\t') as [string, string];
    stages.set(where, [...(stages.get(where) ?? []), [what, n]]);
  }
  const per = (n: number) => +(n / cases).toFixed(2);
  return Object.fromEntries(
    [...stages]
      .map(([where, rows]) => [where, rows.reduce((a, [, n]) => a + n, 0), rows] as const)
      .sort((a, b) => b[1] - a[1])
      .map(([where, total, rows]) => [where, { perCase: per(total), top: Object.fromEntries(rows.sort((a, b) => b[1] - a[1]).slice(0, 14).map(([what, n]) => [what, per(n)])) }]),
  );
}

/** Stops counting and divides by the cases opened. */
export function opCounts(cases: number): OpCounts {
  counting = false;
  const sum = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);
  const c = Math.max(1, cases);
  return {
    perCase: { database: +(sum(mongo) / c).toFixed(1), redis: +(sum(redis) / c).toFixed(1) },
    totals: { database: sum(mongo), redis: sum(redis) },
    databaseByStage: byStage(mongo, c),
    redisByStage: byStage(redis, c),
  };
}
