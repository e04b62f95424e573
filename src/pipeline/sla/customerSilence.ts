// A case waiting for the customer's answer (after `ask:`), while the SLA clock stands
// still: delayed jobs per case and wait remind the customer after some days of silence
// and later close the case, each mail in the customer's language. A job of an earlier
// wait (the customer answered, or was asked again) does nothing. The customer may still
// answer after the close: their mail re-opens the case.
import { isOpen } from '../../domain/case/lifecycle.js';
import { event } from '../../domain/case/timelineEvents.js';
import { clockMail } from '../mail/customerMails.js';
import { storeAndDeliver } from '../notify/deliverOutbox.js';
import type { CaseWorkDeps } from '../case/caseWorkDeps.js';
import type { SilenceStep } from '../case/ports.js';

export async function customerSilence(step: SilenceStep, caseId: string, sinceMs: number, at: Date, deps: CaseWorkDeps): Promise<{ notBefore: Date } | null> {
  const ctx = await deps.work.context(caseId);
  if (!ctx || !isOpen(ctx.status) || !ctx.awaitingCustomer || ctx.waitingSince?.getTime() !== sinceMs) return null;
  const now = deps.now();
  if (now < at) return { notBefore: at };
  const config = await deps.runtime.config();
  const w = config.awaitingCustomer;
  const key = `silence-${step}:${ctx.caseNumber}:${sinceMs}`;
  const question = ctx.lastQuestion ?? '';
  if (step === 'remind') {
    const closeOn = new Date(sinceMs + w.closeAfterDays * 86400_000);
    await storeAndDeliver(clockMail(ctx, { kind: 'awaiting-reminder', question, closeOn }, key, config, deps), deps);
    deps.log.info({ event: 'case.customer_reminded', case: ctx.caseNumber }, 'customer reminded of our question');
    return null;
  }
  // The mail first (its outbox id makes it once): a crash after the close would skip it.
  await storeAndDeliver(clockMail(ctx, { kind: 'awaiting-closed', question, reopenDays: config.survey.reopenWindowDays }, key, config, deps), deps);
  if (await deps.work.commitOnce(caseId, key, { status: 'closed', closedAt: now, closeReason: 'unanswered', awaitingCustomer: false })) {
    await deps.work.recordEvents(caseId, [{ id: key, at: now, actor: 'system', ...event('status.changed', { from: ctx.status, to: 'closed', why: `no answer from the customer ${w.closeAfterDays} days after the question` }) }]);
  }
  deps.log.info({ event: 'case.closed_unanswered', case: ctx.caseNumber }, 'case closed: the customer did not answer our question');
  return null;
}
