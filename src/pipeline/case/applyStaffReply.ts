// A department's reply moves the case (P-13 to P-15, P-17, P-19). Under the case's lock:
// the reply's commands are read and planned against the case's current revision, the
// plan is stored on the message (so a retry does the same thing), its changes land in
// one guarded update of the case, and then the timeline, the mails and the deadline
// follow, each idempotent by an id made from the message. The message is marked applied
// last; a crash anywhere before is finished by the job's retry.
import { parseStaffReply } from '../../domain/case/staffCommands.js';
import { planStaffUpdate, type ProposedResolution } from '../../domain/case/staffUpdate.js';
import { isOpen } from '../../domain/case/lifecycle.js';
import { maskSensitive } from '../../domain/classify/sensitiveData.js';
import { replyAddress } from '../../domain/route/replyToken.js';
import { REPLY_MARKER } from '../../domain/route/replyMarker.js';
import { supervises } from '../../domain/route/staff.js';
import type { Department, ScreeningConfig } from '../../domain/settings/screeningConfig.js';
import { learnCorrection } from '../classify/learnCorrection.js';
import { customerMail, customerTemplateData } from '../notify/customerMail.js';
import { deliverOutbox } from '../notify/deliverOutbox.js';
import { formatTime } from '../notify/formatTime.js';
import type { OutboxEntry } from '../notify/ports.js';
import { describeCompensation, stageName } from '../notify/wording.js';
import { department, outgoing, routingMail, staffMail } from '../route/routeCase.js';
import { fitAttachments } from '../../domain/notify/attachmentsOut.js';
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
      ...update.events.map((e, i) => ({ id: `${key}:${i}`, type: e.type, at, actor: actor.address, data: { ...e.data, message: key } })),
      ...(update.problems.length ? [{ id: `${key}:problems`, type: 'staff_reply.problems', at, actor: actor.address, data: { problems: update.problems, message: key } }] : []),
    ]);

    const kept = update.closure?.kept;
    if (kept) {
      const moved = await deps.work.moveMessages(caseId, kept);
      await deps.work.recordEvents(caseId, [{ id: `${key}:moved`, type: 'messages.moved', at, actor: actor.address, data: { to: kept.caseNumber, messages: moved, message: key } }]);
      await deps.work.recordEvents(kept.caseId, [{ id: `${key}:merged`, type: 'case.merged', at, actor: actor.address, data: { duplicate: before.caseNumber, messages: moved } }]);
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
  const tz = config.priorityPolicy.businessHours.timeZone;
  const mails: OutboxEntry[] = [];
  const customer = (kind: string, data: Record<string, unknown>) =>
    customerMail(ctx, `${kind}:${msg.key}`, kind, deps.templates.render(kind, ctx.locale, { ...customerTemplateData(ctx, deps.support), ...data }), deps.support, false);

  if (update.resolution) {
    mails.push(customer('resolution', { ...resolutionData(update.resolution, ctx.locale), compensations: update.resolution.compensations.map((c) => ({ description: describeCompensation(c, ctx.locale) })) }));
  } else if (update.progress) {
    mails.push(customer('progress', { stageName: update.progress.stage ? stageName(update.progress.stage, ctx.locale) : '', message: update.progress.text ?? '', expectedBy: ctx.expectedBy ? formatTime(ctx.expectedBy, tz) : '' }));
  }
  if (update.question) mails.push(customer('question', { question: update.question }));
  if (update.proposal) {
    const stamp = stampOf(ctx.proposal?.at ?? plan.at);
    const links = deps.consentLink ? { acceptUrl: deps.consentLink(ctx.caseNumber, 'accept', stamp), refuseUrl: deps.consentLink(ctx.caseNumber, 'refuse', stamp) } : {};
    mails.push(customer('solution-proposal', { proposal: update.proposal, ...links }));
  }
  if (update.suggestionOutcome) {
    const adopted = update.suggestionOutcome.kind === 'adopted';
    // The author of an adopted suggestion is asked whether they may be thanked publicly.
    const stamp = stampOf(update.suggestionOutcome.at);
    const credit = adopted && deps.recognitions && deps.creditLink
      ? { creditUrl: deps.creditLink(ctx.caseNumber, 'agree', stamp), withdrawUrl: deps.creditLink(ctx.caseNumber, 'withdraw', stamp), shownName: initialsOf(ctx.customer.name) || (ctx.locale === 'en' ? 'a customer' : ctx.locale === 'zh-Hans' ? '一位客户' : '一位客戶') }
      : {};
    mails.push(customer('suggestion-outcome', { adopted, outcome: update.suggestionOutcome.text, ...credit }));
  }
  // The department's files go to the customer with the first of these mails.
  const files = fitAttachments(msg.attachments, deps.attachmentsOut.maxBytes).attached;
  if (mails[0] && files.length) mails[0] = { ...mails[0], ...outgoing(files) };

  const owner = ctx.department ? department(config, ctx.department) : null;
  const reply = replyAddress(deps.support.address, ctx.caseNumber, deps.replyTokenSecret);
  const staff = (kind: string, id: string, to: string, d: Department | null, data: Record<string, unknown>) => {
    const locale = d?.locale ?? 'en';
    const rendered = deps.templates.render(kind, locale, { caseNumber: ctx.caseNumber, replyAddress: reply, replyMarker: REPLY_MARKER, timeZone: tz, supportName: deps.support.name, ...data });
    return staffMail(ctx, id, kind, to, rendered, reply, deps);
  };
  if (update.approvalRequest && owner) {
    const p: ProposedResolution = update.approvalRequest;
    mails.push(
      staff('approval-request', `approval:${msg.key}`, owner.supervisor, owner, {
        departmentName: owner.name[owner.locale],
        proposedBy: p.by,
        ...resolutionData(p, owner.locale),
        priority: ctx.priority,
        subject: maskSensitive(ctx.subject) || '(no subject)',
        customerEmail: ctx.customer.email,
      }),
    );
  }
  if (update.rejection) {
    const zh = owner?.locale !== 'en' && !!owner;
    mails.push(
      staff('staff-notice', `rejected:${msg.key}`, update.rejection.proposedBy, owner, {
        title: zh ? `主管駁回了案件 ${ctx.caseNumber} 的解決方案` : `The supervisor rejected the solution for ${ctx.caseNumber}`,
        lines: [update.rejection.reason],
        applied: false,
        help: true,
      }),
    );
  }
  if (update.problems.length) {
    const zh = owner?.locale !== 'en' && !!owner;
    mails.push(
      staff('staff-notice', `problems:${msg.key}`, msg.from, owner, {
        title: zh ? `您對案件 ${ctx.caseNumber} 的回覆有部分未套用` : `Some lines of your reply to ${ctx.caseNumber} were not applied`,
        lines: update.problems,
        applied: true,
        help: true,
      }),
    );
  }
  // A plan stored by an older version has no list of assisting departments.
  if (update.reroute || update.assisting?.length) {
    const routing = await deps.store.context(ctx.caseId);
    if (routing?.screening && update.reroute) mails.push(routingMail(routing, department(config, update.reroute), config, deps, false, `reroute:${ctx.caseNumber}:${update.reroute}:${msg.key}`));
    for (const id of routing?.screening ? (update.assisting ?? []) : []) mails.push(routingMail(routing!, department(config, id), config, deps, false, `assist:${ctx.caseNumber}:${id}:${msg.key}`));
  }
  if (update.partReport) {
    const lead = department(config, update.partReport.lead);
    const from = department(config, update.partReport.department);
    const zh = lead.locale !== 'en';
    mails.push(
      staff('staff-notice', `part:${msg.key}`, ctx.assignee ?? lead.email, lead, {
        title: zh ? `${from.name[lead.locale]} 回報了案件 ${ctx.caseNumber} 的協辦部分` : `${from.name[lead.locale]} reported its part of ${ctx.caseNumber}`,
        lines: [update.partReport.text],
        applied: false,
        help: false,
      }),
    );
  }
  return mails;
}

function resolutionData(p: ProposedResolution, locale: WorkContext['locale']) {
  return { solution: p.text, followUp: p.followUp ?? '', compensations: p.compensations.map((c) => ({ description: describeCompensation(c, locale) })) };
}
