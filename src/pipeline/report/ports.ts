// What the report projector needs from the stores.
import type { CaseHead, CaseMetrics, RollupFact, TimelineEvent } from '../../domain/report/rollupFacts.js';

export interface PendingEvent extends TimelineEvent {
  caseId: string;
  /** A category event's phrases, when its writer queued them (else the case's text is read). */
  phrases?: string[];
}

/** A fact with the case's dimensions (where the rollups count it). */
export interface DimensionedFact extends RollupFact {
  department: string | null;
  channel: string;
  category: string | null;
  priority: string;
}

export interface ReportSource {
  /** Timeline events not yet in the rollups, oldest first. */
  pendingEvents(limit: number): Promise<PendingEvent[]>;
  /** The cases' heads, `erased` once their customer's data is; with their subject and first message's text where asked (for phrases). */
  caseHeads(caseIds: string[], withText: Set<string>): Promise<Map<string, CaseHead & { erased?: boolean; subject?: string; text?: string }>>;
  saveMetrics(updates: Array<{ caseId: string; metrics: CaseMetrics }>): Promise<void>;
  eventsDone(ids: string[]): Promise<void>;
}

/** Where a case's phrases were counted, to take them out again. */
export interface CountedPhrases {
  day: string;
  department: string | null;
  category: string | null;
  phrases: string[];
}

export interface RollupWriter {
  apply(facts: DimensionedFact[]): Promise<void>;
  /** Trims the phrase counts of days and months before `today` to their most frequent. */
  trimClosed(today: string): Promise<number>;
  /** Forgets the facts' keys once their events are done. */
  dropMarks(facts: Array<{ day: string; department: string | null; key: string }>): Promise<void>;
  /** Takes a case's phrases back out of the counts (its customer's data is erased). */
  removePhrases(counted: CountedPhrases): Promise<void>;
}

/** The cases whose customer's data is being erased (adapters/redis/erasureMarks). */
export interface ErasureMarks {
  mark(caseIds: readonly string[]): Promise<void>;
  /** Takes the marks of those of the cases that have one away; returns them (each is taken once). */
  claim(caseIds: readonly string[]): Promise<Set<string>>;
}

export interface ReportDeps {
  source: ReportSource;
  rollups: RollupWriter;
  erasures: ErasureMarks;
  timeZone: () => Promise<string>;
}
