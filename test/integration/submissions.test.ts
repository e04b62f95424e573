// Form and API submissions never reach into an existing case: whatever case number the
// subject names, a submission opens a new case, and its acknowledgement quotes nothing
// of the typed subject (the address typed in may be anyone's). A survey link, even one
// signed with the right key, counts only for a case that was sent its survey.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addr, clearMailbox } from '../../scripts/lib/devMailbox.js';
import { signSurveyLink } from '../../src/domain/survey/surveyLink.js';
import { CaseModel } from '../../src/adapters/mongo/models/caseModel.js';
import { MessageModel } from '../../src/adapters/mongo/models/messageModel.js';
import { SurveyAnswerModel } from '../../src/adapters/mongo/models/lookupModels.js';
import { sleep, startTestApp, testConfig, uniqueDbName, type TestApp } from '../support/testApp.js';
import { complain, mailIn, type StoredCase } from '../support/caseFlow.js';

const PORT = 3943;
const BASE = `http://127.0.0.1:${PORT}`;
const API_KEY = 'hotline-key-0123456789abcdef';
const SURVEY_KEY = 'submissions-test-survey-key-0123456789';
const BAIT = 'please confirm your card number at evil.example';

let t: TestApp;
let alice: StoredCase;

beforeAll(async () => {
  await Promise.all(['alice'].map((u) => clearMailbox(u)));
  t = await startTestApp(testConfig(uniqueDbName(), { HTTP_PORT: String(PORT), PUBLIC_URL: BASE, SURVEY_SECRET: SURVEY_KEY, INTAKE_API_KEYS: `hotline=${API_KEY}` }));
  alice = await complain('alice', 'Login error 1043', 'I cannot log in, the app shows error code 1043 since yesterday.');
});

afterAll(async () => {
  await t?.stop();
});

const messagesOf = (c: StoredCase) => MessageModel.countDocuments({ caseId: c._id });

describe('form and API submissions', () => {
  it('the form opens a new case even when its subject names another customer’s case, and its acknowledgement quotes none of the subject', async () => {
    const before = await messagesOf(alice);
    const page = await (await fetch(`${BASE}/feedback`)).text();
    const token = /name="formToken" value="([^"]+)"/.exec(page)![1]!;
    await sleep(2100);
    const body = new FormData();
    for (const [k, v] of Object.entries({ formToken: token, name: 'Mallory', email: addr('alice'), subject: `Re: [${alice.number}] ${BAIT}`, message: 'Written into alice’s case by a stranger.' })) body.set(k, v);
    const res = await fetch(`${BASE}/feedback`, { method: 'POST', body });
    expect(res.status).toBe(201);
    const number = /(CS-\d{4}-\d{6})/.exec(await res.text())![1]!;
    expect(number).not.toBe(alice.number);
    expect(await messagesOf(alice)).toBe(before);
    const ack = await mailIn('alice', number, /received/);
    expect(`${ack.parsed.subject}\n${ack.parsed.text}\n${ack.parsed.html || ''}`).not.toContain('card number');
  });

  it('the API opens a new case whatever case number its subject names', async () => {
    const before = await messagesOf(alice);
    const res = await fetch(`${BASE}/api/cases`, { method: 'POST', headers: { authorization: `Bearer ${API_KEY}`, 'content-type': 'application/json' }, body: JSON.stringify({ email: addr('alice'), subject: `Re: [${alice.number}] more`, text: 'Via the hotline.' }) });
    expect(res.status).toBe(201);
    const { caseNumber } = (await res.json()) as { caseNumber: string };
    expect(caseNumber).not.toBe(alice.number);
    expect(await messagesOf(alice)).toBe(before);
    expect(await CaseModel.countDocuments({ number: caseNumber })).toBe(1);
  });
});

describe('survey answers', () => {
  it('refuses a well-signed link of a case that was never sent its survey', async () => {
    const token = signSurveyLink({ caseNumber: alice.number, score: 1, expiresAt: new Date(Date.now() + 86400_000) }, SURVEY_KEY);
    expect((await fetch(`${BASE}/s/${token}`)).status).toBe(400);
    const confirm = await fetch(`${BASE}/s`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ token, nonce: 'x.y', score: '1' }) });
    expect(confirm.status).toBe(400);
    expect(await SurveyAnswerModel.countDocuments({ caseId: alice._id })).toBe(0);
  });
});
