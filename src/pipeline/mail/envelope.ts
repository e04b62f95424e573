// What every outgoing mail of a kind shares, in one place: the sender, the threading,
// the RFC 3834 headers, the reply address and marker a staff mail carries, the masking
// of the customer's words in staff mail, and the template variables each audience's
// templates have. The builders (staffMails, customerMails, otherMails) use these; a
// stage never assembles an outbox entry or a template's data by hand.
import { maskSensitive } from '../../domain/classify/sensitiveData.js';
import type { MailKind } from '../../domain/mail/mailKinds.js';
import { REPLY_MARKER } from '../../domain/route/replyMarker.js';
import { replyAddress } from '../../domain/route/replyToken.js';
import type { ScreeningConfig } from '../../domain/settings/screeningConfig.js';
import { ownWords } from '../../domain/text/normalize.js';
import { outgoingMessageId } from '../notify/messageId.js';
import type { OutboxEntry, OutgoingAttachment, RenderedMail, TemplateRenderer } from '../notify/ports.js';
import type { StoredFile } from '../route/ports.js';
import { formatSize } from '../notify/formatSize.js';

export interface Support {
  address: string;
  name: string;
  company: string;
}

/** What building a mail needs: the templates, who we are, and (for staff mail) the reply-token key and attachment limit. */
export interface MailDeps {
  templates: TemplateRenderer;
  support: Support;
  replyTokenSecret: string;
  /** How much of a message's attachments a mail carries; the rest are linked to the case page. */
  attachmentsOut: { maxBytes: number; caseUrl: (caseNumber: string) => string };
}

export interface CaseRef {
  caseId: string;
  caseNumber: string;
}

/** The customer's side of a case: their address and the thread our mails answer. */
export interface CustomerThread extends CaseRef {
  customer: { email: string; name: string };
  subject: string;
  origin: { messageId: string | null; references: string[] };
}

/** RFC 3834: ordinary mail (staff-driven), an automatic reply (an acknowledgement), or a clock's notice. */
export type Automatic = false | 'auto-replied' | 'auto-generated';

const NO_SUBJECT = '(no subject)';
const MAX_MESSAGE_CHARS = 8000;

export const sender = (support: Pick<Support, 'address' | 'name'>) => `"${support.name.replace(/"/g, '')}" <${support.address}>`;
export const timeZoneOf = (config: ScreeningConfig) => config.priorityPolicy.businessHours.timeZone;

/**
 * A mail to the customer about their case: in their thread (In-Reply-To their first
 * message), with the case number in the subject so that their answer joins the case.
 */
export function toCustomer(ctx: CustomerThread, id: string, kind: MailKind, rendered: RenderedMail, support: Pick<Support, 'address' | 'name'>, automatic: Automatic): OutboxEntry {
  const theirs = ctx.origin.messageId ? `<${ctx.origin.messageId}>` : undefined;
  return {
    id,
    caseId: ctx.caseId,
    kind,
    auto: automatic !== false,
    from: sender(support),
    to: ctx.customer.email,
    ...rendered,
    messageId: outgoingMessageId(id, support.address),
    ...(theirs ? { inReplyTo: theirs } : {}),
    references: [...ctx.origin.references.map((r) => `<${r}>`), ...(theirs ? [theirs] : [])].slice(-20),
    headers: { 'X-Case-Number': ctx.caseNumber, ...(automatic ? { 'Auto-Submitted': automatic, 'X-Auto-Response-Suppress': 'All' } : {}) },
  };
}

/** The variables every customer template has (the subject is the customer's own, not masked). */
export function customerTemplateData(ctx: { caseNumber: string; customer: { name: string }; subject: string }, support: Support) {
  return {
    caseNumber: ctx.caseNumber,
    customerName: ctx.customer.name,
    subject: ctx.subject || NO_SUBJECT,
    companyName: support.company,
    supportName: support.name,
    supportAddress: support.address,
  };
}

/** The address staff answer to: it files their reply under the case (or the incident). */
export const caseReplyAddress = (caseNumber: string, deps: Pick<MailDeps, 'support' | 'replyTokenSecret'>) => replyAddress(deps.support.address, caseNumber, deps.replyTokenSecret);

/** A mail to staff about a case; their answer goes to the case's reply address. */
export function toStaff(ctx: CaseRef, id: string, kind: MailKind, to: string, rendered: RenderedMail, deps: Pick<MailDeps, 'support' | 'replyTokenSecret'>): OutboxEntry {
  return {
    id,
    caseId: ctx.caseId,
    kind,
    auto: false,
    from: sender(deps.support),
    to,
    replyTo: caseReplyAddress(ctx.caseNumber, deps),
    ...rendered,
    messageId: outgoingMessageId(id, deps.support.address),
    references: [],
    // Staff mail is machine-made too: out-of-office replies must not answer it (RFC 3834).
    headers: { 'Auto-Submitted': 'auto-generated', 'X-Auto-Response-Suppress': 'OOF, AutoReply', 'X-Case-Number': ctx.caseNumber },
  };
}

/** The variables every staff template has: where to reply, the marker above which they write, the clock. */
export function staffTemplateData(ctx: CaseRef, config: ScreeningConfig, deps: Pick<MailDeps, 'support' | 'replyTokenSecret'>) {
  return { caseNumber: ctx.caseNumber, replyAddress: caseReplyAddress(ctx.caseNumber, deps), replyMarker: REPLY_MARKER, timeZone: timeZoneOf(config), supportName: deps.support.name };
}

/** The case's subject as staff see it: personal numbers masked. */
export const staffSubject = (subject: string) => maskSensitive(subject) || NO_SUBJECT;

/** A customer's message as staff see it: their own words (no quoted history), masked, and cut at a length a mail can carry. */
export function staffMessage(text: string): string {
  const own = maskSensitive(ownWords(text));
  return own.length > MAX_MESSAGE_CHARS ? `${own.slice(0, MAX_MESSAGE_CHARS)}\n[...]` : own;
}

/** Stored files sent along, in the form an outbox entry takes. */
export function withFiles(mail: OutboxEntry, files: StoredFile[]): OutboxEntry {
  return files.length ? { ...mail, attachments: files.map((f): OutgoingAttachment => ({ fileId: f.fileId, filename: f.filename, contentType: f.contentType })) } : mail;
}

/** The template's list of attachments: each attached, or to be seen on the case page. */
export function attachmentList(caseNumber: string, all: StoredFile[], deps: Pick<MailDeps, 'attachmentsOut'>, sent: StoredFile[]) {
  return {
    caseUrl: deps.attachmentsOut.caseUrl(caseNumber),
    attachments: all.map((a) => ({ filename: a.filename, size: formatSize(a.size), attached: sent.includes(a) })),
  };
}
