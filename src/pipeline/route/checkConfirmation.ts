// The department's confirmation deadline (P-12). Runs as delayed jobs: at the deadline an
// unconfirmed case gets one reminder to the department, and at the escalation time one
// mail to the supervisor. A job that runs early (the clock is the app's, not the
// queue's) says when to run again; a confirmed case makes both a no-op.
import type { FollowUp } from './ports.js';
import { department, type RouteDeps } from './routeCase.js';
import { routingMail, supervisorAlert } from '../mail/staffMails.js';
import { storeAndDeliver } from '../notify/deliverOutbox.js';
import { words } from '../../domain/words/catalogue.js';

export type ConfirmationStep = 'remind' | 'escalate';

export async function checkConfirmation(caseId: string, step: ConfirmationStep, deps: RouteDeps): Promise<{ notBefore: Date } | null> {
  const ctx = await deps.store.context(caseId);
  if (!ctx?.screening || !ctx.routing.sentAt || ctx.routing.confirmedAt) return null;
  const due = step === 'remind' ? ctx.routing.confirmBy : ctx.routing.escalateAt;
  if (!due) return null;
  const now = deps.now();
  if (now < due) return { notBefore: due };
  const config = await deps.runtime.config();
  const owner = department(config, ctx.screening.department);
  const mail =
    step === 'remind'
      ? routingMail(ctx, owner, config, deps, true)
      : supervisorAlert(ctx, owner, config, deps, 'unconfirmed', words('mail', owner.locale).unconfirmedDetail(owner.name[owner.locale], config.confirmation.confirmHours), `escalate:${ctx.caseNumber}`);
  await storeAndDeliver(mail, deps);
  const done: FollowUp = step === 'remind' ? 'reminded' : 'escalated';
  await deps.store.markFollowUp(caseId, done, now, { to: mail.to, outbox: mail.id });
  deps.log.warn({ event: `routing.${done}`, case: ctx.caseNumber, to: mail.to }, step === 'remind' ? 'department reminded' : 'supervisor told');
  return null;
}
