// Steps the case tests share: a complaint routed to its department, a department answering
// through the reply address as a mail client does, and the replies applied.
import { CaseModel } from '../../src/adapters/mongo/models/caseModel.js';
import { MessageModel } from '../../src/adapters/mongo/models/messageModel.js';
import { addr, deliver, sendSmtp, waitForMail, type ReadMail } from '../../scripts/lib/devMailbox.js';
import { SUPPORT_USER, waitFor, type TestApp } from './testApp.js';

export const about = (n: string) => (m: ReadMail) => (m.parsed.subject ?? '').includes(`[${n}]`);

export type StoredCase = NonNullable<Awaited<ReturnType<typeof caseNow>>>;
export const caseNow = (id: string) => CaseModel.findById(id).lean();

export async function complain(customer: string, subject: string, text: string): Promise<StoredCase> {
  const messageId = await deliver({ from: addr(customer), to: addr(SUPPORT_USER), subject, text });
  return waitFor(`the case of ${customer} to be routed`, async () => {
    const msg = await MessageModel.findOne({ messageId: messageId.replace(/^<|>$/g, '') }).lean();
    const found = msg ? await caseNow(msg.caseId) : null;
    return found?.routing?.sentAt && found.ack?.state === 'sent' ? found : null;
    // Usually 1–2 s; on a loaded CI machine a job retried after a lock wait can take longer.
  }, 45_000);
}

/** The newest mail about the case in a mailbox whose subject matches. */
export async function mailIn(user: string, caseNumber: string, subject: RegExp, count = 1): Promise<ReadMail> {
  const match = (m: ReadMail) => about(caseNumber)(m) && subject.test(m.parsed.subject ?? '');
  const mails = await waitForMail(user, (ms) => ms.filter(match).length >= count, 30_000);
  return mails.filter(match).at(-1)!;
}

/** The department resolves the case through the routing mail's reply address. */
export async function resolveCase(c: StoredCase, solution: string): Promise<StoredCase> {
  const routing = await mailIn(c.department!, c.number, /^\[/);
  await sendSmtp({ from: addr(c.department!), to: routing.parsed.replyTo!.value[0]!.address!, subject: `Re: ${routing.parsed.subject}`, text: `resolve: ${solution}` });
  return waitFor('the case to be resolved', async () => {
    const x = await caseNow(c._id);
    return x?.status === 'resolved' && x.resolvedAt ? x : null;
  }, 30_000);
}

/** Promotes delayed jobs until `done` holds (the app's clock has been moved past them). */
export async function promoteUntil(t: TestApp, done: () => Promise<boolean>): Promise<void> {
  await waitFor('the delayed jobs to do their work', async () => {
    await t.app.queues.cases.promoteJobs();
    return done();
  }, 30_000);
}

/** The survey links in a mail, by score (0: comment only). */
export function surveyLinks(mail: ReadMail): Map<number, string> {
  const text = mail.parsed.text ?? '';
  const links = new Map<number, string>();
  for (const m of text.matchAll(/^\s*([1-5]): (https?:\/\/\S+\/s\/\S+)$/gm)) links.set(Number(m[1]), m[2]!);
  const comment = /(https?:\/\/\S+\/s\/\S+)\s*$/m.exec(text.split('\n').filter((l) => !/^\s*[1-5]: /.test(l)).join('\n'));
  if (comment) links.set(0, comment[1]!);
  return links;
}

/** Answers a mail the way a mail client does: new text on top, the original quoted below. */
export async function answer(mail: ReadMail, from: string, text: string): Promise<void> {
  const quoted = (mail.parsed.text ?? '').split('\n').map((l) => `> ${l}`).join('\n');
  await sendSmtp({
    from: addr(from),
    to: mail.parsed.replyTo?.value[0]?.address ?? mail.parsed.from!.value[0]!.address!,
    subject: `Re: ${mail.parsed.subject}`,
    text: `${text}\n\nOn Mon, 23 Nov 2026 at 10:00, ${mail.parsed.from!.text} wrote:\n${quoted}`,
    inReplyTo: mail.parsed.messageId,
    references: mail.parsed.messageId,
  });
}

/** Waits until the case has applied n staff replies. */
export async function applied(caseId: string, n: number): Promise<StoredCase> {
  return waitFor(`${n} staff replies applied`, async () => {
    const c = await caseNow(caseId);
    return (c?.appliedMessages?.length ?? 0) >= n ? c : null;
  }, 30_000);
}
