// Requests sent together: callers behind an in-flight batch share the next one, each
// learns its own outcome, and a busy queue waits a moment for the callers right behind.
import { describe, expect, it } from 'vitest';
import { Coalescer, ItemFailed } from '../../src/adapters/coalesce.js';

const tick = (ms: number) => new Promise((r) => setTimeout(r, ms));

function recorder(opts: { maxWeight?: number; fail?: (n: number) => boolean; failBatch?: boolean } = {}) {
  const batches: number[][] = [];
  const q = new Coalescer<number, number>({
    send: async (items) => {
      batches.push(items);
      await tick(5);
      if (opts.failBatch) throw new Error('the command failed');
      return items.map((n) => (opts.fail?.(n) ? new ItemFailed(new Error(`item ${n} refused`)) : n * 10));
    },
    ...(opts.maxWeight ? { maxWeight: opts.maxWeight, weightOf: () => 1 } : {}),
  });
  return { q, batches, opts };
}

describe('coalescer', () => {
  it('sends an idle queue’s first item at the end of the turn, with those of the same turn, and the items behind them together', async () => {
    const { q, batches } = recorder();
    const first = [q.add(1), q.add(2)];
    await new Promise((r) => setImmediate(r));
    expect(batches).toEqual([[1, 2]]); // no timer when nothing went out lately
    const rest = [3, 4, 5].map((n) => q.add(n));
    expect(await Promise.all([...first, ...rest])).toEqual([10, 20, 30, 40, 50]);
    expect(batches).toEqual([[1, 2], [3, 4, 5]]);
  });

  it('under load, the first item waits for those right behind it', async () => {
    const { q, batches } = recorder();
    await q.add(1);
    const a = q.add(2);
    await tick(1);
    const b = q.add(3);
    await Promise.all([a, b]);
    expect(batches).toEqual([[1], [2, 3]]);
  });

  it('keeps a batch within its weight', async () => {
    const { q, batches } = recorder({ maxWeight: 2 });
    await Promise.all([1, 2, 3, 4, 5].map((n) => q.add(n)));
    expect(batches).toEqual([[1, 2], [3, 4], [5]]);
  });

  it('fails only the caller whose item failed, and every caller of a failed batch', async () => {
    const some = recorder({ fail: (n) => n === 3 });
    const results = await Promise.allSettled([1, 2, 3, 4].map((n) => some.q.add(n)));
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    expect((results[2] as PromiseRejectedResult).reason.message).toBe('item 3 refused');

    const all = recorder({ failBatch: true });
    const failed = await Promise.allSettled([1, 2].map((n) => all.q.add(n)));
    expect(failed.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    // The queue goes on after a failed batch.
    all.opts.failBatch = false;
    await expect(Promise.all([all.q.add(7), all.q.add(8)])).resolves.toEqual([70, 80]);
    expect(all.batches.slice(-1)).toEqual([[7, 8]]);
  });
});
