// Hostile mail through the real intake: 120 broken and hostile messages
// (test/support/hostileCorpus) delivered into the support mailbox. Every message the
// mail server accepted becomes a case's message or a quarantined record with its
// reason; nothing stalls the mailbox (every message is marked done on the server);
// nothing automatic is answered; every stored attachment name is safe.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MessageModel } from '../../src/adapters/mongo/models/messageModel.js';
import { QuarantineModel } from '../../src/adapters/mongo/models/quarantineModel.js';
import { OutboxModel } from '../../src/adapters/mongo/models/outboxModel.js';
import { addr, deliverRaw, readMailbox } from '../../scripts/lib/devMailbox.js';
import { hostileCorpus } from '../support/hostileCorpus.js';
import { SUPPORT_USER, startTestApp, testConfig, uniqueDbName, waitFor, type TestApp } from '../support/testApp.js';

let t: TestApp;

beforeAll(async () => {
  t = await startTestApp(testConfig(uniqueDbName()));
});

afterAll(async () => {
  await t?.stop();
});

describe('hostile mail', () => {
  it('turns every broken or hostile message into a case or a quarantined record, answers nothing automatic, and keeps attachment names safe', async () => {
    const corpus = hostileCorpus('hostile.test', addr(SUPPORT_USER));
    expect(corpus.length).toBeGreaterThanOrEqual(100);
    const accepted: typeof corpus = [];
    const refused: string[] = [];
    for (const m of corpus) {
      try {
        await deliverRaw([addr(SUPPORT_USER)], m.raw, m.envelopeFrom);
        accepted.push(m);
      } catch (err) {
        refused.push(`${m.name}: ${(err as Error).message}`); // the mail server itself refused it
      }
    }
    expect(accepted.length).toBeGreaterThanOrEqual(100);

    const started = Date.now();
    await waitFor(
      'every accepted message stored or quarantined',
      async () => (await MessageModel.countDocuments({ direction: 'in' })) + (await QuarantineModel.countDocuments()) >= accepted.length,
      180_000,
    );
    const seconds = (Date.now() - started) / 1000;

    // Nothing left unprocessed on the server.
    const inbox = await readMailbox(SUPPORT_USER);
    expect(inbox.filter((m) => !m.flags.has('\\Seen')).map((m) => m.parsed.subject)).toEqual([]);

    // Each quarantined record says why.
    const quarantined = await QuarantineModel.find({}, { reason: 1, detail: 1 }).lean();
    expect(quarantined.filter((q) => !q.reason)).toEqual([]);

    // No automatic answer to an auto-reply or a bounce.
    const automatic = new Set(accepted.filter((m) => m.automatic && m.from).map((m) => m.from!.toLowerCase()));
    const answered = (await OutboxModel.find({}, { to: 1, kind: 1 }).lean()).filter((o) => automatic.has(String(o.to).toLowerCase()));
    expect(answered).toEqual([]);

    // Attachment names: one path segment, no control or bidi characters, no leading dot, bounded.
    const names = (await MessageModel.find({}, { attachments: 1 }).lean()).flatMap((m) => (m.attachments ?? []).map((a) => a.filename ?? ''));
    expect(names.length).toBeGreaterThan(10);
    expect(names.filter((n) => !n || /[\\/\p{Cc}\p{Cf}]/u.test(n) || n.startsWith('.') || n.length > 120)).toEqual([]);

    console.log(`hostile corpus: ${corpus.length} messages, ${refused.length} refused by the mail server, ${accepted.length} processed in ${seconds.toFixed(1)} s; ${quarantined.length} quarantined`);
  }, 300_000);
});
