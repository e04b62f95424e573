// The customer answers a proposed solution (002: 征得客戶同意): "yes" / 「同意」 lets
// the department carry it out (they are told, and may then resolve); "no" / 「不同意」
// goes back to them with the customer's words. Applied once per customer message; a
// reply that is neither is forwarded as any other (the caller does that).
import { readConsent, type Consent } from '../../domain/case/consent.js';
import { replyAddress } from '../../domain/route/replyToken.js';
import { REPLY_MARKER } from '../../domain/route/replyMarker.js';
import { maskSensitive } from '../../domain/classify/sensitiveData.js';
import { storeAndDeliver } from '../notify/deliverOutbox.js';
import { department, staffMail } from '../route/routeCase.js';
import type { CaseWorkDeps } from './caseWorkDeps.js';
import type { WorkContext } from './ports.js';

/** True when the text answered the waiting proposal (and nothing else is to be done with it). */
export async function applyConsent(ctx: WorkContext, key: string, text: string, deps: CaseWorkDeps): Promise<boolean> {
  const proposal = ctx.proposal;
  // A retry after the answer was stored goes on to the timeline and the notice.
  if ((proposal?.state !== 'awaiting' && !ctx.appliedMessages.includes(key)) || !ctx.department) return false;
  const consent = readConsent(text);
  if (!consent) return false;
  await recordConsent(ctx, key, consent, text, 'reply', deps);
  return true;
}

/**
 * Records the customer's answer to the waiting proposal (by reply or by the link in the
 * proposal mail) and tells the department; idempotent by `key`.
 */
export async function recordConsent(ctx: WorkContext, key: string, consent: Consent, text: string, via: 'reply' | 'link', deps: CaseWorkDeps): Promise<void> {
  const proposal = ctx.proposal;
  if (!proposal || (proposal.state !== 'awaiting' && !ctx.appliedMessages.includes(key)) || !ctx.department) return;
  const now = deps.now();
  const words = maskSensitive(text.trim());
  await deps.work.commitOnce(ctx.caseId, key, { 'proposal.state': consent, 'proposal.answer': words, 'proposal.answeredAt': now, 'proposal.via': via, awaitingCustomer: false });
  await deps.work.recordEvents(ctx.caseId, [{ id: `${key}:consent`, type: `solution.${consent}`, at: now, actor: 'customer', data: { solution: proposal.text, answer: words, via, message: key } }]);

  const config = await deps.runtime.config();
  const d = department(config, ctx.department);
  const zh = d.locale !== 'en';
  const accepted = consent === 'accepted';
  const title = accepted
    ? zh ? `客戶同意了案件 ${ctx.caseNumber} 的建議方案，請執行並以「解決：」回覆` : `The customer accepted the proposed solution for ${ctx.caseNumber}: carry it out and reply "resolve: ..."`
    : zh ? `客戶不同意案件 ${ctx.caseNumber} 的建議方案` : `The customer refused the proposed solution for ${ctx.caseNumber}`;
  const lines = [
    zh ? `建議方案：${proposal.text}` : `Proposed: ${proposal.text}`,
    ...(words ? [zh ? `客戶回覆：${words}` : `The customer wrote: ${words}`] : []),
    ...(via === 'link' ? [zh ? '客戶是以建議方案郵件中的連結回覆的。' : 'The customer answered with the link in the proposal mail.'] : []),
  ];
  const reply = replyAddress(deps.support.address, ctx.caseNumber, deps.replyTokenSecret);
  const rendered = deps.templates.render('staff-notice', d.locale, {
    caseNumber: ctx.caseNumber,
    title,
    lines,
    applied: false,
    help: !accepted,
    replyAddress: reply,
    replyMarker: REPLY_MARKER,
    timeZone: config.priorityPolicy.businessHours.timeZone,
    supportName: deps.support.name,
  });
  await storeAndDeliver(staffMail(ctx, `consent:${key}`, 'staff-notice', ctx.assignee ?? proposal.by, rendered, reply, deps), deps);
  deps.log.info({ event: 'case.consent_applied', case: ctx.caseNumber, consent, via }, 'customer answered the proposed solution');
}
