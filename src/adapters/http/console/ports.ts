// What the console reads and writes, as the pipeline's stages see their stores: interfaces
// here, MongoDB behind them (src/adapters/mongo/consoleStores.ts and the stores the
// pipeline shares), wired in src/compose/httpRole.ts. The pages know no model.
import type { Queue } from 'bullmq';
import type { BoardCard } from '../../../domain/board/boardIndex.js';
import type { CaseStatus } from '../../../domain/case/case.js';
import type { CallbackOutcome } from '../../../domain/case/callbackSample.js';
import type { ConsoleUser, Role } from '../../../domain/console/access.js';
import type { FaqAnswer } from '../../../domain/knowledge/faqMatch.js';
import type { ScreeningConfig } from '../../../domain/settings/screeningConfig.js';
import type { Versions } from '../../../pipeline/classify/ports.js';
import type { IncidentCase, IncidentInfo, IncidentWork } from '../../../pipeline/case/incidentUpdate.js';
import type { TemplateSource } from '../../templates/handlebarsRenderer.js';

export interface StoredUser {
  email: string;
  name: string;
  role: Role;
  departments: string[];
}

export interface AccountStore {
  /** Creates the account or replaces its name, role, departments and password. */
  saveUser(u: StoredUser & { passwordHash: string }): Promise<void>;
  user(email: string): Promise<(StoredUser & { passwordHash: string }) | null>;
  users(): Promise<StoredUser[]>;
  createSession(s: { id: string; email: string; csrf: string; expiresAt: Date }): Promise<void>;
  session(id: string): Promise<{ email: string; csrf: string; expiresAt: Date } | null>;
  deleteSession(id: string): Promise<void>;
  /** Signs the account out everywhere. */
  deleteSessions(email: string): Promise<void>;
}

export interface AuditEntry {
  id: string;
  what: string;
  by: string;
  at: Date;
  version?: number;
  diff?: string;
  case?: string;
  restricted?: boolean;
}

export interface AuditLog {
  record(e: AuditEntry): Promise<void>;
  /** The latest entries of one kind, newest first. */
  latest(what: string, limit: number): Promise<AuditEntry[]>;
}

export interface BoardFilter {
  department?: string;
  priority?: string;
  category?: string;
  flag?: string;
  channel?: string;
  overdue?: boolean;
  q?: string;
  /** One column's next page: its status and where it starts. */
  status?: string;
  after?: string;
}

export interface BoardColumn {
  status: CaseStatus;
  cards: BoardCard[];
  /** The cursor of the column's next page, or null at its end. */
  next: string | null;
}

/** A case as the console shows it: the fields it decides on, and the rest for the page. */
export interface ConsoleCase {
  _id: string;
  number: string;
  subject?: string | null;
  department?: string | null;
  category?: string | null;
  locale?: string | null;
  assignee?: string | null;
  restricted?: boolean | null;
  routing?: { departments?: string[] | null } | null;
  resolution?: unknown;
  flags?: string[] | null;
  sla?: { expectedBy?: Date | null } | null;
  due?: { acknowledgeBy?: Date | null; firstResponseBy?: Date | null; resolveBy?: Date | null } | null;
}

export interface ConsoleMessage {
  direction: string;
  from: string;
  to: string;
  subject: string | null | undefined;
  at: Date;
  text: string | null | undefined;
  html: string | null;
  attachments: unknown[];
  state: string;
}

export interface ConsoleEvent {
  type: string;
  actor: string;
  at: Date;
  data?: unknown;
}

export interface StoredFile {
  filename: string;
  length: number;
  metadata: Record<string, unknown>;
  stream: NodeJS.ReadableStream;
}

export interface CaseBoard {
  /** The board the user may see: a page of each status column, or a search's results. */
  columns(user: ConsoleUser, filter: BoardFilter, now: Date): Promise<BoardColumn[]>;
  byNumber(number: string): Promise<ConsoleCase | null>;
  /** The case's messages in and out in time order, and its timeline. */
  timeline(caseId: string): Promise<{ messages: ConsoleMessage[]; events: ConsoleEvent[] }>;
  /** Stores commands written on the case page as a staff message; its key, for the job. */
  addCommands(c: ConsoleCase, from: string, text: string, at: Date): Promise<string>;
  attachment(fileId: string): Promise<StoredFile | null>;
}

export interface SettingsPort {
  config(): Promise<ScreeningConfig>;
  versions(): Promise<Versions>;
  saveConfig(raw: unknown, by: string, now: Date): Promise<number>;
}

/** The job queue as the queues page reads it. */
export type JobQueue = Pick<Queue, 'name' | 'getFailed' | 'getJob' | 'getJobCounts'>;

export interface FaqUse {
  id: string;
  title: string;
  category: string;
  locale: string;
  caseNumber: string;
  by: string;
  suggested: number;
  /** Offered, and the case closed with at most the one staff reply that closed it. */
  helped: number;
}

export interface FaqPort {
  add(a: Omit<FaqAnswer, 'id'> & { caseNumber: string; by: string; at: Date }): Promise<string>;
  usage(): Promise<FaqUse[]>;
}

export interface CallbackRow {
  id: string;
  caseNumber: string;
  customerName: string;
  customerEmail: string;
  subject: string;
  closedAt: Date | null;
  outcome: CallbackOutcome | null;
  note: string;
  by: string | null;
}

export interface CallbackMonth {
  month: string;
  population: number;
  rate: number;
  rows: CallbackRow[];
}

export interface CallbackPort {
  month(month: string): Promise<CallbackMonth | null>;
  record(id: string, outcome: CallbackOutcome, note: string, by: string, at: Date): Promise<boolean>;
}

export interface IncidentPort extends IncidentWork {
  openIncidents(limit: number): Promise<IncidentInfo[]>;
}
export type { IncidentCase, IncidentInfo };

export interface VersionInfo {
  version: number;
  by: string;
  at: Date;
  note: string;
}

export interface TemplateVersions {
  live(name: string, locale: string): Promise<{ version: number; latest: number; failure: { message: string; at: Date } | null }>;
  history(name: string, locale: string): Promise<VersionInfo[]>;
  version(name: string, locale: string, version: number): Promise<TemplateSource | null>;
  save(name: string, locale: string, source: TemplateSource, by: string, at: Date, note?: string): Promise<number>;
  rollback(name: string, locale: string, version: number, by: string, at: Date): Promise<void>;
}
