// Departments work the case by email, on the real servers: a department's
// reply with commands moves the case and the customer's mailbox gets the matching
// notices, in English and Chinese; the customer's answer to a question reaches the
// department; a spoofed reply changes nothing and its sender is told; a high-priority
// solution waits for the supervisor; a late case sends exactly one delay notice and one
// escalation, and a new one after a missed new ETA (the test moves the app's clock).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EventModel } from '../../src/adapters/mongo/models/eventModel.js';
import { QuarantineModel } from '../../src/adapters/mongo/models/quarantineModel.js';
import { PendingJobModel } from '../../src/adapters/mongo/models/lookupModels.js';
import { formatTime } from '../../src/pipeline/notify/formatTime.js';
import { addr, clearMailbox, readMailbox, sendSmtp, waitForMail } from '../../scripts/lib/devMailbox.js';
import { about, answer, applied, caseNow, complain, mailIn, promoteUntil as promote } from '../support/caseFlow.js';
import { SUPPORT_USER, sleep, startTestApp, testConfig, uniqueDbName, waitFor, type TestApp } from '../support/testApp.js';

const SUPPORT = addr(SUPPORT_USER);
const MAILBOXES = ['tech', 'service', 'quality', 'logistics', 'product', 'legal', 'supervisor', 'alice', 'bob', 'carol', 'dave', 'erin', 'mallory'];

let t: TestApp;
let offsetMs = 0;
const now = () => new Date(Date.now() + offsetMs);
async function countIn(user: string, caseNumber: string, subject: RegExp): Promise<number> {
  return (await readMailbox(user)).filter((m) => about(caseNumber)(m) && subject.test(m.parsed.subject ?? '')).length;
}

beforeAll(async () => {
  await Promise.all(MAILBOXES.map((u) => clearMailbox(u)));
  t = await startTestApp(testConfig(uniqueDbName()), { now });
});

afterAll(async () => {
  await t?.stop();
});

describe('department replies by email', () => {
  it('commands move the case and the customer hears of it: progress, a question whose answer reaches the department, the resolution', async () => {
    const c = await complain('alice', 'Login error 1043', 'I cannot log in, the app shows error code 1043 since yesterday.');
    expect(c.department).toBe('tech');
    const routing = await mailIn('tech', c.number, /^\[/);
    expect(routing.parsed.text).toContain('status: in progress');
    expect(routing.parsed.text).toContain('狀態：處理中');

    const eta = formatTime(new Date(now().getTime() + 3 * 86400_000), 'Asia/Taipei').slice(0, 16);
    await answer(routing, 'tech', `status: in progress\neta: ${eta}\nreply: We found the cause: an expired certificate on the login server.\nnote: cert renewal ticket OPS-12`);
    const progress = await mailIn('alice', c.number, /Update on your case/);
    expect(progress.parsed.text).toContain('expired certificate');
    expect(progress.parsed.text).toContain(eta);
    expect(progress.parsed.inReplyTo).toBeTruthy();
    let x = await applied(c._id, 1);
    expect(x.status).toBe('in_progress');
    expect(x.eta).toBeTruthy();
    expect(x.routing!.confirmedBy).toBe(addr('tech'));
    const events = await EventModel.find({ caseId: c._id, actor: addr('tech') }).lean();
    expect(events.map((e) => e.type)).toEqual(expect.arrayContaining(['status.changed', 'eta.set', 'customer.updated', 'note.added']));
    expect((events.find((e) => e.type === 'status.changed')!.data as { message: string }).message).toBeTruthy();
    expect(JSON.stringify(events)).not.toContain('status: closed'); // the quoted routing mail was not read as commands

    await answer(routing, 'tech', 'ask: Which version of the app do you use?');
    const question = await mailIn('alice', c.number, /A question about your case/);
    expect(question.parsed.text).toContain('Which version of the app');
    expect((await applied(c._id, 2)).awaitingCustomer).toBe(true);
    await answer(question, 'alice', 'Version 5.2.0 on Android 15.');
    const forwarded = await mailIn('tech', c.number, /The customer answered/);
    expect(forwarded.parsed.text).toContain('Version 5.2.0 on Android 15.');
    expect(forwarded.parsed.text).toContain('Which version of the app');
    expect(forwarded.parsed.text).not.toContain('our team needs to know'); // the customer's quote of our question is cut
    await waitFor('the case to stop waiting', async () => !(await caseNow(c._id))!.awaitingCustomer);

    // One bad line is answered with what is allowed; the rest is applied.
    await answer(forwarded, 'tech', 'stauts: done\nresolve: We renewed the certificate; please log in again.\nfollow-up: We watch the login errors for a week.\ncompensation: coupon 100 TWD');
    const resolution = await mailIn('alice', c.number, /Resolved/);
    expect(resolution.parsed.text).toContain('We renewed the certificate');
    expect(resolution.parsed.text).toContain('We watch the login errors for a week.');
    expect(resolution.parsed.text).toContain('Coupon: 100 TWD');
    const problems = await mailIn('tech', c.number, /were not applied/);
    expect(problems.parsed.text).toContain('unknown command "stauts:"');
    expect(problems.parsed.text).toContain('status: in progress'); // the command help
    x = await applied(c._id, 3);
    expect(x.status).toBe('resolved');
    expect(x.compensations).toMatchObject([{ kind: 'coupon', amount: 100, currency: 'TWD', by: addr('tech') }]);
    expect(x.resolution).toMatchObject({ text: 'We renewed the certificate; please log in again.', approvedBy: null });

    // An invalid change: a resolved case cannot go back to work by a department's word.
    await answer(routing, 'tech', 'status: in progress');
    const refused = await mailIn('tech', c.number, /were not applied/, 2);
    expect(refused.parsed.text).toContain('re-opened by the customer');
    expect((await applied(c._id, 4)).status).toBe('resolved');
    expect(await countIn('alice', c.number, /Update on your case/)).toBe(1);
  });

  it('a spoofed or unauthorised reply changes nothing, is recorded, and its sender is told why', async () => {
    const c = await complain('dave', 'Sync broken', 'The calendar sync fails with error code 77 since this morning.');
    const routing = await mailIn('tech', c.number, /^\[/);
    // From a staff address, but to the plain support address: commands are not taken.
    await sendSmtp({ from: addr('tech'), to: SUPPORT, subject: `Re: [${c.number}] Sync broken`, text: 'status: closed\nreply: Nothing to see.' });
    // Through the reply address, but not from the department's staff.
    await answer(routing, 'mallory', 'resolve: closed by me');
    await waitFor('both to be quarantined', async () => (await QuarantineModel.countDocuments({ reason: { $in: ['no-reply-token', 'not-staff'] } })) >= 2);
    const told = await waitForMail('tech', (ms) => ms.some((m) => /commands|reply address/.test(m.parsed.subject ?? '') && (m.parsed.text ?? '').includes(c.number)));
    expect(told.find((m) => /reply address/.test(m.parsed.subject ?? ''))!.parsed.headers.get('auto-submitted')).toBe('auto-replied');
    const mallory = await waitForMail('mallory', (ms) => ms.some((m) => /not on the staff/.test(m.parsed.subject ?? '')));
    expect(mallory.length).toBeGreaterThan(0);
    const after = (await caseNow(c._id))!;
    expect(after.status).toBe('acknowledged');
    expect(after.appliedMessages).toEqual([]);
    expect(await countIn('dave', c.number, /Update|Resolved/)).toBe(0);
  });

  it('a high-priority solution reaches the customer only after the supervisor approves it (in Chinese)', async () => {
    const c = await complain('bob', '軟件閃退', '我的軟件總是閃退，太影響工作了');
    expect(c.priority).toBe('high');
    const routing = await mailIn('tech', c.number, /^\[/);
    await answer(routing, 'tech', '狀態：處理中\n回覆：我們已找到閃退的原因，正在修正。');
    const progress = await mailIn('bob', c.number, /案件進度更新/);
    expect(progress.parsed.text).toContain('處理中');
    expect(progress.parsed.text).toContain('正在修正');

    await answer(routing, 'tech', '解決：已發布 5.2.1 版修正閃退。\n補償：退款 200 TWD');
    const request = await mailIn('supervisor', c.number, /^Approval needed/);
    expect(request.parsed.text).toContain('已發布 5.2.1 版修正閃退');
    expect((await applied(c._id, 2)).status).toBe('in_progress');
    await sleep(1500);
    expect(await countIn('bob', c.number, /已解決/)).toBe(0);

    await answer(request, 'supervisor', '駁回：請說明用戶是否需要重新安裝。');
    const rejected = await mailIn('tech', c.number, /rejected the solution/);
    expect(rejected.parsed.text).toContain('請說明用戶是否需要重新安裝');
    await answer(routing, 'tech', '解決：已發布 5.2.1 版修正閃退，更新即可，無需重新安裝。');
    const second = await mailIn('supervisor', c.number, /^Approval needed/, 2);
    await answer(second, 'supervisor', '批准');
    const resolution = await mailIn('bob', c.number, /已解決/);
    expect(resolution.parsed.text).toContain('無需重新安裝');
    const x = await applied(c._id, 5);
    expect(x.status).toBe('resolved');
    expect(x.resolution).toMatchObject({ approvedBy: addr('supervisor'), by: addr('tech') });
    expect(x.compensations).toMatchObject([{ kind: 'refund', amount: 200, currency: 'TWD' }]);
    expect(await countIn('bob', c.number, /已解決/)).toBe(1);
  });

  it('a late case sends exactly one delay notice and one escalation, and a new one after a missed new ETA', async () => {
    const c = await complain('carol', 'Earbuds crackle', 'The left earbud crackles and the sound cuts out after a few minutes. Poor quality.');
    const expected = c.sla!.expectedBy!;
    expect(expected.getTime()).toBe(c.due!.resolveBy!.getTime());
    const routing = await mailIn(c.department!, c.number, /^\[/);
    await answer(routing, c.department!, 'status: in progress\nreason: We are waiting for a replacement part from our supplier.');
    await applied(c._id, 1);

    const delays = () => countIn('carol', c.number, /taking longer/);
    const escalations = () => countIn('supervisor', c.number, /overdue/);
    await t.app.queues.cases.promoteJobs(); // early: nothing
    await sleep(1500);
    expect(await delays()).toBe(0);

    offsetMs = expected.getTime() - Date.now() + 60_000; // just past the expected time
    await promoteUntil(async () => (await delays()) > 0 && (await escalations()) > 0);
    const notice = await mailIn('carol', c.number, /taking longer/);
    expect(notice.parsed.text).toContain('waiting for a replacement part');
    expect(notice.parsed.headers.get('auto-submitted')).toBe('auto-generated');
    const moved = (await caseNow(c._id))!;
    expect(moved.sla!.expectedBy!.getTime()).toBeGreaterThan(expected.getTime());
    expect(notice.parsed.text).toContain(formatTime(moved.sla!.expectedBy!, 'Asia/Taipei'));

    // Promoting again sends nothing more.
    await t.app.queues.cases.promoteJobs();
    await sleep(2000);
    expect(await delays()).toBe(1);
    expect(await escalations()).toBe(1);

    // The department gives a new ETA; it is missed too: one more of each.
    const eta = formatTime(new Date(now().getTime() + 2 * 3600_000), 'Asia/Taipei').slice(0, 16);
    await answer(routing, c.department!, `eta: ${eta}`);
    const withEta = await applied(c._id, 2);
    offsetMs += withEta.sla!.expectedBy!.getTime() - now().getTime() + 60_000;
    await promoteUntil(async () => (await delays()) > 1 && (await escalations()) > 1);
    await t.app.queues.cases.promoteJobs();
    await sleep(2000);
    expect(await delays()).toBe(2);
    expect(await escalations()).toBe(2);
    expect((await caseNow(c._id))!.sla!.delayNotices).toBe(2);
  });

  it('a deadline lost from the queue (Redis restarted without its data) is put back by the reconciler and fires once', async () => {
    // A low-priority case: its expected time lies beyond where the previous test left the clock.
    const c = await complain('erin', '建議', '建議增加夜間模式，晚上看螢幕太刺眼了。');
    expect(c.priority).toBe('low');
    const expected = c.sla!.expectedBy!;
    expect(expected.getTime()).toBeGreaterThan(now().getTime());
    const id = `sla-deadline-${c._id}-${expected.getTime()}`;
    await waitFor('the deadline to be written down', () => PendingJobModel.findById(id).lean());
    const job = await waitFor('the deadline job', () => t.app.queues.cases.getJob(id));
    await job.remove();
    expect(await t.app.queues.cases.getJob(id)).toBeUndefined();

    offsetMs = expected.getTime() - Date.now() + 2 * 60_000; // past the expected time and the reconciler's grace
    const notice = await mailIn('erin', c.number, /需要更多時間處理/);
    expect(notice.parsed.text).toContain('原因：問題的處理比預期需要更多時間。'); // no reason given: the default
    await waitFor('the written-down job to be crossed off', async () => !(await PendingJobModel.findById(id).lean()));
    await sleep(3000); // a few more reconciler rounds
    expect(await countIn('erin', c.number, /需要更多時間處理/)).toBe(1);
  });
});

const promoteUntil = (done: () => Promise<boolean>) => promote(t, done);
