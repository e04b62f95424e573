// npm run bench:reports [-- --cases N] [-- --runs R]
// Generates the report rollups of N cases (default 1,000,000) spread over two years:
// each case's timeline (classified, acknowledged, first update, resolved, survey,
// sometimes re-opened) goes through the real projection (domain/report/rollupFacts) and
// the day documents are written to a fresh database. Then it times the quarterly
// report (all departments, and one department) R times and prints the median.
import { parseArgs } from 'node:util';
import { readFileSync } from 'node:fs';
import mongoose from 'mongoose';
import { readConfig } from '../../src/config/environment.js';
import { connectMongo } from '../../src/adapters/mongo/connection.js';
import { DayRollupModel, MongoRollupStore, MonthRollupModel } from '../../src/adapters/mongo/rollupStore.js';
import { casePhrases, phraseKey, trimPhraseCounts } from '../../src/domain/report/phrases.js';
import { projectEvent, type CaseMetrics, type RollupFact, type TimelineEvent } from '../../src/domain/report/rollupFacts.js';
import { periodOf } from '../../src/domain/report/period.js';
import { readReport } from '../../src/pipeline/report/readReport.js';
import { endErrorsWithOneLine } from '../lib/scriptExit.js';

endErrorsWithOneLine('bench:reports');
const { values } = parseArgs({ options: { cases: { type: 'string', default: '1000000' }, runs: { type: 'string', default: '5' } } });
const N = Number(values.cases);
const RUNS = Number(values.runs);
const TZ = 'Asia/Taipei';
const H = 3600_000;
const db = `fdbench_reports_${Date.now().toString(36)}`;
const base = new URL(readConfig().MONGODB_URL);
base.pathname = `/${db}`;

// The seed corpus's complaints give the texts (and so the phrases) of the generated cases;
// the seed alone, so the bench's cases stay the same as more training mails are added.
const corpus = readFileSync('data/classify/train/seed.jsonl', 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { subject: string; text: string; category: string; priority: string });
const phrasesOf = corpus.map((c) => casePhrases(c.subject, c.text));
const DEPARTMENT: Record<string, string> = { technical: 'tech', service: 'service', suggestion: 'product', quality: 'quality', delivery: 'logistics', usage: 'service', other: 'service' };
const DEPARTMENTS = [...new Set(Object.values(DEPARTMENT))];
const CHANNELS = ['email', 'email', 'email', 'form', 'api'];

let seed = 42;
const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);

// The documents as MongoRollupStore writes them: per day and per month, all departments
// ('*') and each, the phrases in a document of their own.
type Doc = { _id: string; period: string; department: string; totals: Record<string, number>; by: Record<string, Record<string, Record<string, number>>>; hist: Record<string, Record<string, number>> };
type PhraseDoc = { _id: string; period: string; department: string; phrases: Record<string, Record<string, number>> };
const docs = new Map<string, Doc>();
const phraseDocs = new Map<string, PhraseDoc>();
const docOf = (period: string, department: string): Doc => {
  const id = `${period}|${department}`;
  let d = docs.get(id);
  if (!d) docs.set(id, (d = { _id: id, period, department, totals: {}, by: { channel: {}, category: {}, priority: {} }, hist: { ack: {}, resolve: {} } }));
  return d;
};
const phraseDocOf = (period: string, department: string): PhraseDoc => {
  const id = `${period}|${department}|phrases`;
  let d = phraseDocs.get(id);
  if (!d) phraseDocs.set(id, (d = { _id: id, period, department, phrases: {} }));
  return d;
};
const add = (into: Record<string, number>, key: string, n: number) => (into[key] = (into[key] ?? 0) + n);

function count(f: RollupFact, c: { channel: string; category: string; priority: string; department: string }) {
  const targets = [f.day, f.day.slice(0, 7)].flatMap((p) => ['*', c.department].map((dep) => [p, dep] as const));
  for (const [p, dep] of targets) {
    const d = docOf(p, dep);
    for (const [m, n] of Object.entries(f.counts)) {
      if (!n) continue;
      add(d.totals, m, n);
      add((d.by.channel![c.channel] ??= {}), m, n);
      add((d.by.category![c.category] ??= {}), m, n);
      add((d.by.priority![c.priority] ??= {}), m, n);
    }
    if (f.hist?.ack !== undefined) add(d.hist.ack!, `b${f.hist.ack}`, 1);
    if (f.hist?.resolve !== undefined) add(d.hist.resolve!, `b${f.hist.resolve}`, 1);
    if (f.phrases?.length) {
      const pd = phraseDocOf(p, dep);
      for (const phrase of f.phrases) add((pd.phrases[c.category] ??= {}), phraseKey(phrase), 1);
    }
  }
}

const started = Date.now();
const start = Date.UTC(2025, 0, 1);
for (let i = 0; i < N; i++) {
  const k = Math.floor(random() * corpus.length);
  const text = corpus[k]!;
  const receivedAt = new Date(start + Math.floor(random() * 730 * 24) * H);
  const c = { channel: CHANNELS[i % CHANNELS.length]!, category: text.category, priority: text.priority, department: DEPARTMENT[text.category] ?? 'service' };
  const at = (h: number) => new Date(receivedAt.getTime() + h * H);
  const events: TimelineEvent[] = [
    { id: 'cat', type: 'screening.category', at: at(0.01), data: {} },
    { id: 'ack', type: 'mail.sent', at: at(random() * 0.2), data: { kind: 'acknowledgement' } },
    { id: 'upd', type: 'mail.sent', at: at(random() * 30), data: { kind: 'progress' } },
  ];
  if (random() < 0.9) {
    const resolved = random() * 120;
    events.push({ id: 'res', type: 'status.changed', at: at(resolved), data: { to: 'resolved' } }, { id: 'sur', type: 'mail.sent', at: at(resolved + 1), data: { kind: 'survey' } });
    if (random() < 0.6) events.push({ id: 'ans', type: 'survey.answered', at: at(resolved + 5), data: { kind: 'score', score: 1 + Math.floor(random() * 5) } });
    if (random() < 0.05) events.push({ id: 'reo', type: 'status.changed', at: at(resolved + 30), data: { to: 'reopened' } });
  }
  let metrics: CaseMetrics = {};
  const head = { caseId: `c${i}`, receivedAt, channel: c.channel, category: c.category, priority: c.priority, department: c.department, due: { acknowledgeBy: at(0.1), firstResponseBy: at(24), resolveBy: at(72) }, phrases: phrasesOf[k] };
  for (const e of events) {
    const p = projectEvent(e, { ...head, metrics }, TZ);
    metrics = p.metrics;
    for (const f of p.facts) count(f, c);
  }
}
const generatedMs = Date.now() - started;

await connectMongo(base.toString());
const t0 = Date.now();
// Every generated day and month is over: their phrases trimmed as trimClosed leaves them.
for (const d of phraseDocs.values()) d.phrases = trimPhraseCounts(d.phrases);
const all = [...docs.values(), ...phraseDocs.values()];
for (const [model, list] of [[MonthRollupModel, all.filter((d) => d.period.length === 7)], [DayRollupModel, all.filter((d) => d.period.length === 10)]] as const) {
  for (let i = 0; i < list.length; i += 500) await model.collection.insertMany(list.slice(i, i + 500) as never[]);
}
const writeMs = Date.now() - t0;

const store = new MongoRollupStore();
const quarter = periodOf('quarter', '2026-08-15');
const time = async (department: string | null) => {
  const ms: number[] = [];
  let received = 0;
  for (let r = 0; r < RUNS; r++) {
    const s = performance.now();
    received = (await readReport(quarter, department, store, DEPARTMENTS)).received;
    ms.push(performance.now() - s);
  }
  ms.sort((a, b) => a - b);
  return { medianMs: Math.round(ms[Math.floor(ms.length / 2)]! * 10) / 10, received };
};
if (process.env.BENCH_KEEP) console.log('db', base.toString());
const overall = await time(null);
const oneDepartment = await time('tech');
if (!process.env.BENCH_KEEP) await mongoose.connection.dropDatabase();
await mongoose.disconnect();

const summary = { cases: N, rollupDocuments: all.length, generateMs: generatedMs, writeMs, quarter: quarter.label, quarterlyReport: overall, quarterlyReportOneDepartment: oneDepartment, runs: RUNS };
console.log(JSON.stringify(summary));
console.log(`${N} cases -> ${all.length} rollup documents; quarterly report (${overall.received} cases) in ${overall.medianMs} ms, one department (${oneDepartment.received} cases) in ${oneDepartment.medianMs} ms (median of ${RUNS})`);
