// The case timeline's events: every kind with the data it carries. Writers make them
// with `event(kind, data)`, the reports (report/rollupFacts) and the console's words
// (console/timelineWords) read them by kind. Stored documents keep the plain shape
// {type, data}; what is read back is not trusted to fit (older events lack fields, an
// unknown kind is shown by its name). A new kind is added here: the compiler then asks
// for its words in timelineWords.
import type { CallbackOutcome } from './callbackSample.js';
import type { CaseStatus } from './case.js';
import type { Assessment, CauseKind } from './processCommands.js';
import type { CloseReason, Compensation } from './staffCommands.js';
import type { Answer } from '../survey/feedback.js';
import type { DueTimes, Priority } from '../sla/priorityPolicy.js';
import type { MailKind } from '../mail/mailKinds.js';

/** Set on every event a staff reply or a customer message caused: that message's key. */
interface FromMessage {
  message?: string;
}

type StatusChange = { from: CaseStatus | string; to: CaseStatus; why?: string };

/** The data of a kind, known to the compiler only (the value is an empty marker). */
interface Carries<T> {
  readonly data?: T;
}
const carries = <T>(): Carries<T> => ({});
const text = carries<{ text: string }>();
const ackOutcome = carries<{ reason?: string; outbox?: string }>();
const followUp = carries<{ to: string; outbox: string }>();
const consent = carries<{ solution: string; answer: string; via?: 'reply' | 'link' }>();
const recognition = carries<{ name: string; via: 'reply' | 'link' }>();

/** Each kind of event and the data it carries: the one list of kinds. */
const KINDS = {
  'case.opened': carries<{ number: string; channel: string; continues?: string }>(),
  'message.received': carries<{ from?: string; subject?: string; automated?: string; attachments?: number; department?: string; channel?: string }>(),
  'screening.category': carries<{ category: string; confidence: number; decidedBy: string; rules: string[]; model: { category: string; probability: number } }>(),
  'screening.priority': carries<{ priority: Priority; reasons: string[]; due: DueTimes }>(),
  'screening.sentiment': carries<{ label: string; score: number; cues: string[]; strong?: boolean }>(),
  'screening.flags': carries<{ flags: string[]; reasons: Record<string, string>; sensitive: string[] }>(),
  'screening.department': carries<{ department: string; also: string[]; why: string; alsoWhy?: string }>(),
  'incident.linked': carries<{ incident: string; product: string; why: string }>(),
  'ack.sent': ackOutcome,
  'ack.suppressed': ackOutcome,
  'ack.failed': ackOutcome,
  'case.routed': carries<{ departments: string[]; confirmBy: Date; escalateAt: Date }>(),
  'department.confirmed': carries<{ department: string }>(),
  'routing.reminded': followUp,
  'routing.escalated': followUp,
  'status.changed': carries<StatusChange>(),
  'eta.set': carries<{ eta: Date }>(),
  'delay_reason.set': carries<{ reason: string }>(),
  'customer.updated': text,
  'customer.asked': carries<{ question: string }>(),
  'customer.answered': carries<object>(),
  'note.added': text,
  'followup.set': text,
  'compensation.recorded': carries<Compensation>(),
  'resolution.proposed': carries<{ solution: string; by: string }>(),
  'resolution.rejected': carries<{ reason: string; proposedBy: string }>(),
  'case.resolved': carries<{ solution: string; by: string; approvedBy: string | null; compensations: number }>(),
  'case.closed': carries<{ reason: CloseReason; duplicateOf?: string }>(),
  'messages.moved': carries<{ to: string; messages: number }>(),
  'case.merged': carries<{ duplicate: string; messages: number }>(),
  'case.assigned': carries<{ to: string }>(),
  'case.rerouted': carries<{ from: string | null; to: string }>(),
  'category.corrected': carries<{ from: string | null; to: string }>(),
  'priority.changed': carries<{ from: Priority; to: Priority; due: DueTimes }>(),
  'sla.missed': carries<{ expectedBy: Date; next: Date }>(),
  'sla.first_response_missed': carries<{ due: Date }>(),
  'mail.sent': carries<{ kind: MailKind; outbox: string }>(),
  'staff_reply.problems': carries<{ problems: string[] }>(),
  'survey.answered': carries<{ kind: Answer['kind']; score?: number; comment: string; source: string; negative: boolean }>(),
  'cause.set': carries<{ kind: CauseKind; text: string; department: string }>(),
  'prevention.set': carries<{ text: string; cause: CauseKind | null }>(),
  'solution.proposed': carries<{ solution: string }>(),
  'solution.accepted': consent,
  'solution.refused': consent,
  'joint.lead': carries<{ from: string | null; to: string }>(),
  'joint.assist': carries<{ department: string; lead: string }>(),
  'joint.part_reported': carries<{ department: string; text: string }>(),
  'suggestion.assessed': carries<Assessment>(),
  'suggestion.adopted': text,
  'suggestion.declined': text,
  'callback.sampled': carries<{ month: string }>(),
  'callback.recorded': carries<{ outcome: CallbackOutcome; note: string }>(),
  'product.set': carries<{ product: string; module: string | null }>(),
  'recognition.agreed': recognition,
  'recognition.declined': recognition,
  'recognition.withdrawn': recognition,
};

export type EventData = { [K in keyof typeof KINDS]: (typeof KINDS)[K] extends Carries<infer T> ? T : never };
export type EventKind = keyof EventData;

/** One event as its writer makes it: the kind and its data. */
export type TimelineEntry = { [K in EventKind]: { type: K; data: EventData[K] & FromMessage } }[EventKind];

/** An event of a case as it is stored: its id (derived from its cause, so a repeat is one event) and time. */
export type CaseEvent = TimelineEntry & {
  id: string;
  caseId: string;
  at: Date;
  /**
   * With a case's category event, for the report projector only (never on the timeline):
   * the phrases of its subject and first message, made by the writer that has the text.
   */
  phrases?: string[];
};

/** The event of this kind with this data. */
export function event<K extends EventKind>(type: K, data: EventData[K] & FromMessage): { type: K; data: EventData[K] & FromMessage } {
  return { type, data };
}

/** The event as caused by a message (a staff reply, a customer's mail): its key goes along. */
export function withMessage<E extends TimelineEntry>(e: E, message: string): E {
  return { ...e, data: { ...e.data, message } };
}

/** The kinds a report figure can change by (the rest are never queued for the projector). */
export const REPORTED_EVENTS: ReadonlySet<EventKind> = new Set<EventKind>(['screening.category', 'mail.sent', 'status.changed', 'survey.answered', 'cause.set', 'prevention.set', 'suggestion.adopted', 'suggestion.declined', 'product.set', 'compensation.recorded']);

/** Every kind, for a test or a filter. */
export const EVENT_KINDS = Object.keys(KINDS) as EventKind[];

/** Whether a stored event's type is a kind this version knows. */
export function isEventKind(type: string): type is EventKind {
  return Object.hasOwn(KINDS, type);
}
