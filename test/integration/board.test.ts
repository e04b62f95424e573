// The board from its index on the real database: every case write through the model
// moves the case's card (status, due time) and files its search terms once; pages follow
// the due time across days with a cursor; a search finds words of the subject and the
// text, Chinese too, and a case number; staff see their departments' cards only; a
// case's erased personal data leaves the search, and a deleted case the board.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import mongoose from 'mongoose';
import { connectMongo } from '../../src/adapters/mongo/connection.js';
import { useDocumentLocks } from '../../src/adapters/mongo/documentLocks.js';
import { refreshBoard, refreshBoards } from '../../src/adapters/mongo/boardIndex.js';
import { BoardFeed } from '../../src/adapters/redis/boardFeed.js';
import { boardColumns, type BoardColumn } from '../../src/adapters/mongo/boardStore.js';
import { CaseModel, watchCaseWrites } from '../../src/adapters/mongo/models/caseModel.js';
import { CaseNumberModel } from '../../src/adapters/mongo/models/lookupModels.js';
import { MessageModel } from '../../src/adapters/mongo/models/messageModel.js';
import { BoardBucketModel, BoardTermModel } from '../../src/adapters/mongo/models/boardModels.js';
import type { ConsoleUser } from '../../src/domain/console/access.js';
import { searchTermsOf } from '../../src/domain/board/boardIndex.js';
import { createRedis } from '../../src/adapters/redis/connection.js';
import { uniqueDbName } from '../support/testApp.js';

const redis = createRedis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
const db = uniqueDbName();
const DAY = 86400_000;
const now = new Date();
const admin: ConsoleUser = { email: 'admin@example.test', name: 'Admin', role: 'admin', departments: [] };
const techStaff: ConsoleUser = { email: 'li@example.test', name: 'Li', role: 'staff', departments: ['tech'] };

const numberOf = (i: number) => `CS-2026-${String(900000 + i).padStart(6, '0')}`;
const column = (cols: BoardColumn[], status: string) => cols.find((c) => c.status === status)!;

/**
 * A case as intake stores it (insert, its first message), then a write through the model,
 * as screening's. `termsOnCase`: with its search terms, as intake stores them now (the
 * message's text left out, so only those can find it); without, as an earlier version did.
 */
async function openCase(i: number, o: { subject: string; text: string; department: string; dueInDays: number; termsOnCase?: boolean }): Promise<string> {
  const _id = `board-test-${i}`;
  const receivedAt = new Date(now.getTime() - DAY);
  const terms = o.termsOnCase ? { searchTerms: searchTermsOf(o.subject, o.text) } : {};
  await CaseModel.collection.insertOne({ _id: _id as never, number: numberOf(i), channel: 'email', customer: { email: `c${i}@example.test`, name: '' }, subject: o.subject, ...terms, locale: 'en', status: 'new', priority: 'medium', receivedAt, rev: 0 });
  await CaseNumberModel.collection.insertOne({ _id: numberOf(i) as never, caseId: _id });
  await MessageModel.collection.insertOne({ _id: _id as never, caseId: _id, direction: 'in', channel: 'email', subject: o.subject, text: o.termsOnCase ? '' : o.text, receivedAt });
  await CaseModel.updateOne({ _id }, { $set: { department: o.department, category: 'technical', 'routing.departments': [o.department], 'sla.expectedBy': new Date(now.getTime() + o.dueInDays * DAY) } });
  return _id;
}

beforeAll(async () => {
  const { ferretdb } = await connectMongo(process.env.MONGODB_URL ?? `mongodb://127.0.0.1:27027/${db}`);
  useDocumentLocks(ferretdb ? redis : null, db);
  watchCaseWrites({ written: refreshBoard });
  // 30 tech cases due over 30 days (in scrambled order), 2 logistics cases.
  for (let i = 0; i < 30; i++) await openCase(i, { subject: `App crash ${i}`, text: `The app crashes on start, build ${i}.`, department: 'tech', dueInDays: 1 + ((i * 7) % 30) });
  await openCase(30, { subject: '包裹延遲', text: '我的包裹十天還沒到，物流一直沒有更新。', department: 'logistics', dueInDays: 2 });
  await openCase(31, { subject: 'Parcel late', text: 'My parcel is ten days late; tracking shows nothing.', department: 'logistics', dueInDays: 3, termsOnCase: true });
}, 60_000);

afterAll(async () => {
  watchCaseWrites(null);
  useDocumentLocks(null, '');
  await mongoose.connection.dropDatabase();
  await mongoose.disconnect();
  redis.disconnect();
});

describe('the board at scale', () => {
  it('pages a status column by due time across days, with a cursor', async () => {
    const first = column(await boardColumns(admin, { department: 'tech' }, now), 'new');
    expect(first.cards).toHaveLength(25);
    const dues = first.cards.map((c) => c.due);
    expect(dues).toEqual([...dues].sort((a, b) => a - b));
    expect(first.next).toBeTruthy();
    const second = column(await boardColumns(admin, { department: 'tech', status: 'new', after: first.next! }, now), 'new');
    expect(second.cards).toHaveLength(5);
    expect(second.next).toBeNull();
    expect(new Set([...first.cards, ...second.cards].map((c) => c.id)).size).toBe(30);
    expect(second.cards[0]!.due).toBeGreaterThanOrEqual(dues.at(-1)!);
  });

  it('moves a card when its case moves, and shows staff only their departments', async () => {
    await CaseModel.updateOne({ _id: 'board-test-3' }, { $set: { status: 'in_progress', assignee: 'li@example.test' } });
    const cols = await boardColumns(techStaff, {}, now);
    expect(column(cols, 'in_progress').cards.map((c) => [c.number, c.assignee])).toEqual([[numberOf(3), 'li@example.test']]);
    expect(column(cols, 'new').cards.map((c) => c.number)).not.toContain(numberOf(3));
    // Nothing of it stays in the buckets it left (a day with other cards still shows).
    expect(await BoardBucketModel.countDocuments({ 'cards.id': 'board-test-3' })).toBe(4);
    expect(cols.flatMap((c) => c.cards).map((c) => c.department)).not.toContain('logistics');
  });

  it('searches words of the subject and the text, Chinese too, and case numbers', async () => {
    const found = async (user: ConsoleUser, q: string) => (await boardColumns(user, { q }, now)).flatMap((c) => c.cards.map((x) => x.number)).sort();
    expect(await found(admin, 'build 17')).toEqual([numberOf(17)]);
    expect(await found(admin, 'crashes')).toHaveLength(30);
    expect(await found(admin, '包裹')).toEqual([numberOf(30)]);
    expect(await found(admin, 'tracking late')).toEqual([numberOf(31)]);
    expect(await found(techStaff, 'tracking')).toEqual([]);
    expect(await found(admin, numberOf(12))).toEqual([numberOf(12)]);
  });

  it('forgets an erased case in the search, and a deleted case on the board', async () => {
    await CaseModel.updateOne({ _id: 'board-test-31' }, { $set: { subject: '', anonymisedAt: now } });
    expect(await BoardTermModel.countDocuments({ ids: 'board-test-31' })).toBe(0);
    expect((await boardColumns(admin, { q: 'tracking' }, now)).flatMap((c) => c.cards)).toEqual([]);
    await CaseModel.deleteOne({ _id: 'board-test-30' });
    expect(column(await boardColumns(admin, { department: 'logistics' }, now), 'new').cards.map((c) => c.number)).toEqual([numberOf(31)]);
  });

  it('files the cases that writes mark, a batch at a time, before a board read', async () => {
    const feed = new BoardFeed(redis, `${db}:feed`, (ids) => refreshBoards(ids));
    watchCaseWrites({ written: (id) => feed.mark(id) });
    try {
      await CaseModel.updateOne({ _id: 'board-test-5' }, { $set: { status: 'in_progress' } });
      await CaseModel.updateOne({ _id: 'board-test-6' }, { $set: { status: 'in_progress' } });
      // Marked only: the card has not moved yet.
      expect(await BoardBucketModel.countDocuments({ 'cards.id': 'board-test-5', 'cards.status': 'in_progress' })).toBe(0);
      await feed.flushed();
      const cols = await boardColumns(admin, { department: 'tech' }, now);
      expect(column(cols, 'in_progress').cards.map((c) => c.id)).toEqual(expect.arrayContaining(['board-test-5', 'board-test-6']));
      expect(column(cols, 'new').cards.map((c) => c.id)).not.toContain('board-test-5');
      // Nothing left marked; a second flush files nothing.
      await feed.flushed();
      expect(await redis.exists(`${db}:feed:board:marked`, `${db}:feed:board:batch`)).toBe(0);
    } finally {
      watchCaseWrites({ written: refreshBoard });
    }
  });
});
