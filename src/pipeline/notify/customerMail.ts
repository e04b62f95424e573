// A mail to the customer about their case: from our support address, in their thread
// (In-Reply-To their first message), with the case number in the subject so that their
// answer joins the case. Staff-driven mails are ordinary mail; the ones the clock sends
// are marked automatic (RFC 3834), so the customer's own auto-responder stays quiet.
import type { OutboxEntry, RenderedMail } from './ports.js';
import { outgoingMessageId } from './messageId.js';
import type { MailKind } from '../../domain/mail/mailKinds.js';

export interface CustomerThread {
  caseId: string;
  caseNumber: string;
  customer: { email: string };
  origin: { messageId: string | null; references: string[] };
}

export function customerMail(
  ctx: CustomerThread,
  id: string,
  kind: MailKind,
  rendered: RenderedMail,
  support: { address: string; name: string },
  /** RFC 3834: an acknowledgement is 'auto-replied', a clock's notice 'auto-generated'. */
  automatic: false | 'auto-replied' | 'auto-generated',
): OutboxEntry {
  const theirs = ctx.origin.messageId ? `<${ctx.origin.messageId}>` : undefined;
  return {
    id,
    caseId: ctx.caseId,
    kind,
    auto: automatic !== false,
    from: `"${support.name.replace(/"/g, '')}" <${support.address}>`,
    to: ctx.customer.email,
    ...rendered,
    messageId: outgoingMessageId(id, support.address),
    ...(theirs ? { inReplyTo: theirs } : {}),
    references: [...ctx.origin.references.map((r) => `<${r}>`), ...(theirs ? [theirs] : [])].slice(-20),
    headers: { 'X-Case-Number': ctx.caseNumber, ...(automatic ? { 'Auto-Submitted': automatic, 'X-Auto-Response-Suppress': 'All' } : {}) },
  };
}

/** The variables every customer template has. */
export function customerTemplateData(ctx: { caseNumber: string; customer: { name: string }; subject: string }, support: { address: string; name: string; company: string }) {
  return {
    caseNumber: ctx.caseNumber,
    customerName: ctx.customer.name,
    subject: ctx.subject || '(no subject)',
    companyName: support.company,
    supportName: support.name,
    supportAddress: support.address,
  };
}
