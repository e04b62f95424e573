// Scale-out: two intake processes on one mailbox. Only the holder of the
// mailbox's lease reads it, so no message is taken twice; when the holder is killed
// (SIGKILL: no shutdown, no lease handed back) the other takes over within seconds, and
// a former holder's late cursor write is refused by its fence.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import mongoose from 'mongoose';
import { MessageModel } from '../../src/adapters/mongo/models/messageModel.js';
import { FencedOutError, MongoCursorStore } from '../../src/adapters/mongo/cursorStore.js';
import { useDocumentLocks } from '../../src/adapters/mongo/documentLocks.js';
import { createRedis } from '../../src/adapters/redis/connection.js';
import { addr, clearMailbox, deliver, readMailbox } from '../../scripts/lib/devMailbox.js';
import { startAppProcess, type AppProcess } from '../support/appProcess.js';
import { SUPPORT_USER, uniqueDbName, waitFor } from '../support/testApp.js';

const LEASE_SECONDS = 3;
const SENDERS = ['alice', 'bob', 'carol', 'dave', 'erin', 'frank'];
const db = uniqueDbName();
const env = {
  MONGODB_URL: `mongodb://127.0.0.1:27027/${db}`,
  IMAP_URL: `imap://${SUPPORT_USER}%40example.test:dev-password@127.0.0.1:1143/INBOX`,
  SUPPORT_ADDRESS: `${SUPPORT_USER}@example.test`,
  QUEUE_PREFIX: db,
  IMAP_POLL_SECONDS: '5',
  IMAP_LEASE_SECONDS: String(LEASE_SECONDS),
};
const processes: AppProcess[] = [];

beforeAll(async () => {
  await mongoose.connect(env.MONGODB_URL);
});

// Each attempt's processes go with it: a retry (TEST_RETRY) must not find the last
// attempt's holder still holding the lease and reading the mailbox.
afterEach(async () => {
  await Promise.all(processes.splice(0).map((p) => p.stop()));
});

afterAll(async () => {
  await mongoose.connection.dropDatabase();
  await mongoose.disconnect();
});

async function deliverMany(n: number, tag: string): Promise<void> {
  for (let i = 0; i < n; i++) {
    const from = addr(SENDERS[i % SENDERS.length]!);
    await deliver({ from, to: addr(SUPPORT_USER), subject: `${tag} ${i}: 快递一直没到 / parcel late`, text: `Order ${tag}-${i} has not arrived. 订单还没到。` });
  }
}

/** UID -> how many times any process stored it. */
function ingestedUids(): Map<number, number> {
  const counts = new Map<number, number>();
  for (const p of processes) for (const l of p.events('imap.ingested')) counts.set(l.uid as number, (counts.get(l.uid as number) ?? 0) + 1);
  return counts;
}

/**
 * How many ingests the processes have logged. A message is in the database a moment
 * before its log line reaches the test through the pipe: counting only documents, the
 * check once saw 29 of 30 UIDs.
 */
function loggedIngests(): number {
  return processes.reduce((n, p) => n + p.events('imap.ingested').length, 0);
}

describe('two intake processes on one mailbox', () => {
  it('only the lease holder reads it: each message is stored once; after a SIGKILL the other takes over within seconds', async () => {
    await clearMailbox(SUPPORT_USER);
    await mongoose.connection.dropDatabase();
    const a = startAppProcess('intake-a', 'intake', env);
    const b = startAppProcess('intake-b', 'intake', env);
    processes.push(a, b);
    await Promise.all([a.waitForEvent('app.started'), b.waitForEvent('app.started')]);
    await waitFor('one of them to take the lease', async () => a.events('imap.lease_taken').length + b.events('imap.lease_taken').length > 0);
    const [holder, standby] = a.events('imap.lease_taken').length ? [a, b] : [b, a];

    await deliverMany(30, 'first');
    await waitFor('30 messages stored and logged', async () => (await MessageModel.countDocuments()) === 30 && loggedIngests() >= 30, 60_000);
    let counts = ingestedUids();
    expect(counts.size).toBe(30);
    expect([...counts.values()].every((c) => c === 1)).toBe(true);
    expect(standby.events('imap.ingested')).toHaveLength(0);
    expect(standby.events('imap.lease_taken')).toHaveLength(0);

    const killedAt = Date.now();
    await holder.kill();
    await deliverMany(10, 'second');
    await standby.waitForEvent('imap.lease_taken', (LEASE_SECONDS + 5) * 1000);
    const takeoverMs = Date.now() - killedAt;
    await waitFor('40 messages stored and logged', async () => (await MessageModel.countDocuments()) === 40 && loggedIngests() >= 40, 60_000);
    counts = ingestedUids();
    expect(counts.size).toBe(40);
    expect([...counts.values()].every((c) => c === 1)).toBe(true);
    // The lease's length plus the standby's one-second look.
    expect(takeoverMs).toBeLessThan((LEASE_SECONDS + 2) * 1000);
    await waitFor('every message flagged', async () => (await readMailbox(SUPPORT_USER)).every((m) => m.flags.has('\\Seen')));
    console.log(`scale-out: takeover after SIGKILL in ${takeoverMs} ms (lease ${LEASE_SECONDS} s)`);
  });

  it('a cursor write with an older fence is refused', async () => {
    const redis = createRedis('redis://127.0.0.1:6379');
    useDocumentLocks(redis, db);
    try {
      const cursors = new MongoCursorStore();
      await cursors.save('fence-test', { uidValidity: '1', lastUid: 10 }, 5);
      await expect(cursors.save('fence-test', { uidValidity: '1', lastUid: 3 }, 4)).rejects.toBeInstanceOf(FencedOutError);
      await cursors.save('fence-test', { uidValidity: '1', lastUid: 12 }, 6);
      expect(await cursors.get('fence-test')).toEqual({ uidValidity: '1', lastUid: 12 });
    } finally {
      useDocumentLocks(null, db);
      redis.disconnect();
    }
  });
});
