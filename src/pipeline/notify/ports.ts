// What the notify stage needs: templates, a store for case facts, the outbox, a mailer.
import type { AckState } from '../../domain/case/case.js';
import type { AutomatedVerdict } from '../../domain/intake/automated.js';
import type { Locale } from '../../domain/intake/language.js';
import type { Priority } from '../../domain/sla/priorityPolicy.js';
import type { RoutingContext, RoutingRecord } from '../route/ports.js';
import type { CaseSnapshot } from '../case/caseSnapshot.js';
import type { MailKind } from '../../domain/mail/mailKinds.js';
import type { CaseEvent } from '../../domain/case/timelineEvents.js';

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

export interface TemplateRenderer {
  render(name: string, locale: Locale, data: Record<string, unknown>): RenderedMail;
  /** Whether a template of this name exists (an optional variant, like acknowledgement-high). */
  has(name: string): boolean;
}

export interface AckContext {
  caseId: string;
  caseNumber: string;
  ackState: AckState;
  customer: { email: string; name: string };
  subject: string;
  locale: Locale;
  priority: Priority;
  /** The department handling the case, once screened. */
  department: string | null;
  category: string | null;
  /** The customer's first message, for the knowledge-base match. */
  text: string;
  firstResponseBy: Date | null;
  receivedAt: Date;
  origin: { messageId: string | null; references: string[]; automated: AutomatedVerdict | null };
  /** Opened by the form or the API (no mailbox): its subject is whatever was typed, never quoted back. */
  submitted: boolean;
  /**
   * The case was screened by the job sending this, just now. No acknowledgement can be
   * in the outbox then (none is made before the screening is stored), so the outbox is
   * not asked; a concurrent job's entry is still found by the insert, which keeps one.
   */
  screenedNow: boolean;
}

/** What a case's acknowledgement came to (sent, refused for good, or not sent and why). */
export interface AckOutcome {
  state: Exclude<AckState, 'pending'>;
  at: Date;
  reason?: string;
  outboxId?: string;
}

export interface NotifyStore {
  ackContext(caseId: string): Promise<AckContext | null>;
  setAck(caseId: string, outcome: AckOutcome): Promise<void>;
  /** Records which knowledge-base answer the acknowledgement offers. */
  noteSuggestion(caseId: string, faqId: string): Promise<void>;
  /** Drops the reconciler's marker of a case whose acknowledgement and routing are both done. */
  clearOpeningMarker(caseId: string): Promise<void>;
}

/**
 * The two mails a screened case opens with, the acknowledgement and the routing mail:
 * both contexts from one read of the case (none when the screening job hands on the
 * case as it wrote it), both outcomes in one write (either may be null: done before, or
 * failed this time).
 */
export interface OpeningStore {
  contexts(caseId: string, screened: CaseSnapshot | null): Promise<{ ack: AckContext; route: RoutingContext } | null>;
  /**
   * The outcomes (either, both or none), with `events` of the case in the same insert as
   * theirs; `screened`: the case as the screening job wrote it (spares a read while current).
   */
  record(caseId: string, ack: AckOutcome | null, routing: RoutingRecord | null, events?: CaseEvent[], screened?: CaseSnapshot | null): Promise<void>;
  /** Drops the reconciler's marker of a case whose two mails are both recorded. */
  clearMarker(caseId: string): Promise<void>;
}

export interface OutboxEntry {
  id: string;
  caseId: string;
  kind: MailKind;
  auto: boolean;
  from: string;
  to: string;
  replyTo?: string;
  subject: string;
  text: string;
  html: string;
  messageId: string;
  inReplyTo?: string;
  references: string[];
  headers: Record<string, string>;
  /** Stored files (GridFS ids) sent along; read when the mail is sent. */
  attachments?: OutgoingAttachment[];
}

export interface OutgoingAttachment {
  fileId: string;
  filename: string;
  contentType: string;
}

export type OutboxState = 'pending' | 'sending' | 'sent' | 'failed';

/** An entry held by its sender; attempt 1 is its first claim. */
export type ClaimedEntry = OutboxEntry & { attempt: number };

export interface OutboxStore {
  /** Stores the entry unless one with its id exists (the first rendering wins). */
  insertIfAbsent(entry: OutboxEntry): Promise<void>;
  /** Stores the entry claimed for sending (attempt 1), unless one with its id exists: then null. */
  insertClaimed(entry: OutboxEntry, now: Date, leaseMs: number): Promise<ClaimedEntry | null>;
  state(id: string): Promise<OutboxState | null>;
  /** Takes the entry for sending if it is pending or its previous sender's lease ran out; attempt 1 is its first claim. */
  claim(id: string, now: Date, leaseMs: number): Promise<ClaimedEntry | null>;
  /** Marks the entry sent, after recording the sending on its case's timeline (for the reports); `attempt` 1: it never waited for a retry. */
  markSent(entry: Pick<OutboxEntry, 'id' | 'caseId' | 'kind'> & { attempt?: number }, response: string, at: Date): Promise<void>;
  release(id: string, error: string): Promise<void>;
  markFailed(id: string, error: string): Promise<void>;
}

/** The RFC 3834 loop guard's count of automatic replies per recipient and UTC day. */
export interface AutoReplyCounter {
  /**
   * Counts the automatic reply `mailId` to `to` on this UTC day (YYYY-MM-DD); returns the
   * day's count of distinct mails, so retrying the same mail uses up nothing more.
   */
  count(to: string, day: string, mailId: string): Promise<number>;
}

/**
 * A fast note that the SMTP server accepted an entry, written the instant its 250 arrives,
 * before the slower durable mark: a sender killed between the two leaves the note, and the
 * next attempt marks the entry sent instead of sending it again.
 */
export interface SendReceipts {
  record(id: string, response: string): Promise<void>;
  find(id: string): Promise<string | null>;
}

export class MailerError extends Error {
  constructor(message: string, readonly permanent: boolean) {
    super(message);
    this.name = 'MailerError';
  }
}

export interface Mailer {
  /** Sends one mail; throws MailerError (permanent for a 5xx answer). */
  send(entry: OutboxEntry): Promise<{ response: string }>;
}
