// The customer answers a proposed solution (002: 征得客戶同意): "yes" / 「同意」 lets
// the department carry it out (they are told, and may then resolve); "no" / 「不同意」
// goes back to them with the customer's words. Applied once per customer message; a
// reply that is neither is forwarded as any other (the caller does that).
import { readConsent, type Consent } from '../../domain/case/consent.js';
import { event } from '../../domain/case/timelineEvents.js';
import { maskSensitive } from '../../domain/classify/sensitiveData.js';
import { words as wordsIn } from '../../domain/words/catalogue.js';
import { storeAndDeliver } from '../notify/deliverOutbox.js';
import { department } from '../route/routeCase.js';
import { staffNotice } from '../mail/staffMails.js';
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
  await deps.work.recordEvents(ctx.caseId, [{ id: `${key}:consent`, at: now, actor: 'customer', ...event(`solution.${consent}`, { solution: proposal.text, answer: words, via, message: key }) }]);

  const config = await deps.runtime.config();
  const d = department(config, ctx.department);
  const w = wordsIn('mail', d.locale);
  const accepted = consent === 'accepted';
  const title = accepted ? w.consentAccepted(ctx.caseNumber) : w.consentRefused(ctx.caseNumber);
  const lines = [w.proposed(proposal.text), ...(words ? [w.customerWrote(words)] : []), ...(via === 'link' ? [w.answeredByLink] : [])];
  await storeAndDeliver(staffNotice(ctx, { id: `consent:${key}`, to: ctx.assignee ?? proposal.by, department: d, title, lines, applied: false, help: !accepted }, config, deps), deps);
  deps.log.info({ event: 'case.consent_applied', case: ctx.caseNumber, consent, via }, 'customer answered the proposed solution');
}
