// The customer wrote again on a routed case, for example answering the department's
// question (P-12): their new text (quoted history removed, personal numbers masked)
// goes to whoever handles the case, with the case's reply address and their attachments
// (up to the limit; the rest are linked to the case page), and the case stops
// waiting for the customer (its expected time moves on by the wait). One mail per
// customer message. An answer to a proposed solution is applied as the customer's
// consent instead (applyConsent).
import { ownWords } from '../../domain/text/normalize.js';
import { resumeAfterWaiting } from '../../domain/sla/deadline.js';
import { department } from '../route/routeCase.js';
import { customerReplyMail } from '../mail/staffMails.js';
import { storeAndDeliver } from '../notify/deliverOutbox.js';
import type { CaseWorkDeps } from './caseWorkDeps.js';
import { applyConsent } from './applyConsent.js';

export async function forwardCustomerReply(caseId: string, key: string, deps: CaseWorkDeps): Promise<void> {
  const [msg, ctx] = await Promise.all([deps.work.customerReply(key), deps.work.context(caseId)]);
  if (!msg || msg.automated || !ctx?.department) return;
  if (await applyConsent(ctx, key, ownWords(deps.replyText(msg.text) || msg.text), deps)) return;
  const config = await deps.runtime.config();
  const d = department(config, ctx.department);
  const text = deps.replyText(msg.text) || msg.text;
  await storeAndDeliver(customerReplyMail(ctx, { key, text, attachments: msg.attachments }, d, ctx.assignee ?? d.email, config, deps), deps);
  const now = deps.now();
  const resumed = ctx.awaitingCustomer && ctx.waitingSince && ctx.expectedBy ? resumeAfterWaiting(ctx.expectedBy, ctx.waitingSince, now) : null;
  // The new check first: once the case stops waiting, a retry no longer knows the wait.
  if (resumed) await deps.deadlines.scheduleDeadline(caseId, resumed, ctx.expectedBy);
  await deps.work.customerAnswered(caseId, key, now, resumed);
  deps.log.info({ event: 'case.customer_reply_forwarded', case: ctx.caseNumber, to: ctx.assignee ?? d.email }, 'customer reply forwarded');
}
