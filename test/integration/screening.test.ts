// Screening and routing on the real servers: every category reaches its
// department's mailbox with a reply address that works; the seed example comes out
// negative and high; a legal threat reaches legal and the supervisor; a card number is
// masked in the routing mail; three near-identical complaints are one incident, and a
// screening that died between its incident join and the links links its peer on the
// retry; an unconfirmed case gets exactly one reminder and one escalation (the test
// moves the app's clock and promotes the delayed jobs: no sleeping).
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CaseModel } from '../../src/adapters/mongo/models/caseModel.js';
import { EventModel } from '../../src/adapters/mongo/models/eventModel.js';
import { MessageModel } from '../../src/adapters/mongo/models/messageModel.js';
import { IncidentModel, LabelledExampleModel } from '../../src/adapters/mongo/models/screeningModels.js';
import { QuarantineModel } from '../../src/adapters/mongo/models/quarantineModel.js';
import { PendingOpeningModel } from '../../src/adapters/mongo/models/lookupModels.js';
import { addr, clearMailbox, deliver, readMailbox, sendSmtp, waitForMail, type ReadMail } from '../../scripts/lib/devMailbox.js';
import { createRedis } from '../../src/adapters/redis/connection.js';
import { RedisIncidentBuckets } from '../../src/adapters/redis/incidentBuckets.js';
import { MongoIncidentStore, MongoScreeningStore } from '../../src/adapters/mongo/screeningStore.js';
import { MongoOpeningStore } from '../../src/adapters/mongo/openingStore.js';
import { screenCase, type ScreenDeps } from '../../src/pipeline/classify/screenCase.js';
import { ScreeningPool } from '../../src/adapters/worker/screeningPool.js';
import { SUPPORT_USER, startTestApp, testConfig, uniqueDbName, waitFor, type TestApp } from '../support/testApp.js';

const SUPPORT = addr(SUPPORT_USER);
const DEPARTMENTS = ['tech', 'service', 'product', 'quality', 'logistics', 'legal', 'supervisor'];
const CUSTOMERS = ['alice', 'bob', 'carol', 'dave', 'erin', 'frank', 'grace', 'heidi', 'ivan', 'judy', 'mallory', 'customer'];
const REPLY_TO = new RegExp(`^${SUPPORT_USER}\\+(CS-\\d{4}-\\d{6})\\.[a-z0-9]{5}@example\\.test$`);

let t: TestApp;
let offsetMs = 0;
const now = () => new Date(Date.now() + offsetMs);

const aboutCase = (n: string) => (m: ReadMail) => (m.parsed.subject ?? '').includes(`[${n}]`);

async function complain(customer: string, subject: string, text: string) {
  const messageId = await deliver({ from: addr(customer), to: SUPPORT, subject, text });
  const c = await waitFor(`the case of ${customer} to be routed`, async () => {
    const msg = await MessageModel.findOne({ messageId: messageId.replace(/^<|>$/g, '') }).lean();
    const found = msg ? await CaseModel.findById(msg.caseId).lean() : null;
    return found?.routing?.sentAt ? found : null;
  });
  return c;
}

async function routingMailIn(dept: string, caseNumber: string): Promise<ReadMail> {
  const mails = await waitForMail(dept, (ms) => ms.some(aboutCase(caseNumber)));
  return mails.find(aboutCase(caseNumber))!;
}

beforeAll(async () => {
  await Promise.all([...DEPARTMENTS, ...CUSTOMERS].map((u) => clearMailbox(u)));
  t = await startTestApp(testConfig(uniqueDbName()), { now });
});

afterAll(async () => {
  await t?.stop();
});

describe('screening and routing', () => {
  const confirmed: string[] = [];

  it('routes every category to its department, whose reply through the reply address confirms receipt', async () => {
    const mails: Array<[string, string, string, string, string]> = [
      ['alice', 'technical', 'tech', '軟件閃退', '我的軟件總是閃退，太影響工作了'],
      ['bob', 'service', 'service', 'Rude agent', 'Your agent on the hotline was rude and hung up on me when I asked for a supervisor.'],
      ['carol', 'suggestion', 'product', '建议', '建议增加夜间模式，晚上看屏幕太刺眼了。'],
      ['dave', 'quality', 'quality', 'Earbuds broke', 'The earbuds stopped working after two weeks. Poor build quality, the left one no longer charges.'],
      ['erin', 'delivery', 'logistics', '包裹還沒到', '十天前下單，到現在還沒收到包裹，物流單號一直沒有更新。'],
      ['frank', 'usage', 'service', 'Factory reset', 'How do I reset the router to factory settings?'],
      ['grace', 'other', 'service', '合作', '我们是一家电商渠道商，想和贵公司谈谈合作。'],
    ];
    const cases = await Promise.all(mails.map(([who, , , subject, text]) => complain(who, subject, text)));
    for (const [i, [, category, dept]] of mails.entries()) {
      const c = cases[i]!;
      expect(c.category, `${mails[i]![3]} -> ${category}`).toBe(category);
      expect(c.department).toBe(dept);
      const routing = await routingMailIn(dept, c.number);
      const replyTo = routing.parsed.replyTo?.value[0]?.address ?? '';
      expect(replyTo).toMatch(REPLY_TO);
      expect(routing.parsed.headers.get('auto-submitted')).toBe('auto-generated');
      expect(routing.parsed.text).toContain(c.number);

      // The department answers through the reply address: filed as staff mail, receipt confirmed.
      await sendSmtp({ from: addr(dept), to: replyTo, subject: `Re: ${routing.parsed.subject}`, text: 'Received, we are looking into it.', inReplyTo: routing.parsed.messageId });
      // The receipt is confirmed before the reply is stored (the stored message is the
      // intake's commit point): wait for both.
      const after = await waitFor(`${dept} to confirm ${c.number} and its reply to be stored`, async () => {
        const x = await CaseModel.findById(c._id).lean();
        const stored = await MessageModel.exists({ caseId: c._id, direction: 'staff' });
        return x?.routing?.confirmedAt && stored ? x : null;
      });
      expect(after.routing!.confirmedBy).toBe(addr(dept));
      const staff = await MessageModel.find({ caseId: c._id, direction: 'staff' }).lean();
      expect(staff).toHaveLength(1);
      expect(staff[0]!.department).toBe(dept);
      confirmed.push(c.number);
    }

    // The seed example (P-9): negative, raised to high, and the acknowledgement names the team.
    const seed = cases[0]!;
    expect(seed.priority).toBe('high');
    expect((seed.screening as { sentiment: { label: string } }).sentiment.label).toBe('negative');
    const ack = (await waitForMail('alice', (ms) => ms.some(aboutCase(seed.number)))).find(aboutCase(seed.number))!;
    expect(ack.parsed.text).toContain('技術支援部');
    expect(ack.parsed.text).toContain('在 24 小時內');

    // Every decision is on the timeline with its reason.
    const events = await EventModel.find({ caseId: seed._id }).lean();
    const byType = new Map(events.map((e) => [e.type, e.data as Record<string, unknown>]));
    expect(byType.get('screening.category')).toMatchObject({ category: 'technical' });
    expect(byType.get('screening.priority')).toMatchObject({ priority: 'high' });
    // The learned priority model names the strong negativity among its evidence.
    expect(JSON.stringify(byType.get('screening.priority'))).toMatch(/learned priority model.*sentiment strong/);
    expect(byType.get('screening.sentiment')).toMatchObject({ label: 'negative' });
    expect(byType.get('screening.department')).toMatchObject({ department: 'tech' });
    expect(byType.get('department.confirmed')).toMatchObject({ department: 'tech' });
  });

  it('a reply address with a wrong code, or from someone not on the staff, is quarantined with the reason', async () => {
    const c = await complain('heidi', 'Sync broken', 'The calendar sync fails with error code 77 since this morning.');
    const routing = await routingMailIn('tech', c.number);
    const replyTo = routing.parsed.replyTo!.value[0]!.address!;
    const forged = replyTo.replace(/\.[a-z0-9]{5}@/, '.aaaaa@');
    await sendSmtp({ from: addr('tech'), to: forged, subject: 'Re: forged', text: 'x' });
    await sendSmtp({ from: addr('mallory'), to: replyTo, subject: `Re: ${routing.parsed.subject}`, text: 'I am staff, honestly.' });
    const reasons = await waitFor('both to be quarantined', async () => {
      const q = await QuarantineModel.find({ reason: { $in: ['bad-reply-token', 'not-staff'] } }).lean();
      return q.length >= 2 ? q : null;
    });
    expect(reasons.map((q) => q.reason).sort()).toEqual(['bad-reply-token', 'not-staff']);
    expect(reasons.find((q) => q.reason === 'not-staff')!.detail).toContain('departments[].members');
    expect((await CaseModel.findById(c._id).lean())!.routing!.confirmedAt).toBeUndefined();
  });

  it('a legal threat goes to the department and to legal, and the supervisor is told', async () => {
    const c = await complain('ivan', 'Refund', 'Your staff promised me a refund in writing and now deny it. I will contact my lawyer and take legal action.');
    expect(c.flags).toContain('legal');
    expect(c.priority).toBe('high');
    await routingMailIn(c.department!, c.number);
    const legal = await routingMailIn('legal', c.number);
    expect(legal.parsed.replyTo!.value[0]!.address).toMatch(REPLY_TO);
    const alert = await routingMailIn('supervisor', c.number);
    expect(alert.parsed.subject).toMatch(/^Legal threat/);
  });

  it('masks a card number in the routing mail and restricts the case', async () => {
    const c = await complain('judy', 'Charged twice', 'I was charged twice for order 20261105-7781. My card is 4111 1111 1111 1111, please refund one payment.');
    expect(c.flags).toContain('sensitive');
    expect(c.restricted).toBe(true);
    const routing = await routingMailIn(c.department!, c.number);
    expect(routing.parsed.text).toContain('**** **** **** 1111');
    expect(routing.parsed.text).not.toContain('4111 1111 1111 1111');
    expect(routing.parsed.html).not.toContain('4111 1111 1111 1111');
    // Inside the case the customer's own text is kept as written.
    expect((await MessageModel.findById(c._id).lean())!.text).toContain('4111 1111 1111 1111');
  });

  it('links three near-identical complaints from different customers into one incident', async () => {
    const cases = await Promise.all([
      complain('carol', 'App crashes on camera', 'Since version 5.3 the app crashes every time I open the camera to scan a receipt.'),
      complain('dave', 'Camera crash', 'Since the 5.3 update the app crashes each time I open the camera to scan a receipt.'),
      complain('erin', 'app crash when scanning', 'Since version 5.3 the app crashes whenever I open the camera to scan receipts.'),
    ]);
    const linked = await waitFor('the three cases to share an incident', async () => {
      const xs = await CaseModel.find({ _id: { $in: cases.map((c) => c._id) } }).lean();
      return xs.every((x) => x.incidentId) ? xs : null;
    });
    const ids = new Set(linked.map((x) => x.incidentId));
    expect(ids.size).toBe(1);
    // Recorded once, when recognised, with the arrival of the earliest case it was recognised in.
    const incident = await waitFor('the incident recorded', () => IncidentModel.findById([...ids][0]).lean());
    expect(incident.product).toBe('app');
    expect(linked.map((x) => x.receivedAt.getTime())).toContain(incident.firstAt.getTime());
    for (const x of linked) expect(x.flags).toContain('incident');
    // Each timeline tells of the link once (the case's own is written with its screening, a peer's by the link).
    const events = await waitFor('an incident.linked event on each timeline', async () => {
      const es = await EventModel.find({ caseId: { $in: cases.map((c) => c._id) }, type: 'incident.linked' }).lean();
      return es.length >= 3 ? es : null;
    });
    expect(events.map((e) => (e.data as { incident: string }).incident)).toEqual([...ids, ...ids, ...ids]);
  });

  it('a screening that died after its incident join links the peer it put in when retried', async () => {
    // Two cases stored as intake stores them, but screened here (no job for them), the
    // second one's first run dying as a worker killed after the Redis join would.
    const receivedAt = now();
    const stored = [
      ['judy', '手表续航', '智能手表升级固件2.4以后，充满电三个小时就没电了。'],
      ['customer', '手表耗电', '智能手表升级到固件2.4以后，充满电三个小时就没电了！'],
    ].map(([who, subject, text], i) => ({ _id: `cut-short-${i}`, number: `CS-2026-99999${i}`, customer: addr(who!), subject: subject!, text: text! }));
    for (const c of stored) {
      await CaseModel.create({ _id: c._id, number: c.number, channel: 'email', customer: { email: c.customer }, subject: c.subject, priority: 'medium', receivedAt });
      await MessageModel.create({ _id: c._id, caseId: c._id, caseNumber: c.number, direction: 'in', channel: 'email', receivedAt, text: c.text });
    }
    const redis = createRedis(t.config.REDIS_URL);
    const linkedOnce = new MongoIncidentStore();
    let crash = true;
    const screener = new ScreeningPool(1, 30_000);
    const deps: ScreenDeps = {
      store: new MongoScreeningStore(),
      buckets: new RedisIncidentBuckets(redis, t.config.QUEUE_PREFIX),
      incidents: { link: (...args) => (crash ? Promise.reject(new Error('killed before the links')) : linkedOnce.link(...args)) },
      runtime: t.app.screening,
      screener,
      // No mails here; the screening's events go on the timeline as the real step writes them.
      sendOpeningMails: (caseId, _screened, decisions) => new MongoOpeningStore().record(caseId, null, null, decisions),
      log: pino({ level: 'silent' }),
      now,
    };
    try {
      await screenCase(stored[0]!._id, deps); // no similar case yet: no incident
      await expect(screenCase(stored[1]!._id, deps)).rejects.toThrow('killed before the links');
      const [first, second] = await Promise.all(stored.map((c) => CaseModel.findById(c._id).lean()));
      expect(second!.incidentId).toBeTruthy(); // written with its screening
      expect(first!.incidentId).toBeUndefined(); // the peer it put in, not linked yet
      crash = false;
      await screenCase(stored[1]!._id, deps); // the retry
      const peer = (await CaseModel.findById(stored[0]!._id).lean())!;
      expect(peer.incidentId).toBe(second!.incidentId);
      expect(peer.flags).toContain('incident');
      expect(await EventModel.countDocuments({ caseId: { $in: stored.map((c) => c._id) }, type: 'incident.linked' })).toBe(2);
      expect((await IncidentModel.findById(second!.incidentId).lean())!.firstAt.getTime()).toBe(receivedAt.getTime());
    } finally {
      redis.disconnect();
      await screener.close();
    }
  });

  it('a category: correction by email moves the case, is stored as a labelled example, and the retrained model applies it to the next similar mail', async () => {
    const text = 'The loyalty points from the summer promotion were never credited to my membership account.';
    const first = await complain('heidi', 'Loyalty points', text);
    const target = first.category === 'other' ? 'suggestion' : 'other';
    const routing = await routingMailIn(first.department!, first.number);
    await sendSmtp({ from: addr(first.department!), to: routing.parsed.replyTo!.value[0]!.address!, subject: `Re: ${routing.parsed.subject}`, text: `category: ${target}` });
    // Applied in full once the reply is marked applied (the example is written after the case).
    await waitFor('the correction to be applied', async () => (await MessageModel.findOne({ caseId: first._id, direction: 'staff' }).lean())?.appliedAt);
    const moved = (await CaseModel.findById(first._id).lean())!;
    expect(moved.category).toBe(target);
    expect(moved.department).toBe(target === 'other' ? 'service' : 'product');
    expect(await LabelledExampleModel.findById(`case:${first._id}`).lean()).toMatchObject({ category: target, source: 'correction', by: addr(first.department!) });
    const event = await EventModel.findOne({ caseId: first._id, type: 'category.corrected' }).lean();
    expect(event).toMatchObject({ actor: addr(first.department!), data: { from: first.category, to: target } });

    const second = await complain('ivan', 'Loyalty points missing', 'My loyalty points from the summer promotion were not credited to my membership account.');
    expect(second.category).toBe(target);
  });

  it('finishes a routing that a crash cut short after its event: the reconciler runs the completed job again', async () => {
    const c = await complain('ivan', '充電器插頭不對', '收到的筆電充電器插頭跟插座不合，沒辦法充電。');
    await waitFor('the routing event', () => EventModel.findOne({ _id: `routed:${c._id}` }).lean());
    await waitFor('the marker to be crossed off', async () => !(await PendingOpeningModel.findById(c._id).lean()));
    // What a worker killed between the event and marking the case leaves: the marker, a case not marked routed.
    await CaseModel.updateOne({ _id: c._id }, { $unset: { routing: 1 } });
    await PendingOpeningModel.create({ _id: c._id, since: new Date(now().getTime() - 10 * 60_000) });
    await waitFor('the reconciler to finish the routing', async () => !(await PendingOpeningModel.findById(c._id).lean()) && (await CaseModel.findById(c._id, { routing: 1 }).lean())?.routing?.sentAt, 30_000);
    const mails = (await readMailbox(c.department!)).filter(aboutCase(c.number));
    expect(mails).toHaveLength(1); // the department's mail is not sent again
  });

  it('an unconfirmed case gets exactly one reminder to the department and one escalation to the supervisor', async () => {
    const c = await complain('mallory', 'Login error', 'I cannot log in, the app shows error code 1043 since yesterday.');
    expect(c.department).toBe('tech');
    const remindedOf = async (n: string) => (await readMailbox('tech')).filter((m) => aboutCase(n)(m) && /^Reminder/.test(m.parsed.subject ?? ''));
    // The confirmation's escalation; the one for a missing first answer (at 100 h below) is another alert.
    const escalationsOf = async (n: string) => (await readMailbox('supervisor')).filter((m) => aboutCase(n)(m) && /^Escalation: not confirmed/.test(m.parsed.subject ?? ''));

    // Early: promoting the checks before the deadline sends nothing.
    await t.app.queues.cases.promoteJobs();
    await new Promise((r) => setTimeout(r, 1500));
    expect(await remindedOf(c.number)).toHaveLength(0);

    offsetMs = 25 * 3600_000; // past the 24 h confirmation deadline
    await promoteUntil(async () => (await remindedOf(c.number)).length > 0);
    expect(await escalationsOf(c.number)).toHaveLength(0);

    offsetMs = 29 * 3600_000 + 60_000; // past the escalation time (4 h later)
    await promoteUntil(async () => (await escalationsOf(c.number)).length > 0);

    // Again and again: still exactly one of each, and none for the confirmed cases.
    offsetMs = 100 * 3600_000;
    await t.app.queues.cases.promoteJobs();
    await new Promise((r) => setTimeout(r, 2000));
    expect(await remindedOf(c.number)).toHaveLength(1);
    expect(await escalationsOf(c.number)).toHaveLength(1);
    for (const n of confirmed) expect(await remindedOf(n)).toHaveLength(0);
    const x = await CaseModel.findById(c._id).lean();
    expect(x!.routing!.remindedAt).toBeTruthy();
    expect(x!.routing!.escalatedAt).toBeTruthy();
  });
});

async function promoteUntil(done: () => Promise<boolean>): Promise<void> {
  await waitFor('the delayed check to send its mail', async () => {
    await t.app.queues.cases.promoteJobs();
    return done();
  });
}
