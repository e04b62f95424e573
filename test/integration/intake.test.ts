// A complaint mailed to the support mailbox becomes one case and one acknowledgement
// in the customer's own mailbox, on the real servers: Dovecot (IMAP + LMTP), the SMTP
// relay, FerretDB and Redis. P-1, P-2, P-4, P-16.
import { createHash, randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import mongoose from 'mongoose';
import { CaseModel } from '../../src/adapters/mongo/models/caseModel.js';
import { MessageModel } from '../../src/adapters/mongo/models/messageModel.js';
import { OutboxModel } from '../../src/adapters/mongo/models/outboxModel.js';
import { QuarantineModel } from '../../src/adapters/mongo/models/quarantineModel.js';
import { MailboxCursorModel } from '../../src/adapters/mongo/models/mailboxCursorModel.js';
import { CaseNumberModel, PendingOpeningModel } from '../../src/adapters/mongo/models/lookupModels.js';
import { EventModel } from '../../src/adapters/mongo/models/eventModel.js';
import { bucket } from '../../src/adapters/mongo/gridfs.js';
import { addr, clearMailbox, deliver, deliverRaw, readMailbox, type ReadMail, waitForMail } from '../../scripts/lib/devMailbox.js';
import { sleep, startTestApp, SUPPORT_USER, testConfig, uniqueDbName, waitFor, type TestApp } from '../support/testApp.js';
import { ImapFlow } from 'imapflow';

const SUPPORT = addr(SUPPORT_USER);
const CUSTOMERS = ['alice', 'bob', 'carol', 'dave', 'erin', 'frank', 'grace', 'heidi', 'ivan', 'mallory'];
let t: TestApp;

const acksTo = (mails: ReadMail[], messageId: string) => mails.filter((m) => m.parsed.inReplyTo === messageId);
const casesOf = (user: string) => CaseModel.find({ 'customer.email': addr(user) }).lean();

async function ackFor(user: string, messageId: string): Promise<ReadMail> {
  const mails = await waitForMail(user, (m) => acksTo(m, messageId).length > 0);
  return acksTo(mails, messageId)[0]!;
}

/** Waits until the support mailbox has nothing unprocessed left. */
async function supportDrained(): Promise<void> {
  await waitFor('the support mailbox to be processed', async () => (await readMailbox(SUPPORT_USER)).every((m) => m.flags.has('\\Seen')));
}

/** The support mailbox's cursor and \Seen flags gone, the poller restarted: every message is fetched again. */
async function pollEverythingAgain(): Promise<void> {
  await MailboxCursorModel.deleteMany({});
  const client = new ImapFlow({ host: '127.0.0.1', port: 1143, secure: false, auth: { user: SUPPORT, pass: 'dev-password' }, logger: false });
  await client.connect();
  await client.mailboxOpen('INBOX');
  await client.messageFlagsRemove('1:*', ['\\Seen']);
  await client.logout();
  await t.app.pollers[0]!.stop();
  t.app.pollers[0]!.start();
}

beforeAll(async () => {
  t = await startTestApp(testConfig(uniqueDbName()));
});

afterAll(async () => {
  await t?.stop();
});

beforeEach(async () => {
  await Promise.all(CUSTOMERS.map((u) => clearMailbox(u)));
});

describe('a complaint becomes a case and the customer gets one acknowledgement', () => {
  it('English: one case, one acknowledgement with the case number, threaded and marked automatic', async () => {
    const started = Date.now();
    const messageId = await deliver({
      from: `"Alice Lee" <${addr('alice')}>`,
      to: SUPPORT,
      subject: 'My order arrived broken',
      text: 'Hello, the blender I ordered (order 5521) arrived with a cracked jar. I want a replacement.',
    });
    const ack = await ackFor('alice', messageId);
    const latency = Date.now() - started;

    const cases = await casesOf('alice');
    expect(cases).toHaveLength(1);
    const c = cases[0]!;
    expect(c.number).toMatch(/^CS-\d{4}-\d{6}$/);
    expect(c).toMatchObject({ channel: 'email', locale: 'en', subject: 'My order arrived broken', customer: { name: 'Alice Lee' } });
    expect(ack.parsed.subject).toContain(`[${c.number}]`);
    expect(ack.parsed.text).toContain(c.number);
    // Arriving broken is damage in transit: a delivery case, for the logistics team.
    expect(ack.parsed.text).toContain('handled by our Logistics team');
    expect(ack.parsed.text).toContain('within 24 business hours');
    expect(ack.parsed.html).toContain(c.number);
    expect(ack.parsed.headers.get('auto-submitted')).toBe('auto-replied');
    expect(ack.parsed.references).toContain(messageId);

    await sleep(1000);
    expect(await readMailbox('alice')).toHaveLength(1);
    await supportDrained();
    expect((await CaseModel.findById(c._id).lean())!.status).toBe('acknowledged');
    console.log(`arrival-to-acknowledgement: ${latency} ms`);
  });

  it('Traditional Chinese: the acknowledgement is in Traditional Chinese and the screenshot is kept', async () => {
    const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
    const messageId = await deliver({
      from: `"陳大文" <${addr('bob')}>`,
      to: SUPPORT,
      subject: '軟件總是閃退',
      text: '你好，我的軟件總是閃退，太影響工作了。附上截圖，請盡快處理。',
      attachments: [{ filename: '截圖.png', content: png, contentType: 'image/png' }],
    });
    const ack = await ackFor('bob', messageId);
    const [c] = await casesOf('bob');
    expect(c!.locale).toBe('zh-Hant');
    expect(ack.parsed.subject).toBe(`[${c!.number}] 我們已收到您的來信（緊急處理）：軟件總是閃退`); // high priority: its own acknowledgement
    expect(ack.parsed.text).toContain('案件編號');

    const [msg] = await MessageModel.find({ caseId: c!._id }).lean();
    expect(msg!.attachments).toHaveLength(1);
    expect(msg!.attachments[0]).toMatchObject({ filename: '截圖.png', contentType: 'image/png', size: png.length });
    const files = await bucket('attachments').find({ _id: msg!.attachments[0]!.fileId as never }).toArray();
    expect(files[0]!.length).toBe(png.length);
  });
});

describe('threading and doubles (P-4)', () => {
  it('a reply to the acknowledgement, or a mail naming the case number, joins the case; a stranger naming it gets a new case', async () => {
    const first = await deliver({ from: addr('carol'), to: SUPPORT, subject: 'Refund not received', text: 'I returned the item a month ago and have no refund yet.' });
    const ack = await ackFor('carol', first);
    const [c] = await casesOf('carol');

    await deliver({
      from: addr('carol'),
      to: SUPPORT,
      subject: `Re: ${ack.parsed.subject}`,
      inReplyTo: ack.parsed.messageId,
      references: [first, ack.parsed.messageId!],
      text: 'Here is the return receipt number: RR-7781.',
    });
    await deliver({ from: addr('carol'), to: SUPPORT, subject: `About ${c!.number}`, text: 'Any news?' });
    await deliver({ from: addr('mallory'), to: SUPPORT, subject: `Re: [${c!.number}] refund`, text: 'Please send the refund to my account instead.' });
    await supportDrained();

    await waitFor('three messages on carol\'s case', async () => (await MessageModel.countDocuments({ caseId: c!._id })) === 3);
    expect(await casesOf('carol')).toHaveLength(1);
    const mallorys = await casesOf('mallory');
    expect(mallorys).toHaveLength(1);
    expect(mallorys[0]!.number).not.toBe(c!.number);
    await sleep(500);
    expect(await readMailbox('carol')).toHaveLength(1); // follow-ups get no second acknowledgement
  });

  it('the same message delivered twice, and again after a crash before the server flag, gives one case and one acknowledgement', async () => {
    const raw = [
      `From: Dave <${addr('dave')}>`,
      `To: ${SUPPORT}`,
      'Subject: Charged twice for one order',
      'Message-ID: <dup-test-0001@example.test>',
      'Date: Sun, 22 Nov 2026 09:00:00 +0000',
      'Content-Type: text/plain; charset=utf-8',
      '',
      'My card was charged twice for order 8812.',
      '',
    ].join('\r\n');
    await deliverRaw([SUPPORT], raw, addr('dave'));
    await deliverRaw([SUPPORT], raw, addr('dave'));
    await ackFor('dave', '<dup-test-0001@example.test>');
    await supportDrained();

    // Simulate a crash after the case was stored but before the \Seen flag and the
    // cursor were written, and a UIDVALIDITY reset: everything is seen again.
    await pollEverythingAgain();
    await supportDrained();
    await sleep(1000);

    expect(await casesOf('dave')).toHaveLength(1);
    expect(await MessageModel.countDocuments({ 'from.address': addr('dave') })).toBe(1);
    expect(acksTo(await readMailbox('dave'), '<dup-test-0001@example.test>')).toHaveLength(1);
    // The reconciler has nothing left to chase for a case that is acknowledged and routed.
    const [c] = await casesOf('dave');
    expect(await PendingOpeningModel.exists({ _id: c!._id })).toBeNull();
  });

  it('a crash after the case was stored and before its number entry, timeline events and message: the re-run finishes that case, opens no other', async () => {
    await deliver({ from: addr('ivan'), to: SUPPORT, subject: 'Parcel never arrived', text: 'Order 5521 was marked delivered but nothing came.', messageId: '<crash-open-0001@example.test>' });
    await ackFor('ivan', '<crash-open-0001@example.test>');
    await supportDrained();
    const [c] = await casesOf('ivan');
    // What the crash leaves: the case alone (the writes after it, and the server flag, undone).
    await Promise.all([
      MessageModel.deleteOne({ _id: c!._id }),
      CaseNumberModel.deleteOne({ _id: c!.number }),
      EventModel.deleteMany({ _id: { $in: [`opened:${c!._id}`, `message:${c!._id}`] } }),
    ]);
    await pollEverythingAgain();
    await waitFor('the message stored again', () => MessageModel.exists({ _id: c!._id }));
    await supportDrained();

    const cases = await casesOf('ivan');
    expect(cases.map((x) => x.number)).toEqual([c!.number]);
    expect((await CaseNumberModel.findById(c!.number).lean())?.caseId).toBe(c!._id);
    expect((await EventModel.find({ _id: { $in: [`opened:${c!._id}`, `message:${c!._id}`] } }).lean()).map((e) => e.type).sort()).toEqual(['case.opened', 'message.received']);
    expect(acksTo(await readMailbox('ivan'), '<crash-open-0001@example.test>')).toHaveLength(1);
  });
});

describe('machines get no reply (RFC 3834)', () => {
  it('an out-of-office reply and a bounce open no case and get no reply', async () => {
    await deliver({
      from: addr('erin'),
      to: SUPPORT,
      subject: 'Automatic reply: Your order',
      headers: { 'Auto-Submitted': 'auto-replied' },
      text: 'I am out of the office until Monday.',
    });
    await deliverRaw([SUPPORT], await readFile('test/fixtures/mail/dsn-bounce.eml'), '');
    await supportDrained();
    await sleep(1000);

    expect(await casesOf('erin')).toHaveLength(0);
    expect(await readMailbox('erin')).toHaveLength(0);
    const q = await QuarantineModel.find({}).lean();
    expect(q.map((r) => r.reason).sort()).toEqual(['auto-reply', 'bounce']);
    expect(await OutboxModel.countDocuments({ to: { $in: [addr('erin'), 'mailer-daemon@mx.example.test'] } })).toBe(0);
  });

  it('an out-of-office answer to our acknowledgement joins the case and is not answered', async () => {
    const first = await deliver({ from: addr('frank'), to: SUPPORT, subject: 'Wrong size delivered', text: 'I ordered M and got XL.' });
    const ack = await ackFor('frank', first);
    await deliver({
      from: addr('frank'),
      to: SUPPORT,
      subject: `Out of Office: ${ack.parsed.subject}`,
      inReplyTo: ack.parsed.messageId,
      headers: { 'Auto-Submitted': 'auto-replied' },
      text: 'I am away this week.',
    });
    const [c] = await casesOf('frank');
    await waitFor('the auto-reply to join the case', async () => (await MessageModel.countDocuments({ caseId: c!._id })) === 2);
    await sleep(1000);
    expect(await readMailbox('frank')).toHaveLength(1);
  });
});

describe('bad input gets a clear outcome and the poller keeps going', () => {
  it('malformed MIME becomes a case with safe content; the next mail is still processed', async () => {
    await deliverRaw([SUPPORT], await readFile('test/fixtures/mail/malformed-mime.eml'), addr('grace'));
    const next = await deliver({ from: addr('grace'), to: SUPPORT, subject: 'Second try', text: 'Did my first mail arrive?' });
    await ackFor('grace', next);

    const cases = await casesOf('grace');
    expect(cases).toHaveLength(2);
    const broken = await MessageModel.findOne({ messageId: 'malformed-0001@example.test' }).lean();
    expect(broken).not.toBeNull();
    expect(broken!.html ?? '').not.toMatch(/<script|onclick/i);
    expect(broken!.attachments.every((a) => !a.filename!.includes('/'))).toBe(true);
  });

  it('a 20 MB attachment is stored intact and acknowledged', async () => {
    // Random bytes: a piece of the message fetched twice or out of place changes the hash.
    const big = randomBytes(20 * 1024 * 1024);
    const messageId = await deliver({
      from: addr('heidi'),
      to: SUPPORT,
      subject: 'Video of the defect',
      text: 'See the attached video of the noise the machine makes.',
      attachments: [{ filename: 'defect.mp4', content: big, contentType: 'video/mp4' }],
    });
    await ackFor('heidi', messageId);
    const [c] = await casesOf('heidi');
    const [msg] = await MessageModel.find({ caseId: c!._id }).lean();
    expect(msg!.attachments[0]).toMatchObject({ filename: 'defect.mp4', size: big.length, sha256: createHash('sha256').update(big).digest('hex') });
    expect(msg!.rawSize).toBeGreaterThan(big.length);
  });

  it('a message over MAX_MESSAGE_MB is quarantined with its reason, not downloaded', async () => {
    // The running app allows 40 MB; check the rule through a smaller limit on a second poller.
    const { rejectOversize } = await import('../../src/pipeline/intake/ingestMail.js');
    const { MongoQuarantineStore } = await import('../../src/adapters/mongo/quarantineStore.js');
    const { pino } = await import('pino');
    await rejectOversize(
      { channel: 'email', mailboxKey: 'test', uid: 99, receivedAt: new Date() },
      60 * 1024 * 1024,
      { from: addr('heidi'), subject: 'huge', messageId: '<huge@example.test>' },
      40 * 1024 * 1024,
      { quarantine: new MongoQuarantineStore(), log: pino({ level: 'silent' }) },
    );
    const q = await QuarantineModel.findOne({ reason: 'too-large' }).lean();
    expect(q!.detail).toMatch(/60\.0 MB is over the 40 MB limit \(MAX_MESSAGE_MB\)/);
  });
});

describe('health', () => {
  it('reports every connection', async () => {
    const h = await t.app.health();
    expect(h.ok).toBe(true);
    expect(h.components).toMatchObject({ mongo: 'connected', redis: 'ready' });
    expect(mongoose.connection.readyState).toBe(1);
  });
});
