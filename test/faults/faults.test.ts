// Fault injection: 500 complaints arrive while the processes and the services
// under them are killed and restarted: the intake process and the case workers by
// SIGKILL at random points, Redis (SIGKILL, restarted on its AOF), FerretDB (SIGKILL), and the IMAP
// connections (Dovecot's imap processes killed). In the end there must be exactly 500
// cases and exactly one acknowledgement per mail in the customers' mailboxes (a second
// copy of the same message is allowed only where it is proven to have come through
// SMTP's own gap, see unexplainedCopy), no job failed for good or left pending, and
// every message flagged on the server.
// Run with `npm run test:faults` (about 4 minutes on 2 cores; CI runs it after `npm test`).
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import mongoose from 'mongoose';
import { Queue } from 'bullmq';
import { CaseModel } from '../../src/adapters/mongo/models/caseModel.js';
import { OutboxModel } from '../../src/adapters/mongo/models/outboxModel.js';
import { PendingOpeningModel } from '../../src/adapters/mongo/models/lookupModels.js';
import { jobId, queueName } from '../../src/adapters/redis/caseJobs.js';
import { JOB_QUEUES } from '../../src/pipeline/jobs/jobKinds.js';
import { databaseTag } from '../../src/adapters/mongo/databaseTag.js';
import { EventModel } from '../../src/adapters/mongo/models/eventModel.js';
import { addr, clearMailbox, closeTransports, deliverRaw, readMailbox } from '../../scripts/lib/devMailbox.js';
import { startAppProcess, type AppProcess } from '../support/appProcess.js';
import { SUPPORT_USER, sleep, uniqueDbName, waitFor } from '../support/testApp.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const MAILS = Number(process.env.FAULT_MAILS ?? 500);
const CUSTOMERS = ['alice', 'bob', 'carol', 'dave', 'erin', 'frank', 'grace', 'heidi', 'ivan', 'judy'];
const DEPARTMENTS = ['tech', 'service', 'product', 'quality', 'logistics', 'legal', 'supervisor'];
const db = uniqueDbName();
const env = {
  MONGODB_URL: `mongodb://127.0.0.1:27027/${db}`,
  IMAP_URL: `imap://${SUPPORT_USER}%40example.test:dev-password@127.0.0.1:1143/INBOX`,
  SUPPORT_ADDRESS: addr(SUPPORT_USER),
  QUEUE_PREFIX: db,
  IMAP_POLL_SECONDS: '2',
  IMAP_LEASE_SECONDS: '3',
  // Each customer writes 50 complaints here; the loop guard would hold back their acknowledgements.
  AUTO_REPLY_CAP_PER_DAY: '1000000',
  LOG_LEVEL: 'info',
};

// A seeded generator: a failing run can be repeated with FAULT_SEED.
let seed = Number(process.env.FAULT_SEED ?? Date.now() % 100000);
const random = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
const between = (lo: number, hi: number) => Math.round(lo + random() * (hi - lo));

const messageIdOf = (i: number) => `<fault-${db}-${i}@example.test>`;
function complaint(i: number): { from: string; raw: string } {
  const from = addr(CUSTOMERS[i % CUSTOMERS.length]!);
  const zh = i % 2 === 1;
  const subject = zh ? `订单 ${i} 的快递一直没到` : `Order ${i} never arrived`;
  const body = zh ? `我的订单 ${i} 下单两周了还没到，物流信息也不更新。` : `My order ${i} was placed two weeks ago and has not arrived; tracking shows nothing.`;
  const raw = [
    `From: <${from}>`,
    `To: <${addr(SUPPORT_USER)}>`,
    `Subject: =?UTF-8?B?${Buffer.from(subject).toString('base64')}?=`,
    `Message-ID: ${messageIdOf(i)}`,
    `Date: ${new Date().toUTCString()}`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: base64',
    '',
    Buffer.from(body).toString('base64'),
    '',
  ].join('\r\n');
  return { from, raw };
}

const sh = (cmd: string) => {
  try {
    execFileSync('bash', ['-c', cmd], { stdio: 'pipe' });
  } catch {
    // the process was gone already
  }
};
const portOpen = (port: number) => {
  try {
    execFileSync('bash', ['-c', `exec 3<>/dev/tcp/127.0.0.1/${port}`], { stdio: 'pipe' });
    return true;
  } catch {
    return false;
  }
};

const log: string[] = [];
const note = (what: string) => {
  log.push(`${new Date().toISOString().slice(11, 23)} ${what}`);
  console.log(`[faults] ${what}`);
};

const processes = new Map<string, AppProcess>();
const everyProcess: AppProcess[] = []; // killed ones too: their logs are evidence
function start(name: string, entry: 'intake' | 'notify'): void {
  const p = startAppProcess(name, entry, env);
  processes.set(name, p);
  everyProcess.push(p);
}
async function killAndRestart(name: string, entry: 'intake' | 'notify'): Promise<void> {
  await processes.get(name)!.kill();
  note(`SIGKILL ${name}`);
  await sleep(between(200, 1500));
  start(name, entry);
  note(`restarted ${name}`);
}

// Redis crashes (SIGKILL) and is started again on its own data directory with AOF, as a
// deployment runs it (services.sh turns AOF on): what it acknowledged survives. Losing
// Redis's data outright is test/integration/redisDataLoss.test.ts.
const redisConfig = (key: string) => execFileSync('redis-cli', ['-p', '6379', 'config', 'get', key]).toString().trim().split('\n')[1] ?? '';
async function crashRedis(): Promise<void> {
  const [dir, pidfile, logfile] = ['dir', 'pidfile', 'logfile'].map(redisConfig);
  const pid = Number(/process_id:(\d+)/.exec(execFileSync('redis-cli', ['-p', '6379', 'info', 'server']).toString())?.[1]);
  if (redisConfig('appendonly') !== 'yes') throw new Error('Redis on 127.0.0.1:6379 runs without AOF: run npm run services first');
  process.kill(pid, 'SIGKILL');
  await waitFor('Redis to stop', async () => !portOpen(6379), 10_000);
  note('Redis killed (SIGKILL)');
  await sleep(between(500, 2000));
  const args = ['--daemonize', 'yes', '--bind', '127.0.0.1', '--port', '6379', '--dir', dir!, '--appendonly', 'yes', '--maxmemory-policy', 'noeviction'];
  if (pidfile) args.push('--pidfile', pidfile);
  if (logfile) args.push('--logfile', logfile);
  execFileSync('redis-server', args);
  await waitFor('Redis to start again', async () => portOpen(6379), 30_000);
  note('Redis started again on its AOF');
}

// FerretDB is restarted with the very command line and environment it runs with
// (GOGC among it), whichever checkout started it: another checkout's data directory
// must stay the one in use.
async function restartFerretDb(): Promise<void> {
  const listing = execFileSync('ss', ['-ltnpH', 'sport = :27027']).toString();
  const pid = Number(/pid=(\d+)/.exec(listing)?.[1]);
  if (!pid) throw new Error(`no process listens on 127.0.0.1:27027 (ss printed: ${listing.trim()})`);
  const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
  const env = Object.fromEntries(readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0').filter(Boolean).map((kv) => /^([^=]*)=(.*)$/s.exec(kv)!.slice(1)));
  process.kill(pid, 'SIGKILL');
  await waitFor('FerretDB to stop', async () => !portOpen(27027), 10_000);
  note('FerretDB killed');
  await sleep(between(500, 2000));
  spawn(argv[0]!, argv.slice(1), { detached: true, stdio: 'ignore', env }).unref();
  await waitFor('FerretDB to start again', async () => portOpen(27027), 30_000);
  note('FerretDB started again');
}

function cutImap(): void {
  // Dovecot's per-connection imap processes: the master stays and takes new connections.
  sh("pkill -9 -f '^dovecot-feedback-desk-dovecot/imap$|^dovecot/imap'");
  note('IMAP connections cut');
}

// A minute without a new acknowledgement: what the services were doing, for the report.
async function recordStall(): Promise<void> {
  const file = path.join(ROOT, 'test-results', `faults-stall-${Date.now()}.txt`);
  const ferret = await fetch('http://127.0.0.1:27028/debug/pprof/goroutine?debug=2').then((r) => r.text(), (e: Error) => e.message);
  let redis: string;
  try {
    redis = execFileSync('redis-cli', ['-p', '6379', 'client', 'list']).toString();
  } catch (e) {
    redis = (e as Error).message;
  }
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `== Redis clients\n${redis}\n== FerretDB goroutines\n${ferret}`);
  note(`no progress for a minute: services' state written to ${path.relative(ROOT, file)}`);
}

// SMTP's own gap (RFC 1047): a sender SIGKILLed after the relay took the last line of a
// mail and before the sender stored the 250 (measured under burst load: 5 ms mean from
// the relay's end of data to its 250, 8 ms more to the receipt in Redis, 110 ms at most)
// cannot know the mail went out, and the entry is sent again once its lease runs out: the
// same message, same Message-ID, which mail clients that collapse duplicates show once.
// A second copy of one acknowledgement is accepted only with the proof that it came
// through that gap: its entry took a second attempt, the first ended without an error
// (the process died; a failed send records its error), and only one sender ever logged
// it sent. Two different acknowledgements for one mail, or a copy without that proof,
// fail the run. (That a receipt, once written, stops the resend is
// test/unit/deliverOutbox.test.ts's; a run with the gap widened to 400 ms had 3 of 200
// acknowledgements resent this way and passed.)
interface AckCopies {
  inReplyTo: string;
  messageId: string;
  copies: number;
}
async function unexplainedCopy(c: AckCopies): Promise<string | null> {
  const entry = await OutboxModel.findOne({ messageId: c.messageId.replace(/^<|>$/g, '').toLowerCase() }, { attempts: 1, lastError: 1, state: 1 }).lean();
  if (!entry) return `${c.inReplyTo}: ${c.copies} copies of ${c.messageId}, which no outbox entry has`;
  const sentBy = everyProcess.filter((p) => p.events('mail.sent').some((l) => l.outbox === entry._id)).map((p) => `${p.name}/${p.child.pid}`);
  const facts = `${entry._id}: ${c.copies} copies, ${entry.attempts} attempts, state ${entry.state}, error ${entry.lastError ?? 'none'}, logged sent by ${sentBy.join(' ') || 'nobody'}`;
  const gap = entry.attempts >= c.copies && !entry.lastError && sentBy.length === 1;
  return gap ? (note(`resent through SMTP's gap: ${facts}`), null) : `${c.inReplyTo}: ${facts}`;
}

beforeAll(async () => {
  note(`seed ${seed}, ${MAILS} mails, database ${db}`);
  await Promise.all([SUPPORT_USER, ...CUSTOMERS].map((u) => clearMailbox(u)));
  await mongoose.connect(env.MONGODB_URL);
});

afterAll(async () => {
  console.log(log.join('\n'));
  await Promise.all([...processes.values()].map((p) => p.stop()));
  await mongoose.connection.dropDatabase().catch(() => undefined);
  await mongoose.disconnect();
  await Promise.all([SUPPORT_USER, ...CUSTOMERS, ...DEPARTMENTS].map((u) => clearMailbox(u)));
  closeTransports();
});

describe('faults during a 500-mail ingest', () => {
  it('ends with exactly one case and one acknowledgement per mail, nothing failed, nothing unflagged', async () => {
    start('intake', 'intake');
    start('notify-1', 'notify');
    start('notify-2', 'notify');
    await Promise.all([...processes.values()].map((p) => p.waitForEvent('app.started', 60_000)));

    // Deliveries run on their own while the faults happen, 20 mails a second.
    const delivering = (async () => {
      for (let i = 0; i < MAILS; i++) {
        const { from, raw } = complaint(i);
        for (;;) {
          try {
            await deliverRaw([addr(SUPPORT_USER)], raw, from);
            break;
          } catch {
            await sleep(200); // Dovecot busy after a cut: deliver again (the mail was not accepted)
          }
        }
        await sleep(50);
      }
      note(`all ${MAILS} mails delivered`);
    })();

    const faults: Array<() => Promise<void>> = [
      () => killAndRestart('intake', 'intake'),
      () => killAndRestart('notify-1', 'notify'),
      crashRedis,
      () => killAndRestart('notify-2', 'notify'),
      restartFerretDb,
      async () => cutImap(),
      () => killAndRestart('intake', 'intake'),
      () => killAndRestart('notify-1', 'notify'),
    ];
    for (const fault of faults) {
      await sleep(between(3000, 12000));
      await fault();
    }
    await delivering;

    const ids = new Set(Array.from({ length: MAILS }, (_, i) => messageIdOf(i)));
    const acksIn = async () => {
      const mails = (await Promise.all(CUSTOMERS.map((u) => readMailbox(u)))).flat();
      return mails.filter((m) => m.parsed.inReplyTo && ids.has(m.parsed.inReplyTo));
    };
    // Waits while acknowledgements keep arriving; fails after 5 minutes without a new one.
    let acks = await acksIn();
    const answered = (list: typeof acks) => new Set(list.map((a) => a.parsed.inReplyTo)).size;
    let lastProgress = Date.now();
    let stallRecorded = false;
    while (answered(acks) < MAILS && Date.now() - lastProgress < 5 * 60_000) {
      await sleep(10_000);
      const before = acks.length;
      acks = await acksIn();
      if (acks.length > before) lastProgress = Date.now();
      else if (!stallRecorded && Date.now() - lastProgress > 60_000) {
        stallRecorded = true;
        await recordStall();
      }
      note(`${answered(acks)}/${MAILS} mails acknowledged so far`);
    }
    // A mail whose sender was killed after taking it is sent again once its lease (120 s)
    // runs out: wait for every entry to be sent and every case done, so that a late double
    // from such a retry would be among the mails read next.
    await waitFor('every outbox entry sent', async () => (await OutboxModel.countDocuments({ state: { $ne: 'sent' } })) === 0, 240_000);
    await waitFor('every case acknowledged and routed', async () => (await PendingOpeningModel.countDocuments()) === 0, 120_000).catch(async (err: Error) => {
      throw new Error(`${err.message}; still marked pending:\n${await describePending()}`);
    });
    await sleep(3000);
    acks = await acksIn();

    // Per mail, its acknowledgements by Message-ID, and how many copies of each arrived.
    const perMail = new Map<string, Map<string, number>>();
    for (const a of acks) {
      const copies = perMail.get(a.parsed.inReplyTo!) ?? new Map<string, number>();
      copies.set(a.parsed.messageId ?? '', (copies.get(a.parsed.messageId ?? '') ?? 0) + 1);
      perMail.set(a.parsed.inReplyTo!, copies);
    }
    const twoAcks = [...perMail].filter(([, ids]) => ids.size > 1).map(([id, ids]) => `${id}: ${[...ids.keys()].join(' ')}`);
    expect(twoAcks, 'mails with two different acknowledgements').toEqual([]);
    const copied = [...perMail].flatMap(([inReplyTo, ids]) => [...ids].filter(([, n]) => n > 1).map(([messageId, copies]) => ({ inReplyTo, messageId, copies })));
    const unexplained = (await Promise.all(copied.map(unexplainedCopy))).filter((u): u is string => u !== null);
    const resent = copied.reduce((n, c) => n + c.copies - 1, 0);
    note(`${acks.length} acknowledgements for ${perMail.size} distinct mails; ${resent} resent through SMTP's gap; ${unexplained.length} doubled otherwise`);
    expect(unexplained, `acknowledgements doubled otherwise than through SMTP's gap\n${log.join('\n')}`).toEqual([]);
    expect(perMail.size).toBe(MAILS);
    expect(await CaseModel.countDocuments()).toBe(MAILS);
    expect(await OutboxModel.countDocuments({ kind: 'acknowledgement' })).toBe(MAILS);
    // Each case's timeline shows both (the order case-then-event once lost an event here).
    expect(await EventModel.countDocuments({ type: 'ack.sent' })).toBe(MAILS);
    expect(await EventModel.countDocuments({ type: 'case.routed' })).toBe(MAILS);

    const tag = await databaseTag();
    for (const name of JOB_QUEUES) {
      const queue = new Queue(queueName(name, tag), { connection: { host: '127.0.0.1', port: 6379 }, prefix: db });
      const counts = await queue.getJobCounts('failed', 'active', 'waiting');
      // What failed and why, for the failure message.
      const failed = (await queue.getFailed(0, 9)).map((j) => `${j.name} ${JSON.stringify(j.data)} after ${j.attemptsMade} attempts: ${j.failedReason} ${(j.stacktrace ?? []).at(-1)?.split('\n').slice(0, 4).join(' | ') ?? ''}`);
      await queue.close();
      note(`queue ${name}: ${JSON.stringify(counts)}`);
      expect(counts.failed, `failed jobs of ${name}:\n${failed.join('\n')}`).toBe(0);
    }

    const support = await readMailbox(SUPPORT_USER);
    expect(support.filter((m) => !m.flags.has('\\Seen'))).toHaveLength(0);
    expect(support).toHaveLength(MAILS);
  }, 60 * 60_000);
});

/** The cases still marked pending (the first ten): their state, timeline and jobs, for the failure message. */
async function describePending(): Promise<string> {
  const queue = new Queue(queueName('cases', await databaseTag()), { connection: { host: '127.0.0.1', port: 6379 }, prefix: db });
  const markers = await PendingOpeningModel.find({}).limit(10).lean();
  const lines = await Promise.all(
    markers.map(async ({ _id: id, since }) => {
      const c = await CaseModel.findById(id, { number: 1, 'ack.state': 1, 'routing.sentAt': 1 }).lean();
      const events = await EventModel.find({ caseId: id, type: { $in: ['ack.sent', 'ack.suppressed', 'ack.failed', 'case.routed'] } }, { type: 1 }).lean();
      const jobs = await Promise.all((['screen', 'acknowledge', 'route'] as const).map(async (name) => `${name} ${(await (await queue.getJob(jobId(name, id)))?.getState()) ?? 'missing'}`));
      return `${id} (${c?.number ?? 'no case'}, since ${since.toISOString()}): ack ${c?.ack?.state ?? '-'}, routed ${c?.routing?.sentAt?.toISOString() ?? '-'}, events [${events.map((e) => e.type).join(', ')}], jobs [${jobs.join(', ')}]`;
    }),
  );
  await queue.close();
  return lines.join('\n');
}
