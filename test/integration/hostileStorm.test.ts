// A storm of the costliest mail (test/support/stormCorpus) delivered at once with
// ordinary complaints into a running desk (`workers/all.ts` in its own process, as
// `npm start` runs it), while a probe asks /healthz every 250 ms. The desk keeps
// answering: every probe answers within a second, the complaints are acknowledged while
// the hostile mail is processed, every hostile mail ends as a case or a quarantined
// record with its reason, the null-sender auto-reply gets nothing back, and the
// process's memory grows by less than 300 MB.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CaseModel } from '../../src/adapters/mongo/models/caseModel.js';
import { MessageModel } from '../../src/adapters/mongo/models/messageModel.js';
import { OutboxModel } from '../../src/adapters/mongo/models/outboxModel.js';
import { QuarantineModel } from '../../src/adapters/mongo/models/quarantineModel.js';
import { openFile } from '../../src/adapters/mongo/gridfs.js';
import { addr, clearMailbox, deliverRaw } from '../../scripts/lib/devMailbox.js';
import { startAppProcess, type AppProcess } from '../support/appProcess.js';
import { stormCorpus, type StormMail } from '../support/stormCorpus.js';
import { SUPPORT_USER, sleep, uniqueDbName, waitFor } from '../support/testApp.js';

const db = uniqueDbName();
const CUSTOMERS: [string, string, string] = ['alice', 'bob', 'carol'];
// Acknowledged within this long of arrival (measured: about 1 s on the shared 2-core
// machine). STORM_ACK_BOUND_MS loosens it for a machine loaded beyond that; any bound of
// seconds still catches a stall (one long mail used to hold everything for minutes).
const ACK_BOUND_MS = Number(process.env.STORM_ACK_BOUND_MS ?? 5_000);
const PROBE_BOUND_MS = 1000;
const RSS_GROWTH_MB = 300;
let app: AppProcess | undefined;

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
const rssMb = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
const bare = (id: string) => id.replace(/^<|>$/g, '');

beforeAll(async () => {
  await mongoose.connect(`mongodb://127.0.0.1:27027/${db}`);
  await Promise.all([SUPPORT_USER, ...CUSTOMERS].map((u) => clearMailbox(u)));
});

afterAll(async () => {
  await app?.stop();
  await mongoose.connection.dropDatabase();
  await mongoose.disconnect();
});

/** Where a delivered mail ended: 'message' (a case's), 'quarantine: <reason>', or null while it is not in yet. */
async function fate(m: StormMail): Promise<string | null> {
  const id = bare(m.messageId);
  if (await MessageModel.exists({ messageId: id })) return 'message';
  const q = await QuarantineModel.findOne({ messageId: id }, { reason: 1 }).lean();
  if (q) return `quarantine: ${q.reason}`;
  // A mail that could not be parsed has no Message-ID on its record: its kept raw bytes say which it is.
  for (const r of await QuarantineModel.find({ messageId: { $exists: false }, rawFileId: { $exists: true } }, { reason: 1, rawFileId: 1 }).lean()) {
    const head = await rawHead(r.rawFileId!);
    if (head.toLowerCase().includes(id)) return `quarantine: ${r.reason}`;
  }
  return null;
}

/** The first 64 KB of a quarantined mail's kept raw bytes. */
async function rawHead(fileId: string): Promise<string> {
  const file = await openFile('quarantine', fileId);
  if (!file) return '';
  let head = '';
  for await (const chunk of file.stream as AsyncIterable<Buffer>) {
    head += chunk.toString('latin1');
    if (head.length >= 65536) break;
  }
  return head;
}

describe('a storm of hostile mail', () => {
  it('keeps /healthz answering, acknowledges the complaints in it, and ends every hostile mail as a case or a quarantine record', async () => {
    const port = await freePort();
    app = startAppProcess('storm', 'all', {
      MONGODB_URL: `mongodb://127.0.0.1:27027/${db}`,
      IMAP_URL: `imap://${SUPPORT_USER}%40example.test:dev-password@127.0.0.1:1143/INBOX`,
      SUPPORT_ADDRESS: `${SUPPORT_USER}@example.test`,
      QUEUE_PREFIX: db,
      HTTP_PORT: String(port),
      IMAP_POLL_SECONDS: '5',
      MAX_MESSAGE_MB: '64', // the 40 MB attachment (54 MB encoded) goes through the parser
      LOG_LEVEL: 'info',
    });
    await app.waitForEvent('app.started', 60_000);
    const pid = app.child.pid!;
    const { hostile, complaints, nullSender } = stormCorpus('storm.test', addr(SUPPORT_USER), CUSTOMERS.map(addr) as [string, string, string], db);

    // Warm-up: one complaint through the whole pipeline (threads started, classifier trained).
    const warm = complaints[2]!;
    await deliverRaw([addr(SUPPORT_USER)], warm.raw.toString('latin1').replace(warm.messageId, `<warm-${db}@example.test>`), warm.envelopeFrom);
    await waitFor('the warm-up complaint acknowledged', async () => (await CaseModel.findOne({ 'ack.state': 'sent' }, { _id: 1 }).lean()) !== null, 60_000);
    const baseRss = rssMb(pid);

    const probes: number[] = [];
    const failures: string[] = [];
    let peakRss = baseRss;
    let probing = true;
    const probe = (async () => {
      while (probing) {
        const started = performance.now();
        try {
          const res = await fetch(`http://127.0.0.1:${port}/healthz`, { signal: AbortSignal.timeout(30_000) });
          await res.text();
          probes.push(performance.now() - started);
        } catch (err) {
          failures.push((err as Error).message);
        }
        peakRss = Math.max(peakRss, rssMb(pid));
        await sleep(Math.max(0, 250 - (performance.now() - started)));
      }
    })();

    // All at once: the hostile mail and the complaints, each delivery in flight together.
    const stormStart = Date.now();
    const arrived = new Map<string, number>();
    const refused: string[] = [];
    await Promise.all(
      [...hostile, ...complaints].map(async (m, i) => {
        await sleep(i % 3 === 0 ? 0 : 100); // the complaints land among the hostile mail, not after it
        try {
          await deliverRaw([addr(SUPPORT_USER)], m.raw, m.envelopeFrom);
          arrived.set(m.messageId, Date.now());
        } catch (err) {
          refused.push(`${m.name}: ${(err as Error).message}`);
        }
      }),
    );
    expect(refused).toEqual([]);

    // Every mail's fate and, for the complaints, the acknowledgement's time, as they come.
    const done = new Map<string, { fate: string; at: number }>();
    const acked = new Map<string, number>();
    await waitFor(
      'every mail of the storm processed and every complaint acknowledged',
      async () => {
        for (const m of [...hostile, ...complaints]) {
          if (done.has(m.messageId)) continue;
          const f = await fate(m);
          if (f) done.set(m.messageId, { fate: f, at: Date.now() });
        }
        for (const c of complaints) {
          if (acked.has(c.messageId)) continue;
          const msg = await MessageModel.findOne({ messageId: bare(c.messageId) }, { caseId: 1 }).lean();
          const kase = msg ? await CaseModel.findById(msg.caseId, { ack: 1 }).lean() : null;
          if (kase?.ack?.state === 'sent' && kase.ack.sentAt) acked.set(c.messageId, kase.ack.sentAt.getTime());
        }
        return done.size === hostile.length + complaints.length && acked.size === complaints.length;
      },
      150_000,
    );
    await sleep(3000); // an answer to the null sender would be on its way by now
    probing = false;
    await probe;

    const slowest = Math.max(...probes);
    const latencies = complaints.map((c) => acked.get(c.messageId)! - arrived.get(c.messageId)!);
    const lines = [
      `storm: ${hostile.length} hostile mails and ${complaints.length} complaints delivered in ${((Math.max(...arrived.values()) - stormStart) / 1000).toFixed(1)} s`,
      `probes: ${probes.length} answered, ${failures.length} failed, slowest ${slowest.toFixed(0)} ms, median ${probes.sort((a, b) => a - b)[Math.floor(probes.length / 2)]!.toFixed(0)} ms`,
      `acknowledged after arrival: ${complaints.map((c, i) => `${c.name} ${latencies[i]} ms`).join(', ')}`,
      ...hostile.map((m) => `  ${m.name}: ${done.get(m.messageId)!.fate}, ${((done.get(m.messageId)!.at - arrived.get(m.messageId)!) / 1000).toFixed(1)} s after arrival`),
      `RSS: ${baseRss.toFixed(0)} MB before, peak ${peakRss.toFixed(0)} MB (+${(peakRss - baseRss).toFixed(0)} MB)`,
      `too-complex cases: ${app.events('case.too_complex').length}`,
    ];
    console.log(lines.join('\n'));

    expect(failures).toEqual([]);
    expect(slowest).toBeLessThan(PROBE_BOUND_MS);
    expect(Math.max(...latencies)).toBeLessThan(ACK_BOUND_MS);
    // Every hostile mail ended somewhere, a quarantined one with its reason.
    expect(hostile.filter((m) => !done.get(m.messageId)!.fate.match(/^(message|quarantine: \S+)$/))).toEqual([]);
    // Nothing went back to the null sender's address.
    expect(await OutboxModel.countDocuments({ to: nullSender.from })).toBe(0);
    const helpdeskCase = await MessageModel.findOne({ messageId: bare(nullSender.messageId) }, { automated: 1 }).lean();
    if (helpdeskCase) expect(helpdeskCase.automated?.kind).toBe('null-sender');
    expect(peakRss - baseRss).toBeLessThan(RSS_GROWTH_MB);
  }, 300_000);
});
