// A mail that tried to change a case and was refused (P-12, issue: who may change a
// case) is answered once with why and what to do, so a colleague who wrote from the
// wrong address learns it. It is an automatic reply: never to a machine or to
// ourselves, within the per-sender daily cap, and kept in the outbox like every mail.
import type { Logger } from 'pino';
import type { AutomatedVerdict } from '../../domain/intake/automated.js';
import type { Locale } from '../../domain/intake/language.js';
import { decideAutoReply, withinDailyCap } from '../../domain/notify/autoReplyPolicy.js';
import type { AutoReplyCounter, OutboxStore, TemplateRenderer } from '../notify/ports.js';
import { refusalMail } from '../mail/otherMails.js';
import type { MailJobs } from './ports.js';

export type RefusalReason = 'bad-reply-token' | 'unknown-case' | 'not-staff' | 'no-reply-token' | 'unproven-sender';

export interface RefusalDeps {
  templates: TemplateRenderer;
  outbox: OutboxStore;
  jobs: MailJobs;
  support: { address: string; name: string };
  ownAddresses: readonly string[];
  autoReplies: AutoReplyCounter;
  autoReplyCapPerDay: number;
  now: () => Date;
  log: Logger;
}

const TITLES: Record<RefusalReason, { en: string; zh: string }> = {
  'bad-reply-token': { en: 'Your mail was not filed: its reply address is not one we made', zh: '您的郵件未歸檔：回覆地址無效' },
  'unknown-case': { en: 'Your mail was not filed: the case it names does not exist', zh: '您的郵件未歸檔：所指的案件不存在' },
  'not-staff': { en: 'Your mail changed nothing: you are not on the staff of the case’s department', zh: '您的郵件未套用：您不是此案件負責部門的成員' },
  'no-reply-token': { en: 'Your mail changed nothing: case updates only work through the case’s reply address', zh: '您的郵件未套用：案件更新只能透過案件的回覆地址' },
  'unproven-sender': { en: 'A mail in your name changed nothing: it did not prove it came from your mail server', zh: '一封以您名義寄出的郵件未套用：它無法證明來自您的郵件伺服器' },
};

const FIX: Record<RefusalReason, { en: string; zh: string }> = {
  'bad-reply-token': { en: 'Reply to the case mail you received (its Reply-To address carries the right code).', zh: '請直接回覆您收到的案件郵件（其回覆地址帶有正確的代碼）。' },
  'unknown-case': { en: 'Reply to the case mail you received instead of writing a new mail.', zh: '請直接回覆您收到的案件郵件，而不是另寫新郵件。' },
  'not-staff': { en: 'Ask an admin to add your address to the department’s members, or forward the mail to the department.', zh: '請管理員將您的信箱加入部門成員，或把郵件轉給負責部門。' },
  'no-reply-token': { en: 'Reply to the case mail you received: its Reply-To address (support+CASE.code@…) files your commands under the case.', zh: '請直接回覆您收到的案件郵件：其回覆地址（support+案件號.代碼@…）會把您的指令歸入案件。' },
  'unproven-sender': { en: 'If you sent it, ask your mail admin to DKIM-sign your domain’s outgoing mail; if you did not, someone wrote in your name: the mail is in the quarantine.', zh: '若是您寄出的，請郵件管理員為您網域的外寄郵件加上 DKIM 簽章；若不是，表示有人冒用您的名義：該郵件已隔離。' },
};

export async function explainRefusal(
  r: { key: string; to: string; caseNumber: string | null; reason: RefusalReason; detail: string; locale: Locale; automated: AutomatedVerdict | null; subject: string },
  deps: RefusalDeps,
): Promise<void> {
  const id = `refusal:${r.key}`;
  if ((await deps.outbox.state(id)) === null) {
    let decision = decideAutoReply({ to: r.to, automated: r.automated, ownAddresses: deps.ownAddresses });
    if (decision.send) decision = withinDailyCap(await deps.autoReplies.count(r.to, deps.now().toISOString().slice(0, 10), id), deps.autoReplyCapPerDay);
    if (!decision.send) {
      deps.log.info({ event: 'refusal.not_explained', to: r.to, reason: decision.reason }, 'refused mail not answered');
      return;
    }
    const zh = r.locale !== 'en';
    const words = { title: TITLES[r.reason][zh ? 'zh' : 'en'], lines: [r.detail, FIX[r.reason][zh ? 'zh' : 'en']] };
    await deps.outbox.insertIfAbsent(refusalMail({ ...r, ...words, locale: zh ? 'zh-Hant' : 'en' }, deps));
  }
  await deps.jobs.deliver(id);
}
