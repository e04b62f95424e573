// Re-enqueues acknowledgements still pending after a while. Normally a no-op; it
// finishes the work when a queue entry was lost (Redis restarted without its data)
// or a job ran out of attempts while SMTP was down.
import type { Logger } from 'pino';

export interface ReconcileDeps {
  pendingAcks: (olderThan: Date, limit: number) => Promise<string[]>;
  requeue: (caseId: string) => Promise<void>;
  now: () => Date;
  log: Logger;
}

export async function reconcileAcks(deps: ReconcileDeps, graceMs = 60_000): Promise<number> {
  const ids = await deps.pendingAcks(new Date(deps.now().getTime() - graceMs), 500);
  for (const id of ids) await deps.requeue(id);
  if (ids.length) deps.log.warn({ event: 'ack.reconciled', count: ids.length }, 're-enqueued pending acknowledgements');
  return ids.length;
}
