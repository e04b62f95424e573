// What the routing stage needs: the screened case, a store for its routing state, and
// the delayed jobs that check the department's confirmation (P-11, P-12).
import type { Customer } from '../../domain/case/case.js';
import type { Locale } from '../../domain/intake/language.js';
import type { StoredScreening } from '../classify/ports.js';

export interface RoutingState {
  departments?: string[] | null;
  sentAt?: Date | null;
  confirmBy?: Date | null;
  escalateAt?: Date | null;
  confirmedAt?: Date | null;
  remindedAt?: Date | null;
  escalatedAt?: Date | null;
}

export interface RoutingContext {
  caseId: string;
  caseNumber: string;
  subject: string;
  locale: Locale;
  customer: Customer;
  receivedAt: Date;
  text: string;
  attachments: StoredFile[];
  incidentId: string | null;
  flags: string[];
  screening: StoredScreening | null;
  routing: RoutingState;
  /** When the customer expects the result (P-18); set by screening, moved by staff. */
  expectedBy: Date | null;
}

/** A stored attachment of a message (GridFS id in the attachments bucket). */
export interface StoredFile {
  fileId: string;
  filename: string;
  contentType: string;
  size: number;
}

/** The routing as recorded on the case: to whom, when, and the confirmation deadlines. */
export interface RoutingRecord {
  departments: string[];
  sentAt: Date;
  confirmBy: Date;
  escalateAt: Date;
}

export type FollowUp = 'reminded' | 'escalated';

export interface RoutingStore {
  context(caseId: string): Promise<RoutingContext | null>;
  /**
   * Records that the departments were sent the case: the first call's values stay, and a
   * repeated call completes what an interrupted one left undone.
   */
  markRouted(caseId: string, r: RoutingRecord): Promise<void>;
  markFollowUp(caseId: string, step: FollowUp, at: Date, detail: { to: string; outbox: string }): Promise<void>;
  /** The department's first reply; false if the case was confirmed before. */
  confirm(caseId: string, by: string, department: string, at: Date): Promise<boolean>;
}

export interface ConfirmationJobs {
  /** Delayed checks at the confirmation deadline and at the escalation time (idempotent). */
  schedule(caseId: string, remindAt: Date, escalateAt: Date): Promise<void>;
  /**
   * Those checks, and the first-response and expected-time checks where given, all at
   * once (as schedule, scheduleFirstResponse and scheduleDeadline with no previous time
   * would add them). Optional: without it they are scheduled one by one.
   */
  scheduleAfterRouting?(caseId: string, at: { remindAt: Date; escalateAt: Date; firstResponseBy: Date | null; expectedBy: Date | null }): Promise<void>;
}
