// Redis loses its data in the middle of an intake (a Redis without persistence
// restarted, or a failover to a replica that had not caught up): this deployment's
// queues, locks, the mailbox's lease and fence, and the send receipts are gone at once.
// No mail may be lost or answered twice: the cases are in the database, the reconciler
// re-enqueues their pending work, the outbox's claims stop a second send, and the
// mailbox's reader takes its lease again with a fence above the one its cursor holds,
// and the scheduled jobs (monthly report, nightly retention) are registered again.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { CaseModel } from '../../src/adapters/mongo/models/caseModel.js';
import { MailboxCursorModel } from '../../src/adapters/mongo/models/mailboxCursorModel.js';
import { PendingOpeningModel } from '../../src/adapters/mongo/models/lookupModels.js';
import { addr, clearMailbox, deliver, readMailbox } from '../../scripts/lib/devMailbox.js';
import { sleep, startTestApp, SUPPORT_USER, testConfig, uniqueDbName, waitFor, type TestApp } from '../support/testApp.js';

const CUSTOMERS = ['alice', 'bob', 'carol', 'dave'];
const BEFORE = 12;
const AFTER = 4;
let t: TestApp;
let redis: Redis;

beforeAll(async () => {
  // A 3 s lease: renewed every second, so the reader notices the loss and takes the lease again quickly.
  const config = testConfig(uniqueDbName(), { IMAP_LEASE_SECONDS: '3', WORKER_CONCURRENCY: '1' });
  redis = new Redis(config.REDIS_URL);
  // The mailbox has had holders before: the next one's fence is 6, above the 1 that a
  // Redis which lost its data counts from.
  await redis.set(`${config.QUEUE_PREFIX}:mailbox-lease:${config.IMAP_URL[0]!.key}:fence`, 5);
  // The reconciler looks at work pending for 3 s instead of a minute, to keep the test short.
  t = await startTestApp(config, { reconcileGraceMs: 3000 });
  await Promise.all(CUSTOMERS.map((u) => clearMailbox(u)));
});

afterAll(async () => {
  await t?.stop();
  redis?.disconnect();
});

/** Deletes every key of the deployment's prefix; returns how many there were. */
async function loseRedisData(prefix: string): Promise<number> {
  let lost = 0;
  for await (const keys of redis.scanStream({ match: `${prefix}:*`, count: 1000 }) as AsyncIterable<string[]>) {
    if (keys.length) lost += await redis.unlink(...keys);
  }
  return lost;
}

function complain(i: number): Promise<string> {
  const zh = i % 2 === 1;
  return deliver({
    from: addr(CUSTOMERS[i % CUSTOMERS.length]!),
    to: addr(SUPPORT_USER),
    subject: zh ? `订单 ${i} 的快递一直没到` : `Order ${i} never arrived`,
    text: zh ? `我的订单 ${i} 两周了还没到。` : `My order ${i} has not arrived after two weeks.`,
  });
}

describe('Redis loses its data during an intake', () => {
  it('every complaint still becomes one case with one acknowledgement, routed; the mailbox is read to the end', async () => {
    const ids: string[] = [];
    for (let i = 0; i < BEFORE; i++) ids.push(await complain(i));
    // One job at a time (WORKER_CONCURRENCY 1): the loss takes jobs that were still waiting.
    await waitFor('jobs waiting in the queue', async () => (await t.app.queues.cases.getWaitingCount()) >= 2);

    expect(await loseRedisData(t.config.QUEUE_PREFIX)).toBeGreaterThan(0);
    await sleep(2500); // the reader has found its lease gone and taken it again
    for (let i = BEFORE; i < BEFORE + AFTER; i++) ids.push(await complain(i));

    const acks = async () => {
      const mails = (await Promise.all(CUSTOMERS.map((u) => readMailbox(u)))).flat();
      return mails.filter((m) => m.parsed.inReplyTo && ids.includes(m.parsed.inReplyTo));
    };
    await waitFor('every complaint to be acknowledged', async () => new Set((await acks()).map((m) => m.parsed.inReplyTo)).size === ids.length, 90_000);
    await waitFor('every case acknowledged and routed', async () => (await PendingOpeningModel.countDocuments()) === 0, 60_000);
    await sleep(3000); // a second acknowledgement would be on its way by now

    const perMail = new Map<string, number>();
    for (const m of await acks()) perMail.set(m.parsed.inReplyTo!, (perMail.get(m.parsed.inReplyTo!) ?? 0) + 1);
    expect([...perMail].filter(([, n]) => n > 1)).toEqual([]);
    expect(await CaseModel.countDocuments()).toBe(ids.length);
    const support = await readMailbox(SUPPORT_USER);
    expect(support).toHaveLength(ids.length);
    expect(support.filter((m) => !m.flags.has('\\Seen'))).toHaveLength(0);
    // The new holder's fence was accepted: its cursor reached the last message.
    const cursor = await MailboxCursorModel.findById(t.config.IMAP_URL[0]!.key).lean();
    expect(cursor?.lastUid).toBe(Math.max(...support.map((m) => m.uid)));
    expect(t.app.pollers[0]!.state.lastError).toBeNull();
    // The monthly report, the monthly call-back sample and the nightly retention are
    // scheduled again.
    expect((await t.app.queues.periodic.getJobSchedulers()).map((j) => j.key).sort()).toEqual(['callback-sample', 'report-mail', 'retention']);
  }, 180_000);
});
