// The case's jobs on BullMQ: screen, acknowledge, route, and the two delayed
// confirmation checks. One job id per case and kind makes enqueueing idempotent; a job
// that ran out of attempts is revived when the reconciler asks again.
import type { Queue } from 'bullmq';
import type { CaseJobs } from '../../pipeline/classify/ports.js';
import type { ConfirmationJobs } from '../../pipeline/route/ports.js';

export const CASE_QUEUE = 'notify';
export const JOB = {
  screen: 'screen',
  acknowledge: 'acknowledge',
  route: 'route',
  remind: 'confirm-remind',
  escalate: 'confirm-escalate',
} as const;
export type JobName = (typeof JOB)[keyof typeof JOB];

const JOB_DEFAULTS = {
  attempts: 12,
  backoff: { type: 'exponential', delay: 1000 },
  removeOnComplete: { age: 24 * 3600, count: 50_000 },
  removeOnFail: { age: 30 * 24 * 3600 },
} as const;

export class BullCaseJobs implements CaseJobs, ConfirmationJobs {
  constructor(
    private readonly queue: Queue,
    /** The app's clock: delays are measured on it, so a test can move time. */
    private readonly now: () => Date,
  ) {}

  screen(caseId: string): Promise<void> {
    return this.add(JOB.screen, caseId);
  }

  acknowledge(caseId: string): Promise<void> {
    return this.add(JOB.acknowledge, caseId);
  }

  route(caseId: string): Promise<void> {
    return this.add(JOB.route, caseId);
  }

  async schedule(caseId: string, remindAt: Date, escalateAt: Date): Promise<void> {
    await this.add(JOB.remind, caseId, remindAt);
    await this.add(JOB.escalate, caseId, escalateAt);
  }

  /** Like the enqueue methods, but revives a job that failed for good. */
  async requeue(name: JobName, caseId: string): Promise<void> {
    const job = await this.queue.getJob(jobId(name, caseId));
    if (job && (await job.isFailed())) await job.retry();
    else if (!job) await this.add(name, caseId);
  }

  private async add(name: JobName, caseId: string, at?: Date): Promise<void> {
    const delay = at ? Math.max(0, at.getTime() - this.now().getTime()) : 0;
    await this.queue.add(name, { caseId }, { ...JOB_DEFAULTS, jobId: jobId(name, caseId), ...(delay ? { delay } : {}) });
  }
}

const jobId = (name: JobName, caseId: string) => `${name}-${caseId}`;
