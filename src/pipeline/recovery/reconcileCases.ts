// Re-enqueues work still pending after a while: cases not acknowledged or not routed,
// and written-down jobs (staff replies, customer answers, deadlines, mails) that are no
// longer in the queue. Normally a no-op; it finishes the work when a queue entry was
// lost (Redis restarted without its data), a job ran out of attempts while SMTP was down,
// or a completed job in Redis stands for work the database does not have (a database
// restored from a backup behind Redis): the database decides what is missing.
import type { Logger } from 'pino';

export type CaseJobName = 'screen' | 'acknowledge' | 'route';
/** A job found completed and left so, found waiting or running, or put (back) into the queue. */
export type RequeueResult = 'completed' | 'in-queue' | 'requeued';

export interface ReconcileDeps {
  /** Cases whose acknowledgement or routing is marked pending since before `olderThan`. */
  pending: (olderThan: Date, limit: number) => Promise<string[]>;
  /** Those of the cases that have no screening stored. */
  unscreened: (caseIds: string[]) => Promise<Set<string>>;
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
  const ids = await deps.pending(olderThan, 500);
  const unscreened = ids.length ? await deps.unscreened(ids) : new Set<string>();
  let requeued = 0;
  for (const id of ids) {
    // The screening job sends both mails (notify/openingMails): while it is in the queue,
    // or once it is put back, it is all the case needs (in a long burst its marker ages
    // while it waits, and the jobs of the two mails queued beside it would find the case
    // not screened and retry, or find the work done). After a completed screening job,
    // the two mails' own jobs run: each finishes what is missing, or finds it done.
    // A completed screening job of a case without a stored screening did its work in
    // another database: it runs again.
    const screen = await deps.requeue('screen', id, { rerunCompleted: unscreened.has(id) });
    let own = false;
    if (screen === 'completed') {
      for (const job of ['acknowledge', 'route'] as const) own = (await deps.requeue(job, id, { rerunCompleted: true })) === 'requeued' || own;
    }
    if (screen === 'requeued' || own) requeued++;
  }
  if (requeued) deps.log.warn({ event: 'case.reconciled', count: requeued, waiting: ids.length - requeued }, 're-enqueued pending case work');
  return requeued + (await deps.requeueWrittenDown(olderThan, 500));
}
