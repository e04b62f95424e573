// Evidence travels with the mails, on the real servers: a customer's PNG arrives attached
// to the department's routing mail (a file over ATTACHMENTS_OUT_MAX_MB is linked to the
// case page instead), a department's PDF arrives attached to the customer's progress
// mail, and the intake API takes base64 attachments and an Idempotency-Key (a retried
// POST returns the same case).
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CaseModel } from '../../src/adapters/mongo/models/caseModel.js';
import { addr, clearMailbox, sendSmtp } from '../../scripts/lib/devMailbox.js';
import { about, caseNow, mailIn } from '../support/caseFlow.js';
import { SUPPORT_USER, startTestApp, testConfig, uniqueDbName, waitFor, type TestApp } from '../support/testApp.js';

const PORT = 3947;
const BASE = `http://127.0.0.1:${PORT}`;
const API_KEY = 'app-key-0123456789abcdef';
const MAILBOXES = ['tech', 'service', 'quality', 'logistics', 'product', 'supervisor', 'frank', 'grace'];
// A 1x1 PNG.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');

let t: TestApp;

beforeAll(async () => {
  await Promise.all(MAILBOXES.map((u) => clearMailbox(u)));
  t = await startTestApp(testConfig(uniqueDbName(), { HTTP_PORT: String(PORT), PUBLIC_URL: BASE, INTAKE_API_KEYS: `in-app=${API_KEY}`, ATTACHMENTS_OUT_MAX_MB: '1' }));
});

afterAll(async () => {
  await t?.stop();
});

describe('attachments out', () => {
  it("a customer's PNG reaches the department attached, a large file as a link; the department's PDF reaches the customer", async () => {
    const big = randomBytes(1_200_000);
    await sendSmtp({
      from: addr('frank'),
      to: addr(SUPPORT_USER),
      subject: 'App crashes on start',
      text: 'The app crashes on start with error code 500. Screenshot and a log attached.',
      attachments: [
        { filename: 'screenshot.png', content: PNG, contentType: 'image/png' },
        { filename: 'full.log', content: big, contentType: 'application/octet-stream' },
      ],
    });
    const c = await waitFor('the case to be routed', async () => {
      const x = await CaseModel.findOne({ 'customer.email': addr('frank') }).lean();
      return x?.routing?.sentAt ? x : null;
    }, 45_000);
    const routing = await mailIn(c.department!, c.number, /^\[/);
    const png = routing.parsed.attachments.find((a) => a.filename === 'screenshot.png');
    expect(png?.contentType).toBe('image/png');
    expect(png?.content.equals(PNG)).toBe(true);
    expect(routing.parsed.attachments.find((a) => a.filename === 'full.log')).toBeUndefined(); // over the 1 MB limit
    expect(routing.parsed.text).toContain('screenshot.png');
    expect(routing.parsed.text).toMatch(/full\.log \(1\.\d MB\), on the case page: http:\/\/127\.0\.0\.1:3947\/console\/cases\//);

    await sendSmtp({
      from: addr(c.department!),
      to: routing.parsed.replyTo!.value[0]!.address!,
      subject: `Re: ${routing.parsed.subject}`,
      text: 'reply: Please print the attached return label and send the phone to us.',
      attachments: [{ filename: 'return-label.pdf', content: PDF, contentType: 'application/pdf' }],
    });
    const progress = await mailIn('frank', c.number, /Update on your case/);
    expect(progress.parsed.text).toContain('return label');
    const pdf = progress.parsed.attachments.find((a) => a.filename === 'return-label.pdf');
    expect(pdf?.contentType).toBe('application/pdf');
    expect(pdf?.content.equals(PDF)).toBe(true);
  });

  it('the intake API takes base64 attachments, and a retried POST with the same Idempotency-Key returns the same case', async () => {
    const post = (key: string) =>
      fetch(`${BASE}/api/cases`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${API_KEY}`, 'idempotency-key': key },
        body: JSON.stringify({
          email: addr('grace'),
          name: 'Grace',
          subject: 'Login fails in the app',
          text: 'I cannot log in to the app, error code 1043 every time.',
          attachments: [{ filename: 'error.png', contentType: 'image/png', content: PNG.toString('base64') }],
        }),
      });
    const key = `retry-${randomBytes(6).toString('hex')}`;
    const first = await post(key);
    expect(first.status).toBe(201);
    const { caseNumber } = (await first.json()) as { caseNumber: string };
    const again = await post(key);
    expect(again.status).toBe(201);
    expect(((await again.json()) as { caseNumber: string }).caseNumber).toBe(caseNumber);
    expect(await CaseModel.countDocuments({ 'customer.email': addr('grace') })).toBe(1);

    const c = await waitFor('the API case to be routed', async () => {
      const x = await CaseModel.findOne({ number: caseNumber }).lean();
      return x?.routing?.sentAt ? x : null;
    }, 45_000);
    const routing = await mailIn(c.department!, caseNumber, /^\[/);
    expect(routing.parsed.attachments.find((a) => a.filename === 'error.png')?.content.equals(PNG)).toBe(true);
    expect((await caseNow(c._id))!.channel).toBe('in-app');

    const bad = await fetch(`${BASE}/api/cases`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${API_KEY}`, 'idempotency-key': 'short' },
      body: JSON.stringify({ email: addr('grace'), subject: 'x', text: 'y' }),
    });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: string }).error).toMatch(/Idempotency-Key/);
    expect(about(caseNumber)(routing)).toBe(true);
  });
});
