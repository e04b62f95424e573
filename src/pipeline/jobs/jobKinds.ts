// The job contract: every kind of job the queues carry, with the exact data it needs, the
// queue it goes to, the key that makes adding it idempotent and whether it is written
// down (pending_jobs) before it is queued. A new kind of job is one entry here plus its
// handler in compose/jobHandlers.ts (the compiler asks for it) and a test.
//
// Queues are named for what they carry, because their workers scale differently:
// - cases: a case's own steps (screening, the opening mails, routing, staff and customer
//   replies, confirmation and SLA checks, survey and closing); most jobs, many at a time;
// - outgoing-mail: delivering a stored mail; waits on SMTP, retried for hours when it is down;
// - periodic: the scheduled runs (reports, retention, call-back sample); one at a time.
//
// Data crosses a process boundary (Redis, MongoDB) and comes back from an older version
// or a hand-made job: parseJob checks it, and a job that does not fit its kind is refused
// with the kind and the field named instead of running with blanks.
import { z } from 'zod';
import type { AfterResolutionStep, SilenceStep } from '../case/ports.js';

export const JOB_QUEUES = ['cases', 'outgoing-mail', 'periodic'] as const;
export type JobQueue = (typeof JOB_QUEUES)[number];

const id = z.string().min(1);
/** A time in ms since the epoch. */
const ms = z.number().int();
const afterResolutionStep: z.ZodType<AfterResolutionStep> = z.enum(['survey', 'follow-up', 'close']);
const silenceStep: z.ZodType<SilenceStep> = z.enum(['remind', 'close']);

const caseJob = z.object({ caseId: id });
const messageJob = z.object({ caseId: id, messageKey: id });
/** A check of the time `due` (ms). */
const dueJob = z.object({ caseId: id, due: ms });
const noData = z.object({});

interface KindDef<S extends z.ZodType<object>> {
  queue: JobQueue;
  data: S;
  /** With the kind, the job's id: one job per key (null: periodic, ids chosen by the scheduler). */
  key: ((data: z.infer<S>) => string) | null;
  /** Written down in pending_jobs before it is queued, and crossed off when done. */
  marked: boolean;
}
const kind = <S extends z.ZodType<object>>(def: KindDef<S>) => def;

export const JOB_KINDS = {
  screen: kind({ queue: 'cases', data: caseJob, key: (d) => d.caseId, marked: false }),
  acknowledge: kind({ queue: 'cases', data: caseJob, key: (d) => d.caseId, marked: false }),
  route: kind({ queue: 'cases', data: caseJob, key: (d) => d.caseId, marked: false }),
  'confirm-remind': kind({ queue: 'cases', data: caseJob, key: (d) => d.caseId, marked: false }),
  'confirm-escalate': kind({ queue: 'cases', data: caseJob, key: (d) => d.caseId, marked: false }),
  'apply-reply': kind({ queue: 'cases', data: messageJob, key: (d) => d.messageKey, marked: true }),
  'forward-reply': kind({ queue: 'cases', data: messageJob, key: (d) => d.messageKey, marked: true }),
  'late-mail': kind({ queue: 'cases', data: messageJob, key: (d) => d.messageKey, marked: true }),
  'apply-answer': kind({ queue: 'cases', data: z.object({ caseId: id, answerId: id }), key: (d) => d.answerId, marked: true }),
  'sla-deadline': kind({ queue: 'cases', data: dueJob, key: (d) => `${d.caseId}-${d.due}`, marked: true }),
  'sla-first-response': kind({ queue: 'cases', data: dueJob, key: (d) => `${d.caseId}-${d.due}`, marked: true }),
  /** due: when the wait for the customer began; at: when this step is due. */
  'customer-silence': kind({ queue: 'cases', data: z.object({ caseId: id, due: ms, step: silenceStep, at: ms }), key: (d) => `${d.caseId}-${d.due}-${d.step}`, marked: true }),
  /** due: when the case was resolved; at: when this step is due. */
  'after-resolution': kind({ queue: 'cases', data: z.object({ caseId: id, due: ms, step: afterResolutionStep, at: ms }), key: (d) => `${d.caseId}-${d.due}-${d.step}`, marked: true }),
  'deliver-mail': kind({ queue: 'outgoing-mail', data: z.object({ outboxId: id }), key: (d) => d.outboxId, marked: true }),
  'report-mail': kind({ queue: 'periodic', data: noData, key: null, marked: false }),
  retention: kind({ queue: 'periodic', data: noData, key: null, marked: false }),
  'callback-sample': kind({ queue: 'periodic', data: noData, key: null, marked: false }),
};

export type JobKind = keyof typeof JOB_KINDS;
export type DataOf<K extends JobKind> = z.infer<(typeof JOB_KINDS)[K]['data']>;
export interface JobOf<K extends JobKind> {
  kind: K;
  data: DataOf<K>;
}
/** Any job: the union of every kind with its data. */
export type AnyJob = { [K in JobKind]: JobOf<K> }[JobKind];

/** A check that ran before its time: the job waits and runs again at `notBefore`. */
export interface Early {
  notBefore: Date;
}
/** What running a job may answer: nothing, or that it came early. */
export type JobOutcome = Early | null | void;
/** One handler per kind, each given its kind's data: a kind left out does not compile. */
export type JobHandlers = { [K in JobKind]: (data: DataOf<K>) => Promise<JobOutcome> };

/** A job whose name or data does not fit the contract: running it again cannot help. */
export class JobContractError extends Error {
  constructor(
    readonly kind: string,
    readonly problem: string,
  ) {
    super(`job ${JSON.stringify(kind)}: ${problem}`);
    this.name = 'JobContractError';
  }
}

export const isJobKind = (name: string): name is JobKind => Object.hasOwn(JOB_KINDS, name);

/** The job with its data checked against its kind; throws JobContractError naming the field. */
export function parseJob(name: string, data: unknown): AnyJob {
  if (!isJobKind(name)) throw new JobContractError(name, 'no such kind of job');
  const parsed = JOB_KINDS[name].data.safeParse(data);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.length ? i.path.join('.') : 'data'}: ${i.message}`);
    throw new JobContractError(name, problems.join('; '));
  }
  return { kind: name, data: parsed.data } as AnyJob;
}

/** The queue a kind of job goes to. */
export const queueOf = (job: AnyJob | JobKind): JobQueue => JOB_KINDS[typeof job === 'string' ? job : job.kind].queue;

/** The job's key (its id without the kind), or null for a periodic one. */
export function keyOf(job: AnyJob): string | null {
  const key = JOB_KINDS[job.kind].key as ((data: AnyJob['data']) => string) | null;
  return key && key(job.data);
}

export const isMarked = (job: AnyJob): boolean => JOB_KINDS[job.kind].marked;

/**
 * Runs the job's handler. The cast is the one place the compiler cannot follow: it does
 * not see that `handlers[job.kind]` and `job.data` belong to the same kind.
 */
export function runJob(handlers: JobHandlers, job: AnyJob): Promise<JobOutcome> {
  return (handlers[job.kind] as (data: AnyJob['data']) => Promise<JobOutcome>)(job.data);
}
