// What working a case needs (P-12 to P-19): the case's state, its staff and customer
// messages, a store that applies a staff reply's plan exactly once, and the jobs that
// run later (the SLA deadline, the delivery of a mail).
import type { AutomatedVerdict } from '../../domain/intake/automated.js';
import type { Customer } from '../../domain/case/case.js';
import type { CaseChanges, CaseState, StaffUpdate } from '../../domain/case/staffUpdate.js';
import type { Locale } from '../../domain/intake/language.js';
import type { CloseReason, Compensation } from '../../domain/case/staffCommands.js';
import type { StoredScreening } from '../classify/ports.js';
import type { StoredFile } from '../route/ports.js';
import type { TimelineEntry } from '../../domain/case/timelineEvents.js';

export interface WorkContext extends CaseState {
  caseId: string;
  caseNumber: string;
  subject: string;
  locale: Locale;
  customer: Customer;
  screening: StoredScreening | null;
  assignee: string | null;
  delayReason: string | null;
  awaitingCustomer: boolean;
  lastMissed: Date | null;
  rev: number;
  appliedMessages: string[];
  /** The customer's first message, which our mails to them answer (never automatically when it was machine-sent). */
  origin: { messageId: string | null; references: string[]; automated: AutomatedVerdict | null };
  /** The department's last question to the customer, if any. */
  lastQuestion: string | null;
  resolvedAt: Date | null;
  closedAt: Date | null;
  /** Closed without a resolution: as junk, or as a duplicate of another case. */
  closeReason: CloseReason | 'unanswered' | null;
  /** The case a duplicate was closed into. */
  duplicateOf: string | null;
  firstResponseBy: Date | null;
  firstResponseAt: Date | null;
  waitingSince: Date | null;
  reopenCount: number;
  survey: { sentAt: Date | null; followUpSentAt: Date | null; answeredAt: Date | null; score: number | null };
}

/** A stored plan: the update, and the case revision it was made against. */
export interface StoredPlan {
  baseRev: number;
  actor: { address: string; role: 'staff' | 'supervisor'; department: string };
  at: Date;
  update: StaffUpdate;
}

export interface StaffReply {
  key: string;
  caseId: string;
  from: string;
  department: string;
  text: string;
  receivedAt: Date;
  plan: StoredPlan | null;
  appliedAt: Date | null;
  /** Files the department attached: they go to the customer with the reply's mail. */
  attachments: StoredFile[];
}

export interface CustomerReply {
  key: string;
  caseId: string;
  text: string;
  automated: boolean;
  attachments: StoredFile[];
}

export interface CaseWorkStore {
  context(caseId: string): Promise<WorkContext | null>;
  staffReply(key: string): Promise<StaffReply | null>;
  customerReply(key: string): Promise<CustomerReply | null>;
  /** Stores the plan unless one is stored, or replaces a stale one; returns the plan stored. */
  savePlan(key: string, plan: StoredPlan, replace: boolean): Promise<StoredPlan>;
  /**
   * Applies the changes and compensations in one update, only if the case is still at
   * `baseRev` and the message's changes are not in it yet. 'stale' when another reply
   * was applied in between (the plan must be made again).
   */
  commit(caseId: string, key: string, baseRev: number, changes: CaseChanges, compensations: Array<Compensation & { by: string; at: Date }>, at: Date): Promise<'applied' | 'already' | 'stale'>;
  recordEvents(caseId: string, events: Array<TimelineEntry & { id: string; at: Date; actor: string }>): Promise<void>;
  markApplied(key: string, at: Date): Promise<void>;
  /**
   * Sets fields of the case once per key (an answer, a step after the resolution): false
   * when that key was applied before. Bumps the revision like a staff reply.
   */
  commitOnce(caseId: string, key: string, set: Record<string, unknown>, inc?: Record<string, number>): Promise<boolean>;
  /** The customer answered: the case no longer waits for them, and the expected time moves by the wait. */
  customerAnswered(caseId: string, key: string, at: Date, expectedBy: Date | null): Promise<void>;
  /** Case number -> case id, for the given numbers that exist. */
  caseIdsByNumbers(numbers: string[]): Promise<Record<string, string>>;
  /** Moves a duplicate's customer messages (and their threading) to the kept case; how many moved. */
  moveMessages(fromCaseId: string, to: { caseId: string; caseNumber: string }): Promise<number>;
  /** The expected time passed unresolved: moves it on once (guarded by the missed time). */
  markMissed(caseId: string, missed: Date, next: Date, at: Date): Promise<void>;
}

export interface WorkJobs {
  /** The deadline check at `due` (one job per case and due time); drops the check of `previous`. */
  scheduleDeadline(caseId: string, due: Date, previous: Date | null): Promise<void>;
  /** The survey, the follow-up and the closing of a case resolved at `resolvedAt` (P-20 to P-22). */
  scheduleAfterResolution(caseId: string, resolvedAt: Date, steps: Array<{ step: AfterResolutionStep; at: Date }>): Promise<void>;
  /** The check that a department answered the customer by `due` (one job per case and due time). */
  scheduleFirstResponse(caseId: string, due: Date): Promise<void>;
  /** The reminder and the closing of a case that waits since `since` for the customer's answer. */
  scheduleSilence(caseId: string, since: Date, steps: Array<{ step: SilenceStep; at: Date }>): Promise<void>;
  /** Applies a stored customer answer (survey page or reply). */
  applyAnswer(caseId: string, answerId: string): Promise<void>;
}

export type AfterResolutionStep = 'survey' | 'follow-up' | 'close';
export type SilenceStep = 'remind' | 'close';
