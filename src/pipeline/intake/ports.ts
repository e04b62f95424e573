// What the intake stage needs from storage and queues. The Mongo and BullMQ
// adapters implement these; the stage itself holds the rules of the order of writes.
import type { AckState, Customer } from '../../domain/case/case.js';
import type { InboundAttachment, InboundMail } from '../../domain/intake/inboundMail.js';
import type { AutomatedVerdict } from '../../domain/intake/automated.js';
import type { ThreadCandidate } from '../../domain/intake/threading.js';
import type { Locale } from '../../domain/intake/language.js';
import type { Priority } from '../../domain/sla/priorityPolicy.js';
import type { TokenCheck } from '../../domain/route/replyToken.js';

export interface CaseRef extends ThreadCandidate {
  ackState: AckState;
  originKey: string;
  /** The departments the case was routed to (empty until routed). */
  routedTo: string[];
  status: string;
  closedAt: Date | null;
}

export interface NewCase {
  originKey: string;
  prefix: string;
  channel: string;
  mailboxKey: string | null;
  customer: Customer;
  subject: string;
  /** The search terms of the subject and text (domain/board searchTermsOf). */
  searchTerms: string[];
  locale: Locale;
  priority: Priority;
  receivedAt: Date;
  /** The closed case this one continues. */
  linkedCase?: string;
}

export interface StoredAttachment {
  fileId: string;
  filename: string;
  contentType: string;
  size: number;
  sha256: string;
}

export interface NewMessage {
  dedupeKey: string;
  caseRef: CaseRef;
  channel: string;
  mailboxKey: string | null;
  uid: number | null;
  receivedAt: Date;
  mail: InboundMail;
  automated: AutomatedVerdict | null;
  attachments: StoredAttachment[];
  /** Set for a department's reply: which department wrote it. */
  department?: string;
  /** Set for the first message of a case (the mail that opened it): its opening is recorded with it. */
  opened?: { linkedCase?: string };
}

export interface IntakeStore {
  /** The case an already stored message belongs to and who wrote it, or null if the message is new. */
  caseOfMessage(dedupeKey: string): Promise<{ ref: CaseRef; direction: 'in' | 'staff' } | null>;
  casesByMessageIds(messageIds: string[]): Promise<CaseRef[]>;
  casesByNumbers(numbers: string[]): Promise<CaseRef[]>;
  /** The cases linked under the incident (P-10), none for an unknown incident. */
  casesOfIncident(incidentId: string): Promise<CaseRef[]>;
  /** Opens the case whose first message has this originKey, or returns the one already opened. */
  openCase(input: NewCase): Promise<{ ref: CaseRef; created: boolean }>;
  /** Stores a message; false when it was already stored (a concurrent or repeated ingest). */
  addMessage(msg: NewMessage): Promise<boolean>;
}

export interface AttachmentStore {
  save(messageKey: string, caseId: string, attachments: InboundAttachment[]): Promise<StoredAttachment[]>;
}

export interface QuarantineRecord {
  key: string;
  reason: string;
  detail?: string;
  channel: string;
  mailboxKey: string | null;
  uid: number | null;
  from?: string;
  subject?: string;
  messageId?: string;
  size: number;
}

export interface QuarantineStore {
  /** Idempotent by record.key; keeps the raw bytes when given. */
  put(record: QuarantineRecord, raw?: Buffer): Promise<void>;
}

export interface ScreenQueue {
  /** Idempotent: one screening job per case however often it is called. */
  screen(caseId: string): Promise<void>;
}

/** The work that follows a stored reply: applying a department's commands, telling the department of the customer's answer. */
export interface ReplyJobs {
  applyStaffReply(caseId: string, messageKey: string): Promise<void>;
  forwardCustomerReply(caseId: string, messageKey: string): Promise<void>;
  /** A customer's mail on a resolved or closed case: an answer to the survey, or a re-open. */
  lateCustomerMail(caseId: string, messageKey: string): Promise<void>;
}

export interface MailJobs {
  /** Delivers a stored outbox entry (idempotent). */
  deliver(outboxId: string): Promise<void>;
}

/** Who the staff are, and how their replies reach a case (P-12). */
export interface StaffDirectory {
  readToken(recipients: string[]): TokenCheck;
  /** The departments whose staff (shared address or members) or supervisor the address is. */
  departmentsOf(address: string): Promise<string[]>;
  /** Records the department's first reply as its confirmation of receipt (idempotent). */
  confirm(caseId: string, by: string, department: string, at: Date): Promise<boolean>;
  /** Why the mail does not prove it came from its From domain, or null when it does or the department does not ask. */
  originUnproven(raw: Buffer, from: string, department: string): Promise<string | null>;
}
