// The sequence behind case numbers, one counter document per prefix and year. Every new
// case takes the next value, so in a burst the openings of one process queued for the
// counter's lock one after another (measured: about 6 failed tries of the lock per case,
// and one locked read-and-replace each). Here the requests that arrive while one
// increment is in flight wait and are served together by the next (see coalesce): one
// `$inc` by their count, whose values they share out in the order they asked. No number
// is skipped that the one-at-a-time increment would not skip too (only a crash between
// the increment and the case leaves a gap, as before).
import type { Collection } from 'mongodb';
import { lockedWrite } from './documentLocks.js';
import { isDuplicateKey } from './events.js';
import { Coalescer } from '../coalesce.js';

type Counters = Collection<{ _id: string; seq: number }>;

class CounterQueue {
  // The collection handed in by the latest request: a reconnect may bring a new one.
  private counters!: Counters;
  private readonly requests = new Coalescer<null, number>({
    send: async (batch) => {
      const last = await this.increment(batch.length);
      return batch.map((_, i) => last - batch.length + 1 + i);
    },
  });

  constructor(private readonly id: string) {}

  next(counters: Counters): Promise<number> {
    this.counters = counters;
    return this.requests.add(null);
  }

  /** Adds n to the counter (created at 0 the first time); returns its new value. */
  private async increment(n: number): Promise<number> {
    for (let attempt = 0; ; attempt++) {
      try {
        const doc = await lockedWrite('counters', this.id, () => this.counters.findOneAndUpdate({ _id: this.id }, { $inc: { seq: n } }, { upsert: true, returnDocument: 'after' }));
        return doc!.seq;
      } catch (err) {
        // Two processes' first upserts of the year race; the loser tries again and increments.
        if (!isDuplicateKey(err) || attempt >= 3) throw err;
      }
    }
  }
}

const queues = new Map<string, CounterQueue>();

/** The next value of the counter `id` (1 for its first) in the collection `counters`. */
export function nextInSequence(counters: Counters, id: string): Promise<number> {
  const key = `${counters.dbName}.${counters.collectionName}|${id}`;
  let q = queues.get(key);
  if (!q) queues.set(key, (q = new CounterQueue(id)));
  return q.next(counters);
}
