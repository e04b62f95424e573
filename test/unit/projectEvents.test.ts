// The projector's runs: a backlog goes batch after batch in one run; events that come in
// while a short batch is written wait for the next run instead of making another batch.
import { describe, expect, it } from 'vitest';
import { projectAll, projectPending } from '../../src/pipeline/report/projectEvents.js';
import type { CountedPhrases, DimensionedFact, PendingEvent, ReportDeps } from '../../src/pipeline/report/ports.js';

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
    rollups: { apply: async () => undefined, trimClosed: async () => 0, dropMarks: async () => undefined, removePhrases: async () => undefined },
    erasures: { mark: async () => undefined, claim: async () => new Set() },
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

describe("a case's phrases", () => {
  /**
   * One run over these category events of cases c1, c2: the texts asked for, the phrases
   * counted and taken out again. `erasing` lists the cases whose erasure mark is still
   * there to claim (an erasure that found a case counted has taken it); `erased` cases are
   * read as erased already.
   */
  async function project(events: PendingEvent[], opts: { erasing?: string[]; erased?: string[] } = {}) {
    const asked: string[][] = [];
    const facts: DimensionedFact[] = [];
    const removed: CountedPhrases[] = [];
    const claimed: string[] = [];
    const deps: ReportDeps = {
      source: {
        pendingEvents: async () => events,
        caseHeads: async (ids, withText) => {
          asked.push([...withText]);
          const head = (caseId: string) => ({ caseId, receivedAt: new Date(0), channel: 'email', category: 'quality', priority: 'medium', department: 'product', due: {}, metrics: {}, erased: opts.erased?.includes(caseId) ?? false });
          return new Map(ids.map((id) => [id, { ...head(id), ...(withText.has(id) ? { subject: 'Screen cracked', text: 'the screen cracked on day one' } : {}) }]));
        },
        saveMetrics: async () => undefined,
        eventsDone: async () => undefined,
      },
      rollups: { apply: async (f) => void facts.push(...f), trimClosed: async () => 0, dropMarks: async () => undefined, removePhrases: async (c) => void removed.push(c) },
      erasures: {
        mark: async () => undefined,
        claim: async (ids) => {
          claimed.push(...ids);
          return new Set(ids.filter((id) => opts.erasing?.includes(id)));
        },
      },
      timeZone: async () => 'UTC',
    };
    await projectPending(deps);
    return { asked, phrases: Object.fromEntries(facts.map((f) => [f.key, f.phrases])), removed, claimed };
  }
  const category = (caseId: string, phrases?: string[]): PendingEvent => ({ id: `screen:${caseId}:category`, caseId, type: 'screening.category', at: new Date(1), data: {}, ...(phrases ? { phrases } : {}) });

  it('come with its category event, without reading its text; one queued without them (a rebuild) reads it', async () => {
    const r = await project([category('c1', ['late delivery']), category('c2')]);
    expect(r.asked).toEqual([['c2']]);
    expect(r.phrases['received:c1']).toEqual(['late delivery']);
    expect(r.phrases['received:c2']).toContain('screen cracked');
    expect(r.removed).toEqual([]);
  });

  it('of a case being erased while they were counted are taken out again by whoever claims them', async () => {
    const won = await project([category('c1', ['late delivery']), category('c2', ['screen cracked'])], { erasing: ['c2'] });
    expect(won.claimed).toEqual(['c1', 'c2']);
    expect(won.removed).toEqual([{ day: '1970-01-01', department: 'product', category: 'quality', phrases: ['screen cracked'] }]);
    // The erasure claimed them first (it found them counted): it takes them out, not the projector.
    const lost = await project([category('c2', ['screen cracked'])], { erasing: [] });
    expect(lost.removed).toEqual([]);
  });

  it('of a case erased already are not counted', async () => {
    const r = await project([category('c1')], { erased: ['c1'], erasing: ['c1'] });
    expect(r.phrases['received:c1']).toEqual([]);
    expect(r.claimed).toEqual([]);
  });
});
