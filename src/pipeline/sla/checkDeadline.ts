// The SLA clock (P-15, P-18). A delayed job per case and expected time: when the time
// passes and the case is still open, the expected time moves on once (the policy's
// extension), the customer gets one delay notice with the department's reason and the
// new time (unless their mail was machine-sent), the supervisor one escalation, and the
// next check is scheduled. A job for a time that is no longer expected (an ETA moved it,
// the case was resolved) does nothing, nor does one while the case waits for the
// customer's answer: the clock stands still, and the answer moves the expected time on by
// the wait (forwardCustomerReply).
import { isOpen } from '../../domain/case/lifecycle.js';
import { nextExpectedAfterMiss } from '../../domain/sla/deadline.js';
import { decideAutoReply } from '../../domain/notify/autoReplyPolicy.js';
import { clockMail } from '../mail/customerMails.js';
import { words } from '../../domain/words/catalogue.js';
import { formatTime } from '../notify/formatTime.js';
import { department } from '../route/routeCase.js';
import { supervisorAlert } from '../mail/staffMails.js';
import { storeAndDeliver } from '../notify/deliverOutbox.js';
import type { CaseWorkDeps } from '../case/caseWorkDeps.js';

export async function checkDeadline(caseId: string, dueMs: number, deps: CaseWorkDeps): Promise<{ notBefore: Date } | null> {
  let ctx = await deps.work.context(caseId);
  if (!ctx || !isOpen(ctx.status) || !ctx.department || ctx.awaitingCustomer) return null;
  const due = new Date(dueMs);
  const expected = ctx.expectedBy?.getTime() === dueMs;
  if (!expected && ctx.lastMissed?.getTime() !== dueMs) return null; // moved on: nothing to do
  const now = deps.now();
  if (expected && now < due) return { notBefore: due };
  const config = await deps.runtime.config();
  const owner = department(config, ctx.department);
  if (expected) {
    await deps.work.markMissed(caseId, due, nextExpectedAfterMiss(now, ctx.priority, config), now);
    ctx = (await deps.work.context(caseId))!;
  }
  const tz = config.priorityPolicy.businessHours.timeZone;
  const next = ctx.expectedBy!;
  const notice = clockMail(ctx, { kind: 'delay', reason: ctx.delayReason ?? '', expectedBy: next, missed: due }, `delay:${ctx.caseNumber}:${dueMs}`, config, deps);
  // The supervisor hears of it either way; a machine-sent origin gets no notice (RFC 3834).
  const may = decideAutoReply({ to: ctx.customer.email, automated: ctx.origin.automated, ownAddresses: [deps.support.address] });
  if (may.send) await storeAndDeliver(notice, deps);
  const routing = await deps.store.context(caseId);
  if (routing?.screening) {
    const detail = words('mail', owner.locale).overdueDetail(formatTime(due, tz), ctx.status, formatTime(next, tz));
    await storeAndDeliver(supervisorAlert(routing, owner, config, deps, 'overdue', detail, `overdue:${ctx.caseNumber}:${dueMs}`), deps);
  }
  await deps.deadlines.scheduleDeadline(caseId, next, null);
  deps.log.warn({ event: 'sla.missed', case: ctx.caseNumber, expectedBy: due, next }, 'case overdue: customer and supervisor told');
  return null;
}
