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
import { words } from '../../domain/words/catalogue.js';
import type { RefusalReason } from '../../domain/words/mail.js';

export type { RefusalReason };

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
    const w = words('mail', r.locale);
    await deps.outbox.insertIfAbsent(refusalMail({ ...r, title: w.refusalTitle[r.reason], lines: [r.detail, w.refusalFix[r.reason]] }, deps));
  }
  await deps.jobs.deliver(id);
}
