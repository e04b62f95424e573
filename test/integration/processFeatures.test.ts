// The later process steps on the real services (docs/process-features.md), each walked
// through the mailboxes: a complaint's cause and preventive measure reach the quarterly
// figures; a suggestion is assessed, adopted and its author told; a proposed solution
// is accepted by the customer's reply and another refused; a case is handled by two
// departments; the monthly call-back sample; the public results page; a notice to a
// local webhook receiver.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MongoRollupStore } from '../../src/adapters/mongo/rollupStore.js';
import { MongoFaqStore } from '../../src/adapters/mongo/faqStore.js';
import { CaseModel } from '../../src/adapters/mongo/models/caseModel.js';
import { MongoCallbackStore } from '../../src/adapters/mongo/callbackStore.js';
import { createUser } from '../../src/adapters/http/console/accounts.js';
import { localDay, periodOf } from '../../src/domain/report/period.js';
import { readReport } from '../../src/pipeline/report/readReport.js';
import { reportCsv } from '../../src/domain/report/reportCsv.js';
import { reportView } from '../../src/domain/report/reportView.js';
import { addr, clearMailbox } from '../../scripts/lib/devMailbox.js';
import { answer, applied, caseNow, complain, mailIn } from '../support/caseFlow.js';
import { startSmsGateway, type SmsGateway } from '../support/smsGateway.js';
import { startTestApp, testConfig, uniqueDbName, waitFor, type TestApp } from '../support/testApp.js';
import { MongoAccountStore } from '../../src/adapters/mongo/consoleStores.js';

const MAILBOXES = ['tech', 'service', 'quality', 'logistics', 'product', 'supervisor', 'carol', 'erin', 'frank', 'grace', 'heidi'];
const DEPARTMENTS = ['tech', 'service', 'product', 'quality', 'logistics', 'legal'];
const TZ = 'Asia/Taipei';
const PORT = 3947;
const BASE = `http://127.0.0.1:${PORT}`;
const GATEWAY_PORT = 3948;
const API_KEY = 'app-key-0123456789abcdef';

/** The company's SMS gateway: every notice it was sent. */
let gateway: SmsGateway['received'] = [];
let smsGateway: SmsGateway | undefined;

let t: TestApp;
let clock: Date | null = null;
const PASSWORD = 'correct horse battery staple';

beforeAll(async () => {
  await Promise.all(MAILBOXES.map((u) => clearMailbox(u)));
  smsGateway = await startSmsGateway(GATEWAY_PORT);
  gateway = smsGateway.received;
  t = await startTestApp(testConfig(uniqueDbName(), { HTTP_PORT: String(PORT), NOTIFY_WEBHOOK_URL: `http://127.0.0.1:${GATEWAY_PORT}/sms`, INTAKE_API_KEYS: `in-app=${API_KEY}` }), { now: () => clock ?? new Date() });
});

afterAll(async () => {
  await t?.stop();
  await smsGateway?.stop();
});

describe('cause, responsibility and prevention', () => {
  it('a complaint’s cause and preventive measure appear in the quarterly figures', async () => {
    const c = await complain('carol', 'Login error 1043', 'I cannot log in, the app shows error code 1043 since yesterday.');
    expect(c.department).toBe('tech');
    const routing = await mailIn('tech', c.number, /^\[/);
    await answer(routing, 'tech', '根本原因：系統故障 登入伺服器的憑證過期\n預防措施：憑證到期前 30 天自動提醒\nresolve: We renewed the certificate; please log in again.');
    const x = await applied(c._id, 1);
    expect(x.cause).toMatchObject({ kind: 'system_fault', text: '登入伺服器的憑證過期', department: 'tech' });
    expect(x.prevention).toMatchObject({ text: '憑證到期前 30 天自動提醒' });

    const quarter = periodOf('quarter', localDay(new Date(), TZ));
    const report = await waitFor('the cause in the quarterly figures', async () => {
      const r = await readReport(quarter, null, new MongoRollupStore(), DEPARTMENTS);
      return r.prevented === 1 && r.causes.some((k) => k.count > 0) ? r : null;
    }, 30_000);
    expect(report.causes.find((k) => k.kind === 'system_fault')!.count).toBe(1);
    expect(report.measures).toEqual([{ cause: 'system_fault', text: '憑證到期前 30 天自動提醒' }]);
    const csv = reportCsv(report);
    expect(csv).toContain('\r\nsystem_fault,1\r\n');
    expect(csv).toContain('\r\nsystem_fault,憑證到期前 30 天自動提醒\r\n');
    expect(reportView(report).causes).toContainEqual({ kind: 'system fault', count: 1 });
    // The department's own figures are written just after the overall ones.
    await waitFor('the cause in the department’s figures', async () => (await readReport(quarter, 'tech', new MongoRollupStore(), DEPARTMENTS)).causes.find((k) => k.kind === 'system_fault')!.count === 1);
  });
});

describe('suggestions', () => {
  it('a suggestion is assessed, adopted and its author told in their language; the report counts it', async () => {
    const c = await complain('erin', '希望增加夜間模式', '建議在應用程式中增加夜間模式，晚上使用時太刺眼了。希望能盡快推出。');
    expect(c.category).toBe('suggestion');
    expect(c.department).toBe('product');
    const routing = await mailIn('product', c.number, /^\[/);
    await answer(routing, 'product', 'assess: value high, cost low, demand high, many users ask for it\nadopt: Night mode is planned for version 6.0; we build it first.');
    const told = await mailIn('erin', c.number, /建議已獲採納/);
    expect(told.parsed.text).toContain('Night mode is planned for version 6.0');
    const x = await applied(c._id, 1);
    expect(x.suggestion).toMatchObject({ assessment: { value: 'high', cost: 'low', demand: 'high', text: 'many users ask for it' }, outcome: { kind: 'adopted' } });
    expect(x.status).toBe('resolved');

    const quarter = periodOf('quarter', localDay(new Date(), TZ));
    await waitFor('the adopted suggestion counted', async () => (await readReport(quarter, null, new MongoRollupStore(), DEPARTMENTS)).suggestions.adopted === 1, 30_000);
  });
});

describe('the customer agrees to the solution before it is carried out', () => {
  it('an accepted proposal lets the department resolve; a refused one goes back with the customer’s words', async () => {
    const a = await complain('frank', 'Charger overheats', 'My charger gets very hot after ten minutes, it is a defect.');
    const b = await complain('carol', '充電器發燙', '新買的充電器用了幾天就過熱，品質太差。');
    expect([a.department, b.department]).toEqual(['quality', 'quality']);

    const routingA = await mailIn('quality', a.number, /^\[/);
    await answer(routingA, 'quality', 'propose: We send you a new charger today and collect the old one.\nresolve: done already');
    const askedA = await mailIn('frank', a.number, /Do you agree to our proposed solution/);
    expect(askedA.parsed.text).toContain('We send you a new charger today');
    const held = await mailIn('quality', a.number, /were not applied/);
    expect(held.parsed.text).toContain('not yet agreed');
    await answer(askedA, 'frank', 'Yes, please go ahead.');
    const accepted = await mailIn('quality', a.number, /accepted the proposed solution/);
    expect(accepted.parsed.text).toContain('Yes, please go ahead.');
    await answer(accepted, 'quality', 'resolve: We sent the new charger by courier.');
    const resolved = await waitFor('the accepted solution carried out', async () => {
      const x = await caseNow(a._id);
      return x?.status === 'resolved' ? x : null;
    }, 30_000);
    expect(resolved.proposal).toMatchObject({ state: 'accepted', answer: 'Yes, please go ahead.' });
    await mailIn('frank', a.number, /Resolved/);

    const routingB = await mailIn('quality', b.number, /^\[/);
    await answer(routingB, 'quality', '建議方案：為您更換一個新的充電器。');
    const askedB = await mailIn('carol', b.number, /請確認您是否同意/);
    expect(askedB.parsed.text).toContain('為您更換一個新的充電器');
    await answer(askedB, 'carol', '不同意，我要退款。');
    const refused = await mailIn('quality', b.number, /refused the proposed solution/);
    expect(refused.parsed.text).toContain('不同意，我要退款。');
    const x = await waitFor('the refusal recorded', async () => {
      const c = await caseNow(b._id);
      return c?.proposal?.state === 'refused' ? c : null;
    });
    expect(x.status).not.toBe('resolved');
    expect(x.awaitingCustomer).toBe(false);
  });
});

describe('published results', () => {
  it('the public page shows the quarter’s figures, aggregated, cached and without script; the FAQ lists the knowledge base', async () => {
    const today = localDay(new Date(), TZ);
    const quarter = periodOf('quarter', today);
    const name = quarter.label.replace(' ', '-');
    // The cases of the tests above, once the projector (every 5 s) has counted them all.
    const report = await waitFor('the cases above in the figures', async () => {
      const r = await readReport(quarter, null, new MongoRollupStore(), DEPARTMENTS);
      return r.received >= 4 ? r : null;
    }, 30_000);

    const res = await fetch(`${BASE}/results?quarter=${name}&lang=zh-Hant`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('public, max-age=3600');
    const html = await res.text();
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain('意見反饋與投訴處理情況');
    expect(html).toMatch(new RegExp(`收到的意見與投訴</th><td>${report.received}</td>`));
    expect(html).toContain('1 項客戶建議已被產品採納');
    expect(html).toContain('產品建議'); // the category by its name, not its id
    for (const personal of ['carol', 'frank', 'erin', 'example.test', 'Charger overheats', '夜間模式']) expect(html).not.toContain(personal);

    const en = await (await fetch(`${BASE}/results?quarter=${name}`, { headers: { 'accept-language': 'en-GB' } })).text();
    expect(en).toContain(`Messages received</th><td>${report.received}</td>`);
    const bad = await fetch(`${BASE}/results?quarter=autumn`);
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('write it like 2026-Q4');

    await new MongoFaqStore().add({ title: 'How do I reset my password?', answer: 'Open Settings, then Account, then Reset password.', category: 'usage', locale: 'en', caseNumber: 'CS-1', by: 'service@example.test', at: new Date() });
    const faq = await fetch(`${BASE}/faq?lang=en`);
    expect(faq.headers.get('cache-control')).toBe('public, max-age=3600');
    const faqHtml = await faq.text();
    expect(faqHtml).toContain('How do I reset my password?');
    expect(faqHtml).not.toContain('CS-1');
    expect(await (await fetch(`${BASE}/faq?lang=zh-Hant`)).text()).not.toContain('reset my password');
  });
});

describe('joint handling', () => {
  it('a case handled by two departments: the lead brings in another, which gets the case, reports its part, and the lead resolves', async () => {
    const c = await complain('grace', 'App crashes and my replacement phone never arrived', 'The app crashes with error code 77 and the replacement phone you promised never arrived.');
    const routing = await mailIn(c.department!, c.number, /^\[/);
    const lead = c.department!;
    const helper = lead === 'logistics' ? 'tech' : 'logistics';
    await answer(routing, lead, `lead: ${lead}\nassist: ${helper}\nnote: joint team for the crash and the parcel`);
    const brought = await mailIn(helper, c.number, /^\[/);
    let x = await applied(c._id, 1);
    expect(x.joint).toMatchObject({ lead, assists: [helper] });
    expect(x.routing!.departments).toEqual([lead, helper]);

    await answer(brought, helper, 'resolve: all done\npart: Our part is done: the courier lost the parcel; a new phone ships today.');
    const reported = await mailIn(lead, c.number, /reported its part/);
    expect(reported.parsed.text).toContain('a new phone ships today');
    const refused = await mailIn(helper, c.number, /were not applied/);
    expect(refused.parsed.text).toContain(`${lead} leads this case and resolves it`);
    x = await applied(c._id, 2);
    expect(x.status).not.toBe('resolved');
    expect(Object.keys(x.joint!.parts)).toEqual([helper]);

    await answer(reported, lead, 'resolve: The crash is fixed in 5.2.1 and the new phone is on its way.');
    x = await waitFor('the lead resolves', async () => {
      const y = await caseNow(c._id);
      return y?.status === 'resolved' ? y : null;
    }, 30_000);
    expect(x.resolution).toMatchObject({ by: addr(lead) });
  });
});

async function signIn(email: string): Promise<string> {
  const res = await fetch(`${BASE}/console/login`, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ email, password: PASSWORD }) });
  return (res.headers.getSetCookie?.() ?? []).map((c) => c.split(';')[0]).join('; ');
}

describe('call-backs', () => {
  it('the monthly sample is drawn once at the configured rate, listed for customer service, and outcomes recorded', async () => {
    // 100 cases closed in October 2026 (Taipei), one closed just after it.
    const closed = (i: number, at: Date) => ({ _id: `cb-${i}`, number: `CB-2026-${String(i).padStart(4, '0')}`, channel: 'email', customer: { email: `cb${i}@example.test`, name: `Customer ${i}` }, subject: `Case ${i}`, locale: 'en', status: 'closed', priority: 'medium', receivedAt: at, closedAt: at });
    await CaseModel.collection.insertMany([
      ...Array.from({ length: 100 }, (_, i) => closed(i, new Date(Date.UTC(2026, 9, 1 + (i % 31), 2)))),
      closed(100, new Date('2026-10-31T16:30:00Z')), // 00:30 on 1 November in Taipei
    ] as never[]);
    clock = new Date('2026-11-01T00:00:00Z'); // 08:00 on 1 November in Taipei
    const store = new MongoCallbackStore();
    await t.app.queues.periodic.add('callback-sample', {}, { jobId: 'callbacks-test-1' });
    const sample = await waitFor('the October sample', () => store.month('2026-10'), 30_000);
    expect(sample.population).toBe(100);
    expect(sample.rate).toBe(0.03); // config/screening.json
    expect(sample.rows).toHaveLength(3);
    expect(sample.rows.every((r) => r.caseNumber.startsWith('CB-2026-') && r.caseNumber !== 'CB-2026-0100')).toBe(true);
    await t.app.queues.periodic.add('callback-sample', {}, { jobId: 'callbacks-test-2' });
    await waitFor('the second run done', async () => (await t.app.queues.periodic.getJobState('callbacks-test-2')) === 'completed');
    expect((await store.month('2026-10'))!.rows.map((r) => r.id)).toEqual(sample.rows.map((r) => r.id));
    clock = null;

    await createUser({ email: 'chen.mei@example.test', name: 'Chen Mei', role: 'staff', departments: ['service'], password: PASSWORD }, new MongoAccountStore());
    await createUser({ email: 'li.wei@example.test', name: 'Li Wei', role: 'staff', departments: ['tech'], password: PASSWORD }, new MongoAccountStore());
    const cookie = await signIn('chen.mei@example.test');
    const list = await (await fetch(`${BASE}/console/callbacks?month=2026-10`, { headers: { cookie } })).text();
    for (const r of sample.rows) expect(list).toContain(r.caseNumber);
    expect(list).toContain('3 of 100 closed cases drawn (3.0 %): 0 reached, 0 not reached, 3 to call.');
    const csrf = /name="csrf" value="([^"]+)"/.exec(list)![1]!;
    const post = (id: string, outcome: string, note: string) =>
      fetch(`${BASE}/console/callbacks`, { method: 'POST', redirect: 'manual', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ csrf, id, outcome, note, month: '2026-10' }) });
    expect((await post(sample.rows[0]!.id, 'reached', 'Happy with the fix')).status).toBe(303);
    expect((await post(sample.rows[1]!.id, 'not_reached', 'No answer twice')).status).toBe(303);
    expect((await post(sample.rows[2]!.id, 'maybe', '')).status).toBe(422);
    const after = await (await fetch(`${BASE}/console/callbacks?month=2026-10`, { headers: { cookie } })).text();
    expect(after).toContain('1 reached, 1 not reached, 1 to call.');
    expect(after).toContain('Happy with the fix');

    const other = await signIn('li.wei@example.test');
    expect((await fetch(`${BASE}/console/callbacks?month=2026-10`, { headers: { cookie: other } })).status).toBe(403);
  });
});

describe('notices by SMS or app', () => {
  it('a customer who came through the API with a phone number gets the same notices through the webhook', async () => {
    const res = await fetch(`${BASE}/api/cases`, {
      method: 'POST',
      headers: { authorization: `Bearer ${API_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ email: addr('heidi'), name: 'Heidi', phone: '+886 912 345 678', subject: 'Login error 1043', text: 'I cannot log in, the app shows error code 1043.' }),
    });
    expect(res.status).toBe(201);
    const { caseNumber } = (await res.json()) as { caseNumber: string };
    const ack = await mailIn('heidi', caseNumber, /received/i);
    const sms = await waitFor('the acknowledgement at the gateway', async () => gateway.find((g) => g.body.caseNumber === caseNumber), 30_000);
    expect(sms.body).toMatchObject({ phone: '+886 912 345 678', subject: ack.parsed.subject, kind: expect.stringMatching(/^acknowledgement/) });
    expect(sms.body.text).toContain(caseNumber);
    expect(sms.headers['idempotency-key']).toBe(sms.body.id);

    const c = (await CaseModel.findOne({ number: caseNumber }).lean())!;
    const routing = await mailIn(c.department!, caseNumber, /^\[/);
    await answer(routing, c.department!, 'reply: We found the cause and fix it today.');
    await mailIn('heidi', caseNumber, /Update on your case/);
    const progress = await waitFor('the progress notice at the gateway', async () => gateway.find((g) => g.body.caseNumber === caseNumber && g.body.kind === 'progress'), 30_000);
    expect(progress.body.text).toContain('We found the cause and fix it today.');
    // Only that customer's notices: mail-only customers and staff mails never reach the gateway.
    expect(gateway.every((g) => g.body.caseNumber === caseNumber && g.body.phone === '+886 912 345 678')).toBe(true);
  });
});
