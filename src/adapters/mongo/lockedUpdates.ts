// Updates by _id from every concurrent job of the process, each under its document's
// write lock (documentLocks), sent to the database together (see coalesce): the waiting
// jobs' locks taken in one pipeline, their updates in one bulk write (see bulkGate). Each caller's
// promise settles once its own update is done, so no job goes on before it is durable;
// an update that fails fails its caller only. Through the model's bulkWrite, so the
// updates are cast and stamped (timestamps) as the model's updateOne would.
import type { Model } from 'mongoose';
import { Coalescer, ItemFailed } from '../coalesce.js';
import { lockedWrites } from './documentLocks.js';
import { BULK_STATEMENTS, oneBulkAtATime } from './bulkGate.js';


interface Update {
  id: string;
  update: Record<string, unknown>;
}

const queues = new WeakMap<object, Coalescer<Update, void>>();

async function sendAll(model: Model<never>, items: Update[]): Promise<Array<void | ItemFailed>> {
  return lockedWrites(
    items.map((u) => [model.collection.collectionName, u.id] as const),
    async () => {
      try {
        await oneBulkAtATime(() => model.bulkWrite(items.map((u) => ({ updateOne: { filter: { _id: u.id }, update: u.update } })) as never, { ordered: false, throwOnValidationError: true }));
        return items.map(() => undefined);
      } catch (err) {
        const raw = (err as { writeErrors?: unknown } | null)?.writeErrors;
        const failed = ([] as Array<{ index: number }>).concat((raw as never) ?? []);
        // No per-update errors: the command itself failed, and with it every caller.
        if (failed.length === 0) throw err;
        const bad = new Set(failed.map((e) => e.index));
        return items.map((_, i) => (bad.has(i) ? new ItemFailed(err) : undefined));
      }
    },
  );
}

/** `model.updateOne({ _id: id }, update)` under the document's write lock, with other jobs' updates of the same model. */
export function lockedUpdate(model: Model<never>, id: string, update: Record<string, unknown>): Promise<void> {
  let q = queues.get(model);
  if (!q) queues.set(model, (q = new Coalescer<Update, void>({ send: (items) => sendAll(model, items), maxWeight: BULK_STATEMENTS })));
  return q.add({ id, update });
}
