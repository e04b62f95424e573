// Re-enqueues work still pending after a while: cases not acknowledged or not routed,
// and written-down jobs (staff replies, customer answers, deadlines, mails) that are no
// longer in the queue. Normally a no-op; it finishes the work when a queue entry was
// lost (Redis restarted without its data) or a job ran out of attempts while SMTP was down.
import type { Logger } from 'pino';

export type PendingWork = 'ack' | 'route';
export type CaseJobName = 'screen' | 'acknowledge' | 'route';
/** A job found completed and left so, found waiting or running, or put (back) into the queue. */
export type RequeueResult = 'completed' | 'in-queue' | 'requeued';

export interface ReconcileDeps {
  pending: (work: PendingWork, olderThan: Date, limit: number) => Promise<string[]>;
  /**
   * Adds the job if it is missing, revives it if it failed for good; with `rerunCompleted`
   * runs it again if it completed (its work is still pending, so a crash cut it short).
   */
  requeue: (job: CaseJobName, caseId: string, opts?: { rerunCompleted?: boolean }) => Promise<RequeueResult>;
  /** The same for written-down jobs due before `olderThan`; returns how many were looked at. */
  requeueWrittenDown: (olderThan: Date, limit: number) => Promise<number>;
  now: () => Date;
  log: Logger;
}

export async function reconcileCases(deps: ReconcileDeps, graceMs = 60_000): Promise<number> {
  const olderThan = new Date(deps.now().getTime() - graceMs);
  let total = 0;
  for (const work of ['ack', 'route'] as const) {
    const ids = await deps.pending(work, olderThan, 500);
    let requeued = 0;
    for (const id of ids) {
      // The screening job sends both mails (notify/openingMails): while it is in the queue,
      // or once it is put back, it is all the case needs (in a long burst its marker ages
      // while it waits, and a job of each kind queued beside it would find the case not
      // screened and retry, or find the work done). Only a completed screening job whose
      // case still has work marked pending has the work's own job run.
      const screen = await deps.requeue('screen', id);
      const own = screen === 'completed' ? await deps.requeue(work === 'ack' ? 'acknowledge' : 'route', id, { rerunCompleted: true }) : null;
      if (screen === 'requeued' || own === 'requeued') requeued++;
    }
    if (requeued) deps.log.warn({ event: 'case.reconciled', work, count: requeued, waiting: ids.length - requeued }, 're-enqueued pending case work');
    total += requeued;
  }
  return total + (await deps.requeueWrittenDown(olderThan, 500));
}
