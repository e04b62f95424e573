// A customer's answer after the resolution (P-20, P-21): a score or a "fixed / not
// fixed" from the survey page or a reply. 3-5 and "fixed" close the case; 1-2 and "not
// fixed" re-open it (back to its department, the SLA clock restarted, the department and
// the supervisor told); a negative comment asks customer service to follow up. Applied
// once per answer, under the case's lock.
import { isOpen } from '../../domain/case/lifecycle.js';
import { event } from '../../domain/case/timelineEvents.js';
import { analyzeSentiment } from '../../domain/classify/sentiment.js';
import { outcomeOf, type Answer } from '../../domain/survey/feedback.js';
import { normalizeText } from '../../domain/text/normalize.js';
import { addBusinessHours } from '../../domain/sla/businessHours.js';
import { calendarOf } from '../../domain/sla/priorityPolicy.js';
import type { Department } from '../../domain/settings/screeningConfig.js';
import type { Locale } from '../../domain/intake/language.js';
import { words } from '../../domain/words/catalogue.js';
import { deliverOutbox } from '../notify/deliverOutbox.js';
import type { OutboxEntry } from '../notify/ports.js';
import { department } from '../route/routeCase.js';
import { staffNotice } from '../mail/staffMails.js';
import type { SurveyDeps } from './ports.js';

export async function applyAnswer(caseId: string, answerId: string, deps: SurveyDeps): Promise<void> {
  await deps.lock(caseId, async () => {
    const [a, ctx] = await Promise.all([deps.answers.get(answerId), deps.work.context(caseId)]);
    if (!a || !ctx?.department) return;
    const config = await deps.runtime.config();
    const outcome = outcomeOf(a.answer);
    const now = deps.now();
    // Only a resolved case closes or re-opens on an answer; a closed one only re-opens.
    const acts = ctx.status === 'resolved' || (ctx.status === 'closed' && outcome === 'reopen');
    const reopen = acts && outcome === 'reopen';
    const expectedBy = addBusinessHours(now, config.priorityPolicy.targets[ctx.priority].resolveHours, calendarOf(ctx.priority, config.priorityPolicy));
    const set: Record<string, unknown> = {
      'survey.answer': a.answer.kind,
      'survey.comment': a.comment,
      'survey.answeredAt': a.at,
      'survey.source': a.source,
      ...(a.answer.kind === 'score' ? { 'survey.score': a.answer.score } : {}),
      ...(acts && !reopen ? { status: 'closed', closedAt: now } : {}),
      ...(reopen ? { status: 'reopened', 'sla.expectedBy': expectedBy, pendingResolution: null, awaitingCustomer: false } : {}),
    };
    const fresh = await deps.work.commitOnce(caseId, answerId, set, reopen ? { reopenCount: 1 } : {});
    const negative = a.comment.trim() !== '' && analyzeSentiment(normalizeText(a.comment)).label === 'negative';
    await deps.work.recordEvents(caseId, [
      { id: `${answerId}:answer`, at: a.at, actor: 'customer', ...event('survey.answered', { ...a.answer, comment: a.comment, source: a.source, negative }) },
      ...(acts ? [{ id: `${answerId}:status`, at: now, actor: 'customer', ...event('status.changed', { from: ctx.status, to: reopen ? 'reopened' : 'closed', why: describe(a.answer) }) }] : []),
    ]);

    const owner = department(config, ctx.department);
    const notice = (id: string, to: string, d: Department, title: string, lines: string[]): OutboxEntry => staffNotice(ctx, { id, to, department: d, title, lines, applied: false, help: reopen }, config, deps);
    const mails: OutboxEntry[] = [];
    if (reopen) {
      const w = words('mail', owner.locale);
      const why = [`${describe(a.answer, owner.locale)}${a.comment ? `${w.colon}"${a.comment}"` : ''}`, w.reopenedTimes(ctx.reopenCount + (fresh ? 1 : 0))];
      mails.push(notice(`reopened:${answerId}:dept`, owner.email, owner, w.reopenedTitle(ctx.caseNumber), why));
      mails.push(notice(`reopened:${answerId}:supervisor`, owner.supervisor, owner, w.reopenedTitle(ctx.caseNumber), why));
    }
    if (negative) {
      const triage = department(config, config.triageDepartment);
      const w = words('mail', triage.locale);
      mails.push(notice(`comment-followup:${answerId}`, triage.email, triage, w.negativeCommentTitle(ctx.caseNumber), [a.comment, w.customerLine(ctx.customer.email)]));
    }
    for (const m of mails) await deps.outbox.insertIfAbsent(m);
    for (const m of mails) await deliverOutbox(m.id, deps);
    if (reopen) await deps.deadlines.scheduleDeadline(caseId, expectedBy, null);
    deps.log.info({ event: 'survey.answer_applied', case: ctx.caseNumber, answer: a.answer, reopened: reopen, closed: acts && !reopen, open: isOpen(ctx.status) }, 'customer answer applied');
  });
}

function describe(a: Answer, locale: Locale = 'en'): string {
  const w = words('mail', locale);
  return a.kind === 'score' ? w.scored(a.score) : a.kind === 'fixed' ? w.confirmedFixed : w.notSolved;
}
