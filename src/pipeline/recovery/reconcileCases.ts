// Re-enqueues work still pending after a while: cases not acknowledged or not routed,
// and written-down jobs (staff replies, customer answers, deadlines, mails) that are no
// longer in the queue. Normally a no-op; it finishes the work when a queue entry was
// lost (Redis restarted without its data) or a job ran out of attempts while SMTP was down.
import type { Logger } from 'pino';

export type PendingWork = 'ack' | 'route';
export type CaseJobName = 'screen' | 'acknowledge' | 'route';

export interface ReconcileDeps {
  pending: (work: PendingWork, olderThan: Date, limit: number) => Promise<string[]>;
  /**
   * Adds the job if it is missing, revives it if it failed for good; with `rerunCompleted`
   * runs it again if it completed (its work is still pending, so a crash cut it short).
   */
  requeue: (job: CaseJobName, caseId: string, opts?: { rerunCompleted?: boolean }) => Promise<void>;
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
    for (const id of ids) {
      // Both jobs need the screening, which is done once stored: only revived if it failed.
      await deps.requeue('screen', id);
      await deps.requeue(work === 'ack' ? 'acknowledge' : 'route', id, { rerunCompleted: true });
    }
    if (ids.length) deps.log.warn({ event: 'case.reconciled', work, count: ids.length }, 're-enqueued pending case work');
    total += ids.length;
  }
  return total + (await deps.requeueWrittenDown(olderThan, 500));
}
