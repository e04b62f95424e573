// Junk and duplicates are closed without a resolution, on the real servers: after
// `close: spam` the sender's mailbox gets nothing more than the acknowledgement (no
// resolution, no survey, even when the delayed jobs run); `關閉：重複 CS-...` moves the
// duplicate's messages to the kept case and both timelines say so; the customer's answer
// to the duplicate's mail then joins the kept case.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EventModel } from '../../src/adapters/mongo/models/eventModel.js';
import { MessageModel } from '../../src/adapters/mongo/models/messageModel.js';
import { addr, clearMailbox, readMailbox, sendSmtp } from '../../scripts/lib/devMailbox.js';
import { about, caseNow, complain, mailIn } from '../support/caseFlow.js';
import { SUPPORT_USER, sleep, startTestApp, testConfig, uniqueDbName, waitFor, type TestApp } from '../support/testApp.js';

const MAILBOXES = ['tech', 'service', 'quality', 'logistics', 'product', 'supervisor', 'alice', 'bob'];
let t: TestApp;
let offsetMs = 0;
const now = () => new Date(Date.now() + offsetMs);

async function command(c: { number: string; department?: string | null }, text: string): Promise<void> {
  const routing = await mailIn(c.department!, c.number, /^\[/);
  await sendSmtp({ from: addr(c.department!), to: routing.parsed.replyTo!.value[0]!.address!, subject: `Re: ${routing.parsed.subject}`, text });
}

beforeAll(async () => {
  await Promise.all(MAILBOXES.map((u) => clearMailbox(u)));
  t = await startTestApp(testConfig(uniqueDbName()), { now });
});

afterAll(async () => {
  await t?.stop();
});

describe('closing without a resolution', () => {
  it('close: spam closes the case and the sender gets nothing more, even after the survey time', async () => {
    const c = await complain('alice', 'Cheap watches', 'Buy cheap watches at our web site, best prices, click here.');
    await command(c, 'close: spam');
    const closed = await waitFor('the case to close', async () => {
      const x = await caseNow(c._id);
      return x?.status === 'closed' ? x : null;
    }, 30_000);
    expect(closed).toMatchObject({ closeReason: 'spam', awaitingCustomer: false });
    expect(closed.resolvedAt).toBeFalsy();
    // The timeline follows the case's update.
    const events = await waitFor('the closing on the timeline', async () => {
      const e = await EventModel.find({ caseId: c._id, type: 'case.closed' }).lean();
      return e.length ? e : null;
    });
    expect(events.map((e) => e.data)).toMatchObject([{ reason: 'spam' }]);

    offsetMs = 40 * 86400_000; // past any survey, follow-up or deadline
    await t.app.queues.cases.promoteJobs();
    await sleep(3000);
    const mails = (await readMailbox('alice')).filter(about(c.number));
    expect(mails.map((m) => m.parsed.subject)).toHaveLength(1); // the acknowledgement only
    expect(mails[0]!.parsed.subject).toMatch(/received|收到/i);
    offsetMs = 0;
  });

  it('關閉：重複 moves the duplicate’s messages to the kept case; both timelines say so', async () => {
    const kept = await complain('bob', '耳機有雜音', '左邊耳機有雜音，用了幾天就壞了。');
    const dup = await complain('bob', '耳機雜音（再寄一次）', '左邊耳機有雜音，請盡快處理。');
    expect(dup.number).not.toBe(kept.number);
    await command(dup, `關閉：重複 ${kept.number}`);
    const closed = await waitFor('the duplicate to close', async () => {
      const x = await caseNow(dup._id);
      return x?.status === 'closed' ? x : null;
    }, 30_000);
    expect(closed).toMatchObject({ closeReason: 'duplicate', duplicateOf: kept.number });
    const moved = await waitFor('the messages to move', async () => {
      const ms = await MessageModel.find({ caseId: kept._id, direction: 'in' }).lean();
      return ms.length === 2 ? ms : null;
    });
    expect(moved.find((m) => m._id === dup._id)).toMatchObject({ movedFrom: dup._id, caseNumber: kept.number });
    expect(await MessageModel.countDocuments({ caseId: dup._id, direction: 'in' })).toBe(0);
    const merged = await waitFor('the kept case’s timeline', () => EventModel.findOne({ caseId: kept._id, type: 'case.merged' }).lean());
    expect(merged.data).toMatchObject({ duplicate: dup.number, messages: 1 });
    expect((await EventModel.findOne({ caseId: dup._id, type: 'messages.moved' }).lean())?.data).toMatchObject({ to: kept.number, messages: 1 });
    expect((await readMailbox('bob')).filter(about(dup.number))).toHaveLength(1); // the acknowledgement only
    expect(await caseNow(kept._id)).toMatchObject({ status: 'acknowledged' });

    // The customer answers the duplicate's acknowledgement: it joins the kept case and its department hears of it.
    const ack = await mailIn('bob', dup.number, /./);
    await sendSmtp({ from: addr('bob'), to: addr(SUPPORT_USER), subject: `Re: ${ack.parsed.subject}`, text: '補充：右邊耳機也開始有雜音了。', inReplyTo: ack.parsed.messageId, references: ack.parsed.messageId });
    const forwarded = await mailIn(kept.department!, kept.number, /客戶來信|customer wrote/i);
    expect(forwarded.parsed.text).toContain('右邊耳機也開始有雜音了');
    expect(await MessageModel.countDocuments({ caseId: kept._id, direction: 'in' })).toBe(3);
    expect(await caseNow(dup._id)).toMatchObject({ status: 'closed' });
  });
});
