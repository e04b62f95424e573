// The SLA clock on the real servers (the test moves the app's clock): a case nobody
// answered by its first-response time reminds the department and escalates to the
// supervisor, one that was answered does not; a case waiting for the customer's answer
// sends no delay notice past its expected time, reminds the customer and later closes,
// in the customer's language.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EventModel } from '../../src/adapters/mongo/models/eventModel.js';
import { addr, clearMailbox, readMailbox, sendSmtp } from '../../scripts/lib/devMailbox.js';
import { about, caseNow, complain, mailIn, promoteUntil as promote } from '../support/caseFlow.js';
import { sleep, startTestApp, testConfig, uniqueDbName, waitFor, type TestApp } from '../support/testApp.js';

const MAILBOXES = ['tech', 'service', 'quality', 'logistics', 'product', 'supervisor', 'carol', 'dave', 'erin'];
let t: TestApp;
let offsetMs = 0;
const now = () => new Date(Date.now() + offsetMs);
const promoteUntil = (done: () => Promise<boolean>) => promote(t, done);
const moveTo = (at: Date) => {
  offsetMs = at.getTime() - Date.now() + 60_000;
};
async function countIn(user: string, caseNumber: string, subject: RegExp): Promise<number> {
  return (await readMailbox(user)).filter((m) => about(caseNumber)(m) && subject.test(m.parsed.subject ?? '')).length;
}

async function command(c: { _id: string; number: string; department?: string | null }, text: string): Promise<void> {
  const routing = await mailIn(c.department!, c.number, /^\[/);
  const before = (await caseNow(c._id))!.appliedMessages?.length ?? 0;
  await sendSmtp({ from: addr(c.department!), to: routing.parsed.replyTo!.value[0]!.address!, subject: `Re: ${routing.parsed.subject}`, text });
  await waitFor('the reply to be applied', async () => ((await caseNow(c._id))!.appliedMessages?.length ?? 0) > before, 30_000);
}

beforeAll(async () => {
  await Promise.all(MAILBOXES.map((u) => clearMailbox(u)));
  t = await startTestApp(testConfig(uniqueDbName()), { now });
});

afterAll(async () => {
  await t?.stop();
});

describe('the SLA clock', () => {
  it('a case waiting for the customer sends no delay notice, reminds them and closes after the silence, in their language', async () => {
    const c = await complain('erin', '耳机有杂音', '左边耳机有杂音，质量太差了，用了几天就坏了。');
    expect(c.locale).toBe('zh-Hans');
    await command(c, '询问：请问您的耳机是哪个型号？');
    const waiting = (await caseNow(c._id))!;
    expect(waiting).toMatchObject({ awaitingCustomer: true });
    const since = waiting.sla!.waitingSince!;
    expect(waiting.sla!.firstResponseAt).toBeTruthy();
    await mailIn('erin', c.number, /我们想请教/);

    // Past the reminder (3 days of silence).
    moveTo(new Date(since.getTime() + 3 * 86400_000));
    await promoteUntil(async () => (await countIn('erin', c.number, /仍在等候您的回复/)) > 0);
    const reminder = await mailIn('erin', c.number, /仍在等候您的回复/);
    expect(reminder.parsed.text).toContain('哪个型号');
    expect(reminder.parsed.headers.get('auto-submitted')).toBe('auto-generated');

    // Past the expected time while still waiting: no delay notice, no escalation.
    moveTo(waiting.sla!.expectedBy!);
    await t.app.queues.cases.promoteJobs();
    await sleep(2500);
    expect(await countIn('erin', c.number, /需要更多时间/)).toBe(0);
    expect(await countIn('supervisor', c.number, /overdue/)).toBe(0);
    expect((await caseNow(c._id))!.status).not.toBe('closed');

    // Past the silence that closes the case (10 days).
    moveTo(new Date(since.getTime() + 10 * 86400_000));
    await promoteUntil(async () => (await caseNow(c._id))!.status === 'closed' && (await countIn('erin', c.number, /案件已结案/)) > 0);
    const closed = (await caseNow(c._id))!;
    expect(closed).toMatchObject({ closeReason: 'unanswered', awaitingCustomer: false });
    expect(await countIn('erin', c.number, /需要更多时间/)).toBe(0);
    expect(await countIn('erin', c.number, /仍在等候您的回复/)).toBe(1);
    offsetMs = 0;
  });

  it('a late first response reminds the department and escalates to the supervisor; an answered case does not', async () => {
    const late = await complain('carol', 'Earbuds crackle', 'The left earbud crackles and the sound cuts out after a few minutes. Poor quality.');
    const answered = await complain('dave', 'Charger smell', 'The charger gives off a burning smell after a few minutes. Poor quality.');
    await command(answered, 'reply: We are sending you a replacement charger today.');
    expect((await caseNow(answered._id))!.sla!.firstResponseAt).toBeTruthy();
    const due = late.due!.firstResponseBy!;
    expect(answered.due!.firstResponseBy!.getTime() - due.getTime()).toBeLessThan(3600_000);

    await t.app.queues.cases.promoteJobs(); // early: nothing
    await sleep(1500);
    expect(await countIn('supervisor', late.number, /no first answer/)).toBe(0);

    moveTo(new Date(Math.max(due.getTime(), answered.due!.firstResponseBy!.getTime())));
    await promoteUntil(async () => (await countIn('supervisor', late.number, /no first answer/)) > 0 && (await countIn(late.department!, late.number, /no answer to the customer yet/)) > 0);
    const escalation = await mailIn('supervisor', late.number, /no first answer/);
    expect(escalation.parsed.text).toContain('has not written to the customer');
    expect(await EventModel.countDocuments({ caseId: late._id, type: 'sla.first_response_missed' })).toBe(1);

    await t.app.queues.cases.promoteJobs();
    await sleep(2000);
    expect(await countIn('supervisor', late.number, /no first answer/)).toBe(1);
    expect(await countIn('supervisor', answered.number, /no first answer/)).toBe(0);
    expect(await countIn(answered.department!, answered.number, /no answer to the customer yet/)).toBe(0);
  });
});
