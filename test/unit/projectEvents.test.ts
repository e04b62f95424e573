// The projector's runs: a backlog goes batch after batch in one run; events that come in
// while a short batch is written wait for the next run instead of making another batch.
import { describe, expect, it } from 'vitest';
import { projectAll } from '../../src/pipeline/report/projectEvents.js';
import type { PendingEvent, ReportDeps } from '../../src/pipeline/report/ports.js';

function queue(initial: number) {
  const pending: PendingEvent[] = [];
  let made = 0;
  const add = (n: number) => {
    for (let i = 0; i < n; i++, made++) pending.push({ id: `e${made}`, caseId: 'gone', type: 'mail.received', at: new Date(made), data: {} });
  };
  add(initial);
  const batches: number[] = [];
  // Events that come in while each of the next `rounds` batches is projected.
  let arriving = { n: 0, rounds: 0 };
  const deps: ReportDeps = {
    source: {
      pendingEvents: async (limit) => {
        const batch = pending.slice(0, limit);
        batches.push(batch.length);
        if (arriving.rounds-- > 0) add(arriving.n);
        return batch;
      },
      caseHeads: async () => new Map(), // no case: the events add no fact
      saveMetrics: async () => undefined,
      eventsDone: async (ids) => {
        const done = new Set(ids);
        pending.splice(0, pending.length, ...pending.filter((e) => !done.has(e.id)));
      },
    },
    rollups: { apply: async () => undefined, trimClosed: async () => 0, dropMarks: async () => undefined },
    timeZone: async () => 'UTC',
  };
  return { deps, batches, pending, arriveWithEachBatch: (n: number, rounds: number) => (arriving = { n, rounds }) };
}

describe('report projector runs', () => {
  it('takes a backlog batch after batch in one run', async () => {
    const q = queue(1200);
    expect(await projectAll(q.deps)).toBe(1200);
    expect(q.batches).toEqual([500, 500, 200]);
    expect(q.pending).toHaveLength(0);
  });

  it('leaves what comes in during a short batch to the next run', async () => {
    const q = queue(30);
    q.arriveWithEachBatch(10, 2);
    expect(await projectAll(q.deps)).toBe(30);
    expect(q.batches).toEqual([30]);
    expect(q.pending).toHaveLength(10);
    expect(await projectAll(q.deps)).toBe(10);
    expect(q.batches).toEqual([30, 10]);
    expect(q.pending).toHaveLength(10);
  });

  it('does nothing, in one read, when nothing is pending', async () => {
    const q = queue(0);
    expect(await projectAll(q.deps)).toBe(0);
    expect(q.batches).toEqual([0]);
  });
});
