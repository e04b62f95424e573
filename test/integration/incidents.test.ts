// Incidents answered at once (P-10), on the real servers: three customers writing in
// Traditional Chinese, Simplified Chinese and English about one outage are linked under
// one incident; its console page lists them masked; one update from it reaches each in
// their own language, threaded in their own case, and sending the same form again sends
// nothing more; the supervisor's `resolve:` to the incident's reply address resolves all
// three cases, each customer gets the resolution, and the incident leaves the open list.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../src/adapters/http/console/accounts.js';
import { OutboxModel } from '../../src/adapters/mongo/models/outboxModel.js';
import { addr, clearMailbox, readMailbox, sendSmtp } from '../../scripts/lib/devMailbox.js';
import { about, caseNow, complain, mailIn, type StoredCase } from '../support/caseFlow.js';
import { sleep, startTestApp, testConfig, uniqueDbName, waitFor, type TestApp } from '../support/testApp.js';
import { MongoAccountStore } from '../../src/adapters/mongo/consoleStores.js';

const PORT = 3934;
const BASE = `http://127.0.0.1:${PORT}`;
const PASSWORD = 'correct horse battery staple';
const CUSTOMERS = ['alice', 'bob', 'carol'];

// Similar enough to be one incident (shared error words and Chinese sentence), each in its language.
const ERROR = 'App login error E1043 after update: server timeout, login page blank.';
const COMPLAINTS: Array<[string, string, string]> = [
  ['alice', 'App 登入錯誤 E1043', `${ERROR} 更新後應用程式無法登入，一直顯示伺服器錯誤，請盡快修復。`],
  ['bob', 'App 登录错误 E1043', `${ERROR} 更新后应用程序无法登录，一直显示服务器错误，请尽快修复。`],
  ['carol', 'App login error E1043', `${ERROR}\nError log: ${ERROR}\nAgain: ${ERROR}\nMy colleague wrote: 更新後應用程式無法登入，一直顯示伺服器錯誤，請盡快修復。`],
];

let t: TestApp;
let cases: StoredCase[];
let incidentId: string;

beforeAll(async () => {
  await Promise.all([...CUSTOMERS, 'tech', 'supervisor'].map((u) => clearMailbox(u)));
  t = await startTestApp(testConfig(uniqueDbName(), { HTTP_PORT: String(PORT), PUBLIC_URL: BASE }));
  await createUser({ email: 'li.wei@example.test', name: 'Li Wei', role: 'staff', departments: ['tech'], password: PASSWORD }, new MongoAccountStore());
  await createUser({ email: 'lin@example.test', name: 'Lin', role: 'staff', departments: ['logistics'], password: PASSWORD }, new MongoAccountStore());
  // One after the other: each is screened against the ones before it.
  cases = [];
  for (const [who, subject, text] of COMPLAINTS) cases.push(await complain(who, subject, text));
  const linked = await waitFor('the three cases to share an incident', async () => {
    const xs = await Promise.all(cases.map((c) => caseNow(c._id)));
    return xs.every((x) => x?.incidentId) && new Set(xs.map((x) => x!.incidentId)).size === 1 ? xs : null;
  }, 30_000);
  cases = linked as StoredCase[];
  incidentId = cases[0]!.incidentId!;
}, 120_000);

afterAll(async () => {
  await t?.stop();
});

async function signIn(email: string): Promise<string> {
  const res = await fetch(`${BASE}/console/login`, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ email, password: PASSWORD }) });
  return (res.headers.get('set-cookie') ?? '').split(';')[0]!;
}

const get = (path: string, cookie: string) => fetch(`${BASE}${path}`, { headers: { cookie }, redirect: 'manual' });
const post = (path: string, cookie: string, form: Record<string, string>) =>
  fetch(`${BASE}${path}`, { method: 'POST', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form), redirect: 'manual' });
const field = (html: string, name: string) => new RegExp(`name="${name}" value="([^"]+)"`).exec(html)![1]!;

describe('incidents', () => {
  it('one incident update from the console reaches three customers in their languages, once', async () => {
    expect(cases.map((c) => c.locale)).toEqual(['zh-Hant', 'zh-Hans', 'en']);
    const cookie = await signIn('li.wei@example.test');
    const list = await (await get('/console/incidents', cookie)).text();
    expect(list).toContain(`/console/incidents/${incidentId}`);
    // Another department's staff do not see it.
    const other = await signIn('lin@example.test');
    expect(await (await get('/console/incidents', other)).text()).not.toContain(incidentId);
    expect((await get(`/console/incidents/${incidentId}`, other)).status).toBe(404);

    const page = await (await get(`/console/incidents/${incidentId}`, cookie)).text();
    for (const c of cases) expect(page).toContain(c.number);
    expect(page).toContain('a***@example.test');
    expect(page).not.toContain(addr('alice'));
    const form = {
      csrf: field(page, 'csrf'),
      update: field(page, 'update'),
      kind: 'reply',
      'text_zh-Hant': '登入伺服器的憑證已過期，我們正在更換，預計今晚恢復。',
      'text_zh-Hans': '登录服务器的证书已过期，我们正在更换，预计今晚恢复。',
      text_en: 'The login server certificate expired; we are replacing it and expect service back tonight.',
    };
    const sent = await post(`/console/incidents/${incidentId}/updates`, cookie, form);
    expect(sent.status).toBe(200);
    expect(await sent.text()).toContain('3');

    const expected = [
      ['alice', /案件進度更新/, '憑證已過期'],
      ['bob', /案件进度更新/, '证书已过期'],
      ['carol', /Update on your case/, 'certificate expired'],
    ] as const;
    for (const [i, [who, subject, words]] of expected.entries()) {
      const mail = await mailIn(who, cases[i]!.number, subject);
      expect(mail.parsed.text).toContain(words);
      expect(mail.parsed.inReplyTo).toBeTruthy(); // threaded under the customer's own mail
    }
    // The same form again (a double click, a retried POST): nothing more is sent.
    expect((await post(`/console/incidents/${incidentId}/updates`, cookie, form)).status).toBe(200);
    await sleep(3000);
    for (const [i, [who, subject]] of expected.entries()) {
      expect((await readMailbox(who)).filter((m) => about(cases[i]!.number)(m) && subject.test(m.parsed.subject ?? ''))).toHaveLength(1);
      expect(await OutboxModel.countDocuments({ caseId: cases[i]!._id, kind: 'progress' })).toBe(1);
    }
  }, 90_000);

  it("the supervisor's resolve: to the incident's reply address resolves every case, and the incident closes", async () => {
    // A later case's routing mail names the incident and its reply address.
    const routing = await mailIn('tech', cases[2]!.number, /^\[/);
    const address = /write to (\S+@example\.test)/.exec(routing.parsed.text ?? '')![1]!;
    expect(address).toMatch(new RegExp(`^testsupport\\+${incidentId}\\.`, 'i'));
    // High priority (a login outage): the supervisor's resolution needs no approval.
    await sendSmtp({ from: addr('supervisor'), to: address, subject: `Re: ${incidentId}`, text: 'resolve: The certificate was renewed; please log in again.' });
    const resolved = await waitFor('the three cases resolved', async () => {
      const xs = await Promise.all(cases.map((c) => caseNow(c._id)));
      return xs.every((x) => x?.status === 'resolved') ? xs : null;
    }, 45_000);
    expect(resolved.map((x) => x!.priority)).toEqual(['high', 'high', 'high']);
    expect(resolved.map((x) => x!.routing?.confirmedBy)).toEqual([addr('supervisor'), addr('supervisor'), addr('supervisor')]);
    const resolutions = [['alice', /已解決/], ['bob', /已解决/], ['carol', /Resolved/]] as const;
    for (const [i, [who, subject]] of resolutions.entries()) {
      const mail = await mailIn(who, cases[i]!.number, subject);
      expect(mail.parsed.text).toContain('certificate was renewed');
    }
    const cookie = await signIn('li.wei@example.test');
    expect(await (await get('/console/incidents', cookie)).text()).not.toContain(`/console/incidents/${incidentId}`);
    expect(await (await get(`/console/incidents/${incidentId}`, cookie)).text()).toMatch(/Resolved .* by system/);
  }, 90_000);
});
