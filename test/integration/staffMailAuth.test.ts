// Staff mail proves its origin: with STAFF_MAIL_AUTH=require a department's reply changes
// the case only when a DKIM signature aligned with its From domain verifies against the
// key in DNS (answered here by a resolver the test injects, from a key the test makes);
// a From-only mail, one signed with another key and one signed by another domain are
// quarantined, the case stays as it was, and the address they used is told. A department
// on trust-receiver goes by our receiving server's Authentication-Results.
import { generateKeyPairSync } from 'node:crypto';
import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import { dkimSign, type DKIMSignOptions } from 'mailauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addr, clearMailbox, deliverRaw, waitForMail, type ReadMail } from '../../scripts/lib/devMailbox.js';
import { QuarantineModel } from '../../src/adapters/mongo/models/quarantineModel.js';
import { SUPPORT_USER, startTestApp, testConfig, uniqueDbName, waitFor, type TestApp } from '../support/testApp.js';
import { caseNow, complain, mailIn, type StoredCase } from '../support/caseFlow.js';

const RECEIVER = 'mx.example.test';

function dkimKey() {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), txt: `v=DKIM1; k=rsa; p=${publicKey.export({ type: 'spki', format: 'der' }).toString('base64')}` };
}
const ours = dkimKey();
const stranger = dkimKey();
const evil = dkimKey();
const TXT: Record<string, string> = { 'sel._domainkey.example.test': ours.txt, 'sel._domainkey.evil.test': evil.txt };

/** DNS as the test knows it: the DKIM keys above and nothing else, never the network. */
async function resolver(name: string, rrtype: string): Promise<string[][]> {
  const txt = rrtype === 'TXT' ? TXT[name.toLowerCase()] : undefined;
  if (!txt) throw Object.assign(new Error(`queryTxt ENOTFOUND ${name}`), { code: 'ENOTFOUND' });
  return [[txt]];
}

let t: TestApp;
let techCase: StoredCase;
let logisticsCase: StoredCase;
/** Each case's routing mail, read before any notice about the case arrives in the same mailbox. */
const routingMails = new Map<string, ReadMail>();

beforeAll(async () => {
  await Promise.all(['tech', 'logistics', 'alice', 'bob'].map((u) => clearMailbox(u)));
  const env = { STAFF_MAIL_AUTH: 'require', STAFF_MAIL_AUTH_BY_DEPARTMENT: 'logistics=trust-receiver', STAFF_MAIL_TRUSTED_RECEIVER: RECEIVER };
  t = await startTestApp(testConfig(uniqueDbName(), env), { dnsResolver: resolver });
  [techCase, logisticsCase] = await Promise.all([
    complain('alice', 'Login error 1043', 'I cannot log in, the app shows error code 1043 since yesterday.'),
    complain('bob', 'Parcel late', 'I ordered ten days ago and have not received the package; the tracking number never updates.'),
  ]);
  for (const c of [techCase, logisticsCase]) routingMails.set(c.number, await mailIn(c.department!, c.number, /^\[/));
});

afterAll(async () => {
  await t?.stop();
});

async function reply(c: StoredCase, text: string, opts: { sign?: { domain: string; privateKey: string }; headers?: string } = {}): Promise<void> {
  const routing = routingMails.get(c.number)!;
  const built = await new MailComposer({ from: addr(c.department!), to: routing.parsed.replyTo!.value[0]!.address!, subject: `Re: ${routing.parsed.subject}`, text }).compile().build();
  let raw = Buffer.concat([Buffer.from(opts.headers ?? ''), built]);
  if (opts.sign) {
    // mailauth 4 signs with the keys in signatureData (its types describe another shape).
    const options = { signatureData: [{ signingDomain: opts.sign.domain, selector: 'sel', privateKey: opts.sign.privateKey }] } as unknown as DKIMSignOptions;
    const { signatures } = await dkimSign(raw, options);
    expect(signatures.trim()).toMatch(/^DKIM-Signature:/);
    raw = Buffer.concat([Buffer.from(signatures), raw]);
  }
  await deliverRaw([addr(SUPPORT_USER)], raw, addr(c.department!));
}

const held = (from: string, text: RegExp) =>
  waitFor(`a quarantined mail from ${from} saying ${text}`, async () => (await QuarantineModel.find({ from, reason: 'unproven-sender' }).lean()).find((q) => text.test(q.detail ?? '')) ?? null, 30_000);

describe('staff mail that must be DKIM-signed (require)', () => {
  it('quarantines a From-only mail, leaves the case as it was, and tells the department', async () => {
    await reply(techCase, 'status: in progress\nreply: please confirm your card number');
    const q = await held(addr('tech'), /no DKIM signature/);
    expect(q.detail).toContain(techCase.number);
    expect((await caseNow(techCase._id))!.status).toBe(techCase.status);
    const told = await waitForMail('tech', (ms) => ms.some((m) => /did not prove it came from your mail server/.test(m.parsed.subject ?? '')), 30_000);
    expect(told.length).toBeGreaterThan(0);
  });

  it('quarantines a mail signed with a key that is not the domain’s', async () => {
    await reply(techCase, 'status: in progress\nreply: signed with a stolen selector name', { sign: { domain: 'example.test', privateKey: stranger.privateKey } });
    await held(addr('tech'), /d=example\.test fail/);
    expect((await caseNow(techCase._id))!.status).toBe(techCase.status);
  });

  it('quarantines a mail signed by another domain (a pass, but not aligned with From)', async () => {
    await reply(techCase, 'status: in progress\nreply: signed by evil.test', { sign: { domain: 'evil.test', privateKey: evil.privateKey } });
    await held(addr('tech'), /d=evil\.test pass but not aligned/);
    expect((await caseNow(techCase._id))!.status).toBe(techCase.status);
  });

  it('applies a mail signed with the domain’s key', async () => {
    await reply(techCase, 'status: in progress', { sign: { domain: 'example.test', privateKey: ours.privateKey } });
    await waitFor('the signed reply to be applied', async () => (await caseNow(techCase._id))?.status === 'in_progress', 30_000);
  });
});

describe('staff mail vouched for by our receiving server (trust-receiver)', () => {
  it('quarantines a mail whose only Authentication-Results come from another server', async () => {
    await reply(logisticsCase, 'status: in progress', { headers: `Authentication-Results: mx.attacker.test; dmarc=pass header.from=example.test\r\n` });
    await held(addr('logistics'), /no Authentication-Results of our receiving server/);
    expect((await caseNow(logisticsCase._id))!.status).toBe(logisticsCase.status);
  });

  it('quarantines a mail our server found failing, whatever a lower header claims', async () => {
    await reply(logisticsCase, 'status: in progress', { headers: `Authentication-Results: ${RECEIVER}; dmarc=fail header.from=example.test\r\nAuthentication-Results: ${RECEIVER}; dmarc=pass header.from=example.test\r\n` });
    await held(addr('logistics'), /dmarc=fail/);
    expect((await caseNow(logisticsCase._id))!.status).toBe(logisticsCase.status);
  });

  it('applies a mail our server found passing DMARC for the From domain', async () => {
    await reply(logisticsCase, 'status: in progress', { headers: `Authentication-Results: ${RECEIVER}; dkim=pass header.d=example.test; dmarc=pass header.from=example.test\r\n` });
    await waitFor('the vouched-for reply to be applied', async () => (await caseNow(logisticsCase._id))?.status === 'in_progress', 30_000);
  });
});
