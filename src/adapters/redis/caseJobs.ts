// The jobs on BullMQ, each kind in the queue the contract gives it (pipeline/jobs/jobKinds).
// One job id per case (or message, or mail) and kind makes enqueueing idempotent; a job
// that ran out of attempts is revived when the reconciler asks again. Jobs that follow a
// stored fact (a staff reply to apply, a customer reply to forward, a deadline, a mail to
// deliver) are also written down in MongoDB before they are queued, and crossed off when
// they complete, so that a Redis that lost its data gets them back from the reconciler.
import type { Job, Queue } from 'bullmq';
import type { Logger } from 'pino';
import type { CaseJobs } from '../../pipeline/classify/ports.js';
import type { ConfirmationJobs } from '../../pipeline/route/ports.js';
import type { AfterResolutionStep, SilenceStep, WorkJobs } from '../../pipeline/case/ports.js';
import type { ReplyJobs, MailJobs } from '../../pipeline/intake/ports.js';
import type { RequeueResult } from '../../pipeline/recovery/reconcileCases.js';
import { isJobKind, isMarked, JOB_KINDS, JobContractError, keyOf, parseJob, queueOf, type AnyJob, type JobKind, type JobQueue } from '../../pipeline/jobs/jobKinds.js';

/** The queue of a database with this tag (adapters/mongo/databaseTag). */
export const queueName = (queue: JobQueue | typeof LEGACY_QUEUE, tag: string) => (tag ? `${queue}-${tag}` : queue);
/** The one queue of earlier versions, which carried every kind: drained into the others. */
export const LEGACY_QUEUE = 'notify';
export type JobQueues = Record<JobQueue, Queue>;

/** Written-down jobs (see the header): MongoDB's pending_jobs. */
export interface JobMarkers {
  put(jobId: string, job: AnyJob, runAt: Date): Promise<void>;
  remove(jobId: string): Promise<void>;
  /** Jobs that should have run before `olderThan` and are still written down, as stored. */
  due(olderThan: Date, limit: number): Promise<Array<{ jobId: string; name: string; data: unknown; runAt: Date }>>;
}

const JOB_DEFAULTS = {
  attempts: 12,
  backoff: { type: 'exponential', delay: 1000 },
  removeOnComplete: { age: 24 * 3600, count: 50_000 },
  removeOnFail: { age: 30 * 24 * 3600 },
} as const;

export class BullCaseJobs implements CaseJobs, ConfirmationJobs, WorkJobs, ReplyJobs, MailJobs {
  constructor(
    private readonly queues: JobQueues,
    private readonly markers: JobMarkers,
    /** The app's clock: delays are measured on it, so a test can move time. */
    private readonly now: () => Date,
    private readonly log: Logger,
    /** The queue of earlier versions, if this database may have one (see drainLegacy). */
    private readonly legacy: Queue | null = null,
  ) {}

  screen(caseId: string): Promise<void> {
    return this.add({ kind: 'screen', data: { caseId } });
  }

  async schedule(caseId: string, remindAt: Date, escalateAt: Date): Promise<void> {
    await this.add({ kind: 'confirm-remind', data: { caseId } }, remindAt);
    await this.add({ kind: 'confirm-escalate', data: { caseId } }, escalateAt);
  }

  /** The four checks a routing starts: their markers in one insert, the jobs in one addBulk per queue. */
  async scheduleAfterRouting(caseId: string, at: { remindAt: Date; escalateAt: Date; firstResponseBy: Date | null; expectedBy: Date | null }): Promise<void> {
    await this.addAll([
      { job: { kind: 'confirm-remind', data: { caseId } }, at: at.remindAt },
      { job: { kind: 'confirm-escalate', data: { caseId } }, at: at.escalateAt },
      ...(at.firstResponseBy ? [{ job: { kind: 'sla-first-response', data: { caseId, due: at.firstResponseBy.getTime() } } as AnyJob, at: at.firstResponseBy }] : []),
      ...(at.expectedBy ? [{ job: { kind: 'sla-deadline', data: { caseId, due: at.expectedBy.getTime() } } as AnyJob, at: at.expectedBy }] : []),
    ]);
  }

  applyStaffReply(caseId: string, messageKey: string): Promise<void> {
    return this.add({ kind: 'apply-reply', data: { caseId, messageKey } });
  }

  forwardCustomerReply(caseId: string, messageKey: string): Promise<void> {
    return this.add({ kind: 'forward-reply', data: { caseId, messageKey } });
  }

  lateCustomerMail(caseId: string, messageKey: string): Promise<void> {
    return this.add({ kind: 'late-mail', data: { caseId, messageKey } });
  }

  applyAnswer(caseId: string, answerId: string): Promise<void> {
    return this.add({ kind: 'apply-answer', data: { caseId, answerId } });
  }

  async scheduleAfterResolution(caseId: string, resolvedAt: Date, steps: Array<{ step: AfterResolutionStep; at: Date }>): Promise<void> {
    for (const { step, at } of steps) await this.add({ kind: 'after-resolution', data: { caseId, due: resolvedAt.getTime(), step, at: at.getTime() } }, at);
  }

  scheduleFirstResponse(caseId: string, due: Date): Promise<void> {
    return this.add({ kind: 'sla-first-response', data: { caseId, due: due.getTime() } }, due);
  }

  async scheduleSilence(caseId: string, since: Date, steps: Array<{ step: SilenceStep; at: Date }>): Promise<void> {
    for (const { step, at } of steps) await this.add({ kind: 'customer-silence', data: { caseId, due: since.getTime(), step, at: at.getTime() } }, at);
  }

  deliver(outboxId: string): Promise<void> {
    return this.add({ kind: 'deliver-mail', data: { outboxId } });
  }

  async scheduleDeadline(caseId: string, due: Date, previous: Date | null): Promise<void> {
    await this.add({ kind: 'sla-deadline', data: { caseId, due: due.getTime() } }, due);
    if (previous && previous.getTime() !== due.getTime()) {
      const old = idOf({ kind: 'sla-deadline', data: { caseId, due: previous.getTime() } });
      // A delayed check of a time no longer expected: drop it (it would find nothing to do).
      const job = await this.queues.cases.getJob(old);
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
  async requeue(job: AnyJob, opts: { runAt?: Date; rerunCompleted?: boolean } = {}): Promise<RequeueResult> {
    const queued = await this.queueFor(job).getJob(idOf(job));
    const state = queued ? await queued.getState() : 'missing';
    // Damaged by a Redis that lost part of its keys: a hash that lost its name and data
    // (a worker's failure wrote it anew) fails each retry, and one in no list ('unknown')
    // is never taken. Both are added afresh.
    if (queued && (queued.name !== job.kind || state === 'unknown')) {
      await queued.remove();
      await this.enqueue(job, opts.runAt);
    } else if (state === 'failed') await queued!.retry();
    else if (state === 'completed') {
      if (!opts.rerunCompleted) return 'completed';
      await queued!.remove();
      await this.enqueue(job, opts.runAt);
    } else if (state === 'missing') await this.enqueue(job, opts.runAt);
    else return 'in-queue';
    return 'requeued';
  }

  /** Puts written-down jobs due before `olderThan` back into their queue if they are not in it. */
  async requeueWrittenDown(olderThan: Date, limit: number): Promise<number> {
    const marked = await this.markers.due(olderThan, limit);
    for (const m of marked) {
      let job: AnyJob;
      try {
        job = parseJob(m.name, m.data);
      } catch (err) {
        // It could never run: said once, then crossed off rather than read every pass.
        if (!(err instanceof JobContractError)) throw err;
        this.log.error({ event: 'job.marker_refused', job: m.jobId, error: err.message }, 'a written-down job does not fit its kind; dropped');
        await this.markers.remove(m.jobId);
        continue;
      }
      const queued = await this.queueFor(job).getJob(m.jobId);
      if (queued && (await queued.isCompleted())) await this.markers.remove(m.jobId);
      else await this.requeue(job, { runAt: m.runAt });
    }
    return marked.length;
  }

  /** A written-down job is done: cross it off. */
  async completed(job: Job): Promise<void> {
    if (isJobKind(job.name) && JOB_KINDS[job.name].marked && job.id) await this.markers.remove(job.id);
  }

  /**
   * Moves the jobs waiting in the queue of earlier versions into the queue of their kind,
   * with their ids, data and the rest of their delay; removes its schedules (the periodic
   * queue has its own) and the runs they made. Jobs running or failed there are left:
   * a running one is finished by the process of the earlier version that holds it (or
   * retried, and moved by the next pass), a failed one is revived by the reconciler like
   * any. The data is not checked here: the worker of the new queue refuses a job that
   * does not fit, where the admin sees it. Returns how many jobs were moved.
   */
  async drainLegacy(): Promise<number> {
    const old = this.legacy;
    if (!old) return 0;
    for (const s of await old.getJobSchedulers()) await old.removeJobScheduler(s.key);
    let moved = 0;
    // In batches, until nothing is left (a job another process moved or took meanwhile is
    // not listed again), or a batch removed nothing (what stays is left to the next pass).
    for (;;) {
      const batch = await old.getJobs(['waiting', 'delayed', 'prioritized'], 0, 499);
      let removed = 0;
      for (const job of batch) {
        const kind = isJobKind(job.name) ? job.name : null;
        if (!(kind && JOB_KINDS[kind].queue === 'periodic' && job.repeatJobKey)) {
          const delay = Math.max(0, job.timestamp + (job.opts.delay ?? 0) - Date.now());
          // Added before it is removed: a crash in between leaves a job twice (each is
          // idempotent), never none. An unknown kind goes where its refusal is seen.
          await this.queues[kind ? JOB_KINDS[kind].queue : 'cases'].add(job.name, job.data, { ...JOB_DEFAULTS, jobId: job.id, ...(delay ? { delay } : {}) });
          moved++;
        }
        if (await job.remove().then(() => true, () => false)) removed++;
      }
      if (!removed) break;
    }
    if (moved) this.log.warn({ event: 'job.legacy_moved', queue: old.name, count: moved }, 'moved jobs of an earlier version into the queues of their kinds');
    return moved;
  }

  /**
   * Several jobs with one round trip to Redis per queue (addBulk, one MULTI), those of
   * written-down kinds written down first, together (the markers' inserts share one
   * command).
   */
  private async addAll(jobs: Array<{ job: AnyJob; at: Date }>): Promise<void> {
    await Promise.all(jobs.filter((j) => isMarked(j.job)).map((j) => this.markers.put(idOf(j.job), j.job, j.at)));
    const now = this.now().getTime();
    const byQueue = new Map<Queue, Array<{ name: string; data: unknown; opts: Record<string, unknown> }>>();
    for (const { job, at } of jobs) {
      const delay = Math.max(0, at.getTime() - now);
      const queue = this.queueFor(job);
      byQueue.set(queue, [...(byQueue.get(queue) ?? []), { name: job.kind, data: job.data, opts: { ...JOB_DEFAULTS, jobId: idOf(job), ...(delay ? { delay } : {}) } }]);
    }
    await Promise.all([...byQueue].map(([queue, added]) => queue.addBulk(added)));
  }

  /** Adds the job to its queue (written down first if its kind is). */
  private async add(job: AnyJob, at?: Date): Promise<void> {
    if (isMarked(job)) await this.markers.put(idOf(job), job, at ?? this.now());
    await this.enqueue(job, at);
  }

  private async enqueue(job: AnyJob, at?: Date): Promise<void> {
    const delay = at ? Math.max(0, at.getTime() - this.now().getTime()) : 0;
    await this.queueFor(job).add(job.kind, job.data, { ...JOB_DEFAULTS, jobId: idOf(job), ...(delay ? { delay } : {}) });
  }

  private queueFor(job: AnyJob): Queue {
    return this.queues[queueOf(job)];
  }
}

/** BullMQ job ids may not hold ':' (outbox ids do). */
export const jobId = (kind: JobKind, key: string) => `${kind}-${key.replace(/:/g, '.')}`;

/** The id of a job of a keyed kind (every kind but the periodic ones). */
export function idOf(job: AnyJob): string {
  const key = keyOf(job);
  if (key === null) throw new Error(`a ${job.kind} job has no key: it is added by its schedule`);
  return jobId(job.kind, key);
}
