// Inserts whose repeat is ignored (a document with the same _id is already there), from
// every concurrent job of the process, sent to the database together (see coalesce).
// Each caller's promise settles when its own documents are stored or have failed, so no
// job goes on before its writes are durable; a document that fails fails its caller only.
import type { Collection, Document } from 'mongodb';
import { Coalescer, ItemFailed } from '../coalesce.js';

const MAX_DOCS = 100; // per command

interface WriteError {
  index: number;
  code?: number;
}

/** One insertMany for every caller's documents; each learns how many of its own were there already. */
async function insertAll(collection: Collection<Document>, batches: Document[][]): Promise<Array<number | ItemFailed>> {
  try {
    await collection.insertMany(batches.flat(), { ordered: false });
    return batches.map(() => 0);
  } catch (err) {
    const errors = writeErrors(err);
    // No per-document errors: the command itself failed, and with it every caller.
    if (errors.length === 0) throw err;
    let start = 0;
    return batches.map((docs) => {
      const end = start + docs.length;
      const own = errors.filter((e) => e.index >= start && e.index < end);
      start = end;
      return own.some((e) => e.code !== 11000) ? new ItemFailed(err) : own.length;
    });
  }
}

/** The failed documents of a bulk insert (the driver gives one or many). */
function writeErrors(err: unknown): WriteError[] {
  const e = (err as { writeErrors?: WriteError | WriteError[]; writeConcernError?: unknown } | null) ?? {};
  if (e.writeConcernError) return [];
  return e.writeErrors ? ([] as WriteError[]).concat(e.writeErrors) : [];
}

const queues = new WeakMap<Collection<Document>, Coalescer<Document[], number>>();

/**
 * Inserts the documents unless their _id is there already; resolves once they are
 * stored, with how many of them were there already.
 */
export function insertOnce(collection: Collection<Document>, docs: Document[]): Promise<number> {
  if (docs.length === 0) return Promise.resolve(0);
  let q = queues.get(collection);
  if (!q) queues.set(collection, (q = new Coalescer({ send: (batches) => insertAll(collection, batches), maxWeight: MAX_DOCS, weightOf: (d) => d.length })));
  return q.add(docs);
}
