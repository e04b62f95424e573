// The first-response deadline (P-8): a delayed job per case and due time. When the time
// passes and no department has written to the customer yet (a reply, a question or the
// solution), the department gets one reminder and its supervisor one escalation. A job
// for a due time that no longer holds (a priority change moved it), or for a case that
// was answered, closed, or waits for the customer, does nothing.
import { isOpen } from '../../domain/case/lifecycle.js';
import { event } from '../../domain/case/timelineEvents.js';
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
  const zh = owner.locale !== 'en';
  const reminder: Notice = {
    id: `first-response-remind:${ctx.caseNumber}:${dueMs}`,
    to: ctx.assignee ?? owner.email,
    department: owner,
    title: zh ? `案件 ${ctx.caseNumber} 尚未回覆客戶：首次回覆期限是 ${formatTime(due, tz)}` : `Case ${ctx.caseNumber} has no answer to the customer yet: the first answer was due ${formatTime(due, tz)}`,
    lines: [zh ? `請以「回覆：」、「詢問：」或「解決：」回覆客戶；主管已收到通知。` : 'Write to the customer with "reply:", "ask:" or "resolve:"; the supervisor has been told.'],
    applied: false,
    help: true,
  };
  await storeAndDeliver(staffNotice(ctx, reminder, config, deps, 'first-response-reminder'), deps);
  const routing = await deps.store.context(caseId);
  if (routing?.screening) {
    const detail = `no reply, question or solution has reached the customer by ${formatTime(due, tz)} (${ctx.priority} priority)`;
    await storeAndDeliver(supervisorAlert(routing, owner, config, deps, 'no-first-response', detail, `first-response-escalate:${ctx.caseNumber}:${dueMs}`), deps);
  }
  await deps.work.recordEvents(caseId, [{ id: `first-response-missed:${caseId}:${dueMs}`, at: now, actor: 'system', ...event('sla.first_response_missed', { due }) }]);
  deps.log.warn({ event: 'sla.first_response_missed', case: ctx.caseNumber, due }, 'no first answer in time: department reminded, supervisor told');
  return null;
}
