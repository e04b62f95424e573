// The mails to staff, one builder a kind: the routing mail (and its reminder), the
// supervisor's alert, the approval request, a customer's reply forwarded, and the short
// notices (staff-notice). Each is in its department's language, carries the case's reply
// address and the marker above which staff write, and shows the customer's words masked.
import type { ProposedResolution } from '../../domain/case/staffUpdate.js';
import { fitAttachments } from '../../domain/notify/attachmentsOut.js';
import type { Locale } from '../../domain/intake/language.js';
import type { Department, ScreeningConfig } from '../../domain/settings/screeningConfig.js';
import { formatTime } from '../notify/formatTime.js';
import { describeCompensation } from '../../domain/words/mail.js';
import type { OutboxEntry } from '../notify/ports.js';
import type { RoutingContext, StoredFile } from '../route/ports.js';
import { attachmentList, caseReplyAddress, staffMessage, staffSubject, staffTemplateData, timeZoneOf, toStaff, withFiles, type CaseRef, type MailDeps } from './envelope.js';

/**
 * The mail a department gets: the case, or with `reminder` a reminder to confirm it. A
 * case moved to another department later (a correction, an assignment) gets `id`.
 */
export function routingMail(ctx: RoutingContext, d: Department, config: ScreeningConfig, deps: MailDeps, reminder: boolean, id?: string): OutboxEntry {
  const s = ctx.screening!;
  const tz = timeZoneOf(config);
  const category = config.categories.find((c) => c.id === s.category);
  const sent = fitAttachments(ctx.attachments, deps.attachmentsOut.maxBytes).attached;
  const rendered = deps.templates.render('routing', d.locale, {
    ...staffTemplateData(ctx, config, deps),
    departmentName: d.name[d.locale],
    reminder,
    category: category?.name[d.locale] ?? s.category,
    confidence: Math.round(s.confidence * 100),
    needsTriage: s.flags.includes('needs_triage'),
    priority: s.priority,
    priorityReasons: s.priorityReasons,
    sentiment: `${s.sentiment.label} (${s.sentiment.score})`,
    flags: [...new Set([...s.flags, ...ctx.flags])].join(', '),
    incidentId: ctx.incidentId ?? '',
    incidentReplyAddress: ctx.incidentId ? caseReplyAddress(ctx.incidentId, deps) : '',
    confirmBy: ctx.routing.confirmBy ? formatTime(ctx.routing.confirmBy, tz) : '',
    firstResponseBy: formatTime(s.due.firstResponseBy, tz),
    resolveBy: formatTime(s.due.resolveBy, tz),
    confirmHours: config.confirmation.confirmHours,
    customerName: ctx.customer.name,
    customerEmail: ctx.customer.email,
    subject: staffSubject(ctx.subject),
    message: staffMessage(ctx.text),
    ...attachmentList(ctx.caseNumber, ctx.attachments, deps, sent),
  });
  const mail = toStaff(ctx, id ?? `${reminder ? 'remind' : 'route'}:${ctx.caseNumber}:${d.id}`, reminder ? 'routing-reminder' : 'routing', d.email, rendered, deps);
  return withFiles(mail, sent);
}

export type AlertReason = 'legal' | 'unconfirmed' | 'no-first-response' | 'overdue';

/** A mail to a department's supervisor: an escalation (unconfirmed, no first answer, overdue), or a legal threat to know of. */
export function supervisorAlert(ctx: RoutingContext, d: Department, config: ScreeningConfig, deps: MailDeps, reason: AlertReason, detail: string, id: string): OutboxEntry {
  const s = ctx.screening!;
  const tz = timeZoneOf(config);
  const rendered = deps.templates.render('supervisor-alert', d.locale, {
    ...staffTemplateData(ctx, config, deps),
    departmentName: d.name[d.locale],
    departmentEmail: d.email,
    legal: reason === 'legal',
    overdue: reason === 'overdue',
    noFirstResponse: reason === 'no-first-response',
    detail,
    priority: s.priority,
    category: config.categories.find((c) => c.id === s.category)?.name[d.locale] ?? s.category,
    subject: staffSubject(ctx.subject),
    customerEmail: ctx.customer.email,
    routedAt: ctx.routing.sentAt ? formatTime(ctx.routing.sentAt, tz) : '',
    confirmBy: ctx.routing.confirmBy ? formatTime(ctx.routing.confirmBy, tz) : '',
    firstResponseBy: formatTime(s.due.firstResponseBy, tz),
  });
  return toStaff(ctx, id, `supervisor-${reason}`, d.supervisor, rendered, deps);
}

export interface Notice {
  id: string;
  to: string;
  /** The department whose language the notice is in (English without one). */
  department: Department | null;
  title: string;
  lines: string[];
  /** The reply was applied except for the lines listed. */
  applied: boolean;
  /** Add the list of commands. */
  help: boolean;
}

/** A short notice to staff (staff-notice); the first-response reminder is one by its own kind. */
export function staffNotice(ctx: CaseRef, n: Notice, config: ScreeningConfig, deps: MailDeps, kind: 'staff-notice' | 'first-response-reminder' = 'staff-notice'): OutboxEntry {
  const locale: Locale = n.department?.locale ?? 'en';
  const rendered = deps.templates.render('staff-notice', locale, { ...staffTemplateData(ctx, config, deps), title: n.title, lines: n.lines, applied: n.applied, help: n.help });
  return toStaff(ctx, n.id, kind, n.to, rendered, deps);
}

/** The solution a department proposes, for the supervisor to approve. */
export function approvalRequest(
  ctx: CaseRef & { subject: string; priority: string; customer: { email: string } },
  p: ProposedResolution,
  owner: Department,
  id: string,
  config: ScreeningConfig,
  deps: MailDeps,
): OutboxEntry {
  const rendered = deps.templates.render('approval-request', owner.locale, {
    ...staffTemplateData(ctx, config, deps),
    departmentName: owner.name[owner.locale],
    proposedBy: p.by,
    ...resolutionData(p, owner.locale),
    priority: ctx.priority,
    subject: staffSubject(ctx.subject),
    customerEmail: ctx.customer.email,
  });
  return toStaff(ctx, id, 'approval-request', owner.supervisor, rendered, deps);
}

/** The customer wrote again: their new words (masked) and files go to whoever handles the case. */
export function customerReplyMail(
  ctx: CaseRef & { subject: string; customer: { email: string; name: string }; awaitingCustomer: boolean; lastQuestion: string | null },
  msg: { key: string; text: string; attachments: StoredFile[] },
  d: Department,
  to: string,
  config: ScreeningConfig,
  deps: MailDeps,
): OutboxEntry {
  const sent = fitAttachments(msg.attachments, deps.attachmentsOut.maxBytes).attached;
  const rendered = deps.templates.render('customer-reply', d.locale, {
    ...staffTemplateData(ctx, config, deps),
    departmentName: d.name[d.locale],
    customerName: ctx.customer.name,
    customerEmail: ctx.customer.email,
    subject: staffSubject(ctx.subject),
    message: staffMessage(msg.text),
    question: ctx.awaitingCustomer ? (ctx.lastQuestion ?? '') : '',
    ...attachmentList(ctx.caseNumber, msg.attachments, deps, sent),
  });
  return withFiles(toStaff(ctx, `forward:${msg.key}`, 'customer-reply', to, rendered, deps), sent);
}

/** A resolution's template variables (the customer's mail and the approval request share them). */
export function resolutionData(p: ProposedResolution, locale: Locale) {
  return { solution: p.text, followUp: p.followUp ?? '', compensations: p.compensations.map((c) => ({ description: describeCompensation(c, locale) })) };
}
