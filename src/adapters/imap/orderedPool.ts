// Runs a mailbox's new messages several at a time without giving up their order where
// it matters: messages that share a key (the sender) run one after another in UID order,
// so a customer's follow-up never overtakes the mail that opens its case, while mail from
// different senders is stored in parallel. The caller learns how far the run is done
// without a gap (the prefix), which is as far as the mailbox's cursor may move; the prefix
// is counted in the caller's rank order (UID order) when that differs from the order the
// items are started in (a reply is started after its parent).

export interface OrderedPoolOptions<T> {
  limit: number;
  keyOf: (item: T) => string;
  /** Checked before each item starts: true stops launching (the items running finish). */
  shouldStop: () => boolean;
  /** The number of leading items (by rank) done, whenever it grows. */
  onPrefix: (done: number) => void;
  /** The item's place (0 .. n-1) in the order the prefix counts; by default its index. */
  rankOf?: (item: T, index: number) => number;
}

/** Resolves when every item started has finished; rejects with the first failure (no item after it starts). */
export async function runOrdered<T>(items: readonly T[], opts: OrderedPoolOptions<T>, task: (item: T) => Promise<void>): Promise<void> {
  const running = new Set<Promise<void>>();
  const lastOfKey = new Map<string, Promise<void>>();
  const done = new Array<boolean>(items.length).fill(false);
  let prefix = 0;
  let failure: { error: unknown } | null = null;

  for (let i = 0; i < items.length; i++) {
    while (running.size >= opts.limit && !failure) await Promise.race(running);
    if (failure || opts.shouldStop()) break;
    const item = items[i]!;
    const key = opts.keyOf(item);
    // A failed predecessor fails this one too, without running it.
    const run = (lastOfKey.get(key) ?? Promise.resolve()).then(() => {
      if (failure) throw failure.error;
      return task(item);
    });
    lastOfKey.set(key, run);
    const tracked: Promise<void> = run.then(
      () => {
        done[opts.rankOf ? opts.rankOf(item, i) : i] = true;
        const before = prefix;
        while (prefix < items.length && done[prefix]) prefix++;
        if (prefix > before) opts.onPrefix(prefix);
      },
      (error: unknown) => {
        failure ??= { error };
      },
    );
    running.add(tracked);
    void tracked.finally(() => running.delete(tracked));
  }
  await Promise.all(running);
  if (failure) throw (failure as { error: unknown }).error;
}
