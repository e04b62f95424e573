// RoutingStore on MongoDB/FerretDB: the screened case with its first message, and the
// routing state, each change written once (guarded by its own field) with its event.
import type { StoredScreening } from '../../pipeline/classify/ports.js';
import type { FollowUp, RoutingContext, RoutingStore } from '../../pipeline/route/ports.js';
import { CaseModel } from './models/caseModel.js';
import { caseHead } from './caseHead.js';
import { MessageModel } from './models/messageModel.js';
import { recordEvent } from './events.js';
import { PendingRouteModel } from './models/lookupModels.js';
import { writeIf } from './documentLocks.js';

export class MongoRoutingStore implements RoutingStore {
  async context(caseId: string): Promise<RoutingContext | null> {
    const c = await CaseModel.findById(caseId).lean();
    if (!c) return null;
    const origin = await MessageModel.findById(caseId, { text: 1, attachments: 1 }).lean();
    return {
      ...caseHead(caseId, c),
      text: origin?.text ?? '',
      attachments: (origin?.attachments ?? []).map((a) => ({ filename: a.filename ?? 'attachment', size: a.size ?? 0 })),
      incidentId: c.incidentId ?? null,
      flags: c.flags ?? [],
      screening: (c.screening as StoredScreening | undefined) ?? null,
      routing: c.routing ?? {},
      expectedBy: c.sla?.expectedBy ?? null,
    };
  }

  async markRouted(caseId: string, r: { departments: string[]; sentAt: Date; confirmBy: Date; escalateAt: Date }): Promise<void> {
    await writeIf(CaseModel.collection, caseId, { 'routing.sentAt': { $exists: false } }, (filter) =>
      CaseModel.updateOne(filter, { $set: { 'routing.departments': r.departments, 'routing.sentAt': r.sentAt, 'routing.confirmBy': r.confirmBy, 'routing.escalateAt': r.escalateAt } }),
    );
    await recordEvent(`routed:${caseId}`, caseId, 'case.routed', r.sentAt, { departments: r.departments, confirmBy: r.confirmBy, escalateAt: r.escalateAt });
    await PendingRouteModel.deleteOne({ _id: caseId });
  }

  async markFollowUp(caseId: string, step: FollowUp, at: Date, detail: Record<string, unknown>): Promise<void> {
    const field = step === 'reminded' ? 'routing.remindedAt' : 'routing.escalatedAt';
    await writeIf(CaseModel.collection, caseId, { [field]: { $exists: false } }, (filter) => CaseModel.updateOne(filter, { $set: { [field]: at } }));
    await recordEvent(`${step}:${caseId}`, caseId, `routing.${step}`, at, detail);
  }

  async confirm(caseId: string, by: string, department: string, at: Date): Promise<boolean> {
    const r = await writeIf(CaseModel.collection, caseId, { 'routing.confirmedAt': { $exists: false } }, (filter) =>
      CaseModel.updateOne(filter, { $set: { 'routing.confirmedAt': at, 'routing.confirmedBy': by } }),
    );
    // Recorded on every call: a crash between the two writes must not lose the event.
    await recordEvent(`confirmed:${caseId}`, caseId, 'department.confirmed', at, { department }, by);
    return (r?.modifiedCount ?? 0) > 0;
  }
}
