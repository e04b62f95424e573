// Deletions by _id from every concurrent job of the process, sent to the database together
// (see coalesce): one delete command for what the waiting jobs drop, each statement an
// `_id` alone (the one filter FerretDB's SQLite backend serves from its index; an
// `_id: { $in }` scans the collection). Each caller's promise settles once its own
// document is gone (or was not there).
import type { Collection, Document } from 'mongodb';
import { Coalescer } from '../coalesce.js';
import { BULK_STATEMENTS, oneBulkAtATime } from './bulkGate.js';


const queues = new WeakMap<Collection<Document>, Coalescer<string, void>>();

/** Deletes the document with this _id, if there is one, with other jobs' deletions from the same collection. */
export function deleteById(collection: Collection<Document>, id: string): Promise<void> {
  let q = queues.get(collection);
  if (!q) {
    q = new Coalescer<string, void>({
      send: async (ids) => {
        await oneBulkAtATime(() => collection.bulkWrite(ids.map((_id) => ({ deleteOne: { filter: { _id: _id as never } } })), { ordered: false }));
        return ids.map(() => undefined);
      },
      maxWeight: BULK_STATEMENTS,
    });
    queues.set(collection, q);
  }
  return q.add(id);
}
