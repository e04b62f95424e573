// Retention and forgetting (P-6) on the real services: after
// `npm run customer:forget` no trace of the customer is left in any collection nor in
// GridFS (their address, name, words and attachment), while the cases stay for the
// figures, also when it comes while the report projector counts the case; --delete
// removes the cases; and the nightly retention job anonymises the
// cases closed longer ago than the policy, and only those.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CaseModel } from '../../src/adapters/mongo/models/caseModel.js';
import { MessageModel } from '../../src/adapters/mongo/models/messageModel.js';
import { QuarantineModel } from '../../src/adapters/mongo/models/quarantineModel.js';
import { SurveyAnswerModel } from '../../src/adapters/mongo/models/lookupModels.js';
import { putFile } from '../../src/adapters/mongo/gridfs.js';
import { createRedis } from '../../src/adapters/redis/connection.js';
import { pseudonym } from '../../src/domain/retention/policy.js';
import { MongoReportSource } from '../../src/adapters/mongo/reportSource.js';
import { MongoRollupStore } from '../../src/adapters/mongo/rollupStore.js';
import { databaseTag, taggedPrefix } from '../../src/adapters/mongo/databaseTag.js';
import { RedisErasureMarks } from '../../src/adapters/redis/erasureMarks.js';
import { projectAll } from '../../src/pipeline/report/projectEvents.js';
import type { ReportDeps } from '../../src/pipeline/report/ports.js';
import { addr, clearMailbox, deliver } from '../../scripts/lib/devMailbox.js';
import { complain } from '../support/caseFlow.js';
import { SUPPORT_USER, startTestApp, testConfig, uniqueDbName, waitFor, type TestApp } from '../support/testApp.js';

const run = promisify(execFile);
const redis = createRedis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
let t: TestApp;
let clock: Date | null = null;
const SECRET_WORDS = 'purple elephant 7731';
const ATTACHMENT = 'receipt of the purple elephant';

/** Every document of every collection (GridFS chunks as text), and every Redis value of the deployment, holding one of the traces. */
async function traces(...words: string[]): Promise<string[]> {
  const db = mongoose.connection.db!;
  const found: string[] = [];
  for (const key of await redis.keys(`${t.config.QUEUE_PREFIX}:*`)) {
    const type = await redis.type(key);
    const value = type === 'string' ? await redis.get(key) : type === 'hash' ? JSON.stringify(await redis.hgetall(key)) : type === 'zset' ? JSON.stringify(await redis.zrange(key, '0', '-1')) : type === 'list' ? JSON.stringify(await redis.lrange(key, 0, -1)) : '';
    // A key's name is a trace too (the auto-reply counts are named after the address).
    if (words.some((w) => key.includes(w) || value?.includes(w))) found.push(`redis ${key}: ${(value ?? '').slice(0, 300)}`);
  }
  for (const { name } of await db.listCollections().toArray()) {
    for (const doc of await db.collection(name).find({}).toArray()) {
      const text = name.endsWith('.chunks') ? Buffer.from((doc.data as { buffer: Uint8Array }).buffer).toString('utf8') : JSON.stringify(doc);
      if (words.some((w) => text.includes(w))) found.push(`${name}: ${text.slice(0, 300)}`);
    }
  }
  return found;
}

const forget = (address: string, ...flags: string[]) =>
  run('npx', ['tsx', 'scripts/customer/forget.ts', address, ...flags], { env: { ...process.env, MONGODB_URL: t.config.MONGODB_URL, QUEUE_PREFIX: t.config.QUEUE_PREFIX } });

beforeAll(async () => {
  await Promise.all(['mallory', 'heidi', 'ivan', 'grace', 'judy'].map((u) => clearMailbox(u)));
  t = await startTestApp(testConfig(uniqueDbName()), { now: () => clock ?? new Date() });
});

afterAll(async () => {
  await t?.stop();
  redis.disconnect();
});

describe('forgetting a customer and the retention policy', () => {
  it('customer:forget leaves no trace of the customer anywhere, and keeps the anonymous case', async () => {
    await deliver({
      from: `"Mallory Mallet" <${addr('mallory')}>`,
      to: addr(SUPPORT_USER),
      subject: `Broken ${SECRET_WORDS}`,
      text: `My ${SECRET_WORDS} arrived broken. Call me on 0912 345 678.`,
      attachments: [{ filename: 'mallory-receipt.txt', content: ATTACHMENT }],
    });
    const c = await waitFor('the case, acknowledged and routed', () => CaseModel.findOne({ 'customer.email': addr('mallory'), 'ack.state': 'sent', 'routing.sentAt': { $exists: true } }).lean());
    await SurveyAnswerModel.create({ _id: `answer-${c._id}`, caseId: c._id, answer: 'score', score: 2, comment: `The ${SECRET_WORDS} is still broken`, source: 'link', at: new Date() });
    await putFile('quarantine', 'q-mallory', 'q.eml', Buffer.from(`From: ${addr('mallory')}\n\n${SECRET_WORDS}`), {});
    await QuarantineModel.create({ _id: 'q-mallory', reason: 'test', from: addr('mallory'), subject: SECRET_WORDS, rawFileId: 'q-mallory', at: new Date() });
    expect((await traces('mallory')).length).toBeGreaterThan(3);

    const { stdout } = await forget(addr('mallory'));
    const report = JSON.parse(stdout.split('\n').find((l) => l.startsWith('{'))!);
    expect(report).toMatchObject({ action: 'anonymise', cases: 1, messages: 1, attachments: 1, surveyAnswers: 1, quarantined: 1 });

    const left = await traces('mallory', 'Mallet', 'purple elephant', ATTACHMENT, '0912 345 678');
    expect(left, left.join('\n')).toEqual([]);
    const kept = await CaseModel.findById(c._id).lean();
    expect(kept).toMatchObject({ number: c.number, category: c.category, customer: { email: pseudonym(addr('mallory')), name: '' } });
  });

  it('customer:forget while the report projector counts the case leaves none of its words in the reports', async () => {
    const c = await complain('judy', 'Velvet giraffe stuck', 'The velvet giraffe order is stuck at customs since Monday.');
    // The app's own projector stays out of the way (the one allowed to run is this test's).
    const projectorLock = `${t.config.QUEUE_PREFIX}:report-projector`;
    await waitFor("the app's projector to be idle", async () => (await redis.set(projectorLock, 'test', 'PX', 120_000, 'NX')) === 'OK');
    try {
      // The erasure runs after the batch's counts are in the rollups and before the case is saved as counted.
      class ForgetBeforeSaving extends MongoReportSource {
        override async saveMetrics(updates: Parameters<MongoReportSource['saveMetrics']>[0]) {
          await forget(addr('judy'));
          await super.saveMetrics(updates);
        }
      }
      const timeZone = (await t.app.settings.config()).priorityPolicy.businessHours.timeZone;
      const deps: ReportDeps = {
        source: new ForgetBeforeSaving(),
        rollups: new MongoRollupStore(),
        erasures: new RedisErasureMarks(redis, taggedPrefix(t.config.QUEUE_PREFIX, await databaseTag())),
        timeZone: async () => timeZone,
      };
      expect(await projectAll(deps)).toBeGreaterThan(0);
      expect((await CaseModel.findById(c._id).lean())?.metrics).toMatchObject({ received: true });
    } finally {
      await redis.del(projectorLock);
    }
    const left = await traces('judy', 'velvet giraffe', 'giraffe order');
    expect(left, left.join('\n')).toEqual([]);
  });

  it('customer:forget --delete removes the cases', async () => {
    const c = await complain('grace', 'Login error', 'I cannot log in, error code 1043.');
    const { stdout } = await forget(addr('grace'), '--delete');
    expect(stdout).toContain('1 case(s) deleted');
    expect(await CaseModel.findById(c._id).lean()).toBeNull();
    expect(await MessageModel.countDocuments({ caseId: c._id })).toBe(0);
  });

  it('the nightly job anonymises cases closed longer ago than the policy, and only those', async () => {
    const [old, recent] = await Promise.all([complain('heidi', 'Late delivery', 'My parcel is two weeks late.'), complain('ivan', 'Late delivery', 'My parcel is three weeks late.')]);
    const day = 86_400_000;
    await CaseModel.updateOne({ _id: old._id }, { $set: { status: 'closed', closedAt: new Date(Date.now() - 800 * day) } });
    await CaseModel.updateOne({ _id: recent._id }, { $set: { status: 'closed', closedAt: new Date(Date.now() - 100 * day) } });
    clock = new Date(Date.now() + 2 * day);
    await t.app.queues.periodic.add('retention', {}, { jobId: 'retention-test' });
    const gone = await waitFor('the old case anonymised', () => CaseModel.findOne({ _id: old._id, anonymisedAt: { $exists: true } }).lean());
    clock = null;
    expect(gone.customer.email).toBe(pseudonym(addr('heidi')));
    // The count of the acknowledgement sent today expires in Redis on its own two days on
    // (a customer whose case closed two years ago has none).
    expect((await traces('heidi', 'two weeks late')).filter((t) => !t.includes(':auto-reply-mails:'))).toEqual([]);
    expect((await CaseModel.findById(recent._id).lean())?.customer.email).toBe(addr('ivan'));
  });
});
