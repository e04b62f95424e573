// Routing (P-11): the owning department, and legal for a legal threat, each get one mail
// with the case, the decisions, the customer's message (personal numbers masked) and a
// reply address that files their answer under the case. A legal threat is also told to
// the supervisor. Then the confirmation checks are scheduled (P-12). Every mail has a
// fixed outbox id, so a retry sends nothing twice.
import type { Logger } from 'pino';
import type { Department, ScreeningConfig } from '../../domain/settings/screeningConfig.js';
import { storeAndDeliver, type DeliverDeps } from '../notify/deliverOutbox.js';
import type { OutboxEntry } from '../notify/ports.js';
import { NotScreenedError, type CaseJobs } from '../classify/ports.js';
import type { ScreeningRuntime } from '../classify/screeningRuntime.js';
import type { ConfirmationJobs, RoutingContext, RoutingRecord, RoutingStore } from './ports.js';
import type { WorkJobs } from '../case/ports.js';
import type { MailDeps } from '../mail/envelope.js';
import { routingMail, supervisorAlert } from '../mail/staffMails.js';

export interface RouteDeps extends DeliverDeps, MailDeps {
  store: RoutingStore;
  runtime: ScreeningRuntime;
  jobs: Pick<CaseJobs, 'screen'>;
  confirmations: ConfirmationJobs;
  deadlines: WorkJobs;
  log: Logger;
}

export async function routeCase(caseId: string, deps: RouteDeps): Promise<void> {
  const ctx = await deps.store.context(caseId);
  if (!ctx) return;
  const routed = await sendRouting(ctx, deps);
  await deps.store.markRouted(caseId, routed.record);
  await scheduleAfterRouting(ctx, routed, deps);
}

export interface Routed {
  record: RoutingRecord;
  /** This call routed the case (not a re-run finishing an earlier one). */
  first: boolean;
}

/** Sends the departments their mails (each once); the caller records the routing, then calls scheduleAfterRouting. */
export async function sendRouting(ctx: RoutingContext, deps: RouteDeps): Promise<Routed> {
  const s = ctx.screening;
  if (!s) {
    await deps.jobs.screen(ctx.caseId);
    throw new NotScreenedError(`case ${ctx.caseNumber} is not screened yet`);
  }
  const config = await deps.runtime.config();
  const departments = [s.department, ...s.alsoDepartments].map((id) => department(config, id));

  // A first run records the routing; a re-run (a retry, or the reconciler after a crash)
  // records it again, which finishes whatever the crash left undone (the case's fields,
  // the reconciler's marker) and changes nothing that was done (the first values stay).
  const first = !ctx.routing.sentAt || !ctx.routing.confirmBy || !ctx.routing.escalateAt;
  const sentAt = ctx.routing.sentAt ?? deps.now();
  const confirmBy = ctx.routing.confirmBy ?? new Date(sentAt.getTime() + config.confirmation.confirmHours * 3600_000);
  const escalateAt = ctx.routing.escalateAt ?? new Date(confirmBy.getTime() + config.confirmation.escalateAfterHours * 3600_000);
  const routedTo = ctx.routing.departments?.length ? ctx.routing.departments : departments.map((d) => d.id);
  const record = { departments: routedTo, sentAt, confirmBy, escalateAt };

  // The departments' mails name the confirmation deadline just decided.
  const routed = { ...ctx, routing: { ...ctx.routing, ...record } };
  const mails: OutboxEntry[] = departments.map((d) => routingMail(routed, d, config, deps, false));
  if (s.flags.includes('legal')) mails.push(supervisorAlert(routed, departments[0]!, config, deps, 'legal', s.flagReasons.legal ?? 'legal threat', `legal-alert:${ctx.caseNumber}`));
  for (const mail of mails) await storeAndDeliver(mail, deps);
  return { record, first };
}

/** Once the routing is recorded: the checks of the department's confirmation (P-12), its first answer (P-8) and of the expected time (P-18). */
export async function scheduleAfterRouting(ctx: RoutingContext, { record, first }: Routed, deps: RouteDeps): Promise<void> {
  const firstResponseBy = ctx.screening?.due.firstResponseBy ?? null;
  if (deps.confirmations.scheduleAfterRouting) {
    await deps.confirmations.scheduleAfterRouting(ctx.caseId, { remindAt: record.confirmBy, escalateAt: record.escalateAt, firstResponseBy, expectedBy: ctx.expectedBy });
  } else {
    await deps.confirmations.schedule(ctx.caseId, record.confirmBy, record.escalateAt);
    if (firstResponseBy) await deps.deadlines.scheduleFirstResponse(ctx.caseId, firstResponseBy);
    if (ctx.expectedBy) await deps.deadlines.scheduleDeadline(ctx.caseId, ctx.expectedBy, null);
  }
  if (first) deps.log.info({ event: 'case.routed', case: ctx.caseNumber, departments: record.departments, confirmBy: record.confirmBy }, 'case routed');
}

export function department(config: ScreeningConfig, id: string): Department {
  const d = config.departments.find((x) => x.id === id);
  if (!d) throw new Error(`department "${id}" is not in the screening configuration; add it to departments or fix the routing table`);
  return d;
}
