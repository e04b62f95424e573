// Routing (P-11): the owning department, and legal for a legal threat, each get one mail
// with the case, the decisions, the customer's message (personal numbers masked) and a
// reply address that files their answer under the case. A legal threat is also told to
// the supervisor. Then the confirmation checks are scheduled (P-12). Every mail has a
// fixed outbox id, so a retry sends nothing twice.
import type { Logger } from 'pino';
import { maskSensitive } from '../../domain/classify/sensitiveData.js';
import { ownWords } from '../../domain/text/normalize.js';
import { replyAddress } from '../../domain/route/replyToken.js';
import type { Department, ScreeningConfig } from '../../domain/settings/screeningConfig.js';
import { storeAndDeliver, type DeliverDeps } from '../notify/deliverOutbox.js';
import { formatTime } from '../notify/formatTime.js';
import { formatSize } from '../notify/formatSize.js';
import type { OutboxEntry, OutgoingAttachment, TemplateRenderer } from '../notify/ports.js';
import { fitAttachments } from '../../domain/notify/attachmentsOut.js';
import { outgoingMessageId } from '../notify/messageId.js';
import { NotScreenedError, type CaseJobs } from '../classify/ports.js';
import type { ScreeningRuntime } from '../classify/screeningRuntime.js';
import type { ConfirmationJobs, RoutingContext, RoutingRecord, RoutingStore, StoredFile } from './ports.js';
import type { WorkJobs } from '../case/ports.js';
import { REPLY_MARKER } from '../../domain/route/replyMarker.js';
import type { MailKind } from '../../domain/mail/mailKinds.js';

export interface RouteDeps extends DeliverDeps {
  store: RoutingStore;
  runtime: ScreeningRuntime;
  templates: TemplateRenderer;
  jobs: Pick<CaseJobs, 'screen'>;
  confirmations: ConfirmationJobs;
  deadlines: WorkJobs;
  support: { address: string; name: string; company: string };
  replyTokenSecret: string;
  /** How much of a message's attachments a mail carries; the rest are linked to the case page. */
  attachmentsOut: { maxBytes: number; caseUrl: (caseNumber: string) => string };
  log: Logger;
}

const MAX_MESSAGE_CHARS = 8000;

export async function routeCase(caseId: string, deps: RouteDeps): Promise<void> {
  const ctx = await deps.store.context(caseId);
  if (!ctx) return;
  const routed = await sendRouting(ctx, deps);
  await deps.store.markRouted(caseId, routed.record);
  await scheduleAfterRouting(ctx, routed, deps);
}

export interface Routed {
  record: RoutingRecord;
  /** This call routed the case (not a re-run finishing an earlier one). */
  first: boolean;
}

/** Sends the departments their mails (each once); the caller records the routing, then calls scheduleAfterRouting. */
export async function sendRouting(ctx: RoutingContext, deps: RouteDeps): Promise<Routed> {
  const s = ctx.screening;
  if (!s) {
    await deps.jobs.screen(ctx.caseId);
    throw new NotScreenedError(`case ${ctx.caseNumber} is not screened yet`);
  }
  const config = await deps.runtime.config();
  const departments = [s.department, ...s.alsoDepartments].map((id) => department(config, id));
  const mails: OutboxEntry[] = departments.map((d) => routingMail(ctx, d, config, deps, false));
  if (s.flags.includes('legal')) mails.push(supervisorAlert(ctx, departments[0]!, config, deps, 'legal', s.flagReasons.legal ?? 'legal threat', `legal-alert:${ctx.caseNumber}`));
  for (const mail of mails) await storeAndDeliver(mail, deps);

  // A first run records the routing; a re-run (a retry, or the reconciler after a crash)
  // records it again, which finishes whatever the crash left undone (the case's fields,
  // the reconciler's marker) and changes nothing that was done (the first values stay).
  const first = !ctx.routing.sentAt || !ctx.routing.confirmBy || !ctx.routing.escalateAt;
  const sentAt = ctx.routing.sentAt ?? deps.now();
  const confirmBy = ctx.routing.confirmBy ?? new Date(sentAt.getTime() + config.confirmation.confirmHours * 3600_000);
  const escalateAt = ctx.routing.escalateAt ?? new Date(confirmBy.getTime() + config.confirmation.escalateAfterHours * 3600_000);
  const routedTo = ctx.routing.departments?.length ? ctx.routing.departments : departments.map((d) => d.id);
  return { record: { departments: routedTo, sentAt, confirmBy, escalateAt }, first };
}

/** Once the routing is recorded: the checks of the department's confirmation (P-12), its first answer (P-8) and of the expected time (P-18). */
export async function scheduleAfterRouting(ctx: RoutingContext, { record, first }: Routed, deps: RouteDeps): Promise<void> {
  await deps.confirmations.schedule(ctx.caseId, record.confirmBy, record.escalateAt);
  if (ctx.screening) await deps.deadlines.scheduleFirstResponse(ctx.caseId, ctx.screening.due.firstResponseBy);
  if (ctx.expectedBy) await deps.deadlines.scheduleDeadline(ctx.caseId, ctx.expectedBy, null);
  if (first) deps.log.info({ event: 'case.routed', case: ctx.caseNumber, departments: record.departments, confirmBy: record.confirmBy }, 'case routed');
}

export function department(config: ScreeningConfig, id: string): Department {
  const d = config.departments.find((x) => x.id === id);
  if (!d) throw new Error(`department "${id}" is not in the screening configuration; add it to departments or fix the routing table`);
  return d;
}

/**
 * The mail a department gets: the case, or with `reminder` a reminder to confirm it. A
 * case moved to another department later (a correction, an assignment) gets `id`.
 */
export function routingMail(ctx: RoutingContext, d: Department, config: ScreeningConfig, deps: RouteDeps, reminder: boolean, id?: string): OutboxEntry {
  const s = ctx.screening!;
  const tz = config.priorityPolicy.businessHours.timeZone;
  const category = config.categories.find((c) => c.id === s.category);
  const reply = replyAddress(deps.support.address, ctx.caseNumber, deps.replyTokenSecret);
  const text = maskSensitive(ownWords(ctx.text));
  const sent = fitAttachments(ctx.attachments, deps.attachmentsOut.maxBytes).attached;
  const rendered = deps.templates.render('routing', d.locale, {
    caseNumber: ctx.caseNumber,
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
    incidentReplyAddress: ctx.incidentId ? replyAddress(deps.support.address, ctx.incidentId, deps.replyTokenSecret) : '',
    acknowledgeBy: formatTime(s.due.acknowledgeBy, tz),
    firstResponseBy: formatTime(s.due.firstResponseBy, tz),
    resolveBy: formatTime(s.due.resolveBy, tz),
    confirmHours: config.confirmation.confirmHours,
    customerName: ctx.customer.name,
    customerEmail: ctx.customer.email,
    subject: maskSensitive(ctx.subject) || '(no subject)',
    message: text.length > MAX_MESSAGE_CHARS ? `${text.slice(0, MAX_MESSAGE_CHARS)}\n[...]` : text,
    ...attachmentList(ctx.caseNumber, ctx.attachments, deps, sent),
    replyAddress: reply,
    replyMarker: REPLY_MARKER,
    timeZone: tz,
    supportName: deps.support.name,
  });
  return { ...staffMail(ctx, id ?? `${reminder ? 'remind' : 'route'}:${ctx.caseNumber}:${d.id}`, reminder ? 'routing-reminder' : 'routing', d.email, rendered, reply, deps), ...outgoing(sent) };
}

/** The customer's attachments that fit in a mail to staff (`fitAttachments`), in the form an outbox entry takes. */
export function outgoing(files: StoredFile[]): { attachments?: OutgoingAttachment[] } {
  return files.length ? { attachments: files.map((f) => ({ fileId: f.fileId, filename: f.filename, contentType: f.contentType })) } : {};
}

/** The template's list of attachments: each attached, or to be seen on the case page. */
export function attachmentList(caseNumber: string, all: StoredFile[], deps: Pick<RouteDeps, 'attachmentsOut'>, sent: StoredFile[]) {
  return {
    caseUrl: deps.attachmentsOut.caseUrl(caseNumber),
    attachments: all.map((a) => ({ filename: a.filename, size: formatSize(a.size), attached: sent.includes(a) })),
  };
}

/** A mail to a department's supervisor: an escalation (unconfirmed, no first answer, overdue), or a legal threat to know of. */
export function supervisorAlert(ctx: RoutingContext, d: Department, config: ScreeningConfig, deps: RouteDeps, reason: 'legal' | 'unconfirmed' | 'no-first-response' | 'overdue', detail: string, id: string): OutboxEntry {
  const s = ctx.screening!;
  const tz = config.priorityPolicy.businessHours.timeZone;
  const reply = replyAddress(deps.support.address, ctx.caseNumber, deps.replyTokenSecret);
  const rendered = deps.templates.render('supervisor-alert', d.locale, {
    caseNumber: ctx.caseNumber,
    departmentName: d.name[d.locale],
    departmentEmail: d.email,
    legal: reason === 'legal',
    overdue: reason === 'overdue',
    noFirstResponse: reason === 'no-first-response',
    detail,
    priority: s.priority,
    category: config.categories.find((c) => c.id === s.category)?.name[d.locale] ?? s.category,
    subject: maskSensitive(ctx.subject) || '(no subject)',
    customerEmail: ctx.customer.email,
    routedAt: ctx.routing.sentAt ? formatTime(ctx.routing.sentAt, tz) : '',
    confirmBy: ctx.routing.confirmBy ? formatTime(ctx.routing.confirmBy, tz) : '',
    firstResponseBy: formatTime(s.due.firstResponseBy, tz),
    replyAddress: reply,
    replyMarker: REPLY_MARKER,
    supportName: deps.support.name,
  });
  return staffMail(ctx, id, `supervisor-${reason}`, d.supervisor, rendered, reply, deps);
}

/** A mail to staff about a case; their answer goes to the case's reply address. */
export function staffMail(
  ctx: { caseId: string; caseNumber: string },
  id: string,
  kind: MailKind,
  to: string,
  rendered: { subject: string; text: string; html: string },
  reply: string,
  deps: { support: { address: string; name: string } },
): OutboxEntry {
  return {
    id,
    caseId: ctx.caseId,
    kind,
    auto: false,
    from: `"${deps.support.name.replace(/"/g, '')}" <${deps.support.address}>`,
    to,
    replyTo: reply,
    ...rendered,
    messageId: outgoingMessageId(id, deps.support.address),
    references: [],
    // Staff mail is machine-made too: out-of-office replies must not answer it (RFC 3834).
    headers: { 'Auto-Submitted': 'auto-generated', 'X-Auto-Response-Suppress': 'OOF, AutoReply', 'X-Case-Number': ctx.caseNumber },
  };
}
