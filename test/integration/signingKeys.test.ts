// No known signing key: started with no key configured, the app signs with keys it
// generated for this install, so a reply address, survey link or form token made with the
// public development keys of old is refused; a rotated-out key still verifies for its
// grace period and no longer after it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addr, clearMailbox, sendSmtp } from '../../scripts/lib/devMailbox.js';
import { replyAddress } from '../../src/domain/route/replyToken.js';
import { signSurveyLink } from '../../src/domain/survey/surveyLink.js';
import { issueFormToken } from '../../src/domain/intake/formToken.js';
import { verifyingKeys } from '../../src/domain/keys/keyRing.js';
import { loadKeyRing, SigningKeyModel } from '../../src/adapters/mongo/signingKeys.js';
import { MessageModel } from '../../src/adapters/mongo/models/messageModel.js';
import { CaseModel } from '../../src/adapters/mongo/models/caseModel.js';
import { QuarantineModel } from '../../src/adapters/mongo/models/quarantineModel.js';
import { SUPPORT_USER, startTestApp, testConfig, uniqueDbName, waitFor, type TestApp } from '../support/testApp.js';
import { caseNow, complain, mailIn, type StoredCase } from '../support/caseFlow.js';

const PORT = 3942;
const BASE = `http://127.0.0.1:${PORT}`;
// The keys every install used when none was configured.
const OLD_REPLY_KEY = 'development-reply-token-secret';
const OLD_SURVEY_KEY = 'development-survey-secret';

let t: TestApp;
let c: StoredCase;

beforeAll(async () => {
  await Promise.all(['tech', 'alice', 'mallory'].map((u) => clearMailbox(u)));
  t = await startTestApp(testConfig(uniqueDbName(), { HTTP_PORT: String(PORT), PUBLIC_URL: BASE }));
  c = await complain('alice', 'Login error 1043', 'I cannot log in, the app shows error code 1043 since yesterday.');
});

afterAll(async () => {
  await t?.stop();
});

describe('keys no one else has', () => {
  it('generates each key on first start, keeps it, and signs the routing mail with it', async () => {
    const stored = await SigningKeyModel.findById('generated:reply-token').lean();
    expect(stored?.key).toMatch(/^[0-9a-f]{64}$/);
    const again = await loadKeyRing({ name: 'reply-token', graceDays: 30 }, new Date());
    expect(again.current).toBe(stored!.key);
    const routing = await mailIn('tech', c.number, /^\[/);
    expect(routing.parsed.replyTo!.value[0]!.address).toBe(replyAddress(addr(SUPPORT_USER), c.number, stored!.key!));
    for (const name of ['survey', 'form']) expect((await SigningKeyModel.findById(`generated:${name}`).lean())?.key).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuses a reply address computed with the old public key: the case stays as it was', async () => {
    const forged = replyAddress(addr(SUPPORT_USER), c.number, OLD_REPLY_KEY);
    await sendSmtp({ from: addr('tech'), to: forged, subject: `Re: [${c.number}]`, text: 'status: in progress\nreply: please confirm your card number' });
    const held = await waitFor('the forged reply in the quarantine', () => QuarantineModel.findOne({ from: addr('tech'), reason: 'bad-reply-token' }).lean(), 30_000);
    expect(held.detail).toContain('not a reply address this system made');
    expect((await caseNow(c._id))!.status).toBe(c.status);
    expect(JSON.stringify(await MessageModel.find({ caseId: c._id }).lean())).not.toContain('card number');
  });

  it('refuses a survey link signed with the old public key', async () => {
    const token = signSurveyLink({ caseNumber: c.number, score: 4, expiresAt: new Date(Date.now() + 86400_000) }, OLD_SURVEY_KEY);
    const res = await fetch(`${BASE}/s/${token}`);
    expect(res.status).toBe(400);
    const confirm = await fetch(`${BASE}/s`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ token, nonce: 'x.y', score: '4' }) });
    expect(confirm.status).toBe(400);
  });

  it('refuses a form token signed with the old public key', async () => {
    const body = new FormData();
    const fields = { formToken: issueFormToken(new Date(Date.now() - 60_000), OLD_SURVEY_KEY), name: 'M', email: addr('mallory'), subject: 'Hello', message: 'A forged form token.' };
    for (const [k, v] of Object.entries(fields)) body.set(k, v);
    const res = await fetch(`${BASE}/feedback`, { method: 'POST', body });
    expect(res.status).toBe(400);
    expect(await CaseModel.countDocuments({ 'customer.email': addr('mallory') })).toBe(0);
  });
});

describe('key rotation', () => {
  const oldKey = 'the-key-we-rotated-out-0123456789';
  const newKey = 'the-key-we-use-from-now-on-0123456789';

  it('accepts the previous key for the grace period, counted from the first start that saw it', async () => {
    const start = new Date('2026-03-01T00:00:00Z');
    const ring = await loadKeyRing({ name: 'rotation-test', configured: newKey, previous: oldKey, graceDays: 30 }, start);
    expect(verifyingKeys(ring, start)).toEqual([newKey, oldKey]);
    // A later restart keeps the first start's date: the grace period does not begin again.
    const restarted = await loadKeyRing({ name: 'rotation-test', configured: newKey, previous: oldKey, graceDays: 30 }, new Date('2026-03-20T00:00:00Z'));
    expect(verifyingKeys(restarted, new Date('2026-03-30T23:00:00Z'))).toEqual([newKey, oldKey]);
    expect(verifyingKeys(restarted, new Date('2026-03-31T01:00:00Z'))).toEqual([newKey]);
  });

  it('keeps the generated key verifying for the grace period once a key is configured', async () => {
    const generated = await loadKeyRing({ name: 'generated-then-set', graceDays: 7 }, new Date());
    const ring = await loadKeyRing({ name: 'generated-then-set', configured: newKey, graceDays: 7 }, new Date());
    expect(ring.current).toBe(newKey);
    expect(verifyingKeys(ring, new Date())).toEqual([newKey, generated.current]);
    expect(verifyingKeys(ring, new Date(Date.now() + 8 * 86400_000))).toEqual([newKey]);
  });
});
