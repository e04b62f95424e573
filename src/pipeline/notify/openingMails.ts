// The two mails a case opens with once it is screened: the customer's acknowledgement
// (P-16) and the department's routing mail (P-11). The screening job sends them itself
// rather than queueing a job for each: the case as the screening wrote it serves both
// (read again only on a retry), one write records both, and the customer's reply leaves
// without a second wait in the queue (in 300-mail bursts, about eight database commands
// of fifty and two queue jobs fewer per case; handing on the case, three more). Each is
// skipped when done before and is idempotent like its job, which the reconciler still
// runs alone when a marker shows one unfinished.
import type { CaseEvent } from '../../domain/case/timelineEvents.js';
import type { Routed } from '../route/routeCase.js';
import type { RoutingContext } from '../route/ports.js';
import type { CaseSnapshot } from '../case/caseSnapshot.js';
import type { AckContext, AckOutcome, OpeningStore } from './ports.js';

export interface OpeningDeps {
  store: OpeningStore;
  /** Sends the acknowledgement (notify/acknowledgeCase). */
  acknowledge: (ctx: AckContext) => Promise<AckOutcome>;
  /** Sends the departments their mails (route/routeCase). */
  route: (ctx: RoutingContext) => Promise<Routed>;
  /** Schedules what follows a recorded routing (route/routeCase). */
  afterRouting: (ctx: RoutingContext, routed: Routed) => Promise<void>;
}

/**
 * `screened`: the case as the calling screening job just wrote it (null: read it);
 * `decisions`: its screening's timeline events, recorded with the outcomes in one insert,
 * or alone when neither mail had one (done before, or failed: the case is screened
 * whether or not its mails could go).
 */
export async function sendOpeningMails(caseId: string, deps: OpeningDeps, screened: CaseSnapshot | null = null, decisions: CaseEvent[] = []): Promise<void> {
  const ctx = await deps.store.contexts(caseId, screened);
  if (!ctx) return;
  // Both at once: a failure of one (its SMTP refusal, say) neither holds up nor undoes the other.
  const [ack, route] = await Promise.allSettled([
    ctx.ack.ackState === 'pending' ? deps.acknowledge(ctx.ack) : null,
    ctx.route.routing.sentAt ? null : deps.route(ctx.route),
  ]);
  const acked = ack.status === 'fulfilled' ? ack.value : null;
  const routed = route.status === 'fulfilled' ? route.value : null;
  if (acked || routed || decisions.length) await deps.store.record(caseId, acked, routed?.record ?? null, decisions, screened);
  // Both done before (this job's re-run after a crash cut the last write short): the
  // reconciler's marker may be all that is left.
  if (!acked && !routed && ack.status === 'fulfilled' && route.status === 'fulfilled') await deps.store.clearMarker(caseId);
  if (routed) await deps.afterRouting(ctx.route, routed);
  // The job is retried for the one that failed; the other is then skipped as done.
  for (const r of [ack, route]) if (r.status === 'rejected') throw r.reason;
}
