// FerretDB v1's SQLite backend applies an update as a read and then a replace, outside a
// transaction (FerretDB issue #3040): of two concurrent updates to one document, one is
// lost (measured here: 49 of 50 pairs of $set on different fields). So on FerretDB every
// update of a document that more than one job may write (a case, an incident, an outbox
// entry, a counter) runs under a short per-document lock in Redis, which every process
// of a deployment shares. MongoDB applies updates atomically: there the lock is skipped.
//
// The same backend serves a filter from its _id index only when the filter is `_id`
// alone; `{ _id, state: 'pending' }` reads and decodes every document of the collection
// (measured in the bench: a guarded case update took 110-190 ms at 100 cases, and grew
// with the collection; measured again on 20,000 documents: 2 s when the guard fails).
// writeIf keeps the guard out of the server's filter there, and tests it on the document
// read under the lock; or, given a copy read earlier (Known) whose lock version is
// unchanged when the lock is taken (no locked write in between, see redis/mutex), on
// that copy, without reading it again.
import type { Collection, Document, Filter } from 'mongodb';
import type { Redis } from 'ioredis';
// sift is CommonJS; its types see the ES module, whose default export is the matcher.
import sift from 'sift';
import { lockVersion, withMutex, withMutexes, type Held } from '../redis/mutex.js';

const LEASE_MS = 10_000; // a holder that died frees the document after this
const WAIT_MS = 15_000;
// How long a document's lock version is kept after a change: a copy older than this is read again.
const VERSION_MS = 60_000;
const LOCK = { leaseMs: LEASE_MS, waitMs: WAIT_MS, versionMs: VERSION_MS };

/** A copy of a document as read, and its lock version taken before the read (null: none, it is read again). */
export interface Known {
  doc: Document;
  version: string | null;
}

let redis: Redis | null = null;
let prefix = '';

/** Turns the locks on (FerretDB) or off (MongoDB: pass null). */
export function useDocumentLocks(client: Redis | null, keyPrefix: string): void {
  redis = client;
  prefix = keyPrefix;
}

const lockKey = (collection: string, id: string) => `${prefix}:lock:${collection}:${id}`;

/** The document's lock version now, to take before reading a copy of it (null with the locks off: MongoDB needs none). */
export async function writeVersion(collection: string, id: string): Promise<string | null> {
  return redis ? lockVersion(redis, lockKey(collection, id), VERSION_MS) : null;
}

/** Runs one write to collection/_id with no other locked write to it in between. */
export async function lockedWrite<T>(collection: string, id: string, write: (held: Held) => Promise<T>): Promise<T> {
  if (!redis) return write({ before: null, after: null });
  return withMutex(redis, lockKey(collection, id), { ...LOCK, what: `the write lock of ${collection} ${id}` }, write);
}

/** Runs writes to many documents ([collection, _id] each) with no other locked write to any of them in between. */
export async function lockedWrites<T>(docs: ReadonlyArray<readonly [string, string]>, write: () => Promise<T>): Promise<T> {
  if (!redis) return write();
  const keys = docs.map(([collection, id]) => lockKey(collection, id));
  return withMutexes(redis, keys, { ...LOCK, what: `the write locks of ${docs.length} documents` }, write);
}

/** The document under its lock: the copy when no locked write came between its read and the lock, else read now. */
function current(collection: Collection<Document>, id: string, held: Held, known: Known | undefined): Promise<Document | null> {
  if (known?.version && held.before === known.version) return Promise.resolve(known.doc);
  return collection.findOne({ _id: id } as never);
}

/**
 * The write `write({ _id: id, ...guard })`, done only while the document matches the
 * guard; null when it does not. On MongoDB that is the write itself (atomic). On FerretDB,
 * under the document's lock, the document is read by its _id (the one lookup the backend
 * serves from its index), or taken from `known` while that is current, and the guard
 * tested on it here (sift: MongoDB's query semantics in JS); the write then names the
 * _id alone. With upsert, a missing document is written too, as MongoDB's upsert would
 * insert it.
 */
export async function writeIf<R>(
  collection: Collection<Document>,
  id: string,
  guard: Filter<Document>,
  /**
   * Gets `{ _id }`, with the guard's fields too where the server tests them in the write,
   * and the lock version the write leaves (for a copy of the document as written).
   */
  write: (filter: { _id: string }, version: string | null) => Promise<R>,
  opts: { upsert?: boolean; known?: Known } = {},
): Promise<R | null> {
  if (!redis) return write({ ...guard, _id: id }, null);
  return lockedWrite(collection.collectionName, id, async (held) => {
    const doc = await current(collection, id, held, opts.known);
    if (doc ? !sift.default(guard as never)(doc) : !opts.upsert) return null;
    return write({ _id: id }, held.after);
  });
}

/**
 * Several guarded updates of one document, each applied only while the document matches
 * its guard. On MongoDB each is its own atomic update; on FerretDB they share one lock,
 * one read and one write (a case's acknowledgement sets two fields under two guards: one
 * write instead of two read-and-writes). The guards are all tested on the document as it
 * was before the write, so no part may set a field that another part's guard tests.
 */
export async function writeEachIf(
  collection: Collection<Document>,
  id: string,
  parts: Array<{ guard: Filter<Document>; update: Update }>,
  /** Gets `{ _id }`, with a part's guard too where the server tests it in the write. */
  write: (filter: { _id: string }, update: Update) => Promise<unknown>,
  /** A copy of the document, used instead of a read while it is current (see writeIf). */
  known?: Known,
): Promise<void> {
  if (!redis) {
    for (const p of parts) await write({ ...p.guard, _id: id }, p.update);
    return;
  }
  await lockedWrite(collection.collectionName, id, async (held) => {
    const doc = await current(collection, id, held, known);
    const due = doc ? parts.filter((p) => sift.default(p.guard as never)(doc)) : [];
    if (due.length) await write({ _id: id }, mergeUpdates(due.map((p) => p.update)));
  });
}

/** An update by operator: { $set: { field: value }, ... }. */
type Update = Record<string, Record<string, unknown>>;

/** The updates as one: their operators' fields together (the fields must not overlap). */
function mergeUpdates(updates: Update[]): Update {
  const merged: Update = {};
  for (const u of updates) for (const [op, fields] of Object.entries(u)) Object.assign((merged[op] ??= {}), fields);
  return merged;
}
