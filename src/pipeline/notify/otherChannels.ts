// Notices by other channels than mail (003: 短信/站內信): a customer who came through
// the form or the API and gave a phone number gets each notice about their case also
// through the company's SMS or app gateway (a webhook), with the mail's subject and
// text. Sent after the mail is accepted, with the mail's outbox id as the gateway's
// idempotency key (a retried job sends the same id; the gateway keeps one). The mail is
// the notice of record: a gateway that fails is logged and does not stop the mail.
import type { OutboxEntry } from './ports.js';

export interface CustomerNotice {
  /** The mail's outbox id: the same notice always has the same id. */
  id: string;
  caseNumber: string;
  kind: string;
  phone: string;
  subject: string;
  text: string;
}

/** The gateway (a webhook to the company's SMS or app service). */
export interface CustomerNotifier {
  send(notice: CustomerNotice): Promise<void>;
}

export interface ContactBook {
  /** The phone of the case's customer when the mail goes to them and they came through the form or the API. */
  phoneFor(caseId: string, to: string): Promise<string | null>;
}

export interface OtherChannelDeps {
  notifier: CustomerNotifier;
  contacts: ContactBook;
  log: { warn: (o: object, msg: string) => void; info: (o: object, msg: string) => void };
}

export async function noticeElsewhere(entry: OutboxEntry, deps: OtherChannelDeps): Promise<void> {
  const caseNumber = entry.headers['X-Case-Number'];
  if (!entry.caseId || !caseNumber) return;
  try {
    const phone = await deps.contacts.phoneFor(entry.caseId, entry.to);
    if (!phone) return;
    await deps.notifier.send({ id: entry.id, caseNumber, kind: entry.kind, phone, subject: entry.subject, text: entry.text });
    deps.log.info({ event: 'notice.sent', outbox: entry.id, kind: entry.kind }, 'notice sent to the gateway');
  } catch (err) {
    deps.log.warn({ event: 'notice.failed', outbox: entry.id, error: (err as Error).message }, 'could not send the notice to the gateway; the customer has the mail');
  }
}
