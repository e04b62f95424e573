// Inserts shared between concurrent callers, on the real database: each caller's
// documents are stored once when its promise resolves, a repeat is no error (counted), and a
// document the server refuses fails its own caller and no other. createOnce stores a
// model's document as mongoose's create() would.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import mongoose from 'mongoose';
import type { Collection, Document } from 'mongodb';
import { connectMongo } from '../../src/adapters/mongo/connection.js';
import { insertOnce } from '../../src/adapters/mongo/insertOnce.js';
import { createOnce } from '../../src/adapters/mongo/createOnce.js';
import { lockedUpdate } from '../../src/adapters/mongo/lockedUpdates.js';
import { deleteById } from '../../src/adapters/mongo/deleteById.js';
import { CaseModel } from '../../src/adapters/mongo/models/caseModel.js';
import { uniqueDbName } from '../support/testApp.js';

const db = uniqueDbName();
let col: Collection<Document>;

beforeAll(async () => {
  await connectMongo(process.env.MONGODB_URL ?? `mongodb://127.0.0.1:27027/${db}`);
  col = mongoose.connection.db!.collection('insert_once_test');
});

afterAll(async () => {
  await mongoose.connection.dropDatabase();
  await mongoose.disconnect();
});

describe('insertOnce', () => {
  it('stores every document of 60 concurrent callers once, repeats included', async () => {
    const calls = Array.from({ length: 60 }, (_, i) => insertOnce(col, [{ _id: `e${i}`, n: i }, { _id: `e${(i + 1) % 60}`, n: (i + 1) % 60 }]));
    const present = await Promise.all(calls);
    // 120 documents, 60 distinct: each caller learns how many of its own were there already.
    expect(present.reduce((a, b) => a + b, 0)).toBe(60);
    expect(await insertOnce(col, [{ _id: 'e0', n: 0 }])).toBe(1);
    const docs = await col.find({}).sort({ n: 1 }).toArray();
    expect(docs.map((d) => d._id)).toEqual(Array.from({ length: 60 }, (_, i) => `e${i}`));
  });

  it('fails only the caller whose document is refused', async () => {
    const results = await Promise.allSettled([
      insertOnce(col, [{ _id: 'ok1' }]),
      insertOnce(col, [{ _id: 'ok2' }, { _id: ['an array is no _id'] }]),
      insertOnce(col, [{ _id: 'ok3' }, { _id: 'e5' }]),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    const ids = (await col.find({}).toArray()).map((d) => d._id);
    expect(ids).toEqual(expect.arrayContaining(['ok1', 'ok2', 'ok3']));
  });

  it('createOnce stores what create() stores, once, gives it back, and refuses an invalid document', async () => {
    const fields = (id: string) => ({ _id: id, number: `CS-T-${id}`, channel: 'email', customer: { email: 'li.wei@example.test' }, priority: 'medium' as const, receivedAt: new Date(0), ack: { state: 'pending' as const } });
    await CaseModel.create(fields('made'));
    const returned = await createOnce(CaseModel, fields('once'));
    expect(await createOnce(CaseModel, fields('once'))).toBeNull();
    const [made, once] = await Promise.all(['made', 'once'].map((id) => CaseModel.collection.findOne({ _id: id } as never)));
    const comparable = (d: Record<string, unknown> | null | undefined) => ({ ...d, _id: null, number: null, createdAt: typeof d?.createdAt, updatedAt: typeof d?.updatedAt });
    expect(comparable(once)).toEqual(comparable(made));
    expect(returned).toEqual(once);
    expect(once).toMatchObject({ status: 'new', flags: [], __v: 0, customer: { name: '' } });
    await expect(createOnce(CaseModel, { ...fields('bad'), status: 'no such status' })).rejects.toThrow(/status/);
  });

  it('lockedUpdate applies every concurrent caller\'s update, stamped as updateOne would, and deleteById drops each document once', async () => {
    const fields = (id: string) => ({ _id: id, number: `CS-U-${id}`, channel: 'email', customer: { email: 'li.wei@example.test' }, priority: 'medium' as const, receivedAt: new Date(0), ack: { state: 'pending' as const } });
    const ids = Array.from({ length: 20 }, (_, i) => `u${i}`);
    await CaseModel.insertMany(ids.map(fields));
    const before = await CaseModel.collection.findOne({ _id: 'u0' } as never);
    // Two updates of different fields per case, all at once: none may be lost.
    await Promise.all(ids.flatMap((id, i) => [lockedUpdate(CaseModel as never, id, { $set: { subject: `s${i}` } }), lockedUpdate(CaseModel as never, id, { $set: { 'ack.state': 'sent' } })]));
    const docs = await CaseModel.find({ _id: { $in: ids } }).lean();
    expect(docs.map((d) => [d.subject, d.ack?.state]).sort()).toEqual(ids.map((_, i) => [`s${i}`, 'sent']).sort());
    expect((docs.find((d) => d._id === 'u0')!.updatedAt as Date).getTime()).toBeGreaterThanOrEqual((before!.updatedAt as Date).getTime());
    await Promise.all([...ids, 'never-there'].map((id) => deleteById(CaseModel.collection as never, id)));
    expect(await CaseModel.countDocuments({ _id: { $in: ids } })).toBe(0);
  });
});
