// A department's reply moves the case (P-13 to P-15, P-17, P-19). Under the case's lock:
// the reply's commands are read and planned against the case's current revision, the
// plan is stored on the message (so a retry does the same thing), its changes land in
// one guarded update of the case, and then the timeline, the mails and the deadline
// follow, each idempotent by an id made from the message. The message is marked applied
// last; a crash anywhere before is finished by the job's retry.
import { parseStaffReply } from '../../domain/case/staffCommands.js';
import { planStaffUpdate } from '../../domain/case/staffUpdate.js';
import { isOpen } from '../../domain/case/lifecycle.js';
import { event, withMessage } from '../../domain/case/timelineEvents.js';
import { supervises } from '../../domain/route/staff.js';
import type { ScreeningConfig } from '../../domain/settings/screeningConfig.js';
import { learnCorrection } from '../classify/learnCorrection.js';
import { deliverOutbox } from '../notify/deliverOutbox.js';
import type { OutboxEntry } from '../notify/ports.js';
import { department } from '../route/routeCase.js';
import { withFiles } from '../mail/envelope.js';
import { staffReplyMail, type StaffReplyMail } from '../mail/customerMails.js';
import { approvalRequest, routingMail, staffNotice, type Notice } from '../mail/staffMails.js';
import { fitAttachments } from '../../domain/notify/attachmentsOut.js';
import { words } from '../../domain/words/catalogue.js';
import { problemText } from '../../domain/words/staffProblems.js';
import type { CaseWorkDeps } from './caseWorkDeps.js';
import { stampOf } from '../../domain/case/consentLink.js';
import { initialsOf } from '../../domain/case/recognition.js';
import type { StaffReply, StoredPlan, WorkContext } from './ports.js';

export async function applyStaffReply(caseId: string, key: string, deps: CaseWorkDeps): Promise<void> {
  await deps.lock(caseId, async () => {
    const msg = await deps.work.staffReply(key);
    if (!msg || msg.appliedAt) return;
    const config = await deps.runtime.config();
    const before = await deps.work.context(caseId);
    if (!before) return;
    const committed = before.appliedMessages.includes(key);
    let plan = msg.plan;
    if (!committed && (!plan || plan.baseRev !== before.rev)) plan = await deps.work.savePlan(key, await makePlan(before, msg, config, deps), plan !== null);
    const { update, actor, at } = plan!;
    if (!committed) {
      const comps = update.compensations.map((c) => ({ ...c, by: actor.address, at }));
      const result = await deps.work.commit(caseId, key, plan!.baseRev, update.changes, comps, at);
      if (result === 'stale') throw new Error(`case ${before.caseNumber} changed while reply ${key} was applied; it is planned again on retry`);
    }
    await deps.work.recordEvents(caseId, [
      ...update.events.map((e, i) => ({ id: `${key}:${i}`, at, actor: actor.address, ...withMessage(e, key) })),
      ...(update.problems.length ? [{ id: `${key}:problems`, at, actor: actor.address, ...event('staff_reply.problems', { problems: update.problems.map((p) => problemText(p, 'en')), message: key }) }] : []),
    ]);

    const kept = update.closure?.kept;
    if (kept) {
      const moved = await deps.work.moveMessages(caseId, kept);
      await deps.work.recordEvents(caseId, [{ id: `${key}:moved`, at, actor: actor.address, ...event('messages.moved', { to: kept.caseNumber, messages: moved, message: key }) }]);
      await deps.work.recordEvents(kept.caseId, [{ id: `${key}:merged`, at, actor: actor.address, ...event('case.merged', { duplicate: before.caseNumber, messages: moved }) }]);
    }

    const ctx = (await deps.work.context(caseId))!;
    if (update.correction) await learnCorrection(caseId, update.correction, actor.address, deps.learn);
    const mails = await mailsFor(ctx, msg, plan!, config, deps);
    for (const mail of mails) await deps.outbox.insertIfAbsent(mail);
    for (const mail of mails) await deliverOutbox(mail.id, deps);
    if (update.changes.status === 'resolved' && ctx.resolvedAt) {
      const s = config.survey;
      const at = (days: number) => new Date(ctx.resolvedAt!.getTime() + days * 86400_000);
      await deps.deadlines.scheduleAfterResolution(caseId, ctx.resolvedAt, [
        { step: 'survey', at: new Date(ctx.resolvedAt.getTime() + s.delayHours * 3600_000) },
        { step: 'follow-up', at: at(s.followUpDays) },
        { step: 'close', at: at(s.followUpDays + s.closeAfterDays) },
      ]);
    }
    if (update.changes.waitingSince && ctx.awaitingCustomer && ctx.waitingSince) {
      const w = config.awaitingCustomer;
      const after = (days: number) => new Date(ctx.waitingSince!.getTime() + days * 86400_000);
      await deps.deadlines.scheduleSilence(caseId, ctx.waitingSince, [
        { step: 'remind', at: after(w.remindAfterDays) },
        { step: 'close', at: after(w.closeAfterDays) },
      ]);
    }
    if (update.changes.due && isOpen(ctx.status) && !ctx.firstResponseAt) await deps.deadlines.scheduleFirstResponse(caseId, update.changes.due.firstResponseBy);
    if (isOpen(ctx.status) && ctx.expectedBy) {
      const moved = before.expectedBy && before.expectedBy.getTime() !== ctx.expectedBy.getTime() ? before.expectedBy : null;
      await deps.deadlines.scheduleDeadline(caseId, ctx.expectedBy, moved);
    }
    await deps.work.markApplied(key, deps.now());
    deps.log.info({ event: 'case.staff_reply_applied', case: ctx.caseNumber, by: actor.address, status: ctx.status, problems: update.problems.length, mails: mails.map((m) => m.kind) }, 'staff reply applied');
  });
}

async function makePlan(ctx: WorkContext, msg: StaffReply, config: ScreeningConfig, deps: CaseWorkDeps): Promise<StoredPlan> {
  const now = deps.now();
  const bh = config.priorityPolicy.businessHours;
  const text = deps.replyText(msg.text);
  const parsed = parseStaffReply(text, { now, timeZone: bh.timeZone, closingTime: bh.end, categories: config.categories, departments: config.departments });
  const role = supervises(msg.from, ctx.departments.length ? ctx.departments : [ctx.department ?? ''], config) ? 'supervisor' : 'staff';
  const actor = { address: msg.from, role, department: msg.department } as const;
  const named = parsed.commands.flatMap((c) => (c.name === 'close' && c.reason === 'duplicate' && c.of !== ctx.caseNumber ? [c.of] : []));
  const update = planStaffUpdate(ctx, parsed.commands, actor, now, config, { caseNumber: ctx.caseNumber, byNumber: await deps.work.caseIdsByNumbers(named) });
  update.problems.unshift(...parsed.problems);
  return { baseRev: ctx.rev, actor, at: now, update };
}

/** The mails a reply causes, each with an id made from the reply, so each goes once. */
async function mailsFor(ctx: WorkContext, msg: StaffReply, plan: StoredPlan, config: ScreeningConfig, deps: CaseWorkDeps): Promise<OutboxEntry[]> {
  const { update } = plan;
  const mails: OutboxEntry[] = [];
  const customer = (m: StaffReplyMail) => mails.push(staffReplyMail(ctx, m, msg.key, config, deps));

  if (update.resolution) customer({ kind: 'resolution', resolution: update.resolution });
  else if (update.progress) customer({ kind: 'progress', stage: update.progress.stage, text: update.progress.text, expectedBy: ctx.expectedBy });
  if (update.question) customer({ kind: 'question', question: update.question });
  if (update.proposal) {
    const stamp = stampOf(ctx.proposal?.at ?? plan.at);
    const links = deps.consentLink && { acceptUrl: deps.consentLink(ctx.caseNumber, 'accept', stamp), refuseUrl: deps.consentLink(ctx.caseNumber, 'refuse', stamp) };
    customer({ kind: 'solution-proposal', proposal: update.proposal, ...(links ? { links } : {}) });
  }
  if (update.suggestionOutcome) {
    const adopted = update.suggestionOutcome.kind === 'adopted';
    // The author of an adopted suggestion is asked whether they may be thanked publicly.
    const stamp = stampOf(update.suggestionOutcome.at);
    const credit = adopted && deps.recognitions && deps.creditLink
      ? { creditUrl: deps.creditLink(ctx.caseNumber, 'agree', stamp), withdrawUrl: deps.creditLink(ctx.caseNumber, 'withdraw', stamp), name: initialsOf(ctx.customer.name) }
      : null;
    customer({ kind: 'suggestion-outcome', adopted, outcome: update.suggestionOutcome.text, ...(credit ? { credit } : {}) });
  }
  // The department's files go to the customer with the first of these mails.
  if (mails[0]) mails[0] = withFiles(mails[0], fitAttachments(msg.attachments, deps.attachmentsOut.maxBytes).attached);

  const owner = ctx.department ? department(config, ctx.department) : null;
  const notice = (n: Notice) => mails.push(staffNotice(ctx, n, config, deps));
  if (update.approvalRequest && owner) mails.push(approvalRequest(ctx, update.approvalRequest, owner, `approval:${msg.key}`, config, deps));
  if (update.rejection) {
    notice({
      id: `rejected:${msg.key}`,
      to: update.rejection.proposedBy,
      department: owner,
      title: words('mail', owner?.locale ?? 'en').rejected(ctx.caseNumber),
      lines: [update.rejection.reason],
      applied: false,
      help: true,
    });
  }
  if (update.problems.length) {
    const locale = owner?.locale ?? 'en';
    notice({
      id: `problems:${msg.key}`,
      to: msg.from,
      department: owner,
      title: words('mail', locale).notApplied(ctx.caseNumber),
      lines: update.problems.map((p) => problemText(p, locale)),
      applied: true,
      help: true,
    });
  }
  // A plan stored by an older version has no list of assisting departments.
  if (update.reroute || update.assisting?.length) {
    const found = await deps.store.context(ctx.caseId);
    if (found?.screening) {
      // A department handed the case later has no confirmation deadline of its own to show.
      const routing = { ...found, routing: { ...found.routing, confirmBy: null } };
      if (update.reroute) mails.push(routingMail(routing, department(config, update.reroute), config, deps, false, `reroute:${ctx.caseNumber}:${update.reroute}:${msg.key}`));
      for (const id of update.assisting ?? []) mails.push(routingMail(routing, department(config, id), config, deps, false, `assist:${ctx.caseNumber}:${id}:${msg.key}`));
    }
  }
  if (update.partReport) {
    const lead = department(config, update.partReport.lead);
    const from = department(config, update.partReport.department);
    notice({
      id: `part:${msg.key}`,
      to: ctx.assignee ?? lead.email,
      department: lead,
      title: words('mail', lead.locale).partReported(from.name[lead.locale], ctx.caseNumber),
      lines: [update.partReport.text],
      applied: false,
      help: false,
    });
  }
  return mails;
}
