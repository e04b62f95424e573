// Where the database time goes: the MongoDB driver's command events, summed by command,
// collection and the shape of the filter (field names, not values). The bench prints the
// top entries so a slow query shows itself without a separate profiling run.
import type { MongoClient, CommandStartedEvent, CommandSucceededEvent, CommandFailedEvent } from 'mongodb';

interface Entry {
  count: number;
  ms: number;
}

const SKIP = new Set(['hello', 'isMaster', 'ping', 'buildInfo', 'endSessions']);

function shape(e: CommandStartedEvent): string {
  const cmd = e.command as Record<string, unknown>;
  const collection = String(cmd[e.commandName] ?? '');
  const first = (x: unknown) => (Array.isArray(x) ? x[0] : x) as Record<string, unknown> | undefined;
  const filter = (cmd.filter ?? first(cmd.updates)?.q ?? first(cmd.deletes)?.q ?? cmd.query) as Record<string, unknown> | undefined;
  const keys = filter && typeof filter === 'object' ? Object.keys(filter).sort().join(',') : '';
  return `${e.commandName} ${collection}${keys ? ` {${keys}}` : ''}`;
}

export function profileCommands(client: MongoClient): () => Array<{ command: string; count: number; totalMs: number; meanMs: number }> {
  const started = new Map<number, string>();
  const totals = new Map<string, Entry>();
  client.on('commandStarted', (e: CommandStartedEvent) => {
    if (!SKIP.has(e.commandName)) started.set(e.requestId, shape(e));
  });
  const finish = (e: CommandSucceededEvent | CommandFailedEvent) => {
    const key = started.get(e.requestId);
    if (!key) return;
    started.delete(e.requestId);
    const t = totals.get(key) ?? { count: 0, ms: 0 };
    t.count++;
    t.ms += e.duration;
    totals.set(key, t);
  };
  client.on('commandSucceeded', finish);
  client.on('commandFailed', finish);
  return () =>
    [...totals]
      .map(([command, t]) => ({ command, count: t.count, totalMs: Math.round(t.ms), meanMs: +(t.ms / t.count).toFixed(1) }))
      .sort((a, b) => b.totalMs - a.totalMs);
}
