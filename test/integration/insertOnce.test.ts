// Inserts shared between concurrent callers, on the real database: each caller's
// documents are stored once when its promise resolves, a repeat is no error (counted), and a
// document the server refuses fails its own caller and no other.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import mongoose from 'mongoose';
import type { Collection, Document } from 'mongodb';
import { connectMongo } from '../../src/adapters/mongo/connection.js';
import { insertOnce } from '../../src/adapters/mongo/insertOnce.js';
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
});
