// npm run bench [-- --mails N] [-- --steady [--rate R]] [-- --workers N] [-- --profile DIR] [-- --commands]
// Delivers N complaints (zh and en, some with attachments, some follow-ups, some
// auto-replies) into a fresh support mailbox over LMTP (from a process of its own:
// deliverer.ts) while the whole pipeline runs in this process, and reports throughput,
// arrival-to-acknowledgement latency
// (delivery accepted -> acknowledgement accepted by SMTP), arrival-to-routing latency
// (-> the department's mail accepted by SMTP; screening runs in between), RSS over the
// run, the RSS one mail with a 25 MB attachment adds, the bare bound (bareBound.ts)
// measured on the same mails, and what sending the run's mails costs alone
// (sendingCost.ts). --steady delivers at R mails/s (default 20) instead of as
// fast as possible. --workers N runs the notify workers in N processes of their own.
// --profile DIR writes CPU profiles of the run (cpuProfile.ts). --commands prints the
// database time by command (commandProfile.ts); off by default, as the driver's command
// events cost the app CPU of its own (~56 µs a command, a tenth of the driver's).
import { execFile, fork } from 'node:child_process';
import { rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import mongoose from 'mongoose';
import { pino } from 'pino';
import { readConfig } from '../../src/config/environment.js';
import { ALL_ROLES, startApp } from '../../src/compose.js';
import { CaseModel } from '../../src/adapters/mongo/models/caseModel.js';
import { OutboxModel } from '../../src/adapters/mongo/models/outboxModel.js';
import { storedEntry, type OutboxDoc } from '../../src/adapters/mongo/outboxStore.js';
import { PendingOpeningModel } from '../../src/adapters/mongo/models/lookupModels.js';
import { counterId } from '../../src/domain/case/caseNumber.js';
import { addr, clearMailbox, closeTransports, DEV } from '../lib/devMailbox.js';
import { benchMail, bigMail, CUSTOMERS, type BenchMail } from './corpus.js';
import { profileCommands } from './commandProfile.js';
import { measureBareBound } from './bareBound.js';
import { measureSendingCost } from './sendingCost.js';
import { cpuPerMail, startCpuMeter } from './cpuMeter.js';
import { startWorkerProcesses } from './workerProcesses.js';
import { startCpuProfile } from './cpuProfile.js';
import { countMongo, installOpCounter, opCounts, startCounting, uncounted } from './opCounter.js';
import type { DelivererArgs, DelivererMessage } from './deliverer.js';
import { endErrorsWithOneLine } from '../lib/scriptExit.js';

endErrorsWithOneLine('bench');
const { values } = parseArgs({
  options: { mails: { type: 'string', default: '2000' }, steady: { type: 'boolean', default: false }, rate: { type: 'string', default: '20' }, concurrency: { type: 'string', default: '8' }, workers: { type: 'string', default: '0' }, profile: { type: 'string' }, commands: { type: 'boolean', default: false } },
});
const total = Number(values.mails);
const rate = values.steady ? Number(values.rate) : null;
const SUPPORT_USER = 'benchsupport';
const db = `fdbench_${Date.now().toString(36)}`;

const workerCount = Number(values.workers);
const settings = {
  // monitorCommands: the driver emits the command events the operation counts and the profile sum.
  MONGODB_URL: `mongodb://127.0.0.1:27027/${db}?monitorCommands=true`,
  IMAP_URL: `imap://${SUPPORT_USER}%40example.test:dev-password@127.0.0.1:${DEV.imapPort}/INBOX`,
  // The local relay, whatever SMTP_URL says: the run's mails (and their second sending,
  // sendingCost) go to the local mailboxes, never to a real mail server.
  SMTP_URL: `smtp://127.0.0.1:${DEV.smtpPort}`,
  SUPPORT_ADDRESS: addr(SUPPORT_USER),
  HTTP_PORT: '0',
  QUEUE_PREFIX: db,
  LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
  // The bench's customers write many mails each; the loop guard would stop their acks.
  AUTO_REPLY_CAP_PER_DAY: '1000000',
};
const config = readConfig(settings);

let peakRss = 0;
const MB = 1048576;
// Above this FerretDB runs with Go's default GOGC (measured ~30 a second in a burst; ~3 at GOGC=1000).
const FERRETDB_GC_WARN_PER_SECOND = 10;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100);
// RSS once a second over the run: flat memory means the last fifth is no higher than the second.
const rssSeries: number[] = [];
const seriesTimer = setInterval(() => rssSeries.push(process.memoryUsage().rss), 1000);
// RSS alone climbs while V8 defers collecting (300 MB by the end of a 500-mail run, back to
// 220 MB after a full collection): what a leak would show is the heap left after one,
// sampled every 5 s (a full collection of this heap takes tens of milliseconds).
const heapSeries: number[] = [];
const heapTimer = setInterval(() => {
  global.gc?.();
  heapSeries.push(process.memoryUsage().heapUsed);
}, 5000);

/** Delivers the run's mails from a process of its own (deliverer.ts); resolves when all are in. */
function deliverFromChild(args: DelivererArgs, onDelivered: (messageId: string, at: number) => void): Promise<void> {
  const child = fork(fileURLToPath(new URL('./deliverer.ts', import.meta.url)), { execArgv: ['--import', 'tsx'] });
  return new Promise((resolve, reject) => {
    let done = false;
    child.on('message', (m: DelivererMessage) => {
      if ('messageId' in m) onDelivered(m.messageId, m.at);
      else if ('done' in m) done = true;
      else reject(new Error(`the bench's deliveries failed: ${m.error}`));
    });
    child.on('exit', (code) => (done ? resolve() : reject(new Error(`the bench's deliverer exited with code ${code} before it delivered every mail`))));
    child.send(args);
  });
}

await clearMailbox(SUPPORT_USER);
installOpCounter();
const app = await startApp(config, workerCount ? ['intake', 'http'] : ALL_ROLES, pino({ level: config.LOG_LEVEL }));
const workers = workerCount ? await startWorkerProcesses(workerCount, settings, values.profile) : null;
const dbProfile = values.commands ? profileCommands(mongoose.connection.getClient()) : null;
countMongo(mongoose.connection.getClient());
const rssAtStart = process.memoryUsage().rss;

// The deliverer builds the same mails from their index and this run's id (deliverer.ts).
const run = String(process.pid);
const mails: BenchMail[] = Array.from({ length: total }, (_, i) => benchMail(i, addr(SUPPORT_USER), run));
const deliveredAt = new Map<string, number>();
const cores = os.cpus().length;
const stopMeter = await startCpuMeter(config.REDIS_URL, workers?.pids);
const stopProfile = values.profile ? await startCpuProfile(values.profile) : null;
const started = Date.now();
startCounting();
await deliverFromChild({ total, to: addr(SUPPORT_USER), run, concurrency: Number(values.concurrency), rate }, (messageId, at) => deliveredAt.set(messageId, at));
const deliveredMs = Date.now() - started;

// Every mail that opens a case gets exactly one acknowledgement and is routed; wait for all.
// Polled with point lookups and counts of the small pending tables: a count over the
// outbox would scan it on FerretDB and slow down the pipeline being measured.
const expectedAcks = mails.filter((m) => m.kind === 'new').length;
const deadline = Date.now() + 10 * 60_000;
const counter = counterId(config.CASE_PREFIX, new Date().getUTCFullYear());
let lastReport = Date.now();
for (;;) {
  const { opened, unfinished } = await uncounted(async () => ({
    opened: (await mongoose.connection.db!.collection<{ _id: string; seq: number }>('counters').findOne({ _id: counter }))?.seq ?? 0,
    unfinished: await PendingOpeningModel.countDocuments({}),
  }));
  if (opened >= expectedAcks && unfinished === 0) break;
  if (Date.now() > deadline) throw new Error(`after 10 minutes: ${opened} cases opened, ${unfinished} not yet acknowledged and routed`);
  if (Date.now() - lastReport > 5000) {
    console.error(`... ${opened}/${expectedAcks} cases opened, ${unfinished} not yet acknowledged and routed`);
    lastReport = Date.now();
  }
  await new Promise((r) => setTimeout(r, 1000));
}
const doneMs = Date.now() - started;
const ops = opCounts(expectedAcks);
const spent = await stopMeter();
const profileFile = await stopProfile?.();
const cpu = cpuPerMail(spent, total, cores);
const ferretdbGcPerSecond = spent.ferretdbGcs === null ? null : +(spent.ferretdbGcs / (doneMs / 1000)).toFixed(1);
clearInterval(seriesTimer);
clearInterval(heapTimer);
const runPeakRss = peakRss;

// One mail with a 25 MB attachment, alone: the RSS it adds above the idle process. It is
// delivered from another process, so only the app's memory is measured.
await new Promise((r) => setTimeout(r, 2000));
const bigFile = path.join(os.tmpdir(), `bench-big-${process.pid}.eml`);
const big = await (async () => {
  const { raw, ...rest } = bigMail(addr(SUPPORT_USER), 25);
  await writeFile(bigFile, raw);
  return rest; // the 34 MB source is not held while the app's memory is measured
})();
global.gc?.();
const rssBeforeBig = process.memoryUsage().rss;
peakRss = rssBeforeBig;
await new Promise<void>((resolve, reject) =>
  execFile(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./deliverFile.ts', import.meta.url)), bigFile, addr(SUPPORT_USER), big.from], (err) => (err ? reject(err) : resolve())),
);
await rm(bigFile);
const bigDeadline = Date.now() + 5 * 60_000;
while (!(await OutboxModel.exists({ kind: 'acknowledgement', inReplyTo: big.messageId }))) {
  if (Date.now() > bigDeadline) throw new Error('the mail with a 25 MB attachment was not acknowledged within 5 minutes');
  await new Promise((r) => setTimeout(r, 500));
}
const bigAddedMB = Math.round((peakRss - rssBeforeBig) / MB);

const bare = await measureBareBound(mails, 'benchbare', config.REDIS_URL, cores);
const cases = await CaseModel.find({ 'customer.email': { $ne: big.from } }, { _id: 1 }).lean();
const acks = await OutboxModel.find({ kind: 'acknowledgement', inReplyTo: { $ne: big.messageId } }, { caseId: 1, sentAt: 1 }).lean();
const sentByCase = new Map(acks.map((a) => [String(a.caseId), a.sentAt!.getTime()]));
const { MessageModel } = await import('../../src/adapters/mongo/models/messageModel.js');
const origins = await MessageModel.find({ _id: { $in: cases.map((c) => c._id) } }, { messageId: 1, caseId: 1 }).lean();
const bigCase = String((await CaseModel.findOne({ 'customer.email': big.from }, { _id: 1 }).lean())?._id);
const routings = (await OutboxModel.find({ kind: 'routing' }, { caseId: 1, sentAt: 1 }).lean()).filter((r) => String(r.caseId) !== bigCase);
// The mail the run sent, sent again with no pipeline: with the bare bound, the least any
// pipeline that answers this mail must spend, and so the most mails/s it could reach.
const sent = (await OutboxModel.find({ caseId: { $ne: bigCase } }).lean<OutboxDoc[]>()).map(storedEntry);
const sending = await measureSendingCost(sent, total, config.SMTP_URL, config.REDIS_URL, cores);
const leastMsPerMail = +(bare.cpuMsPerMail.total + sending.cpuMsPerMail.total).toFixed(1);
const sendingAlone = { ...sending, leastCpuMsPerMail: leastMsPerMail, mailsPerSecondAtMost: +((cores * 1000) / leastMsPerMail).toFixed(1) };
const routedByCase = new Map<string, number>();
for (const r of routings) routedByCase.set(String(r.caseId), Math.min(routedByCase.get(String(r.caseId)) ?? Infinity, r.sentAt!.getTime()));
const latenciesTo = (sent: Map<string, number>) =>
  origins
    .map((o) => (sent.get(String(o.caseId)) ?? NaN) - (deliveredAt.get(`<${o.messageId}>`) ?? NaN))
    .filter((x) => Number.isFinite(x))
    .sort((a, b) => a - b);
const latencies = latenciesTo(sentByCase);
const routingLatencies = latenciesTo(routedByCase);
function fifths(xs: number[]): number[] {
  const size = Math.max(1, Math.floor(xs.length / 5));
  return [0, 1, 2, 3, 4].map((i) => xs.slice(i * size, i === 4 ? xs.length : (i + 1) * size)).filter((p) => p.length).map((p) => p.reduce((a, b) => a + b, 0) / p.length);
}
// Mails that opened a case although they should not have (a follow-up or an auto-reply):
// named, so a count above the expected one can be traced to its mails.
const kindOf = new Map(mails.map((m) => [m.messageId, m.kind]));
const unexpectedCases = origins.map((o) => `<${o.messageId}>`).filter((id) => kindOf.get(id) !== 'new');
const pctOf = (xs: number[], p: number) => xs[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] ?? NaN;
const pct = (p: number) => pctOf(latencies, p);

const summary = {
  mails: total,
  mode: rate ? `steady ${rate} mails/s` : 'burst',
  workerProcesses: workerCount,
  cases: cases.length,
  acknowledgements: acks.length,
  expectedAcknowledgements: expectedAcks,
  unexpectedCases,
  deliverSeconds: +(deliveredMs / 1000).toFixed(2),
  totalSeconds: +(doneMs / 1000).toFixed(2),
  throughputMailsPerSecond: +((total * 1000) / doneMs).toFixed(1),
  latencyMs: { p50: pct(50), p95: pct(95), p99: pct(99), max: latencies.at(-1) ?? NaN },
  routingLatencyMs: { p50: pctOf(routingLatencies, 50), p95: pctOf(routingLatencies, 95), p99: pctOf(routingLatencies, 99) },
  routed: routedByCase.size,
  rssMB: {
    start: Math.round(rssAtStart / MB),
    peak: Math.round(runPeakRss / MB),
    end: Math.round(process.memoryUsage().rss / MB),
    // Mean of each fifth of the run.
    byFifth: fifths(rssSeries).map((x) => Math.round(x / MB)),
    addedBy25MBAttachment: bigAddedMB,
    // Peak RSS of each worker process (--workers).
    workers: (await workers?.peakRssMB()) ?? [],
  },
  heapAfterFullGcMB: { byFifth: fifths(heapSeries).map((x) => Math.round(x / MB)) },
  bareBound: bare,
  ofBareBound: +((total * 1000) / doneMs / bare.mailsPerSecond).toFixed(3),
  // Sending the run's mails alone, and the most any pipeline could do with the bare bound's work and that.
  sendingAlone,
  // Round trips per case opened, over the run, by stage (this process only: not --workers').
  opsPerCase: ops,
  // CPU time per mail by process, over the run; its ceiling is what the cores allow at that cost.
  cpuMsPerMail: cpu,
  // FerretDB's garbage collections a second over the run (see FERRETDB_GC_WARN_PER_SECOND).
  ferretdbGcPerSecond,
  cores,
};
clearInterval(sampler);
if (dbProfile) {
  const rows = dbProfile().slice(0, 30).map((c) => `  ${String(c.totalMs).padStart(7)} ms  ${String(c.count).padStart(6)} x ${String(c.meanMs).padStart(6)} ms  ${c.command}`);
  console.error(`database time by command (top 30${workerCount ? ", of the poller's process only" : ''}):\n${rows.join('\n')}`);
}
await workers?.stop();
if (profileFile) console.error(`CPU profiles of the run in ${values.profile}: ${path.basename(profileFile)} (this process)${workerCount ? ', CPU.*.cpuprofile (the worker processes)' : ''}`);
// BENCH_KEEP=1 keeps the run's database to look into (its documents' sizes, what a case holds).
if (process.env.BENCH_KEEP) console.error(`kept the run's database: ${db} (drop it when done)`);
else await mongoose.connection.dropDatabase();
await app.stop();
closeTransports();
await Promise.all([SUPPORT_USER, ...CUSTOMERS, 'mallory', 'tech', 'service', 'product', 'quality', 'logistics', 'legal', 'supervisor'].map((u) => clearMailbox(u)));

console.log(JSON.stringify(summary, null, 2));
console.log(
  `${total} mails (${summary.mode}${workerCount ? `, ${workerCount} worker process${workerCount > 1 ? 'es' : ''}` : ''}) on ${summary.cores} cores: ${summary.throughputMailsPerSecond} mails/s end to end (bare bound ${bare.mailsPerSecond} mails/s, ${(summary.ofBareBound * 100).toFixed(1)} % of it), ` +
    `ack latency p50 ${summary.latencyMs.p50} ms / p95 ${summary.latencyMs.p95} ms / p99 ${summary.latencyMs.p99} ms, routing latency p50 ${summary.routingLatencyMs.p50} ms / p95 ${summary.routingLatencyMs.p95} ms, ` +
    `round trips per case: database ${ops.perCase.database}, Redis ${ops.perCase.redis}${workerCount ? " (the poller's process only)" : ''}, ` +
    `CPU per mail ${cpu.total} ms (app ${cpu.app}${workerCount ? ` of which workers ${cpu.appWorkers}` : ''}, FerretDB ${cpu.ferretdb ?? '?'}, Redis ${cpu.redis}, mail servers and the rest ${cpu.other}; bare bound ${bare.cpuMsPerMail.total}), so at most ${cpu.ceilingMailsPerSecond} mails/s on ${cores} cores, ` +
    `sending its ${sendingAlone.sentMails} mails alone ${sendingAlone.cpuMsPerMail.total} ms a mail, with the bare bound's ${sendingAlone.leastCpuMsPerMail} ms: at most ${sendingAlone.mailsPerSecondAtMost} mails/s for any pipeline (half the bare bound: ${(bare.mailsPerSecond / 2).toFixed(1)}), ` +
    `RSS peak ${summary.rssMB.peak} MB${workerCount ? ` (workers ${summary.rssMB.workers.join('/')} MB)` : ''} (by fifth ${summary.rssMB.byFifth.join('/')} MB; heap after a full GC ${summary.heapAfterFullGcMB.byFifth.join('/')} MB), a 25 MB attachment adds ${bigAddedMB} MB, ${summary.cases} cases, ${summary.acknowledgements}/${expectedAcks} acknowledgements`,
);
if (ferretdbGcPerSecond !== null && ferretdbGcPerSecond > FERRETDB_GC_WARN_PER_SECOND) {
  console.error(
    `WARNING: FerretDB collected its heap ${ferretdbGcPerSecond} times a second (Go's default GOGC=100 on its heap of a few MB), which costs about a third more of its CPU per mail. ` +
      'Start it with GOGC=1000 in its environment, as npm run services does (README, "Benchmark").',
  );
}
// At a steady rate above what the cores allow at the run's cost, the queue grows for as
// long as the rate lasts and the latency measures that growth: said, so that such a run
// is read as the machine's ceiling (its speed varies by a fifth from hour to hour).
if (rate && cpu.ceilingMailsPerSecond < rate) {
  console.error(
    `NOTE: at ${cpu.total} ms of CPU a mail the ${cores} cores allow at most ${cpu.ceilingMailsPerSecond} mails/s, below the rate of ${rate}: ` +
      'the queue grew over the run, and the latency above is mostly that wait. Compare runs made in the same hour.',
  );
}
// A follow-up whose parent was not stored yet when it arrived opens its own case (and gets its own acknowledgement).
if (acks.length !== cases.length || routedByCase.size !== cases.length) {
  console.error(`FAIL: ${cases.length} cases but ${acks.length} acknowledgements and ${routedByCase.size} routed`);
  process.exitCode = 1;
}
