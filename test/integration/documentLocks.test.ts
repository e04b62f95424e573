// Concurrent updates of one document on the real database. FerretDB's SQLite backend
// loses one of two concurrent updates (FerretDB#3040); with the per-document lock in
// Redis that the app turns on for FerretDB, none is lost. On MongoDB both hold anyway.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import mongoose from 'mongoose';
import { connectMongo } from '../../src/adapters/mongo/connection.js';
import { lockedWrite, lockedWrites, useDocumentLocks, writeEachIf, writeIf, writeVersion } from '../../src/adapters/mongo/documentLocks.js';
import { nextInSequence } from '../../src/adapters/mongo/caseNumberCounter.js';
import { createRedis } from '../../src/adapters/redis/connection.js';
import { uniqueDbName } from '../support/testApp.js';

const redis = createRedis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
const db = uniqueDbName();

beforeAll(async () => {
  const { ferretdb } = await connectMongo(process.env.MONGODB_URL ?? `mongodb://127.0.0.1:27027/${db}`);
  useDocumentLocks(ferretdb ? redis : null, db);
});

afterAll(async () => {
  useDocumentLocks(null, '');
  await mongoose.connection.dropDatabase();
  await mongoose.disconnect();
  redis.disconnect();
});

describe('concurrent writers to one document', () => {
  it('lose no update: three jobs set different fields of the same 40 documents at once', async () => {
    const docs = mongoose.connection.db!.collection<{ _id: string }>('lock_test');
    const ids = Array.from({ length: 40 }, (_, i) => `d${i}`);
    await docs.insertMany(ids.map((_id) => ({ _id })));
    const write = (id: string, update: Record<string, unknown>) => lockedWrite('lock_test', id, () => docs.updateOne({ _id: id }, update));
    await Promise.all(
      ids.flatMap((id) => [write(id, { $set: { 'ack.state': 'sent' } }), write(id, { $set: { 'routing.sentAt': new Date() } }), write(id, { $inc: { count: 1 } })]),
    );
    const after = (await docs.find({}).toArray()) as Array<Record<string, unknown>>;
    const complete = after.filter((d) => d.ack && d.routing && d.count === 1);
    expect(complete).toHaveLength(ids.length);
  });

  it('test a guard on a copy read earlier only while no locked write came in between', async () => {
    const docs = mongoose.connection.db!.collection<{ _id: string }>('known_test');
    await docs.insertOne({ _id: 'k', state: 'done' } as never);
    // A copy that says otherwise than the stored document: used, it lets the write through.
    const copy = async () => ({ doc: { _id: 'k', state: 'pending' }, version: await writeVersion('known_test', 'k') });
    const setIfPending = (known: { doc: object; version: string | null }) =>
      writeIf(docs as never, 'k', { state: 'pending' }, (filter, version) => docs.updateOne(filter, { $inc: { writes: 1 } }).then(() => version), { known: known as never });
    const ferret = (await writeVersion('known_test', 'k')) !== null;
    const current = await copy();
    const after = await setIfPending(current);
    // On FerretDB the copy stood for the read; on MongoDB the server tested the stored document.
    expect(after === null).toBe(!ferret);
    // The version a write leaves is current for the copy as written.
    if (ferret) expect(await setIfPending({ doc: { _id: 'k', state: 'pending' }, version: after })).not.toBeNull();
    // A write since (a single one, and one in a batch): read again, and the guard fails.
    for (const between of [() => lockedWrite('known_test', 'k', async () => undefined), () => lockedWrites([['known_test', 'k']], async () => undefined)]) {
      const stale = await copy();
      await between();
      expect(await setIfPending(stale)).toBeNull();
    }
    expect(((await docs.findOne({ _id: 'k' })) as { writes?: number } | null)?.writes).toBe(ferret ? 2 : undefined);
  });

  it('apply each guarded part of a write only where its guard holds', async () => {
    const docs = mongoose.connection.db!.collection<{ _id: string }>('guard_test');
    await docs.insertMany([
      { _id: 'both', ack: { state: 'pending' }, status: 'new' },
      { _id: 'first', ack: { state: 'pending' }, status: 'routed' },
      { _id: 'none', ack: { state: 'sent' }, status: 'routed' },
    ] as never[]);
    for (const id of ['both', 'first', 'none', 'missing']) {
      await writeEachIf(
        docs as never,
        id,
        [
          { guard: { 'ack.state': 'pending' }, update: { $set: { 'ack.state': 'sent' } } },
          { guard: { status: 'new' }, update: { $set: { status: 'acknowledged' } } },
        ],
        (filter, update) => docs.updateOne(filter, update),
      );
    }
    const after = Object.fromEntries((await docs.find({}).toArray()).map((d) => [d._id, d])) as Record<string, Record<string, unknown>>;
    expect(after.both).toMatchObject({ ack: { state: 'sent' }, status: 'acknowledged' });
    expect(after.first).toMatchObject({ ack: { state: 'sent' }, status: 'routed' });
    expect(after.none).toMatchObject({ ack: { state: 'sent' }, status: 'routed' });
    expect(after.missing).toBeUndefined();
  });

  it('share a counter out without a gap or a repeat: 50 openings together, another process incrementing meanwhile', async () => {
    const real = mongoose.connection.db!.collection<{ _id: string; seq: number }>('counter_test');
    let increments = 0;
    // The same collection, counting the increments this process sends.
    const counted = new Proxy(real, {
      get: (target, prop, receiver) => (prop === 'findOneAndUpdate' ? (...args: unknown[]) => (increments++, (target.findOneAndUpdate as (...a: unknown[]) => unknown)(...args)) : Reflect.get(target, prop, receiver)),
    });
    const other = () => lockedWrite('counters', 'seq', () => real.findOneAndUpdate({ _id: 'seq' }, { $inc: { seq: 1 } }, { upsert: true, returnDocument: 'after' }));
    const [mine, theirs] = await Promise.all([Promise.all(Array.from({ length: 50 }, () => nextInSequence(counted, 'seq'))), Promise.all(Array.from({ length: 10 }, other))]);
    const all = [...mine, ...theirs.map((d) => d!.seq)].sort((a, b) => a - b);
    expect(all).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
    // In the order asked: each caller's number is above the one before it.
    expect(mine).toEqual([...mine].sort((a, b) => a - b));
    expect(increments).toBeLessThan(10);
  });
});
