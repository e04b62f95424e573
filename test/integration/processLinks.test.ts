// More of the later process steps on the real services (docs/process-features.md), each
// walked through the mailboxes and the public pages: the feedback form's phone and SMS
// choice reaching a local gateway; the console's link to the call-backs; a proposed
// solution accepted and another refused by the links in the proposal mail; adopted
// suggestions thanked publicly where their authors agree, and taken off when they withdraw;
// the quarter's figures by product and module, by handler, and of compensation given.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../src/adapters/http/console/accounts.js';
import { MongoAccountStore } from '../../src/adapters/mongo/consoleStores.js';
import { MongoRollupStore } from '../../src/adapters/mongo/rollupStore.js';
import { HandlebarsRenderer } from '../../src/adapters/templates/handlebarsRenderer.js';
import { localDay, periodOf } from '../../src/domain/report/period.js';
import { reportCsv } from '../../src/domain/report/reportCsv.js';
import { reportView } from '../../src/domain/report/reportView.js';
import { readReport } from '../../src/pipeline/report/readReport.js';
import { addr, clearMailbox } from '../../scripts/lib/devMailbox.js';
import { answer, applied, caseNow, complain, mailIn } from '../support/caseFlow.js';
import { startSmsGateway, type SmsGateway } from '../support/smsGateway.js';
import { sleep, startTestApp, testConfig, uniqueDbName, waitFor, type TestApp } from '../support/testApp.js';

const MAILBOXES = ['tech', 'service', 'quality', 'logistics', 'product', 'supervisor', 'alice', 'bob', 'dave', 'ivan', 'judy'];
const PORT = 3951;
const BASE = `http://127.0.0.1:${PORT}`;
const GATEWAY_PORT = 3952;
const PASSWORD = 'correct horse battery staple';

/** The company's SMS gateway: every notice it was sent. */
let gateway: SmsGateway['received'] = [];
let smsGateway: SmsGateway | undefined;

let t: TestApp;

beforeAll(async () => {
  await Promise.all(MAILBOXES.map((u) => clearMailbox(u)));
  smsGateway = await startSmsGateway(GATEWAY_PORT);
  gateway = smsGateway.received;
  t = await startTestApp(testConfig(uniqueDbName(), { HTTP_PORT: String(PORT), PUBLIC_URL: BASE, NOTIFY_WEBHOOK_URL: `http://127.0.0.1:${GATEWAY_PORT}/sms` }));
});

afterAll(async () => {
  await t?.stop();
  await smsGateway?.stop();
});

async function signIn(email: string): Promise<string> {
  const res = await fetch(`${BASE}/console/login`, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded', origin: BASE }, body: new URLSearchParams({ email, password: PASSWORD }) });
  return (res.headers.getSetCookie?.() ?? []).map((c) => c.split(';')[0]).join('; ');
}

/** Sends the feedback form as a browser does (after the form's minimum time). */
async function sendForm(fields: Record<string, string>, lang = 'en'): Promise<{ status: number; html: string }> {
  const page = await (await fetch(`${BASE}/feedback?lang=${lang}`)).text();
  const token = /name="formToken" value="([^"]+)"/.exec(page)![1]!;
  await sleep(2100);
  const body = new FormData();
  for (const [k, v] of Object.entries({ formToken: token, ...fields })) body.set(k, v);
  const res = await fetch(`${BASE}/feedback?lang=${lang}`, { method: 'POST', body });
  return { status: res.status, html: await res.text() };
}

describe('the feedback form’s phone and SMS notices', () => {
  it('a customer who chose SMS gets the notices at the gateway; a phone without the choice is not kept; a bad phone is refused', async () => {
    const form = await (await fetch(`${BASE}/feedback?lang=zh-Hant`)).text();
    expect(form).toContain('手機號碼（選填）');
    expect(form).toContain('name="sms"');
    expect(form).not.toMatch(/<script/i);

    const bad = await sendForm({ email: addr('ivan'), subject: 'Login error 1043', message: 'I cannot log in.', phone: 'call me maybe', sms: '1' });
    expect(bad.status).toBe(400);
    expect(bad.html).toContain('Please check the phone number');
    const missing = await sendForm({ email: addr('ivan'), subject: 'Login error 1043', message: 'I cannot log in.', sms: '1' });
    expect(missing.status).toBe(400);
    expect(missing.html).toContain('please give your mobile phone number');

    const sent = await sendForm({ name: 'Ivan', email: addr('ivan'), subject: 'Login error 1043', message: 'I cannot log in, the app shows error code 1043 since yesterday.', phone: '+886 912 000 111', sms: '1' });
    expect(sent.status).toBe(201);
    const number = /(CS-\d{4}-\d{6})/.exec(sent.html)![1]!;
    const ack = await mailIn('ivan', number, /received/i);
    const sms = await waitFor('the acknowledgement at the gateway', async () => gateway.find((g) => g.body.caseNumber === number), 30_000);
    expect(sms.body).toMatchObject({ phone: '+886 912 000 111', subject: ack.parsed.subject });

    const noChoice = await sendForm({ email: addr('judy'), subject: 'Login error 1043', message: 'I cannot log in, the app shows error code 1043.', phone: '+886 912 000 222' });
    expect(noChoice.status).toBe(201);
    const other = /(CS-\d{4}-\d{6})/.exec(noChoice.html)![1]!;
    await mailIn('judy', other, /received/i);
    await sleep(1500);
    expect(gateway.some((g) => g.body.caseNumber === other)).toBe(false);
  });
});

describe('the console’s call-backs link', () => {
  it('customer service and supervisors see the link and month buttons; other staff do not', async () => {
    await createUser({ email: 'chen.mei@example.test', name: 'Chen Mei', role: 'staff', departments: ['service'], password: PASSWORD }, new MongoAccountStore());
    await createUser({ email: 'li.wei@example.test', name: 'Li Wei', role: 'staff', departments: ['tech'], password: PASSWORD }, new MongoAccountStore());
    await createUser({ email: 'boss@example.test', name: 'Boss', role: 'supervisor', departments: ['tech'], password: PASSWORD }, new MongoAccountStore());
    const service = await signIn('chen.mei@example.test');
    const board = await (await fetch(`${BASE}/console?lang=en`, { headers: { cookie: service } })).text();
    expect(board).toContain('<a href="/console/callbacks">Call-backs</a>');
    const boss = await signIn('boss@example.test');
    expect(await (await fetch(`${BASE}/console?lang=zh-Hant`, { headers: { cookie: boss } })).text()).toContain('<a href="/console/callbacks">回訪</a>');
    const tech = await signIn('li.wei@example.test');
    expect(await (await fetch(`${BASE}/console`, { headers: { cookie: tech } })).text()).not.toContain('/console/callbacks');

    const page = await (await fetch(`${BASE}/console/callbacks?month=2026-01&lang=en`, { headers: { cookie: service } })).text();
    expect(page).toContain('href="/console/callbacks?month=2025-12"');
    expect(page).toContain('href="/console/callbacks?month=2026-02"');
  });
});

/** The token of a consent link, and its page. */
const tokenOf = (url: string) => url.split('/c/')[1]!;
const confirm = (url: string, words = '') => fetch(`${BASE}/c`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ token: tokenOf(url), words }) });

describe('consent to a proposed solution by link', () => {
  it('an accept link, confirmed twice, accepts once; a refuse link takes the customer’s words back to the department', async () => {
    const a = await complain('alice', 'Charger overheats', 'My charger gets very hot after ten minutes, it is a defect.');
    const b = await complain('bob', '充電器發燙', '新買的充電器用了幾天就過熱，品質太差。');
    expect([a.department, b.department]).toEqual(['quality', 'quality']);

    const routingA = await mailIn('quality', a.number, /^\[/);
    await answer(routingA, 'quality', 'propose: We send you a new charger today and collect the old one.');
    const askedA = await mailIn('alice', a.number, /Do you agree to our proposed solution/);
    const acceptUrl = /Accept: (\S+)/.exec(askedA.parsed.text ?? '')![1]!;
    expect(acceptUrl.startsWith(`${BASE}/c/`)).toBe(true);
    expect(askedA.parsed.html).toContain(`href="${acceptUrl}"`);

    // Opening the link (as a mail scanner does) records nothing.
    const opened = await fetch(acceptUrl);
    expect(opened.status).toBe(200);
    const page = await opened.text();
    expect(page).toContain('We send you a new charger today');
    expect(page).not.toMatch(/<script/i);
    expect((await caseNow(a._id))!.proposal!.state).toBe('awaiting');

    const first = await confirm(acceptUrl);
    expect(first.status).toBe(200);
    expect(await first.text()).toContain('Thank you, you agreed');
    const again = await confirm(acceptUrl);
    expect(again.status).toBe(200);
    expect(await again.text()).toContain('recorded before');
    const accepted = await mailIn('quality', a.number, /accepted the proposed solution/);
    expect(accepted.parsed.text).toContain('answered with the link');
    const x = await waitFor('the acceptance recorded', async () => {
      const c = await caseNow(a._id);
      return c?.proposal?.state === 'accepted' ? c : null;
    });
    expect(x.proposal).toMatchObject({ via: 'link' });
    await answer(accepted, 'quality', 'resolve: We sent the new charger by courier.');
    await waitFor('the accepted solution carried out', async () => (await caseNow(a._id))?.status === 'resolved', 30_000);
    await mailIn('alice', a.number, /Resolved/);

    const forged = await fetch(`${acceptUrl.slice(0, -3)}abc`);
    expect(forged.status).toBe(400);

    const routingB = await mailIn('quality', b.number, /^\[/);
    await answer(routingB, 'quality', '建議方案：為您更換一個新的充電器。');
    const askedB = await mailIn('bob', b.number, /請確認您是否同意/);
    const refuseUrl = /不同意（並告訴我們原因）：(\S+)/.exec(askedB.parsed.text ?? '')![1]!;
    const refusePage = await (await fetch(refuseUrl)).text();
    expect(refusePage).toContain('您希望如何處理？');
    const refused = await confirm(refuseUrl, '我要退款，不要換貨。');
    expect(await refused.text()).toContain('謝謝您的回覆');
    const told = await mailIn('quality', b.number, /refused the proposed solution/);
    expect(told.parsed.text).toContain('我要退款，不要換貨。');
    const y = await waitFor('the refusal recorded', async () => {
      const c = await caseNow(b._id);
      return c?.proposal?.state === 'refused' ? c : null;
    });
    expect(y.status).not.toBe('resolved');
    // The accept link of the refused proposal records nothing more.
    const late = await confirm(/同意：(\S+)/.exec(askedB.parsed.text ?? '')![1]!);
    expect(late.status).toBe(409);
    await applied(b._id, 1);
  });
});

describe('public recognition of adopted suggestions', () => {
  it('an author who agrees by reply is listed; one who agrees by link chooses the name; withdrawing takes it off', async () => {
    const adopt = async (customer: string, subject: string, text: string, plan: string) => {
      const c = await complain(customer, subject, text);
      const routing = await mailIn(c.department!, c.number, /^\[/);
      await answer(routing, c.department!, `category: suggestion\nadopt: ${plan}`);
      const told = await mailIn(customer, c.number, /建議已獲採納/);
      return { c, told };
    };
    const one = await adopt('dave', '希望增加夜間模式', '建議在應用程式中增加夜間模式，晚上使用時太刺眼了。希望能盡快推出。', 'Night mode ships in version 6.0.');
    expect(one.told.parsed.text).toContain('我們可以公開感謝您嗎？');
    await answer(one.told, 'dave', '同意\n謝謝！');
    await waitFor('the reply’s agreement', async () => (await caseNow(one.c._id))?.suggestion?.recognition?.state === 'agreed', 30_000);

    const two = await adopt('judy', '希望增加語音輸入', '建議在應用程式中增加語音輸入功能，打字太慢了。希望能盡快推出。', 'Voice input ships in version 6.1.');
    const creditUrl = /自行選擇顯示的名稱：(\S+)/.exec(two.told.parsed.text ?? '')![1]!;
    const withdrawUrl = /移除您的名稱：(\S+)/.exec(two.told.parsed.text ?? '')![1]!;
    const agreePage = await (await fetch(creditUrl)).text();
    expect(agreePage).toContain('Voice input ships in version 6.1.');
    expect(agreePage).toContain('name="name"');
    const agreed = await fetch(`${BASE}/c`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ token: tokenOf(creditUrl), name: '小林' }) });
    expect(await agreed.text()).toContain('謝謝您');
    await waitFor('the link’s agreement', async () => (await caseNow(two.c._id))?.suggestion?.recognition?.state === 'agreed', 30_000);

    const page = await fetch(`${BASE}/recognition?lang=en`);
    expect(page.status).toBe(200);
    expect(page.headers.get('cache-control')).toBe('public, max-age=600');
    const html = await page.text();
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain('Night mode ships in version 6.0.');
    expect(html).toContain('Voice input ships in version 6.1.');
    expect(html).toContain('<td>小林</td>');
    expect(html).toContain('<td>A customer</td>'); // agreed by reply, with no name given
    for (const personal of ['dave', 'judy', 'example.test', '夜間模式', '語音輸入', one.c.number, two.c.number]) expect(html).not.toContain(personal);

    expect((await fetch(`${BASE}/c`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ token: tokenOf(withdrawUrl) }) })).status).toBe(200);
    await waitFor('the withdrawal', async () => !(await (await fetch(`${BASE}/recognition`)).text()).includes('Voice input'), 30_000);
    expect((await caseNow(two.c._id))!.suggestion!.recognition).toMatchObject({ state: 'withdrawn', name: '' });
    expect(await (await fetch(`${BASE}/recognition`)).text()).toContain('Night mode ships in version 6.0.');
  });
});

describe('figures by product, handler and compensation', () => {
  it('a complaint tagged with its product and module, compensated and resolved, appears in the quarter’s figures, the console page, the CSV and the mailed report', async () => {
    const c = await complain('alice', 'Login error 1043', 'I cannot log in, the app shows error code 1043 since yesterday.');
    const dept = c.department!;
    const routing = await mailIn(dept, c.number, /^\[/);
    await answer(routing, dept, '產品：App／登入\ncompensation: refund 200 TWD\ncompensation: coupon 50.5 TWD\nresolve: We fixed the login server; a refund is on its way.');
    const x = await applied(c._id, 1);
    expect(x.product).toEqual({ name: 'App', module: '登入' });
    expect(x.status).toBe('resolved');

    const quarter = periodOf('quarter', localDay(new Date(), 'Asia/Taipei'));
    const report = await waitFor('the figures of the quarter', async () => {
      const r = await readReport(quarter, null, new MongoRollupStore(), ['tech', 'service', 'product', 'quality', 'logistics', 'legal']);
      return r.compensation.length === 2 && r.products.some((p) => p.name === 'App' && p.resolved === 1) ? r : null;
    }, 30_000);
    expect(report.products).toContainEqual(expect.objectContaining({ name: 'App', cases: 1, resolved: 1 }));
    expect(report.modules).toContainEqual(expect.objectContaining({ name: 'App / 登入', cases: 1, resolved: 1 }));
    expect(report.handlers).toContainEqual(expect.objectContaining({ name: addr(dept), resolved: expect.any(Number) }));
    expect(report.handlers.find((h) => h.name === addr(dept))!.averageResolve).not.toBeNull();
    expect(report.compensation).toEqual([
      { kind: 'coupon', currency: 'TWD', count: 1, amount: 50.5 },
      { kind: 'refund', currency: 'TWD', count: 1, amount: 200 },
    ]);
    expect(report.suggestions.adopted).toBeGreaterThanOrEqual(2); // the suggestions adopted above
    expect(reportCsv(report)).toContain('\r\nApp,登入,1,1,');

    const boss = await signIn('boss@example.test');
    const page = await (await fetch(`${BASE}/console/reports?period=quarter&lang=zh-Hant`, { headers: { cookie: boss } })).text();
    expect(page).toContain('按產品與產品模組');
    expect(page).toContain('<td>App / 登入</td>');
    expect(page).toContain(`<td>${addr(dept)}</td>`);
    expect(page).toContain('<td>refund</td><td>1</td><td>200 TWD</td>');

    const templates = await HandlebarsRenderer.load('templates');
    const mail = templates.render('report', 'en', { ...reportView(report), companyName: 'Example Ltd.', reportUrl: `${BASE}/console/reports` });
    expect(mail.text).toContain('App / 登入: 1, 1,');
    expect(mail.text).toContain('refund x 1 (200 TWD)');
    expect(mail.html).toContain('By handler');
  });
});
