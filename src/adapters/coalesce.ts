// Requests from concurrent jobs to one server, sent together: while one batch is in
// flight, what arrives meanwhile waits and goes in the next. A server pays per command
// more than per item (FerretDB on SQLite about 2 ms and a commit per insert: 300 single
// inserts took 611 ms, the same documents in 30 insertMany of 10 took 94 ms; and each
// command's write on a loopback socket costs 0.2-0.4 ms of our CPU), so a burst costs a
// fraction of its items.
//
// Under load the first request of a batch also waits a moment for those right behind it:
// without that it went alone, and in a 300-mail burst the inserts carried 1.1-1.3
// documents each. Waiting LINGER_MS when the queue's previous batch went out less than
// BUSY_MS before cut the burst's database commands by 9 %. An idle queue sends at the end
// of the event loop's turn (setImmediate), with whatever other jobs add in the same turn
// (a case's acknowledgement and routing mail, built side by side, are stored in one
// insert): a lone mail waits for no timer.
// Each caller's promise settles with its own item's outcome, once its batch is done.

const LINGER_MS = 3;
const BUSY_MS = 100;

/** One item's failure inside a batch that otherwise went through. */
export class ItemFailed {
  constructor(readonly error: unknown) {}
}

export interface CoalescerOptions<T, R> {
  /** Sends one batch; gives each item's result in order (an ItemFailed fails that item's caller only). */
  send: (items: T[]) => Promise<Array<R | ItemFailed>>;
  /** Most weight per batch (a first item heavier than that goes alone). */
  maxWeight?: number;
  weightOf?: (item: T) => number;
}

interface Waiting<T, R> {
  item: T;
  resolve: (result: R) => void;
  reject: (err: unknown) => void;
}

export class Coalescer<T, R> {
  private waiting: Array<Waiting<T, R>> = [];
  private running = false;
  private lastSentAt = -Infinity;

  constructor(private readonly opts: CoalescerOptions<T, R>) {}

  /** Resolves with the item's result once its batch is done; rejects if its batch or the item failed. */
  add(item: T): Promise<R> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ item, resolve, reject });
      if (this.running) return;
      this.running = true;
      if (performance.now() - this.lastSentAt < BUSY_MS) setTimeout(() => void this.run(), LINGER_MS);
      else setImmediate(() => void this.run());
    });
  }

  private async run(): Promise<void> {
    const { maxWeight = Infinity, weightOf = () => 1 } = this.opts;
    while (this.waiting.length) {
      let n = 0;
      let weight = 0;
      while (n < this.waiting.length && (n === 0 || weight + weightOf(this.waiting[n]!.item) <= maxWeight)) weight += weightOf(this.waiting[n++]!.item);
      const batch = this.waiting.splice(0, n);
      this.lastSentAt = performance.now();
      try {
        const results = await this.opts.send(batch.map((w) => w.item));
        batch.forEach((w, i) => {
          const r = results[i] as R | ItemFailed;
          if (r instanceof ItemFailed) w.reject(r.error);
          else w.resolve(r);
        });
      } catch (err) {
        for (const w of batch) w.reject(err);
      }
    }
    this.running = false;
  }
}
