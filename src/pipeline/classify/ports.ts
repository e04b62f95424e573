// What the screening stage needs: the configuration and labelled examples, the case's
// text, a place to store its decisions, the incident buckets, and its own job.
import type { LabelledText } from '../../domain/classify/classifier.js';
import type { Screening } from '../../domain/classify/screen.js';
import type { IncidentCandidate } from '../../domain/incident/incidentMatch.js';
import type { ScreeningConfig } from '../../domain/settings/screeningConfig.js';
import type { DueTimes } from '../../domain/sla/priorityPolicy.js';
import type { CaseSnapshot } from '../case/caseSnapshot.js';
import type { Training } from './screeningRuntime.js';
import type { ScreenedText } from './screenText.js';

export interface Versions {
  config: number;
  examples: number;
}

export interface ScreeningSource {
  versions(): Promise<Versions>;
  config(): Promise<ScreeningConfig>;
  examples(): Promise<LabelledText[]>;
}

export interface ScreeningContext {
  caseId: string;
  caseNumber: string;
  customerEmail: string;
  subject: string;
  /** The first message's text. */
  text: string;
  receivedAt: Date;
  screening: StoredScreening | null;
  /** The incident the case is linked to already. */
  incidentId: string | null;
  /** The case and its first message as read, for save to hand on. */
  snapshot: CaseSnapshot;
}

/** What is kept of a screening on the case: the decisions and why. */
export interface StoredScreening {
  category: string;
  confidence: number;
  categorySource: Screening['category']['source'];
  categoryRules: string[];
  model: { category: string; probability: number };
  priority: Screening['priority'];
  priorityReasons: string[];
  sentiment: { label: string; score: number; cues: string[] };
  flags: string[];
  flagReasons: Record<string, string>;
  sensitive: string[];
  department: string;
  alsoDepartments: string[];
  product: string;
  due: DueTimes;
  at: Date;
}

export interface ScreeningStore {
  context(caseId: string): Promise<ScreeningContext | null>;
  /**
   * Stores the screening, and the incident the case joins (if any) with it, unless the
   * case has a screening; returns the one stored, and whether this call wrote it, with
   * the case as written (`read` updated) when it did.
   */
  save(
    caseId: string,
    screening: StoredScreening,
    incidentId: string | null,
    read: CaseSnapshot,
  ): Promise<{ screening: StoredScreening; written: boolean; snapshot: CaseSnapshot | null }>;
}

export interface IncidentBuckets {
  /**
   * Files the case in the `file` buckets (once) and returns every case in the `look`
   * buckets, each with the incident noted for it; kept for keepMs.
   */
  addAndList(buckets: { file: string[]; look: string[] }, self: IncidentCandidate, keepMs: number): Promise<IncidentCandidate[]>;
  /**
   * Puts the case and its similar peers (earliest first) that are in no incident yet into
   * the case's incident if it is in one, else the first peer's that is, else `proposed`,
   * in one atomic step; kept for keepMs. Returns that incident and the cases put in now,
   * with the peers this case put in during an earlier run of its screening (that run may
   * have died before it linked them in the database: the retry links them).
   */
  joinIncident(peerIds: string[], selfId: string, proposed: string, keepMs: number): Promise<{ incidentId: string; joined: string[] }>;
}

export interface IncidentStore {
  /**
   * Links and flags each case on its case and its timeline where that is not done already
   * (onCase, onTimeline), and records the incident itself if `opens` (idempotent).
   */
  link(
    incidentId: string,
    product: string,
    cases: Array<{ caseId: string; at: Date; onCase: boolean; onTimeline: boolean }>,
    linkedAt: Date,
    opens: boolean,
  ): Promise<void>;
}

/** Thrown by a job that needs the case's screening before it: the job is retried. */
export class NotScreenedError extends Error {
  override name = 'NotScreenedError';
}

export interface CaseJobs {
  screen(caseId: string): Promise<void>;
}

/** Screens a text off the event loop, within a time limit. */
export interface TextScreener {
  /** Rejects with ScreeningTimeout when the work takes longer than `limitMs`. */
  screen(training: Training, subject: string, body: string): Promise<ScreenedText>;
  readonly limitMs: number;
}

/** The screening of a text ran past its time limit (the work was stopped). */
export class ScreeningTimeout extends Error {
  override name = 'ScreeningTimeout';
  constructor(readonly limitMs: number) {
    super(`screening took longer than ${limitMs} ms and was stopped`);
  }
}
