// The acknowledgement (P-16): one per case, from the template in the customer's
// language, naming the team that handles the case and when they will answer (P-8),
// threaded to their mail, marked as an automatic reply (RFC 3834), and never to a
// machine, to ourselves, or beyond the per-sender cap.
import type { Logger } from 'pino';
import { decideAutoReply, withinDailyCap } from '../../domain/notify/autoReplyPolicy.js';
import type { ScreeningConfig } from '../../domain/settings/screeningConfig.js';
import { NotScreenedError, type CaseJobs } from '../classify/ports.js';
import { acknowledgementMail } from '../mail/customerMails.js';
import { deliverOutbox, storeAndDeliver, type DeliverDeps, type Delivery } from './deliverOutbox.js';
import type { AckContext, AckOutcome, AutoReplyCounter, NotifyStore, TemplateRenderer } from './ports.js';
import { bestAnswer, type FaqAnswer } from '../../domain/knowledge/faqMatch.js';

export interface AcknowledgeDeps extends DeliverDeps {
  store: NotifyStore;
  templates: TemplateRenderer;
  config: () => Promise<ScreeningConfig>;
  jobs: Pick<CaseJobs, 'screen'>;
  /** The knowledge base's answers of a category (P-25). */
  faq: (category: string) => Promise<FaqAnswer[]>;
  support: { address: string; name: string; company: string };
  ownAddresses: readonly string[];
  autoReplies: AutoReplyCounter;
  autoReplyCapPerDay: number;
  log: Logger;
  /** Told of each acknowledgement the mail server accepted (the latency on /metrics). */
  acknowledged?: (receivedAt: Date, sentAt: Date) => void;
}

export async function acknowledgeCase(caseId: string, deps: AcknowledgeDeps): Promise<void> {
  const ctx = await deps.store.ackContext(caseId);
  if (!ctx) {
    deps.log.warn({ event: 'ack.no_case', caseId }, 'acknowledgement for a case that does not exist');
    return;
  }
  if (ctx.ackState !== 'pending') {
    // Done already; a crash may have left the reconciler's marker behind.
    await deps.store.clearOpeningMarker(caseId);
    return;
  }
  await deps.store.setAck(caseId, await sendAcknowledgement(ctx, deps));
}

/** Sends (or decides not to send) the pending acknowledgement; the caller records the outcome. */
export async function sendAcknowledgement(ctx: AckContext, deps: AcknowledgeDeps): Promise<AckOutcome> {
  if (!ctx.department) {
    // The acknowledgement names the team and its response time: screening decides both.
    await deps.jobs.screen(ctx.caseId);
    throw new NotScreenedError(`case ${ctx.caseNumber} is not screened yet`);
  }
  const outboxId = `ack:${ctx.caseNumber}`;

  let delivery: Delivery;
  if (ctx.screenedNow || (await deps.outbox.state(outboxId)) === null) {
    const now = deps.now();
    let decision = decideAutoReply({ to: ctx.customer.email, automated: ctx.origin.automated, ownAddresses: deps.ownAddresses });
    if (decision.send) {
      const today = await deps.autoReplies.count(ctx.customer.email, now.toISOString().slice(0, 10), outboxId);
      decision = withinDailyCap(today, deps.autoReplyCapPerDay);
    }
    if (!decision.send) {
      deps.log.info({ event: 'ack.suppressed', case: ctx.caseNumber, reason: decision.reason }, 'no acknowledgement sent');
      return { state: 'suppressed', reason: decision.reason, at: now };
    }
    // A saved answer that fits goes along as a workaround to try (P-16, P-25); noted on
    // the case first, so a retry that finds the mail stored already still has it noted.
    const suggestion = ctx.category ? bestAnswer(ctx, await deps.faq(ctx.category)) : null;
    if (suggestion) await deps.store.noteSuggestion(ctx.caseId, suggestion.id);
    delivery = await storeAndDeliver(acknowledgementMail(ctx, outboxId, await deps.config(), deps, suggestion), deps);
  } else delivery = await deliverOutbox(outboxId, deps);
  const at = deps.now();
  if (delivery === 'sent') deps.acknowledged?.(ctx.receivedAt, at);
  return {
    state: delivery,
    at,
    outboxId,
    ...(delivery === 'failed' ? { reason: 'the mail server refused the acknowledgement' } : {}),
  };
}
