// The public pages in a real browser: headless Debian Chromium, driven by
// playwright-core, clicks the survey link from the customer's mail, picks a score,
// writes a comment and confirms; then fills in the feedback form on a phone-sized
// screen with an attachment. No script runs on either page. Screenshots are kept in
// test-results/screenshots/.
import { mkdirSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CaseModel } from '../../src/adapters/mongo/models/caseModel.js';
import { addr, clearMailbox, readMailbox, type ReadMail } from '../../scripts/lib/devMailbox.js';
import { startTestApp, testConfig, uniqueDbName, waitFor, type TestApp } from '../support/testApp.js';
import { about, caseNow, complain, mailIn, promoteUntil, resolveCase, surveyLinks } from '../support/caseFlow.js';

const PORT = 3932;
const BASE = `http://127.0.0.1:${PORT}`;
const SHOTS = 'test-results/screenshots';
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

let t: TestApp;
let browser: Browser;
let offsetMs = 0;
const now = () => new Date(Date.now() + offsetMs);

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  await Promise.all(['tech', 'heidi', 'judy'].map((u) => clearMailbox(u)));
  t = await startTestApp(testConfig(uniqueDbName(), { HTTP_PORT: String(PORT), PUBLIC_URL: BASE }), { now });
  // Run as root in CI: Chromium's sandbox needs an unprivileged user.
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox'] });
});

afterAll(async () => {
  await browser?.close();
  await t?.stop();
});

describe('public pages in Chromium', () => {
  it('a customer clicks the survey link in the mail, picks 4, writes a comment and confirms', async () => {
    const c = await complain('heidi', 'Sync broken', 'The calendar sync fails with error code 77 since this morning.');
    const resolved = await resolveCase(c, 'We fixed the sync service.');
    offsetMs = resolved.resolvedAt!.getTime() - Date.now() + 3600_000 + 60_000;
    let survey: ReadMail | undefined;
    await promoteUntil(t, async () => {
      survey = (await readMailbox('heidi')).find((m) => about(c.number)(m) && /How did we do/.test(m.parsed.subject ?? ''));
      return !!survey;
    });

    const page = await browser.newPage({ javaScriptEnabled: false });
    await page.goto(surveyLinks(survey!).get(3)!);
    expect(await page.getByRole('radio', { name: '3' }).isChecked()).toBe(true);
    await page.screenshot({ path: `${SHOTS}/survey-page.png`, fullPage: true });
    await page.locator('label:has(input[value="4"])').click();
    await page.getByLabel('Comment (optional)').fill('Fixed quickly, but the first answer took a while.');
    await page.getByRole('button', { name: 'Confirm' }).click();
    await page.getByRole('heading', { name: 'Thank you' }).waitFor({ state: 'visible', timeout: 10_000 });
    await page.screenshot({ path: `${SHOTS}/survey-recorded.png`, fullPage: true });
    const closed = await waitFor('the case to close', async () => ((await caseNow(c._id))!.status === 'closed' ? caseNow(c._id) : null));
    expect(closed!.survey).toMatchObject({ score: 4, comment: 'Fixed quickly, but the first answer took a while.' });
    await page.close();
  });

  it('a customer sends the feedback form from a phone, with a screenshot attached, and gets the acknowledgement', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, javaScriptEnabled: false, locale: 'zh-TW' });
    const page = await context.newPage();
    await page.goto(`${BASE}/feedback`);
    await page.getByRole('heading', { name: '意見回饋' }).waitFor({ state: 'visible', timeout: 10_000 });
    await page.getByLabel('您的姓名（選填）').fill('林小姐');
    await page.getByLabel('您的電子郵件地址').fill(addr('judy'));
    await page.getByLabel('主旨').fill('耳機充不了電');
    await page.getByLabel('內容').fill('買了兩週的耳機，左耳已經充不了電，品質太差了。');
    await page.getByLabel('附件（選填）').setInputFiles({ name: 'photo.png', mimeType: 'image/png', buffer: Buffer.from('fake image bytes') });
    await page.screenshot({ path: `${SHOTS}/feedback-form-phone.png`, fullPage: true });
    await page.waitForTimeout(2100); // the form refuses posts faster than a person types
    await page.getByRole('button', { name: '送出' }).click();
    await page.getByRole('heading', { name: '謝謝，我們已收到您的意見' }).waitFor({ state: 'visible', timeout: 10_000 });
    await page.screenshot({ path: `${SHOTS}/feedback-sent-phone.png`, fullPage: true });
    const caseNumber = /(CS-\d{4}-\d{6})/.exec(await page.content())![1]!;
    await mailIn('judy', caseNumber, /我們已收到您的來信/);
    expect((await CaseModel.findOne({ number: caseNumber }).lean())!.channel).toBe('web-form');
    await context.close();
  });
});
