// The labelled seed mails in the real database: the first start stores them with their
// priority and sentiment, an unchanged seed writes nothing, and a changed seed replaces
// the seed examples (new ones in, removed ones out) while staff corrections stay.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectMongo } from '../../src/adapters/mongo/connection.js';
import { MongoSettingsStore } from '../../src/adapters/mongo/settingsStore.js';
import { uniqueDbName } from '../support/testApp.js';

const db = uniqueDbName();
const dir = mkdtempSync(path.join(tmpdir(), 'fd-seed-'));
const mail = (id: string, category: string) => JSON.stringify({ id, locale: 'en', subject: id, text: `text of ${id}`, category, priority: 'high', sentiment: 'negative' });
const store = () => new MongoSettingsStore({ configFile: 'config/screening.json', examplesFile: dir });

beforeAll(async () => {
  await connectMongo(process.env.MONGODB_URL ?? `mongodb://127.0.0.1:27027/${db}`);
});

afterAll(async () => {
  await mongoose.connection.dropDatabase();
  await mongoose.disconnect();
});

describe('seed examples', () => {
  it('stores every labelled mail of a directory with its labels, and follows the files when they change', async () => {
    writeFileSync(path.join(dir, 'a.jsonl'), `${mail('a1', 'technical')}\n${mail('a2', 'delivery')}\n`);
    writeFileSync(path.join(dir, 'b.jsonl'), `${mail('b1', 'quality')}\n`);
    const s = store();
    await s.seed(new Date());
    const first = await s.examples();
    expect(first.map((e) => e.category).sort()).toEqual(['delivery', 'quality', 'technical']);
    expect(first.every((e) => e.priority === 'high' && e.sentiment === 'negative')).toBe(true);
    const version = (await s.versions()).examples;

    await s.seed(new Date());
    expect((await s.versions()).examples).toBe(version);

    await s.putExample('case:1', { text: 'a staff correction', category: 'other', by: 'staff@example.com' }, new Date());
    writeFileSync(path.join(dir, 'b.jsonl'), `${mail('b2', 'usage')}\n`);
    await s.seed(new Date());
    const after = await s.examples();
    expect(after.map((e) => e.category).sort()).toEqual(['delivery', 'other', 'technical', 'usage']);
    expect((await s.versions()).examples).toBeGreaterThan(version + 1);
  });

  it('names the file and line of a broken labelled mail', async () => {
    writeFileSync(path.join(dir, 'c.jsonl'), `${mail('c1', 'other')}\n{"id": "c2", "text": "no category"}\n`);
    await expect(store().seed(new Date())).rejects.toThrow(/CLASSIFIER_SEED_FILE.*c\.jsonl:2: every line needs "id", "text" and "category"/);
  });
});
