// The mails to the customer, one builder a kind, each in the customer's language and
// thread. Staff-driven mails (the department's update, question, solution) are ordinary
// mail; the acknowledgement is an automatic reply and the clock's mails (delay, reminders,
// survey) are automatic notices (RFC 3834), so the customer's own auto-responder stays
// quiet. Times are written on the company's clock.
import type { Locale } from '../../domain/intake/language.js';
import type { Priority } from '../../domain/sla/priorityPolicy.js';
import type { ProposedResolution } from '../../domain/case/staffUpdate.js';
import type { CaseStatus } from '../../domain/case/case.js';
import type { FaqAnswer } from '../../domain/knowledge/faqMatch.js';
import type { ScreeningConfig } from '../../domain/settings/screeningConfig.js';
import { formatTime } from '../notify/formatTime.js';
import type { OutboxEntry } from '../notify/ports.js';
import { stageName } from '../../domain/words/mail.js';
import { words } from '../../domain/words/catalogue.js';
import { customerTemplateData, timeZoneOf, toCustomer, type CustomerThread, type MailDeps } from './envelope.js';
import { resolutionData } from './staffMails.js';

export type CustomerCase = CustomerThread & { locale: Locale };
type Deps = Pick<MailDeps, 'templates' | 'support'>;

/** The acknowledgement (P-16), from the priority's own template where there is one. */
export function acknowledgementMail(
  ctx: CustomerCase & { priority: Priority; department: string | null; firstResponseBy: Date | null; receivedAt: Date; submitted: boolean },
  id: string,
  config: ScreeningConfig,
  deps: Deps,
  suggestion: FaqAnswer | null,
): OutboxEntry {
  const tz = timeZoneOf(config);
  const team = config.departments.find((d) => d.id === ctx.department)?.name[ctx.locale] ?? deps.support.name;
  const variant = `acknowledgement-${ctx.priority}`;
  const rendered = deps.templates.render(deps.templates.has(variant) ? variant : 'acknowledgement', ctx.locale, {
    // A submission's subject may be anyone's words sent to anyone's address: not quoted.
    ...customerTemplateData(ctx.submitted ? { ...ctx, subject: words('mail', ctx.locale).submissionSubject } : ctx, deps.support),
    priority: ctx.priority,
    teamName: team,
    responseHours: config.priorityPolicy.targets[ctx.priority].firstResponseHours,
    respondBy: ctx.firstResponseBy ? formatTime(ctx.firstResponseBy, tz) : '',
    receivedAt: formatTime(ctx.receivedAt, tz),
    suggestion: suggestion ? { title: suggestion.title, answer: suggestion.answer } : null,
  });
  return toCustomer(ctx, id, 'acknowledgement', rendered, deps.support, 'auto-replied');
}

/** What a staff reply tells the customer: each kind with its own variables. */
export type StaffReplyMail =
  | { kind: 'resolution'; resolution: ProposedResolution }
  | { kind: 'progress'; stage: CaseStatus | null; text: string | null; expectedBy: Date | null }
  | { kind: 'question'; question: string }
  /** `links`: the signed links by which the customer accepts or refuses it. */
  | { kind: 'solution-proposal'; proposal: string; links?: { acceptUrl: string; refuseUrl: string } }
  /** `credit`: an adopted suggestion's author may be thanked publicly, under `name` (their initials; empty: none). */
  | { kind: 'suggestion-outcome'; adopted: boolean; outcome: string; credit?: { creditUrl: string; withdrawUrl: string; name: string } };

/** A department's word to the customer, sent for the staff reply `messageKey` (once). */
export function staffReplyMail(ctx: CustomerCase, m: StaffReplyMail, messageKey: string, config: ScreeningConfig, deps: Deps): OutboxEntry {
  const data = (() => {
    switch (m.kind) {
      case 'resolution':
        return resolutionData(m.resolution, ctx.locale);
      case 'progress':
        return { stageName: m.stage ? stageName(m.stage, ctx.locale) : '', message: m.text ?? '', expectedBy: m.expectedBy ? formatTime(m.expectedBy, timeZoneOf(config)) : '' };
      case 'question':
        return { question: m.question };
      case 'solution-proposal':
        return { proposal: m.proposal, ...m.links };
      case 'suggestion-outcome': {
        const credit = m.credit && { creditUrl: m.credit.creditUrl, withdrawUrl: m.credit.withdrawUrl, shownName: m.credit.name || words('mail', ctx.locale).aCustomer };
        return { adopted: m.adopted, outcome: m.outcome, ...credit };
      }
    }
  })();
  const rendered = deps.templates.render(m.kind, ctx.locale, { ...customerTemplateData(ctx, deps.support), ...data });
  return toCustomer(ctx, `${m.kind}:${messageKey}`, m.kind, rendered, deps.support, false);
}

/** The clock's notices to the customer: each kind with its own variables. */
export type ClockMail =
  | { kind: 'delay'; reason: string; missed: Date; expectedBy: Date }
  | { kind: 'awaiting-reminder'; question: string; closeOn: Date }
  | { kind: 'awaiting-closed'; question: string; reopenDays: number }
  | { kind: 'survey' | 'follow-up'; scores: Array<{ score: number; url: string }>; commentUrl: string; linkDays: number };

/** A notice the clock sends the customer (`id` names the step, so it goes once). */
export function clockMail(ctx: CustomerCase, m: ClockMail, id: string, config: ScreeningConfig, deps: Deps): OutboxEntry {
  const time = (at: Date) => formatTime(at, timeZoneOf(config));
  const data = (() => {
    switch (m.kind) {
      case 'delay':
        return { reason: m.reason, expectedBy: time(m.expectedBy), missed: time(m.missed) };
      case 'awaiting-reminder':
        return { question: m.question, closeOn: time(m.closeOn) };
      case 'awaiting-closed':
        return { question: m.question, reopenDays: m.reopenDays };
      case 'survey':
      case 'follow-up':
        return { scores: m.scores, commentUrl: m.commentUrl, linkDays: m.linkDays };
    }
  })();
  const rendered = deps.templates.render(m.kind, ctx.locale, { ...customerTemplateData(ctx, deps.support), ...data });
  return toCustomer(ctx, id, m.kind, rendered, deps.support, 'auto-generated');
}
