// The console over HTTP: sign-in with argon2 hashes and a login
// limit, sessions and CSRF, the board by status, and who sees what: staff only their
// departments' cases and no admin page; a restricted case only for its handlers;
// customer HTML shown without anything that runs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../src/adapters/http/console/accounts.js';
import { addr, clearMailbox, deliver, waitForMail } from '../../scripts/lib/devMailbox.js';
import { SUPPORT_USER, startTestApp, testConfig, uniqueDbName, waitFor, type TestApp } from '../support/testApp.js';
import { complain, resolveCase, type StoredCase } from '../support/caseFlow.js';
import { CaseModel } from '../../src/adapters/mongo/models/caseModel.js';
import { AuditModel } from '../../src/adapters/mongo/models/auditModel.js';
import { MongoAccountStore } from '../../src/adapters/mongo/consoleStores.js';

const PORT = 3933;
const BASE = `http://127.0.0.1:${PORT}`;
const PASSWORD = 'correct horse battery staple';

let t: TestApp;
let techCase: StoredCase;
let logisticsCase: StoredCase;
let restricted: StoredCase;
let hostile: StoredCase;

beforeAll(async () => {
  await Promise.all(['tech', 'logistics', 'alice', 'bob', 'carol', 'dave', 'heidi', 'ivan', 'mallory'].map((u) => clearMailbox(u)));
  t = await startTestApp(testConfig(uniqueDbName(), { HTTP_PORT: String(PORT), PUBLIC_URL: BASE }));
  await createUser({ email: 'admin@example.test', name: 'Admin', role: 'admin', departments: [], password: PASSWORD }, new MongoAccountStore());
  await createUser({ email: 'li.wei@example.test', name: 'Li Wei', role: 'staff', departments: ['tech'], password: PASSWORD }, new MongoAccountStore());
  await createUser({ email: 'boss@example.test', name: 'Boss', role: 'supervisor', departments: ['service'], password: PASSWORD }, new MongoAccountStore());
  [techCase, logisticsCase, restricted] = await Promise.all([
    complain('alice', 'Login error 1043', 'I cannot log in, the app shows error code 1043 since yesterday.'),
    complain('bob', 'Parcel late', 'I ordered ten days ago and have not received the package; the tracking number never updates.'),
    complain('carol', 'App crash after payment', 'The app crashes after paying with card 4111 1111 1111 1111, error code 9.'),
  ]);
  await deliver({
    from: addr('dave'),
    to: addr(SUPPORT_USER),
    subject: 'App error <script>alert(1)</script>',
    html: '<p>The app shows error code 5.</p><script>alert(1)</script><img src="x" onerror="alert(2)"><a href="javascript:alert(3)">click</a><img src="https://tracker.example/pixel.png">',
  });
  hostile = await waitFor('the hostile case', async () => CaseModel.findOne({ 'customer.email': addr('dave') }).lean().then((c) => (c?.routing?.sentAt ? c : null)));
});

afterAll(async () => {
  await t?.stop();
});

async function signIn(email: string, password = PASSWORD): Promise<{ status: number; cookie: string }> {
  const res = await fetch(`${BASE}/console/login`, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ email, password }) });
  return { status: res.status, cookie: (res.headers.get('set-cookie') ?? '').split(';')[0]! };
}

const get = (path: string, cookie: string) => fetch(`${BASE}${path}`, { headers: { cookie }, redirect: 'manual' });

describe('console access', () => {
  it('signs in with the right password, sets a strict HttpOnly cookie, and sends strangers to the sign-in page', async () => {
    expect((await get('/console', '')).headers.get('location')).toBe('/console/login');
    expect((await signIn('li.wei@example.test', 'wrong password!!')).status).toBe(401);
    const res = await fetch(`${BASE}/console/login`, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ email: 'li.wei@example.test', password: PASSWORD }) });
    expect(res.status).toBe(303);
    expect(res.headers.get('set-cookie')).toMatch(/HttpOnly/i);
    expect(res.headers.get('set-cookie')).toMatch(/SameSite=Strict/i);
  });

  it('limits failed sign-ins: after five, even the right password waits', async () => {
    for (let i = 0; i < 5; i++) expect((await signIn('boss@example.test', `wrong-${i}-password`)).status).toBe(401);
    expect((await signIn('boss@example.test')).status).toBe(429);
  });

  it('staff see only their departments’ cases, and no admin page', async () => {
    const { cookie } = await signIn('li.wei@example.test');
    const board = await (await get('/console', cookie)).text();
    expect(board).toContain(techCase.number);
    expect(board).not.toContain(logisticsCase.number);
    expect((await get(`/console/cases/${techCase.number}`, cookie)).status).toBe(200);
    expect((await get(`/console/cases/${logisticsCase.number}`, cookie)).status).toBe(404);
    expect((await get('/console/admin/users', cookie)).status).toBe(403);
    const filtered = await (await get(`/console?q=${encodeURIComponent('1043')}`, cookie)).text();
    expect(filtered).toContain(techCase.number);
  });

  it('admins reach the admin pages; a restricted case opens only for its handlers', async () => {
    expect(restricted.restricted).toBe(true);
    expect(restricted.department).toBe('tech');
    const admin = (await signIn('admin@example.test')).cookie;
    expect((await get('/console/admin/users', admin)).status).toBe(200);
    expect((await get(`/console/cases/${logisticsCase.number}`, admin)).status).toBe(200);
    expect((await get(`/console/cases/${restricted.number}`, admin)).status).toBe(403);
    const staff = (await signIn('li.wei@example.test')).cookie;
    const page = await (await get(`/console/cases/${restricted.number}`, staff)).text();
    expect(page).toContain(restricted.number);
    // Opening it unmasked is in the audit trail (P-5).
    expect(await AuditModel.findOne({ what: 'case.opened', case: restricted.number, by: 'li.wei@example.test' }).lean()).toMatchObject({ restricted: true });
  });

  it('masks card numbers in the board’s list', async () => {
    await deliver({ from: addr('judy'), to: addr(SUPPORT_USER), subject: 'App error after paying with card 4111 1111 1111 1111', text: 'The app crashes with error code 12 right after I pay.' });
    await waitFor('the case', () => CaseModel.findOne({ 'customer.email': addr('judy'), department: 'tech' }).lean());
    // Its handlers see the subject in the list, with the number masked.
    const board = await (await get('/console?q=paying', (await signIn('li.wei@example.test')).cookie)).text();
    expect(board).toContain('App error after paying with card **** **** **** 1111');
    expect(board).not.toContain('4111 1111 1111 1111');
  });

  it('POSTs need the session’s CSRF token', async () => {
    const { cookie } = await signIn('admin@example.test');
    const forged = await fetch(`${BASE}/console/logout`, { method: 'POST', redirect: 'manual', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, body: 'csrf=nope' });
    expect(forged.status).toBe(403);
    const board = await (await get('/console', cookie)).text();
    const csrf = /name="csrf" value="([^"]+)"/.exec(board)![1]!;
    const ok = await fetch(`${BASE}/console/logout`, { method: 'POST', redirect: 'manual', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ csrf }) });
    expect(ok.status).toBe(303);
    expect((await get('/console', cookie)).headers.get('location')).toBe('/console/login');
  });

  it('shows hostile customer HTML without anything that runs, and blocks remote images until asked', async () => {
    const { cookie } = await signIn('li.wei@example.test');
    const res = await get(`/console/cases/${hostile.number}`, cookie);
    const html = await res.text();
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/onerror=/i);
    expect(html).not.toMatch(/href=("|'|&quot;)?javascript:/i); // as text (quoted in our routing mail) it is harmless
    expect(html).toContain('<iframe class="mail" sandbox');
    expect(html).toContain('error code 5');
    expect(res.headers.get('content-security-policy')).toContain("img-src 'self' data:");
    expect((await get(`/console/cases/${hostile.number}?images=1`, cookie)).headers.get('content-security-policy')).toContain('img-src https:');
  });

  it('admins edit the rules with validation and an audit entry, and see the queue; staff reach neither', async () => {
    const staff = (await signIn('li.wei@example.test')).cookie;
    expect((await get('/console/admin/rules', staff)).status).toBe(403);
    expect((await get('/console/admin/queues', staff)).status).toBe(403);

    const admin = (await signIn('admin@example.test')).cookie;
    const page = await (await get('/console/admin/rules', admin)).text();
    const csrf = /name="csrf" value="([^"]+)"/.exec(page)![1]!;
    const config = JSON.parse(JSON.stringify(await t.app.settings.config()));
    const post = (body: string) => fetch(`${BASE}/console/admin/rules`, { method: 'POST', headers: { cookie: admin, 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ csrf, config: body }) });

    const notJson = await post('{ "categories": ');
    expect(notJson.status).toBe(422);
    expect(await notJson.text()).toContain('not valid JSON');
    const bad = structuredClone(config);
    bad.departments[0].email = 'not-an-address';
    const refused = await post(JSON.stringify(bad));
    expect(refused.status).toBe(422);
    expect(await refused.text()).toContain('departments[0].email: must be an email address');
    expect((await t.app.settings.versions()).config).toBe(1);

    const good = structuredClone(config);
    good.confirmation.confirmHours = 20;
    const saved = await post(JSON.stringify(good));
    expect(saved.status).toBe(200);
    const html = await saved.text();
    expect(html).toContain('Saved as version 2');
    expect(html).toContain('&quot;confirmHours&quot;: 20');
    expect(html).toContain('admin@example.test');
    expect((await t.app.settings.config()).confirmation.confirmHours).toBe(20);

    const queues = await get('/console/admin/queues', admin);
    expect(queues.status).toBe(200);
    expect(await queues.text()).toMatch(/<th>completed<\/th>/);
  });

  it('staff apply the email commands from the case page: the case moves and the customer is told', async () => {
    const { cookie } = await signIn('li.wei@example.test');
    const page = await (await get(`/console/cases/${techCase.number}`, cookie)).text();
    const csrf = /name="csrf" value="([^"]+)"/.exec(page)![1]!;
    const post = (number: string, commands: string) =>
      fetch(`${BASE}/console/cases/${number}/commands`, { method: 'POST', redirect: 'manual', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ csrf, commands }) });
    expect((await post(logisticsCase.number, 'status: closed')).status).toBe(403);
    expect((await post(techCase.number, 'status: in progress\nreply: We are looking at the login servers now.')).status).toBe(303);
    const moved = await waitFor('the case to move', async () => {
      const c = await CaseModel.findById(techCase._id).lean();
      return c?.status === 'in_progress' ? c : null;
    });
    expect(moved.appliedMessages?.some((k) => k.startsWith('console:'))).toBe(true);
    const mails = await waitForMail('alice', (ms) => ms.some((m) => /Update on your case/.test(m.parsed.subject ?? '')));
    expect(mails.find((m) => /Update on your case/.test(m.parsed.subject ?? ''))!.parsed.text).toContain('looking at the login servers');
    // The case page shows the mails in and out, and the due times.
    const after = await (await get(`/console/cases/${techCase.number}`, cookie)).text();
    expect(after).toContain('out (acknowledgement)');
    expect(after).toContain('out (routing)');
    expect(after).toContain('out (progress)');
    expect(after).toMatch(/Due \(acknowledge \/ first update \/ resolve\)<\/th><td colspan="3">\d{4}-/);
    // The timeline in words, the raw data behind a toggle; in Chinese when the console is.
    expect(after).toContain('Screening: category Technical problem (rules: crash');
    expect(after).toMatch(/Progress message to the customer: We are looking at the login servers now\.<\/td>/);
    expect(after).toMatch(/<details><summary>screening\.category<\/summary><code>\{&quot;category&quot;:&quot;technical&quot;/);
    const zh = await (await get(`/console/cases/${techCase.number}?lang=zh-Hant`, cookie)).text();
    expect(zh).toContain('篩選：類別為技術問題');
  });

  it('attachments download as files, only from a case the user may open', async () => {
    await deliver({ from: addr('erin'), to: addr(SUPPORT_USER), subject: 'Sync error log', text: 'The calendar sync fails with error code 77; the log is attached.', attachments: [{ filename: 'sync log.txt', content: 'E77 at 10:02' }] });
    const c = await waitFor('the case with the log', async () => CaseModel.findOne({ 'customer.email': addr('erin') }).lean().then((x) => (x?.routing?.sentAt ? x : null)));
    const { cookie } = await signIn('li.wei@example.test');
    const page = await (await get(`/console/cases/${c.number}`, cookie)).text();
    const href = /href="(\/console\/cases\/[^"]+\/attachments\/[^"]+)" download/.exec(page)![1]!;
    const res = await get(href, cookie);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="sync log.txt"/);
    expect(await res.text()).toBe('E77 at 10:02');
    // The same file through another case's address: not found.
    expect((await get(href.replace(c.number, techCase.number), cookie)).status).toBe(404);
  });

  it('saves a solution as an answer; a new case like it gets the answer in its acknowledgement (P-25)', async () => {
    const solved = await resolveCase(await complain('heidi', 'App crashes on upload', 'The app crashes when uploading photos from the gallery.'), 'Update the app to version 5.3, then clear its cache.');
    const { cookie } = await signIn('li.wei@example.test');
    const page = await (await get(`/console/cases/${solved.number}`, cookie)).text();
    expect(page).toContain('Save the solution as an answer');
    const csrf = /name="csrf" value="([^"]+)"/.exec(page)![1]!;
    const saved = await fetch(`${BASE}/console/cases/${solved.number}/faq`, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ csrf, title: 'App crashes when uploading photos', answer: 'Update the app to version 5.3, then clear its cache.', locale: 'en' }),
    });
    expect(saved.status).toBe(303);

    const like = await complain('ivan', 'Crash', 'Every time I try uploading photos the app crashes.');
    const unlike = await complain('mallory', 'Login error', 'I cannot log in, the app shows error code 1043.');
    const ack = (user: string, n: string) => waitForMail(user, (ms) => ms.some((m) => m.parsed.subject?.includes(n))).then((ms) => ms.find((m) => m.parsed.subject?.includes(n))!.parsed.text ?? '');
    expect(await ack('ivan', like.number)).toContain('Update the app to version 5.3, then clear its cache.');
    expect(await ack('mallory', unlike.number)).not.toContain('While you wait');
    const faq = await (await get('/console/faq', cookie)).text();
    expect(faq).toMatch(/App crashes when uploading photos<\/td>.*<td>1<\/td><td>0<\/td>/s);
  });
});
