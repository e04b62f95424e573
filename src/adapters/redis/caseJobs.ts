// The case's jobs on BullMQ. One job id per case (or message, or mail) and kind makes
// enqueueing idempotent; a job that ran out of attempts is revived when the reconciler
// asks again. Jobs that follow a stored fact (a staff reply to apply, a customer reply
// to forward, a deadline, a mail to deliver) are also written down in MongoDB before
// they are queued, and crossed off when they complete, so that a Redis that lost its
// data gets them back from the reconciler.
import type { Job, Queue } from 'bullmq';
import type { CaseJobs } from '../../pipeline/classify/ports.js';
import type { ConfirmationJobs } from '../../pipeline/route/ports.js';
import type { AfterResolutionStep, SilenceStep, WorkJobs } from '../../pipeline/case/ports.js';
import type { ReplyJobs, MailJobs } from '../../pipeline/intake/ports.js';
import type { RequeueResult } from '../../pipeline/recovery/reconcileCases.js';

export const CASE_QUEUE = 'notify';
/** The case queue of a database with this tag (adapters/mongo/databaseTag). */
export const caseQueueName = (tag: string) => (tag ? `${CASE_QUEUE}-${tag}` : CASE_QUEUE);
export const JOB = {
  screen: 'screen',
  acknowledge: 'acknowledge',
  route: 'route',
  remind: 'confirm-remind',
  escalate: 'confirm-escalate',
  apply: 'apply-reply',
  forward: 'forward-reply',
  deadline: 'sla-deadline',
  firstResponse: 'sla-first-response',
  silence: 'customer-silence',
  deliver: 'deliver-mail',
  afterResolution: 'after-resolution',
  answer: 'apply-answer',
  lateMail: 'late-mail',
  reportMail: 'report-mail',
  retention: 'retention',
  callbacks: 'callback-sample',
} as const;
export type JobName = (typeof JOB)[keyof typeof JOB];

export interface JobData {
  caseId?: string;
  messageKey?: string;
  /** sla-deadline, sla-first-response: the time checked, in ms; after-resolution: the resolution's; customer-silence: the wait's start. */
  due?: number;
  outboxId?: string;
  /** after-resolution, customer-silence: which step, and when (ms). */
  step?: AfterResolutionStep | SilenceStep;
  at?: number;
  answerId?: string;
}

/** Written-down jobs (see the header): MongoDB's pending_jobs. */
export interface JobMarkers {
  put(jobId: string, name: JobName, data: JobData, runAt: Date): Promise<void>;
  remove(jobId: string): Promise<void>;
  /** Jobs that should have run before `olderThan` and are still written down. */
  due(olderThan: Date, limit: number): Promise<Array<{ jobId: string; name: JobName; data: JobData; runAt: Date }>>;
}

const JOB_DEFAULTS = {
  attempts: 12,
  backoff: { type: 'exponential', delay: 1000 },
  removeOnComplete: { age: 24 * 3600, count: 50_000 },
  removeOnFail: { age: 30 * 24 * 3600 },
} as const;

export class BullCaseJobs implements CaseJobs, ConfirmationJobs, WorkJobs, ReplyJobs, MailJobs {
  constructor(
    private readonly queue: Queue,
    private readonly markers: JobMarkers,
    /** The app's clock: delays are measured on it, so a test can move time. */
    private readonly now: () => Date,
  ) {}

  screen(caseId: string): Promise<void> {
    return this.add(JOB.screen, caseId, { caseId });
  }

  async schedule(caseId: string, remindAt: Date, escalateAt: Date): Promise<void> {
    await this.add(JOB.remind, caseId, { caseId }, remindAt);
    await this.add(JOB.escalate, caseId, { caseId }, escalateAt);
  }

  /** The four checks a routing starts: their markers in one insert, the jobs in one addBulk. */
  async scheduleAfterRouting(caseId: string, at: { remindAt: Date; escalateAt: Date; firstResponseBy: Date | null; expectedBy: Date | null }): Promise<void> {
    await this.addAll([
      { name: JOB.remind, key: caseId, data: { caseId }, at: at.remindAt },
      { name: JOB.escalate, key: caseId, data: { caseId }, at: at.escalateAt },
      ...(at.firstResponseBy ? [{ name: JOB.firstResponse, key: `${caseId}-${at.firstResponseBy.getTime()}`, data: { caseId, due: at.firstResponseBy.getTime() }, at: at.firstResponseBy }] : []),
      ...(at.expectedBy ? [{ name: JOB.deadline, key: `${caseId}-${at.expectedBy.getTime()}`, data: { caseId, due: at.expectedBy.getTime() }, at: at.expectedBy }] : []),
    ]);
  }

  applyStaffReply(caseId: string, messageKey: string): Promise<void> {
    return this.addMarked(JOB.apply, messageKey, { caseId, messageKey });
  }

  forwardCustomerReply(caseId: string, messageKey: string): Promise<void> {
    return this.addMarked(JOB.forward, messageKey, { caseId, messageKey });
  }

  lateCustomerMail(caseId: string, messageKey: string): Promise<void> {
    return this.addMarked(JOB.lateMail, messageKey, { caseId, messageKey });
  }

  applyAnswer(caseId: string, answerId: string): Promise<void> {
    return this.addMarked(JOB.answer, answerId, { caseId, answerId });
  }

  async scheduleAfterResolution(caseId: string, resolvedAt: Date, steps: Array<{ step: AfterResolutionStep; at: Date }>): Promise<void> {
    for (const { step, at } of steps) {
      await this.addMarked(JOB.afterResolution, `${caseId}-${resolvedAt.getTime()}-${step}`, { caseId, due: resolvedAt.getTime(), step, at: at.getTime() }, at);
    }
  }

  scheduleFirstResponse(caseId: string, due: Date): Promise<void> {
    return this.addMarked(JOB.firstResponse, `${caseId}-${due.getTime()}`, { caseId, due: due.getTime() }, due);
  }

  async scheduleSilence(caseId: string, since: Date, steps: Array<{ step: SilenceStep; at: Date }>): Promise<void> {
    for (const { step, at } of steps) {
      await this.addMarked(JOB.silence, `${caseId}-${since.getTime()}-${step}`, { caseId, due: since.getTime(), step, at: at.getTime() }, at);
    }
  }

  deliver(outboxId: string): Promise<void> {
    return this.addMarked(JOB.deliver, outboxId, { outboxId });
  }

  async scheduleDeadline(caseId: string, due: Date, previous: Date | null): Promise<void> {
    await this.addMarked(JOB.deadline, `${caseId}-${due.getTime()}`, { caseId, due: due.getTime() }, due);
    if (previous && previous.getTime() !== due.getTime()) {
      const old = jobId(JOB.deadline, `${caseId}-${previous.getTime()}`);
      // A delayed check of a time no longer expected: drop it (it would find nothing to do).
      const job = await this.queue.getJob(old);
      if (job && (await job.isDelayed())) await job.remove().catch(() => undefined);
      await this.markers.remove(old);
    }
  }

  /**
   * Like the enqueue methods, but revives a job that failed for good; with `rerunCompleted`
   * it also runs again a job that completed while its work is still marked pending (a
   * crash between the work and crossing it off): jobs are idempotent, so the re-run
   * finishes only what is missing. Says what it found and did (RequeueResult).
   */
  async requeue(name: JobName, key: string, data: JobData, opts: { runAt?: Date; rerunCompleted?: boolean } = {}): Promise<RequeueResult> {
    const job = await this.queue.getJob(jobId(name, key));
    const state = job ? await job.getState() : 'missing';
    // Damaged by a Redis that lost part of its keys: a hash that lost its name and data
    // (a worker's failure wrote it anew) fails each retry, and one in no list ('unknown')
    // is never taken. Both are added afresh.
    if (job && (job.name !== name || state === 'unknown')) {
      await job.remove();
      await this.add(name, key, data, opts.runAt);
    } else if (state === 'failed') await job!.retry();
    else if (state === 'completed') {
      if (!opts.rerunCompleted) return 'completed';
      await job!.remove();
      await this.add(name, key, data, opts.runAt);
    } else if (state === 'missing') await this.add(name, key, data, opts.runAt);
    else return 'in-queue';
    return 'requeued';
  }

  /** Puts written-down jobs due before `olderThan` back into the queue if they are not in it. */
  async requeueWrittenDown(olderThan: Date, limit: number): Promise<number> {
    const marked = await this.markers.due(olderThan, limit);
    for (const m of marked) {
      const job = await this.queue.getJob(m.jobId);
      if (job && (await job.isCompleted())) await this.markers.remove(m.jobId);
      else await this.requeue(m.name, markedKey(m.name, m.data), m.data, { runAt: m.runAt });
    }
    return marked.length;
  }

  /** A written-down job is done: cross it off. */
  async completed(job: Job): Promise<void> {
    if (MARKED.has(job.name as JobName) && job.id) await this.markers.remove(job.id);
  }

  private async addMarked(name: JobName, key: string, data: JobData, at?: Date): Promise<void> {
    await this.markers.put(jobId(name, key), name, data, at ?? this.now());
    await this.add(name, key, data, at);
  }

  /**
   * Several jobs in one round trip to Redis (addBulk, one MULTI), those of written-down
   * kinds written down first, together (the markers' inserts share one command).
   */
  private async addAll(jobs: Array<{ name: JobName; key: string; data: JobData; at: Date }>): Promise<void> {
    await Promise.all(jobs.filter((j) => MARKED.has(j.name)).map((j) => this.markers.put(jobId(j.name, j.key), j.name, j.data, j.at)));
    const now = this.now().getTime();
    await this.queue.addBulk(
      jobs.map((j) => {
        const delay = Math.max(0, j.at.getTime() - now);
        return { name: j.name, data: j.data, opts: { ...JOB_DEFAULTS, jobId: jobId(j.name, j.key), ...(delay ? { delay } : {}) } };
      }),
    );
  }

  private async add(name: JobName, key: string, data: JobData, at?: Date): Promise<void> {
    const delay = at ? Math.max(0, at.getTime() - this.now().getTime()) : 0;
    await this.queue.add(name, data, { ...JOB_DEFAULTS, jobId: jobId(name, key), ...(delay ? { delay } : {}) });
  }
}

const MARKED = new Set<JobName>([JOB.apply, JOB.forward, JOB.deadline, JOB.firstResponse, JOB.silence, JOB.deliver, JOB.afterResolution, JOB.answer, JOB.lateMail]);

/** BullMQ job ids may not hold ':' (outbox ids do). */
export const jobId = (name: JobName, key: string) => `${name}-${key.replace(/:/g, '.')}`;

/** The key a written-down job was added with, from its data. */
function markedKey(name: JobName, data: JobData): string {
  if (name === JOB.deadline || name === JOB.firstResponse) return `${data.caseId}-${data.due}`;
  if (name === JOB.silence) return `${data.caseId}-${data.due}-${data.step}`;
  if (name === JOB.deliver) return data.outboxId!;
  if (name === JOB.afterResolution) return `${data.caseId}-${data.due}-${data.step}`;
  if (name === JOB.answer) return data.answerId!;
  return data.messageKey!;
}
