// The console in a real browser: an admin signs in, edits the acknowledgement
// template, sees the preview follow the typing (and a broken edit's line), saves it (the next real acknowledgement uses it),
// saves a broken version (the error names the line; the last good version stays in
// use), rolls back to the default; and a case whose mail holds <script>, onerror= and
// javascript: links opens without any of it running. Screenshots in test-results/screenshots/.
import { mkdirSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../src/adapters/http/console/accounts.js';
import { CaseModel } from '../../src/adapters/mongo/models/caseModel.js';
import { addr, clearMailbox, deliver, waitForMail } from '../../scripts/lib/devMailbox.js';
import { SUPPORT_USER, startTestApp, testConfig, uniqueDbName, waitFor, type TestApp } from '../support/testApp.js';
import { MongoAccountStore } from '../../src/adapters/mongo/consoleStores.js';

const PORT = 3934;
const BASE = `http://127.0.0.1:${PORT}`;
const SHOTS = 'test-results/screenshots';
const PASSWORD = 'correct horse battery staple';
const PHRASE = 'We read every message within one business day.';

let t: TestApp;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  await Promise.all(['frank', 'grace', 'heidi', 'ivan', 'tech'].map((u) => clearMailbox(u)));
  t = await startTestApp(testConfig(uniqueDbName(), { HTTP_PORT: String(PORT), PUBLIC_URL: BASE }));
  await createUser({ email: 'admin@example.test', name: 'Admin', role: 'admin', departments: [], password: PASSWORD }, new MongoAccountStore());
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', headless: true, args: ['--no-sandbox'] });
  page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' });
  await page.goto(`${BASE}/console/login`);
  await page.getByLabel('Email').fill('admin@example.test');
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Cases' }).waitFor();
});

afterAll(async () => {
  await browser?.close();
  await t?.stop();
});

/** A complaint, and the acknowledgement text the customer receives. */
async function ackText(customer: string): Promise<string> {
  const messageId = await deliver({ from: addr(customer), to: addr(SUPPORT_USER), subject: 'Login error', text: 'I cannot log in, the app shows error code 1043.' });
  const mails = await waitForMail(customer, (ms) => ms.some((m) => m.parsed.inReplyTo === messageId), 30_000);
  return mails.find((m) => m.parsed.inReplyTo === messageId)!.parsed.text ?? '';
}

describe('the template editor and the case page in Chromium', () => {
  it('edits the acknowledgement with a live preview, keeps the last good version when a broken one is saved, and rolls back', async () => {
    await page.goto(`${BASE}/console/admin/templates/acknowledgement/en`);
    const text = page.getByLabel('Text', { exact: true });
    const original = await text.inputValue();
    expect(await page.locator('#preview-text').textContent()).not.toContain(PHRASE);
    // The preview follows the typing, no button pressed; a broken edit shows its line.
    await text.fill(`{{#if customerName}}\n${original}`);
    await expect.poll(() => page.locator('#preview-error').textContent(), { timeout: 5000 }).toMatch(/acknowledgement\/en\.text.*line \d+/);
    await text.fill(`${PHRASE}\n\n${original}`);
    await expect.poll(() => page.locator('#preview-text').textContent(), { timeout: 5000 }).toContain(PHRASE);
    expect(await page.locator('#preview-error').isHidden()).toBe(true);
    await page.frameLocator('#preview-html').getByText('Dear Wang Xiaoming,').waitFor({ timeout: 5000 });
    await page.screenshot({ path: `${SHOTS}/template-preview.png`, fullPage: true });
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Saved as v1; it is in use now.').waitFor();
    expect(await ackText('frank')).toContain(PHRASE);

    // Broken: an unclosed block on line 3. Refused with the line; v1 stays in use.
    await page.getByLabel('Text', { exact: true }).fill(`${PHRASE}\n\n{{#if customerName}}Dear {{customerName}}\n${original}`);
    await page.getByRole('button', { name: 'Save' }).click();
    const error = await page.locator('#template-error').textContent();
    expect(error).toMatch(/Not saved: template acknowledgement\/en\.text.*line/);
    await page.screenshot({ path: `${SHOTS}/template-broken.png`, fullPage: true });
    // An unknown variable is refused with its line and column.
    await page.getByLabel('Text', { exact: true }).fill(`Hello {{customerNmae}}\n${original}`);
    await page.getByRole('button', { name: 'Save' }).click();
    expect(await page.locator('#template-error').textContent()).toMatch(/acknowledgement\/en\.text:1:\d+: "customerNmae" not defined/);
    expect(await ackText('grace')).toContain(PHRASE);

    // History, diff and rollback to the default file.
    await page.goto(`${BASE}/console/admin/templates/acknowledgement/en`);
    await page.getByRole('link', { name: 'diff with v0' }).click();
    expect(await page.locator('pre.mail').textContent()).toContain(`+${PHRASE}`);
    await page.goBack();
    await page.getByRole('button', { name: 'Use the default' }).click();
    await page.getByText('The default file is in use again.').waitFor();
    expect(await ackText('heidi')).not.toContain(PHRASE);
  });

  it('opens a case whose mail holds <script>, onerror= and javascript: links without running any of it', async () => {
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await deliver({
      from: addr('ivan'),
      to: addr(SUPPORT_USER),
      subject: 'App error <script>alert("subject")</script>',
      html: '<p>The app shows error code 5.</p><script>alert("script")</script><img src="x" onerror="alert(\'onerror\')"><a href="javascript:alert(\'link\')">click me</a>',
    });
    const c = await waitFor('the case', () => CaseModel.findOne({ 'customer.email': addr('ivan') }).lean());
    await page.goto(`${BASE}/console/cases/${c.number}`);
    await page.getByRole('heading', { name: /App error/ }).waitFor();
    const frame = page.frameLocator('iframe.mail');
    await frame.getByText('The app shows error code 5.').waitFor();
    await frame.getByText('click me').click().catch(() => undefined);
    await page.waitForTimeout(500);
    expect(dialogs).toEqual([]);
    await page.screenshot({ path: `${SHOTS}/case-hostile-mail.png`, fullPage: true });
  });

  it('shows the board and the admin pages in Chinese on a phone-sized screen', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${BASE}/console?lang=zh-Hant`);
    await page.getByRole('heading', { name: '案件', exact: true }).waitFor();
    await page.getByRole('button', { name: '篩選' }).waitFor();
    await page.screenshot({ path: `${SHOTS}/board-zh-phone.png`, fullPage: true });
    // The language stays chosen from page to page.
    await page.getByRole('link', { name: '範本' }).click();
    await page.getByRole('heading', { name: '回覆範本' }).waitFor();
    await page.getByRole('link', { name: 'zh-Hant' }).first().click();
    await page.getByLabel('主旨').waitFor();
    await page.getByRole('button', { name: '儲存' }).waitFor();
    await page.getByRole('heading', { name: '預覽（範例案件）' }).waitFor();
    await page.screenshot({ path: `${SHOTS}/template-zh-phone.png`, fullPage: true });
    await page.goto(`${BASE}/console/admin/rules`);
    await page.getByRole('heading', { name: '稽核紀錄' }).waitFor();
    await page.goto(`${BASE}/console/admin/queues`);
    await page.getByRole('heading', { name: '失敗的工作' }).waitFor();
    await page.goto(`${BASE}/console?lang=zh-Hans`);
    await page.getByRole('link', { name: '模板' }).waitFor();
    await page.goto(`${BASE}/console?lang=en`);
    await page.setViewportSize({ width: 1280, height: 900 });
  });
});
