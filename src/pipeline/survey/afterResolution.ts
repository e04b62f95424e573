// After the resolution (P-20, P-22): delayed jobs per case and resolution time send the
// survey, later one follow-up mail if the customer has not answered, and later still
// close the case if nobody answered. A step for an older resolution (the case was
// re-opened and resolved again), or for a case the customer answered, does nothing.
import { decideAutoReply } from '../../domain/notify/autoReplyPolicy.js';
import { event } from '../../domain/case/timelineEvents.js';
import { clockMail } from '../mail/customerMails.js';
import { storeAndDeliver } from '../notify/deliverOutbox.js';
import type { AfterResolutionStep } from '../case/ports.js';
import type { SurveyDeps } from './ports.js';

export async function afterResolution(step: AfterResolutionStep, caseId: string, resolvedMs: number, at: Date, deps: SurveyDeps): Promise<{ notBefore: Date } | null> {
  const ctx = await deps.work.context(caseId);
  if (!ctx || ctx.status !== 'resolved' || ctx.resolvedAt?.getTime() !== resolvedMs || ctx.survey.answeredAt) return null;
  if (deps.now() < at) return { notBefore: at };
  const config = await deps.runtime.config();
  const key = `${step}:${ctx.caseNumber}:${resolvedMs}`;
  if (step === 'close') {
    if (await deps.work.commitOnce(caseId, key, { status: 'closed', closedAt: deps.now() })) {
      await deps.work.recordEvents(caseId, [{ id: key, at: deps.now(), actor: 'system', ...event('status.changed', { from: 'resolved', to: 'closed', why: `no answer ${config.survey.closeAfterDays} days after the follow-up` }) }]);
    }
    deps.log.info({ event: 'case.closed_unanswered', case: ctx.caseNumber }, 'case closed: no answer after the follow-up');
    return null;
  }
  const may = decideAutoReply({ to: ctx.customer.email, automated: ctx.origin.automated, ownAddresses: [deps.support.address] });
  if (!may.send) {
    deps.log.info({ event: `case.${step}_suppressed`, case: ctx.caseNumber, reason: may.reason }, `no ${step} mail: ${may.reason}`);
    return null;
  }
  const expiresAt = new Date(deps.now().getTime() + config.survey.linkDays * 86400_000);
  const links = {
    scores: [1, 2, 3, 4, 5].map((score) => ({ score, url: deps.surveyLink(ctx.caseNumber, score, expiresAt) })),
    commentUrl: deps.surveyLink(ctx.caseNumber, 0, expiresAt),
    linkDays: config.survey.linkDays,
  };
  await storeAndDeliver(clockMail(ctx, { kind: step === 'survey' ? 'survey' : 'follow-up', ...links }, key, config, deps), deps);
  await deps.work.commitOnce(caseId, key, { [step === 'survey' ? 'survey.sentAt' : 'survey.followUpSentAt']: deps.now() });
  deps.log.info({ event: `case.${step}_sent`, case: ctx.caseNumber }, `${step} sent`);
  return null;
}
