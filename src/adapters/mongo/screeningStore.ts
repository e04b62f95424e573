// ScreeningStore and IncidentStore on MongoDB/FerretDB: the case's text in, its
// decisions out (first stored wins), and the incidents.
import type { IncidentStore, ScreeningContext, ScreeningStore, StoredScreening } from '../../pipeline/classify/ports.js';
import type { CorrectionStore } from '../../pipeline/classify/learnCorrection.js';
import type { CaseSnapshot } from '../../pipeline/case/caseSnapshot.js';
import { CaseModel } from './models/caseModel.js';
import { MessageModel } from './models/messageModel.js';
import { IncidentMemberModel, IncidentModel } from './models/screeningModels.js';
import { recordEvents } from './events.js';
import { incidentLinkedEvent } from '../../pipeline/classify/decisionEvents.js';
import { lockedWrite, writeIf, writeVersion } from './documentLocks.js';
import { insertOnce } from './insertOnce.js';
import { knownCase, OPENING_ORIGIN, readCaseWithOrigin, snapshotOf, withCase } from './openingStore.js';

export class MongoScreeningStore implements ScreeningStore, CorrectionStore {
  async context(caseId: string): Promise<ScreeningContext | null> {
    // With the first message's fields the opening mails need: save hands them on, and the
    // case's lock version taken first, so that save's guard is tested on this copy while
    // no other write came in between.
    const version = await writeVersion('cases', caseId);
    const read = await readCaseWithOrigin(caseId, OPENING_ORIGIN);
    if (!read) return null;
    const { c, origin } = read;
    return {
      caseId,
      caseNumber: c.number,
      customerEmail: c.customer.email,
      subject: c.subject ?? '',
      text: origin?.text ?? '',
      receivedAt: c.receivedAt,
      screening: (c.screening as StoredScreening | undefined) ?? null,
      incidentId: c.incidentId ?? null,
      snapshot: snapshotOf(c, origin, version),
    };
  }

  async save(caseId: string, s: StoredScreening, incidentId: string | null, read: CaseSnapshot): Promise<{ screening: StoredScreening; written: boolean; snapshot: CaseSnapshot | null }> {
    // The incident only where the case has none: a screening that lost the race to a
    // concurrent one must not move the case to another incident either. The case comes
    // back as written (with what other jobs wrote to it before), for the opening mails.
    const written = await writeIf(
      CaseModel.collection,
      caseId,
      { screening: { $exists: false }, ...(incidentId ? { incidentId: { $exists: false } } : {}) },
      async (filter, version) => {
        const c = await CaseModel.findOneAndUpdate(filter, {
          $set: {
            screening: s,
            category: s.category,
            department: s.department,
            priority: s.priority,
            due: s.due,
            'sla.expectedBy': s.due.resolveBy,
            restricted: s.flags.includes('sensitive'),
            ...(incidentId ? { incidentId } : {}),
          },
          $addToSet: { flags: { $each: incidentId ? [...s.flags, 'incident'] : s.flags } },
        }, { returnDocument: 'after' }).lean();
        return c && { c, version };
      },
      { known: knownCase(read) },
    );
    if (written) return { screening: s, written: true, snapshot: withCase(read, written.c, written.version) };
    // Screened before (a retry, or a concurrent job): that screening stands.
    const c = await CaseModel.findById(caseId, { screening: 1 }).lean();
    if (c?.screening) return { screening: c.screening as StoredScreening, written: false, snapshot: null };
    // Not screened, but in an incident already (linked as a peer of another case): the
    // screening alone, the link stays as it is.
    if (c && incidentId) return this.save(caseId, s, null, read);
    throw new Error(`case ${caseId} was erased while it was screened`);
  }

  async caseText(caseId: string): Promise<string | null> {
    const [c, origin] = await Promise.all([CaseModel.findById(caseId, { subject: 1 }).lean(), MessageModel.findById(caseId, { text: 1 }).lean()]);
    return c ? `${c.subject ?? ''}\n${origin?.text ?? ''}` : null;
  }
}

export class MongoIncidentStore implements IncidentStore {
  async link(incidentId: string, product: string, cases: Array<{ caseId: string; at: Date; onCase: boolean; onTimeline: boolean }>, linkedAt: Date, opens: boolean): Promise<void> {
    // Its members are the cases that name it (incidentId), not a list in it: a list
    // grew with every complaint of a surge and was rewritten whole for each.
    if (opens) await insertOnce(IncidentModel.collection, [{ _id: incidentId, product, firstAt: new Date(Math.min(...cases.map((c) => c.at.getTime()))) }]);
    await lockedWrite('incident_members', incidentId, () => IncidentMemberModel.updateOne({ _id: incidentId }, { $addToSet: { caseIds: { $each: cases.map((c) => c.caseId) } } }, { upsert: true }));
    // A case joining a resolved incident opens it again. Read without the lock first: the
    // incident is nearly always open, and a read is a read at one moment either way; the
    // lock (and its guard read) only for the write.
    if (!opens && (await IncidentModel.collection.findOne({ _id: incidentId as never }, { projection: { resolvedAt: 1 } }))?.resolvedAt) {
      await writeIf(IncidentModel.collection, incidentId, { resolvedAt: { $exists: true } }, (filter) => IncidentModel.updateOne(filter, { $unset: { resolvedAt: 1, resolvedBy: 1 } }));
    }
    for (const c of cases) {
      if (!c.onCase) await writeIf(CaseModel.collection, c.caseId, { incidentId: { $exists: false } }, (filter) => CaseModel.updateOne(filter, { $set: { incidentId }, $addToSet: { flags: 'incident' } }));
      if (!c.onTimeline) await recordEvents([incidentLinkedEvent(c.caseId, incidentId, product, linkedAt)]);
    }
  }
}

/** Those of the cases with no screening stored. */
export async function unscreenedCases(caseIds: string[]): Promise<Set<string>> {
  const docs = await CaseModel.find({ _id: { $in: caseIds }, screening: { $exists: false } }, { _id: 1 }).lean();
  return new Set(docs.map((d) => d._id));
}
