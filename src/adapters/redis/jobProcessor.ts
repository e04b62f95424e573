// A queue's worker function: checks each job against the contract (pipeline/jobs/jobKinds)
// and runs its handler. A job that does not fit its kind, or sits in another kind's
// queue, fails at once and for good (UnrecoverableError: no retries), with the kind and
// the field in its error, where the admin's queue page shows it. A job that finds itself
// early (the app's clock is behind the queue's) goes back to wait the difference.
import { DelayedError, UnrecoverableError, type Job } from 'bullmq';
import { JobContractError, parseJob, queueOf, runJob, type AnyJob, type JobHandlers, type JobQueue } from '../../pipeline/jobs/jobKinds.js';

export function jobProcessor(queue: JobQueue, handlers: JobHandlers, now: () => Date): (job: Job, token?: string) => Promise<void> {
  return async (job, token) => {
    const checked = checkedJob(queue, job);
    const early = await runJob(handlers, checked);
    if (early) {
      await job.moveToDelayed(Date.now() + Math.max(1000, early.notBefore.getTime() - now().getTime()), token);
      throw new DelayedError();
    }
  };
}

function checkedJob(queue: JobQueue, job: Job): AnyJob {
  try {
    const checked = parseJob(job.name, job.data);
    if (queueOf(checked) !== queue) throw new JobContractError(job.name, `belongs in the ${queueOf(checked)} queue, not ${queue}`);
    return checked;
  } catch (err) {
    if (err instanceof JobContractError) throw new UnrecoverableError(err.message);
    throw err;
  }
}
