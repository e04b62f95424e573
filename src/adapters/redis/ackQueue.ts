// The acknowledgement jobs on BullMQ. One job id per case makes enqueueing idempotent;
// a job that ran out of attempts is retried when the reconciler asks again.
import type { Queue } from 'bullmq';
import type { AckQueue } from '../../pipeline/intake/ports.js';

export const NOTIFY_QUEUE = 'notify';
export const ACK_JOB = 'acknowledge';

export const JOB_DEFAULTS = {
  attempts: 12,
  backoff: { type: 'exponential', delay: 1000 },
  removeOnComplete: { age: 24 * 3600, count: 50_000 },
  removeOnFail: { age: 30 * 24 * 3600 },
} as const;

export class BullAckQueue implements AckQueue {
  constructor(private readonly queue: Queue) {}

  async enqueue(caseId: string): Promise<void> {
    await this.queue.add(ACK_JOB, { caseId }, { ...JOB_DEFAULTS, jobId: `ack-${caseId}` });
  }

  /** Like enqueue, but revives a job that failed for good. */
  async requeue(caseId: string): Promise<void> {
    const job = await this.queue.getJob(`ack-${caseId}`);
    if (job && (await job.isFailed())) await job.retry();
    else if (!job) await this.enqueue(caseId);
  }
}
