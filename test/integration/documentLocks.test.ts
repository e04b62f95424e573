// Concurrent updates of one document on the real database. FerretDB's SQLite backend
// loses one of two concurrent updates (FerretDB#3040); with the per-document lock in
// Redis that the app turns on for FerretDB, none is lost. On MongoDB both hold anyway.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import mongoose from 'mongoose';
import { connectMongo } from '../../src/adapters/mongo/connection.js';
import { lockedWrite, useDocumentLocks, writeEachIf } from '../../src/adapters/mongo/documentLocks.js';
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
