// CaseWorkStore on MongoDB/FerretDB. A staff reply's changes land in one update of the
// case, guarded by the case's revision and the list of applied messages, so a retry
// never applies a reply twice and a reply planned against an old state is planned again.
import type { CaseStatus } from '../../domain/case/case.js';
import type { Proposal } from '../../domain/case/consent.js';
import type { JointHandling } from '../../domain/case/processCommands.js';
import type { Compensation } from '../../domain/case/staffCommands.js';
import type { CaseChanges, ProposedResolution, RecordedCause } from '../../domain/case/staffUpdate.js';
import type { Priority } from '../../domain/sla/priorityPolicy.js';
import type { StoredScreening } from '../../pipeline/classify/ports.js';
import type { CaseWorkStore, CustomerReply, StaffReply, StoredPlan, WorkContext } from '../../pipeline/case/ports.js';
import { CaseModel } from './models/caseModel.js';
import { caseHead } from './caseHead.js';
import { storedFiles } from './openingStore.js';
import { automatedVerdict } from './storedVerdict.js';
import { MessageModel } from './models/messageModel.js';
import { CaseNumberModel, MessageIdModel } from './models/lookupModels.js';
import { lockedWrite, writeIf } from './documentLocks.js';
import { recordEvent, recordEvents } from './events.js';
import { event, type TimelineEntry } from '../../domain/case/timelineEvents.js';

const FIELD: Record<keyof CaseChanges, string> = {
  status: 'status',
  priority: 'priority',
  due: 'due',
  eta: 'eta',
  expectedBy: 'sla.expectedBy',
  delayReason: 'delayReason',
  assignee: 'assignee',
  category: 'category',
  department: 'department',
  departments: 'routing.departments',
  awaitingCustomer: 'awaitingCustomer',
  lastQuestion: 'lastQuestion',
  pendingResolution: 'pendingResolution',
  resolution: 'resolution',
  closeReason: 'closeReason',
  duplicateOf: 'duplicateOf',
  firstResponseAt: 'sla.firstResponseAt',
  waitingSince: 'sla.waitingSince',
  cause: 'cause',
  prevention: 'prevention',
  assessment: 'suggestion.assessment',
  suggestionOutcome: 'suggestion.outcome',
  proposal: 'proposal',
  joint: 'joint',
  product: 'product',
};

export class MongoCaseWorkStore implements CaseWorkStore {
  async context(caseId: string): Promise<WorkContext | null> {
    const c = await CaseModel.findById(caseId).lean();
    if (!c) return null;
    const origin = await MessageModel.findById(caseId, { messageId: 1, references: 1, automated: 1 }).lean();
    return {
      ...caseHead(caseId, c),
      status: c.status as CaseStatus,
      priority: c.priority as Priority,
      category: c.category ?? null,
      department: c.department ?? null,
      departments: c.routing?.departments ?? [],
      eta: c.eta ?? null,
      expectedBy: c.sla?.expectedBy ?? null,
      lastMissed: c.sla?.lastMissed ?? null,
      firstResponseBy: c.due?.firstResponseBy ?? null,
      firstResponseAt: c.sla?.firstResponseAt ?? null,
      waitingSince: c.sla?.waitingSince ?? null,
      pendingResolution: (c.pendingResolution as ProposedResolution | null | undefined) ?? null,
      cause: (c.cause as RecordedCause | null | undefined) ?? null,
      proposal: (c.proposal as Proposal | null | undefined) ?? null,
      joint: (c.joint as JointHandling | null | undefined) ?? null,
      screening: (c.screening as StoredScreening | undefined) ?? null,
      assignee: c.assignee ?? null,
      delayReason: c.delayReason ?? null,
      awaitingCustomer: c.awaitingCustomer ?? false,
      rev: c.rev ?? 0,
      appliedMessages: c.appliedMessages ?? [],
      origin: { messageId: origin?.messageId ?? null, references: origin?.references ?? [], automated: automatedVerdict(origin?.automated) },
      lastQuestion: c.lastQuestion ?? null,
      resolvedAt: c.resolvedAt ?? null,
      closedAt: c.closedAt ?? null,
      closeReason: (c.closeReason as WorkContext['closeReason'] | undefined) ?? null,
      duplicateOf: c.duplicateOf ?? null,
      reopenCount: c.reopenCount ?? 0,
      survey: { sentAt: c.survey?.sentAt ?? null, followUpSentAt: c.survey?.followUpSentAt ?? null, answeredAt: c.survey?.answeredAt ?? null, score: c.survey?.score ?? null },
    };
  }

  async staffReply(key: string): Promise<StaffReply | null> {
    const m = await MessageModel.findById(key, { caseId: 1, from: 1, department: 1, text: 1, receivedAt: 1, plan: 1, appliedAt: 1, direction: 1, attachments: 1 }).lean();
    if (!m || m.direction !== 'staff') return null;
    return {
      key,
      caseId: m.caseId,
      from: (m.from?.address ?? '').toLowerCase(),
      department: m.department ?? '',
      text: m.text ?? '',
      receivedAt: m.receivedAt,
      plan: (m.plan as StoredPlan | undefined) ?? null,
      appliedAt: m.appliedAt ?? null,
      attachments: storedFiles(m.attachments),
    };
  }

  async customerReply(key: string): Promise<CustomerReply | null> {
    const m = await MessageModel.findById(key, { caseId: 1, text: 1, automated: 1, attachments: 1, direction: 1 }).lean();
    if (!m || m.direction !== 'in') return null;
    return {
      key,
      caseId: m.caseId,
      text: m.text ?? '',
      automated: !!m.automated?.kind,
      attachments: storedFiles(m.attachments),
    };
  }

  async savePlan(key: string, plan: StoredPlan, replace: boolean): Promise<StoredPlan> {
    await writeIf(MessageModel.collection, key, replace ? {} : { plan: { $exists: false } }, (filter) => MessageModel.updateOne(filter, { $set: { plan } }));
    const m = await MessageModel.findById(key, { plan: 1 }).lean();
    return m!.plan as StoredPlan;
  }

  async commit(caseId: string, key: string, baseRev: number, changes: CaseChanges, compensations: Array<Compensation & { by: string; at: Date }>, at: Date): Promise<'applied' | 'already' | 'stale'> {
    const set: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(changes)) set[FIELD[k as keyof CaseChanges]] = v;
    if (changes.status === 'resolved') set.resolvedAt = at;
    if (changes.status === 'closed') set.closedAt = at;
    const push: Record<string, unknown> = { appliedMessages: key };
    if (compensations.length) push.compensations = { $each: compensations.map((c, i) => ({ id: `${key}:${i}`, ...c })) };
    const r = await writeIf(CaseModel.collection, caseId, { appliedMessages: { $ne: key }, rev: baseRev === 0 ? { $in: [0, null] } : baseRev }, (filter) =>
      CaseModel.updateOne(filter, { $set: set, $inc: { rev: 1 }, $push: push }),
    );
    if ((r?.modifiedCount ?? 0) > 0) return 'applied';
    const c = await CaseModel.findById(caseId, { appliedMessages: 1 }).lean();
    return c?.appliedMessages?.includes(key) ? 'already' : 'stale';
  }

  async commitOnce(caseId: string, key: string, set: Record<string, unknown>, inc: Record<string, number> = {}): Promise<boolean> {
    const r = await writeIf(CaseModel.collection, caseId, { appliedMessages: { $ne: key } }, (filter) =>
      CaseModel.updateOne(filter, { $set: set, $inc: { rev: 1, ...inc }, $push: { appliedMessages: key } }),
    );
    return (r?.modifiedCount ?? 0) > 0;
  }

  async recordEvents(caseId: string, events: Array<TimelineEntry & { id: string; at: Date; actor: string }>): Promise<void> {
    if (events.length) await recordEvents(events.map((e) => ({ ...e, caseId })));
  }

  async markApplied(key: string, at: Date): Promise<void> {
    await lockedWrite('messages', key, () => MessageModel.updateOne({ _id: key }, { $set: { appliedAt: at } }));
  }

  async customerAnswered(caseId: string, key: string, at: Date, expectedBy: Date | null): Promise<void> {
    const set = { awaitingCustomer: false, ...(expectedBy ? { 'sla.expectedBy': expectedBy } : {}) };
    const r = await writeIf(CaseModel.collection, caseId, { awaitingCustomer: true }, (filter) => CaseModel.updateOne(filter, { $set: set }));
    if ((r?.modifiedCount ?? 0) > 0) await recordEvent(`answered:${key}`, caseId, event('customer.answered', { message: key }), at, 'customer');
  }

  async caseIdsByNumbers(numbers: string[]): Promise<Record<string, string>> {
    const docs = numbers.length ? await CaseNumberModel.find({ _id: { $in: numbers } }).lean() : [];
    return Object.fromEntries(docs.map((d) => [d._id, d.caseId]));
  }

  async moveMessages(fromCaseId: string, to: { caseId: string; caseNumber: string }): Promise<number> {
    const moved = await MessageModel.find({ caseId: fromCaseId, direction: 'in' }, { messageId: 1 }).lean();
    if (!moved.length) return 0;
    // Threading first: a customer answering any of these mails joins the kept case.
    const ids = moved.flatMap((m) => (m.messageId ? [m.messageId] : []));
    for (const id of ids) {
      await lockedWrite('message_ids', id, async () => {
        await MessageIdModel.updateOne({ _id: id }, { $addToSet: { caseIds: to.caseId } });
        await MessageIdModel.updateOne({ _id: id }, { $pull: { caseIds: fromCaseId } });
      });
    }
    await MessageModel.updateMany({ _id: { $in: moved.map((m) => m._id) } }, { $set: { caseId: to.caseId, caseNumber: to.caseNumber, movedFrom: fromCaseId } });
    return moved.length;
  }

  async markMissed(caseId: string, missed: Date, next: Date, at: Date): Promise<void> {
    await writeIf(CaseModel.collection, caseId, { 'sla.expectedBy': missed }, (filter) =>
      CaseModel.updateOne(filter, { $set: { 'sla.expectedBy': next, 'sla.lastMissed': missed }, $inc: { 'sla.delayNotices': 1 } }),
    );
    await recordEvent(`missed:${caseId}:${missed.getTime()}`, caseId, event('sla.missed', { expectedBy: missed, next }), at);
  }
}
