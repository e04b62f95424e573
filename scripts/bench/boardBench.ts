// npm run bench:board [-- --cases N] [-- --runs R] [-- --keep]
// Loads N generated cases (default 100,000) into a fresh database, with their board index
// built by the same functions the app uses (domain/board/boardIndex), in batches. The
// cases arrive over a year; most are closed, the rest spread over the open statuses,
// six departments, the corpus's texts (each with an order number, so rare terms exist).
// Then it times, R times each (default 30), the board's reads as the console makes them
// (adapters/mongo/boardStore: boardColumns) and one case change carried to the index,
// and prints p50 and p95. Run it on FerretDB (the default MONGODB_URL) or on MongoDB.
import { parseArgs } from 'node:util';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import mongoose from 'mongoose';
import { loadConfig } from '../../src/config/env.js';
import { connectMongo } from '../../src/adapters/mongo/connection.js';
import { bucketParts, bucketsOf, cardOf, cardStamp, monthOf, searchTermsOf, termKey, type BoardCard } from '../../src/domain/board/boardIndex.js';
import { CASE_STATUSES } from '../../src/domain/case/case.js';
import type { ConsoleUser } from '../../src/domain/console/access.js';
import { boardColumns, type BoardFilter } from '../../src/adapters/mongo/boardStore.js';
import { refreshBoard } from '../../src/adapters/mongo/boardIndex.js';
import { CaseModel } from '../../src/adapters/mongo/models/caseModel.js';
import { CaseNumberModel } from '../../src/adapters/mongo/models/lookupModels.js';
import { BoardBucketModel, BoardDirectoryModel, BoardPlaceModel, BoardTermModel } from '../../src/adapters/mongo/models/boardModels.js';

const { values } = parseArgs({ options: { cases: { type: 'string', default: '100000' }, runs: { type: 'string', default: '30' }, keep: { type: 'boolean', default: false } } });
const N = Number(values.cases);
const RUNS = Number(values.runs);
const BATCH = 1000;
const DAY = 86400_000;
const db = `fdbench_board_${Date.now().toString(36)}`;
const url = new URL(loadConfig(process.env).MONGODB_URL);
url.pathname = `/${db}`;

// The labelled mails (data/classify/train, one file per locale and part).
const TRAIN = 'data/classify/train';
const corpus = readdirSync(TRAIN)
  .filter((f) => f.endsWith('.jsonl'))
  .sort()
  .flatMap((f) => readFileSync(path.join(TRAIN, f), 'utf8').trim().split('\n'))
  .map((l) => JSON.parse(l) as { subject: string; text: string; category: string; priority: string; locale: string });
const DEPARTMENT: Record<string, string> = { technical: 'tech', service: 'service', suggestion: 'product', quality: 'quality', delivery: 'logistics', usage: 'service', other: 'service' };
const OPEN = ['new', 'acknowledged', 'pending', 'in_progress', 'in_test', 'reopened'];

let seed = 7;
const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!;

const now = new Date();
const year = now.getUTCFullYear();

function generate(i: number) {
  const c = corpus[i % corpus.length]!;
  const receivedAt = new Date(now.getTime() - random() * 365 * DAY);
  const ageDays = (now.getTime() - receivedAt.getTime()) / DAY;
  // Older cases are closed; the last weeks' are open or resolved.
  const status = ageDays > 30 ? (random() < 0.97 ? 'closed' : 'resolved') : random() < 0.5 ? pick(OPEN) : random() < 0.5 ? 'resolved' : 'closed';
  const department = DEPARTMENT[c.category] ?? 'service';
  const expectedBy = new Date(receivedAt.getTime() + (1 + random() * 9) * DAY);
  const order = `order ${100000 + i}`;
  return {
    _id: `bench-${i}`,
    number: `CS-${year}-${String(i + 1).padStart(6, '0')}`,
    channel: pick(['email', 'email', 'form', 'api']),
    customer: { email: `customer${i}@example.test`, name: '' },
    subject: c.subject,
    locale: c.locale,
    status,
    priority: c.priority,
    category: c.category,
    department,
    flags: random() < 0.05 ? ['angry'] : [],
    restricted: false,
    routing: { departments: [department] },
    receivedAt,
    sla: { expectedBy },
    due: { resolveBy: expectedBy },
    text: `${c.text} (${order})`,
  };
}

async function load(): Promise<void> {
  const buckets = new Map<string, BoardCard[]>();
  const days = new Map<string, Record<string, Record<string, number>>>();
  const terms = new Map<string, string[]>();
  const places: object[] = [];
  const started = Date.now();
  for (let from = 0; from < N; from += BATCH) {
    const batch = Array.from({ length: Math.min(BATCH, N - from) }, (_, j) => generate(from + j));
    const cases = batch.map(({ text, ...c }) => {
      const card = cardOf(c);
      const placed = bucketsOf(card);
      const keys = searchTermsOf(c.subject, text).map((t) => termKey(t, monthOf(c.receivedAt.getTime())));
      for (const b of placed) {
        if (!buckets.has(b)) buckets.set(b, []);
        buckets.get(b)!.push(card);
        const { scope, status, day } = bucketParts(b);
        const dir = days.get(scope) ?? days.set(scope, {}).get(scope)!;
        dir[status] ??= {};
        dir[status][day] = (dir[status][day] ?? 0) + 1;
      }
      for (const k of keys) {
        if (!terms.has(k)) terms.set(k, []);
        terms.get(k)!.push(c._id);
      }
      places.push({ _id: c._id, buckets: placed, stamp: cardStamp(card), terms: keys });
      return c;
    });
    await CaseModel.collection.insertMany(cases as never[], { ordered: false });
    await CaseNumberModel.collection.insertMany(cases.map((c) => ({ _id: c.number, caseId: c._id })) as never[], { ordered: false });
    if ((from / BATCH) % 10 === 9) process.stdout.write(`  ${from + BATCH} cases (${((Date.now() - started) / 1000).toFixed(0)} s)\n`);
  }
  const insertAll = async (model: typeof BoardBucketModel | typeof BoardDirectoryModel | typeof BoardTermModel | typeof BoardPlaceModel, docs: object[]) => {
    for (let i = 0; i < docs.length; i += BATCH) await model.collection.insertMany(docs.slice(i, i + BATCH) as never[], { ordered: false });
  };
  await insertAll(BoardBucketModel, [...buckets].map(([_id, cards]) => ({ _id, cards })));
  await insertAll(BoardDirectoryModel, [...days].map(([_id, d]) => ({ _id, days: d })));
  await insertAll(BoardTermModel, [...terms].map(([_id, ids]) => ({ _id, ids })));
  await insertAll(BoardPlaceModel, places);
  console.log(`loaded ${N} cases in ${((Date.now() - started) / 1000).toFixed(0)} s: ${buckets.size} day buckets, ${days.size} directories, ${terms.size} term documents`);
}

async function time(label: string, run: (i: number) => Promise<unknown>): Promise<void> {
  const ms: number[] = [];
  await run(0); // warm
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    await run(i + 1);
    ms.push(performance.now() - t);
  }
  ms.sort((a, b) => a - b);
  const q = (p: number) => ms[Math.min(ms.length - 1, Math.ceil(p * ms.length) - 1)]!.toFixed(1);
  console.log(`${label.padEnd(58)} p50 ${q(0.5).padStart(7)} ms   p95 ${q(0.95).padStart(7)} ms`);
}

const admin: ConsoleUser = { email: 'admin@example.test', name: 'Admin', role: 'admin', departments: [] };
const staff: ConsoleUser = { email: 'li.wei@example.test', name: 'Li Wei', role: 'staff', departments: ['tech'] };
const board = (user: ConsoleUser, f: BoardFilter) => boardColumns(user, f, now);
const count = (cols: Awaited<ReturnType<typeof boardColumns>>) => cols.reduce((n, c) => n + c.cards.length, 0);

await connectMongo(url.toString());
try {
  await load();
  const shown: Record<string, number> = {};
  await time('board, admin: all 8 status columns, first page each', async () => (shown.admin = count(await board(admin, {}))));
  await time('board, staff of one department', async () => (shown.staff = count(await board(staff, {}))));
  await time('board, overdue only', async () => (shown.overdue = count(await board(admin, { overdue: true }))));
  await time('board, priority high in one department', async () => (shown.high = count(await board(admin, { priority: 'high', department: 'service' }))));
  // Pages 2 to 6 of the closed column, following the cursor.
  let after: string | null = null;
  await time('board, next page of the closed column (cursor)', async (i) => {
    if (i % 5 === 0) after = null;
    const [col] = await board(admin, { status: 'closed', ...(after ? { after } : {}) });
    after = col!.next;
  });
  for (const q of ['crash', 'refund', 'app crashes upload', '退款', '閃退', `order ${100000 + Math.floor(N / 2)}`, `CS-${year}-${String(Math.floor(N / 3)).padStart(6, '0')}`]) {
    await time(`search "${q}"`, async () => (shown[q] = count(await board(admin, { q }))));
  }
  console.log('cards shown:', JSON.stringify(shown));
  // A case change carried to the index (as after every case write): a status move.
  await time('one case write carried to the board (status change)', async (i) => {
    const id = `bench-${(i * 7919) % N}`;
    await CaseModel.collection.updateOne({ _id: id as never }, { $set: { status: CASE_STATUSES[i % CASE_STATUSES.length] } });
    await refreshBoard(id);
  });
} finally {
  if (!values.keep) await mongoose.connection.db!.dropDatabase();
  await mongoose.disconnect();
}
