// The first-response deadline (P-8): a delayed job per case and due time. When the time
// passes and no department has written to the customer yet (a reply, a question or the
// solution), the department gets one reminder and its supervisor one escalation. A job
// for a due time that no longer holds (a priority change moved it), or for a case that
// was answered, closed, or waits for the customer, does nothing.
import { isOpen } from '../../domain/case/lifecycle.js';
import { event } from '../../domain/case/timelineEvents.js';
import { words } from '../../domain/words/catalogue.js';
import { formatTime } from '../notify/formatTime.js';
import { storeAndDeliver } from '../notify/deliverOutbox.js';
import { department } from '../route/routeCase.js';
import { staffNotice, supervisorAlert, type Notice } from '../mail/staffMails.js';
import type { CaseWorkDeps } from '../case/caseWorkDeps.js';

export async function checkFirstResponse(caseId: string, dueMs: number, deps: CaseWorkDeps): Promise<{ notBefore: Date } | null> {
  const ctx = await deps.work.context(caseId);
  if (!ctx || !isOpen(ctx.status) || !ctx.department || ctx.firstResponseAt || ctx.awaitingCustomer) return null;
  if (ctx.firstResponseBy?.getTime() !== dueMs) return null;
  const due = new Date(dueMs);
  const now = deps.now();
  if (now < due) return { notBefore: due };
  const config = await deps.runtime.config();
  const owner = department(config, ctx.department);
  const tz = config.priorityPolicy.businessHours.timeZone;
  const w = words('mail', owner.locale);
  const reminder: Notice = {
    id: `first-response-remind:${ctx.caseNumber}:${dueMs}`,
    to: ctx.assignee ?? owner.email,
    department: owner,
    title: w.firstResponseDue(ctx.caseNumber, formatTime(due, tz)),
    lines: [w.firstResponseHint],
    applied: false,
    help: true,
  };
  await storeAndDeliver(staffNotice(ctx, reminder, config, deps, 'first-response-reminder'), deps);
  const routing = await deps.store.context(caseId);
  if (routing?.screening) {
    const detail = w.noFirstResponseDetail(formatTime(due, tz), ctx.priority);
    await storeAndDeliver(supervisorAlert(routing, owner, config, deps, 'no-first-response', detail, `first-response-escalate:${ctx.caseNumber}:${dueMs}`), deps);
  }
  await deps.work.recordEvents(caseId, [{ id: `first-response-missed:${caseId}:${dueMs}`, at: now, actor: 'system', ...event('sla.first_response_missed', { due }) }]);
  deps.log.warn({ event: 'sla.first_response_missed', case: ctx.caseNumber, due }, 'no first answer in time: department reminded, supervisor told');
  return null;
}
