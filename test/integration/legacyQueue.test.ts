// An upgrade with jobs still queued: versions before the job contract kept every kind of
// job in one queue, "notify" (with the database tag). What waits there is moved into the
// queue of its kind and runs, with its id and the rest of its delay; a job that does not
// fit its kind fails there for good, saying why; the old schedules go (the periodic queue
// has its own); a job written down in pending_jobs by the earlier version runs too.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { addr, clearMailbox, waitForMail } from '../../scripts/lib/devMailbox.js';
import { databaseTag } from '../../src/adapters/mongo/databaseTag.js';
import { MongoOutboxStore } from '../../src/adapters/mongo/outboxStore.js';
import { OutboxModel } from '../../src/adapters/mongo/models/outboxModel.js';
import { PendingJobModel } from '../../src/adapters/mongo/models/lookupModels.js';
import { LEGACY_QUEUE, queueName } from '../../src/adapters/redis/caseJobs.js';
import type { OutboxEntry } from '../../src/pipeline/notify/ports.js';
import { startTestApp, testConfig, uniqueDbName, waitFor, type TestApp } from '../support/testApp.js';

const USER = 'heidi';
const DAY = 86400_000;
let t: TestApp;
let redis: Redis;
let legacy: Queue;

beforeAll(async () => {
  await clearMailbox(USER);
  t = await startTestApp(testConfig(uniqueDbName()));
  redis = new Redis(t.config.REDIS_URL, { maxRetriesPerRequest: null });
  legacy = new Queue(queueName(LEGACY_QUEUE, await databaseTag()), { connection: redis, prefix: t.config.QUEUE_PREFIX });
});

afterAll(async () => {
  await legacy?.close();
  redis?.disconnect();
  await t?.stop();
});

const mail = (n: number): OutboxEntry => ({
  id: `legacy:${n}`,
  caseId: '',
  kind: 'report',
  auto: true,
  from: t.config.SUPPORT_ADDRESS,
  to: addr(USER),
  subject: `Queued before the upgrade ${n}`,
  text: 'Sent after it.',
  html: '<p>Sent after it.</p>',
  messageId: `<legacy-${n}-${Date.now()}@example.test>`,
  references: [],
  headers: {},
});

describe('jobs left by an earlier version', () => {
  it('are moved into the queues of their kinds and run; the malformed one is refused for good', async () => {
    const outbox = new MongoOutboxStore();
    await outbox.insertIfAbsent(mail(1));
    await outbox.insertIfAbsent(mail(2));
    // As the earlier version queued them: one queue, its job ids, its data.
    await legacy.add('deliver-mail', { outboxId: 'legacy:1' }, { jobId: 'deliver-mail-legacy.1', attempts: 12 });
    const due = Date.now() + 5 * DAY;
    await legacy.add('sla-deadline', { caseId: 'case-x', due }, { jobId: `sla-deadline-case-x-${due}`, delay: 5 * DAY });
    await legacy.add('apply-reply', { caseId: 'case-x' }, { jobId: 'apply-reply-lost-key', attempts: 12 });
    await legacy.upsertJobScheduler('retention', { pattern: '0 3 * * *' }, { name: 'retention', data: {} });
    // Written down by the earlier version, its job lost with Redis's data.
    await PendingJobModel.create({ _id: 'deliver-mail-legacy.2', name: 'deliver-mail', data: { outboxId: 'legacy:2' }, runAt: new Date(Date.now() - 10 * 60_000) });

    const mails = await waitForMail(USER, (m) => m.length >= 2, 30_000);
    expect(mails.map((m) => m.parsed.subject).sort()).toEqual(['Queued before the upgrade 1', 'Queued before the upgrade 2']);
    await waitFor('both entries marked sent', async () => (await OutboxModel.countDocuments({ _id: { $in: ['legacy:1', 'legacy:2'] }, state: 'sent' })) === 2);

    const { cases, 'outgoing-mail': outgoing } = t.app.queues;
    expect(await outgoing.getJobState('deliver-mail-legacy.1')).toBe('completed');
    const deadline = (await cases.getJob(`sla-deadline-case-x-${due}`))!;
    expect(await deadline.getState()).toBe('delayed');
    expect(deadline.timestamp + deadline.opts.delay! - Date.now()).toBeGreaterThan(4 * DAY);

    const broken = await waitFor('the malformed job refused', async () => {
      const job = await cases.getJob('apply-reply-lost-key');
      return job && (await job.isFailed()) ? job : null;
    });
    expect(broken.failedReason).toMatch(/^job "apply-reply": messageKey: /);
    expect(broken.attemptsMade).toBe(1);

    expect(await legacy.getJobCounts('waiting', 'delayed', 'prioritized')).toEqual({ waiting: 0, delayed: 0, prioritized: 0 });
    expect(await legacy.getJobSchedulers()).toEqual([]);
    expect((await t.app.queues.periodic.getJobSchedulers()).map((j) => j.key).sort()).toEqual(['callback-sample', 'report-mail', 'retention']);
    await waitFor('the written-down job crossed off', async () => (await PendingJobModel.countDocuments()) === 0);
  }, 60_000);
});
