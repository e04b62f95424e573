// The poller's pool: parallel across senders, in order within one, and a cursor that never skips a gap.
import { describe, expect, it } from 'vitest';
import { runOrdered } from '../../src/adapters/imap/orderedPool.js';

const tick = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Mail {
  uid: number;
  from: string;
  ms: number;
}

function run(items: Mail[], opts: { limit?: number; failAt?: number; stopAfter?: number; byUid?: boolean } = {}) {
  const started: number[] = [];
  const finished: number[] = [];
  const prefixes: number[] = [];
  let active = 0;
  let peak = 0;
  const done = runOrdered(
    items,
    {
      limit: opts.limit ?? 3,
      keyOf: (m) => m.from,
      shouldStop: () => opts.stopAfter !== undefined && started.length >= opts.stopAfter,
      onPrefix: (n) => prefixes.push(n),
      ...(opts.byUid ? { rankOf: (m: Mail) => m.uid - 1 } : {}),
    },
    async (m) => {
      started.push(m.uid);
      peak = Math.max(peak, ++active);
      await tick(m.ms);
      active--;
      if (m.uid === opts.failAt) throw new Error(`uid ${m.uid} failed`);
      finished.push(m.uid);
    },
  );
  return { done, started, finished, prefixes, peak: () => peak };
}

describe('ordered pool (the poller stores several messages at once)', () => {
  it('runs different senders in parallel, up to the limit, and reports only a gap-free prefix', async () => {
    const items = [
      { uid: 1, from: 'a', ms: 40 },
      { uid: 2, from: 'b', ms: 5 },
      { uid: 3, from: 'c', ms: 5 },
      { uid: 4, from: 'd', ms: 5 },
    ];
    const r = run(items, { limit: 3 });
    await r.done;
    expect(r.peak()).toBe(3);
    expect(r.finished.slice(0, 2)).toEqual([2, 3]);
    // 2 and 3 finished before 1: nothing may be reported until 1 is done, then all of it.
    expect(r.prefixes).toEqual([4]);
  });

  it('keeps one sender’s mail in order, even when the later one is quicker', async () => {
    const items = [
      { uid: 1, from: 'a', ms: 30 },
      { uid: 2, from: 'a', ms: 1 },
      { uid: 3, from: 'b', ms: 1 },
    ];
    const r = run(items);
    await r.done;
    expect(r.finished.indexOf(1)).toBeLessThan(r.finished.indexOf(2));
    expect(r.started.indexOf(3)).toBeLessThan(r.started.indexOf(2));
  });

  it('stops at a failure: the sender’s later mail does not run, the prefix stops before it, the error is thrown', async () => {
    const items = [
      { uid: 1, from: 'a', ms: 1 },
      { uid: 2, from: 'b', ms: 10 },
      { uid: 3, from: 'b', ms: 1 },
      { uid: 4, from: 'c', ms: 1 },
    ];
    const r = run(items, { limit: 4, failAt: 2 });
    await expect(r.done).rejects.toThrow('uid 2 failed');
    expect(r.started).not.toContain(3);
    expect(Math.max(...r.prefixes)).toBe(1);
  });

  it('starts nothing more once told to stop, and finishes what runs', async () => {
    const items = Array.from({ length: 10 }, (_, i) => ({ uid: i + 1, from: String(i), ms: 5 }));
    const r = run(items, { limit: 2, stopAfter: 4 });
    await r.done;
    expect(r.started.length).toBe(4);
    expect(r.finished.length).toBe(4);
    expect(r.prefixes.at(-1)).toBe(4);
  });

  it('counts the prefix in UID order when a reply is started after its parent', async () => {
    // Started parent first (uid 3, then its reply uid 1); uid 2 is slow.
    const items = [
      { uid: 3, from: 'a', ms: 1 },
      { uid: 1, from: 'a', ms: 1 },
      { uid: 2, from: 'b', ms: 30 },
    ];
    const r = run(items, { byUid: true });
    await r.done;
    expect(r.finished.indexOf(3)).toBeLessThan(r.finished.indexOf(1));
    // uid 3 and 1 are done before 2: only uid 1 may be reported until 2 is, then all three.
    expect(r.prefixes).toEqual([1, 3]);
  });
});
