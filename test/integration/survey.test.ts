// Closing the loop on the real servers: a resolved case sends one survey; a
// confirmed 5 closes it; a 1 re-opens it and tells the department; a reply "2" counts;
// forged, expired and replayed links record nothing, nor does a scanner's GET; the
// follow-up goes out once after 7 days and a "no" re-opens; the feedback form and the
// intake API each make a case whose acknowledgement arrives by mail.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SurveyAnswerModel } from '../../src/adapters/mongo/models/lookupModels.js';
import { CaseModel } from '../../src/adapters/mongo/models/caseModel.js';
import { MessageModel } from '../../src/adapters/mongo/models/messageModel.js';
import { signSurveyLink } from '../../src/domain/survey/surveyLink.js';
import { addr, clearMailbox, readMailbox, sendSmtp, waitForMail, type ReadMail } from '../../scripts/lib/devMailbox.js';
import { sleep, startTestApp, testConfig, uniqueDbName, waitFor, type TestApp } from '../support/testApp.js';
import { about, caseNow, complain, mailIn, promoteUntil, resolveCase, surveyLinks, type StoredCase } from '../support/caseFlow.js';

const PORT = 3931;
const BASE = `http://127.0.0.1:${PORT}`;
const API_KEY = 'hotline-key-0123456789abcdef';
const SECRET = 'survey-test-secret-0123456789';
const MAILBOXES = ['tech', 'service', 'quality', 'logistics', 'product', 'supervisor', 'alice', 'bob', 'carol', 'dave', 'erin', 'frank', 'grace'];

let t: TestApp;
let offsetMs = 0;
const now = () => new Date(Date.now() + offsetMs);

beforeAll(async () => {
  await Promise.all(MAILBOXES.map((u) => clearMailbox(u)));
  t = await startTestApp(testConfig(uniqueDbName(), { HTTP_PORT: String(PORT), PUBLIC_URL: BASE, SURVEY_SECRET: SECRET, INTAKE_API_KEYS: `hotline=${API_KEY}` }), { now });
});

afterAll(async () => {
  await t?.stop();
});

/** Resolves the case and moves the clock past the survey's delay: the survey mail. */
async function surveyFor(customer: string, c: StoredCase): Promise<ReadMail> {
  const resolved = await resolveCase(c, 'We fixed it in version 5.2.1.');
  offsetMs = Math.max(offsetMs, resolved.resolvedAt!.getTime() - Date.now() + 3600_000 + 60_000);
  let mail: ReadMail | undefined;
  await promoteUntil(t, async () => {
    mail = (await readMailbox(customer)).find((m) => about(c.number)(m) && /How did we do|評分|评分/.test(m.parsed.subject ?? ''));
    return !!mail;
  });
  return mail!;
}

/** Opens a survey link as a browser would: the page, and the form's hidden fields. */
async function open(link: string): Promise<{ status: number; html: string; token: string; nonce: string }> {
  const res = await fetch(link);
  const html = await res.text();
  return { status: res.status, html, token: /name="token" value="([^"]+)"/.exec(html)?.[1] ?? '', nonce: /name="nonce" value="([^"]+)"/.exec(html)?.[1] ?? '' };
}

async function confirm(form: { token: string; nonce: string }, score: number, comment = ''): Promise<{ status: number; html: string }> {
  const res = await fetch(`${BASE}/s`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ token: form.token, nonce: form.nonce, score: String(score), comment }) });
  return { status: res.status, html: await res.text() };
}

describe('satisfaction survey and re-open', () => {
  it('sends one survey; a scanner GET records nothing; a confirmed 5 closes the case; replayed, forged and expired links record nothing', async () => {
    const c = await complain('alice', 'Login error 1043', 'I cannot log in, the app shows error code 1043 since yesterday.');
    const survey = await surveyFor('alice', c);
    expect(survey.parsed.headers.get('auto-submitted')).toBe('auto-generated');
    const links = surveyLinks(survey);
    expect([...links.keys()].sort()).toEqual([0, 1, 2, 3, 4, 5]);

    // A mail scanner opens every link: nothing is recorded.
    for (const link of links.values()) expect((await open(link)).status).toBe(200);
    expect(await SurveyAnswerModel.countDocuments({ caseId: c._id })).toBe(0);
    expect((await caseNow(c._id))!.status).toBe('resolved');

    const page = await open(links.get(5)!);
    expect(page.html).toContain('value="5" checked');
    const done = await confirm(page, 5, 'Quick and friendly, thank you!');
    expect(done.status).toBe(200);
    expect(done.html).toContain('Your answer is recorded.');
    const closed = await waitFor('the case to close', async () => ((await caseNow(c._id))!.status === 'closed' ? caseNow(c._id) : null));
    expect(closed!.survey).toMatchObject({ score: 5, comment: 'Quick and friendly, thank you!', source: 'link' });

    // The same form again: a replay.
    const replay = await confirm(page, 1);
    expect(replay.status).toBe(409);
    // A forged link (another score in the signed body), and an expired one.
    const [body, mac] = links.get(1)!.split('/s/')[1]!.split('.');
    const forgedBody = Buffer.from(Buffer.from(body!, 'base64url').toString().replace(/\.1\./, '.4.')).toString('base64url');
    const forged = await open(`${BASE}/s/${forgedBody}.${mac}`);
    expect(forged.status).toBe(400);
    expect(forged.html).toContain('This link is not valid');
    const expired = await open(`${BASE}/s/${signSurveyLink({ caseNumber: c.number, score: 2, expiresAt: new Date(now().getTime() - 1000) }, SECRET)}`);
    expect(expired.status).toBe(410);
    // A link of the closed case still opens, but only says so.
    expect((await open(links.get(2)!)).html).toContain('This case is closed');
    expect(await SurveyAnswerModel.countDocuments({ caseId: c._id })).toBe(1);
    expect((await caseNow(c._id))!.status).toBe('closed');

    await t.app.queues.cases.promoteJobs();
    await sleep(1500);
    expect((await readMailbox('alice')).filter((m) => about(c.number)(m) && /How did we do/.test(m.parsed.subject ?? ''))).toHaveLength(1);
  });

  it('mail on a closed case re-opens it within the re-open window; after it, a new case continues the old one', async () => {
    const c = await complain('erin', 'Router drops wifi', 'The router drops the wifi connection every evening since the update.');
    const survey = await surveyFor('erin', c);
    await confirm(await open(surveyLinks(survey).get(4)!), 4);
    const closed = await waitFor('the case to close', async () => ((await caseNow(c._id))!.status === 'closed' ? caseNow(c._id) : null));
    const write = (text: string) => sendSmtp({ from: addr('erin'), to: survey.parsed.from!.value[0]!.address!, subject: `Re: ${survey.parsed.subject}`, text, inReplyTo: survey.parsed.messageId });

    await write('It dropped again tonight, twice.');
    await waitFor('the case to re-open', async () => (await caseNow(c._id))!.status === 'reopened');
    const told = await mailIn(c.department!, c.number, /The customer wrote/);
    expect(told.parsed.text).toContain('It dropped again tonight');

    // Long after the window (the first case is closed again meanwhile): a new, linked case.
    await CaseModel.updateOne({ _id: c._id }, { $set: { status: 'closed', closedAt: closed!.closedAt } });
    offsetMs += 31 * 86400_000;
    await write('Months later: the wifi drops again.');
    const next = await waitFor('a new case', () => CaseModel.findOne({ linkedCase: c.number }).lean());
    expect(next.number).not.toBe(c.number);
    expect((await caseNow(c._id))!.status).toBe('closed');
  });

  it('a confirmed 1 re-opens the case, restarts its clock, and tells the department and the supervisor', async () => {
    const c = await complain('bob', 'Earbuds broke', 'The earbuds stopped working after two weeks. Poor build quality, the left one no longer charges.');
    const survey = await surveyFor('bob', c);
    const page = await open(surveyLinks(survey).get(1)!);
    const done = await confirm(page, 1, 'Still broken, this is useless and I am angry.');
    expect(done.html).toContain('open again');
    const reopened = await waitFor('the case to re-open', async () => ((await caseNow(c._id))!.status === 'reopened' ? caseNow(c._id) : null));
    expect(reopened!.reopenCount).toBe(1);
    expect(reopened!.sla!.expectedBy!.getTime()).toBeGreaterThan(now().getTime());
    const told = await mailIn(c.department!, c.number, /re-opened/);
    expect(told.parsed.text).toContain('Still broken');
    await mailIn('supervisor', c.number, /re-opened/);
    // The negative comment asks customer service to follow up.
    await waitForMail('service', (ms) => ms.some((m) => /Follow up with the customer of/.test(m.parsed.subject ?? '') && (m.parsed.subject ?? '').includes(c.number)));
  });

  it('a reply "2" to the survey counts as the score and re-opens the case', async () => {
    const c = await complain('carol', 'Parcel late', 'I ordered ten days ago and have not received the package; the tracking number never updates.');
    const survey = await surveyFor('carol', c);
    await sendSmtp({ from: addr('carol'), to: survey.parsed.from!.value[0]!.address!, subject: `Re: ${survey.parsed.subject}`, text: '2\n\nThe parcel came but the box was damaged.', inReplyTo: survey.parsed.messageId });
    const x = await waitFor('the reply to count', async () => ((await caseNow(c._id))!.status === 'reopened' ? caseNow(c._id) : null));
    expect(x!.survey).toMatchObject({ score: 2, source: 'reply' });
    await mailIn(c.department!, c.number, /re-opened/);
  });

  it('without an answer, one follow-up after 7 days; a "no" to it re-opens the case', async () => {
    const c = await complain('dave', '同步失敗', '日曆同步一直失敗，錯誤代碼 77，從今天早上開始。');
    const survey = await surveyFor('dave', c);
    expect(survey.parsed.subject).toContain('評分');
    const follow = () => readMailbox('dave').then((ms) => ms.filter((m) => about(c.number)(m) && /問題是否仍已解決/.test(m.parsed.subject ?? '')));
    offsetMs += 3 * 86400_000; // 3 days: not yet
    await t.app.queues.cases.promoteJobs();
    await sleep(1500);
    expect(await follow()).toHaveLength(0);
    offsetMs = Math.max(offsetMs, c.routing!.sentAt!.getTime() - Date.now() + 7 * 86400_000 + 3 * 3600_000);
    await promoteUntil(t, async () => (await follow()).length > 0);
    await t.app.queues.cases.promoteJobs();
    await sleep(1500);
    const [mail] = await follow();
    expect(await follow()).toHaveLength(1);
    expect((await caseNow(c._id))!.survey!.followUpSentAt).toBeTruthy();
    await sendSmtp({ from: addr('dave'), to: mail!.parsed.from!.value[0]!.address!, subject: `Re: ${mail!.parsed.subject}`, text: '否，還是沒解決', inReplyTo: mail!.parsed.messageId });
    await waitFor('the "no" to re-open the case', async () => (await caseNow(c._id))!.status === 'reopened');
  });
});

describe('other channels', () => {
  it('the intake API makes a case with the channel recorded, and its acknowledgement arrives by mail', async () => {
    const refused = await fetch(`${BASE}/api/cases`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Bearer wrong' }, body: '{}' });
    expect(refused.status).toBe(401);
    const bad = await fetch(`${BASE}/api/cases`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${API_KEY}` }, body: JSON.stringify({ email: 'nope' }) });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { problems: string[] }).problems.join(' ')).toContain('email: must be an email address');

    const res = await fetch(`${BASE}/api/cases`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${API_KEY}` },
      body: JSON.stringify({ email: addr('frank'), name: 'Frank', subject: 'Hotline call: router keeps rebooting', text: 'Caller says the router reboots every hour since the firmware update.' }),
    });
    expect(res.status).toBe(201);
    const { caseNumber, channel } = (await res.json()) as { caseNumber: string; channel: string };
    expect(channel).toBe('hotline');
    await mailIn('frank', caseNumber, /We have received your message/);
  });

  it('the feedback form makes a case (with its attachment) and refuses bots', async () => {
    const form = await (await fetch(`${BASE}/feedback?lang=zh-Hant`)).text();
    expect(form).toContain('<label for="email">');
    const token = /name="formToken" value="([^"]+)"/.exec(form)![1]!;
    const post = (fields: Record<string, string>, file = true) => {
      const body = new FormData();
      for (const [k, v] of Object.entries({ formToken: token, ...fields })) body.set(k, v);
      if (file) body.set('attachments', new Blob([Buffer.from('screenshot bytes')], { type: 'image/png' }), 'screen.png');
      return fetch(`${BASE}/feedback?lang=zh-Hant`, { method: 'POST', body });
    };
    const fields = { name: '王小明', email: addr('grace'), subject: '網站無法結帳', message: '網站結帳時一直顯示錯誤，無法付款。' };
    expect((await post(fields)).status).toBe(400); // too fast for a person
    await sleep(2100);
    expect((await post({ ...fields, website: 'http://spam.example' })).status).toBe(200); // the hidden field: a bot
    const res = await post(fields);
    expect(res.status).toBe(201);
    const caseNumber = /(CS-\d{4}-\d{6})/.exec(await res.text())![1]!;
    const ack = await mailIn('grace', caseNumber, /我們已收到您的來信/);
    expect(ack.parsed.text).toContain(caseNumber);
    const stored = (await CaseModel.findOne({ number: caseNumber }).lean())!;
    expect(stored.channel).toBe('web-form');
    expect((await MessageModel.findById(stored._id).lean())!.attachments).toMatchObject([{ filename: 'screen.png' }]);
    expect(await CaseModel.countDocuments({ 'customer.email': addr('grace') })).toBe(1); // the bot's post made none
  });
});
