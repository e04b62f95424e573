// The customer wrote again on a routed case, for example answering the department's
// question (P-12): their new text (quoted history removed, personal numbers masked)
// goes to whoever handles the case, with the case's reply address and their attachments
// (up to the limit; the rest are linked to the case page), and the case stops
// waiting for the customer (its expected time moves on by the wait). One mail per
// customer message. An answer to a proposed solution is applied as the customer's
// consent instead (applyConsent).
import { maskSensitive } from '../../domain/classify/sensitiveData.js';
import { replyAddress } from '../../domain/route/replyToken.js';
import { REPLY_MARKER } from '../../domain/route/replyMarker.js';
import { ownWords } from '../../domain/text/normalize.js';
import { resumeAfterWaiting } from '../../domain/sla/deadline.js';
import { fitAttachments } from '../../domain/notify/attachmentsOut.js';
import { attachmentList, department, outgoing, staffMail } from '../route/routeCase.js';
import { storeAndDeliver } from '../notify/deliverOutbox.js';
import type { CaseWorkDeps } from './caseWorkDeps.js';
import { applyConsent } from './applyConsent.js';

const MAX_MESSAGE_CHARS = 8000;

export async function forwardCustomerReply(caseId: string, key: string, deps: CaseWorkDeps): Promise<void> {
  const [msg, ctx] = await Promise.all([deps.work.customerReply(key), deps.work.context(caseId)]);
  if (!msg || msg.automated || !ctx?.department) return;
  if (await applyConsent(ctx, key, ownWords(deps.replyText(msg.text) || msg.text), deps)) return;
  const config = await deps.runtime.config();
  const d = department(config, ctx.department);
  const text = maskSensitive(ownWords(deps.replyText(msg.text) || msg.text));
  const reply = replyAddress(deps.support.address, ctx.caseNumber, deps.replyTokenSecret);
  const sent = fitAttachments(msg.attachments, deps.attachmentsOut.maxBytes).attached;
  const rendered = deps.templates.render('customer-reply', d.locale, {
    caseNumber: ctx.caseNumber,
    departmentName: d.name[d.locale],
    customerName: ctx.customer.name,
    customerEmail: ctx.customer.email,
    subject: maskSensitive(ctx.subject) || '(no subject)',
    message: text.length > MAX_MESSAGE_CHARS ? `${text.slice(0, MAX_MESSAGE_CHARS)}\n[...]` : text,
    question: ctx.awaitingCustomer ? (ctx.lastQuestion ?? '') : '',
    ...attachmentList(ctx.caseNumber, msg.attachments, deps, sent),
    replyAddress: reply,
    replyMarker: REPLY_MARKER,
    timeZone: config.priorityPolicy.businessHours.timeZone,
    supportName: deps.support.name,
  });
  await storeAndDeliver({ ...staffMail(ctx, `forward:${key}`, 'customer-reply', ctx.assignee ?? d.email, rendered, reply, deps), ...outgoing(sent) }, deps);
  const now = deps.now();
  const resumed = ctx.awaitingCustomer && ctx.waitingSince && ctx.expectedBy ? resumeAfterWaiting(ctx.expectedBy, ctx.waitingSince, now) : null;
  // The new check first: once the case stops waiting, a retry no longer knows the wait.
  if (resumed) await deps.deadlines.scheduleDeadline(caseId, resumed, ctx.expectedBy);
  await deps.work.customerAnswered(caseId, key, now, resumed);
  deps.log.info({ event: 'case.customer_reply_forwarded', case: ctx.caseNumber, to: ctx.assignee ?? d.email }, 'customer reply forwarded');
}
