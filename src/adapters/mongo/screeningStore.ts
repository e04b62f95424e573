// ScreeningStore and IncidentStore on MongoDB/FerretDB: the case's text in, its
// decisions out (first stored wins), the timeline events, and the incidents.
import type { AckState } from '../../domain/case/case.js';
import type { IncidentStore, ScreeningContext, ScreeningStore, StoredScreening } from '../../pipeline/classify/ports.js';
import type { CorrectionStore } from '../../pipeline/classify/learnCorrection.js';
import { CaseModel } from './models/caseModel.js';
import { MessageModel } from './models/messageModel.js';
import { IncidentModel } from './models/screeningModels.js';
import { recordEvent, recordEvents } from './events.js';
import { lockedWrite, writeIf } from './documentLocks.js';

export class MongoScreeningStore implements ScreeningStore, CorrectionStore {
  async context(caseId: string): Promise<ScreeningContext | null> {
    const c = await CaseModel.findById(caseId).lean();
    if (!c) return null;
    const origin = await MessageModel.findById(caseId, { text: 1 }).lean();
    return {
      caseId,
      caseNumber: c.number,
      customerEmail: c.customer.email,
      subject: c.subject ?? '',
      text: origin?.text ?? '',
      receivedAt: c.receivedAt,
      screening: (c.screening as StoredScreening | undefined) ?? null,
      ackState: (c.ack?.state ?? 'pending') as AckState,
      routed: !!c.routing?.sentAt,
    };
  }

  async save(caseId: string, s: StoredScreening): Promise<StoredScreening> {
    const written = await writeIf(CaseModel.collection, caseId, { screening: { $exists: false } }, (filter) =>
      CaseModel.updateOne(filter, {
        $set: { screening: s, category: s.category, department: s.department, priority: s.priority, due: s.due, 'sla.expectedBy': s.due.resolveBy, restricted: s.flags.includes('sensitive') },
        $addToSet: { flags: { $each: s.flags } },
      }),
    );
    if (written?.matchedCount) return s;
    // Screened before (a retry, or a concurrent job): that screening stands.
    const c = await CaseModel.findById(caseId, { screening: 1 }).lean();
    return c!.screening as StoredScreening;
  }

  async caseText(caseId: string): Promise<string | null> {
    const [c, origin] = await Promise.all([CaseModel.findById(caseId, { subject: 1 }).lean(), MessageModel.findById(caseId, { text: 1 }).lean()]);
    return c ? `${c.subject ?? ''}\n${origin?.text ?? ''}` : null;
  }

  async recordDecisions(caseId: string, s: StoredScreening): Promise<void> {
    const triage = s.flags.includes('needs_triage');
    const event = (kind: string, data: Record<string, unknown>) => ({ id: `screen:${caseId}:${kind}`, caseId, type: `screening.${kind}`, at: s.at, data });
    await recordEvents([
      event('category', { category: s.category, confidence: s.confidence, decidedBy: s.categorySource, rules: s.categoryRules, model: s.model }),
      event('priority', { priority: s.priority, reasons: s.priorityReasons, due: s.due }),
      event('sentiment', s.sentiment),
      ...(s.flags.length ? [event('flags', { flags: s.flags, reasons: s.flagReasons, sensitive: s.sensitive })] : []),
      event('department', {
        department: s.department,
        also: s.alsoDepartments,
        why: triage ? 'triage: category uncertain' : `routing table: ${s.category} -> ${s.department}`,
        ...(s.alsoDepartments.length ? { alsoWhy: 'legal threat' } : {}),
      }),
    ]);
  }
}

export class MongoIncidentStore implements IncidentStore {
  async link(incidentId: string, product: string, cases: Array<{ caseId: string; at: Date }>, linkedAt: Date): Promise<void> {
    const times = cases.map((c) => c.at.getTime());
    await lockedWrite('incidents', incidentId, () =>
      IncidentModel.updateOne(
        { _id: incidentId },
        { $setOnInsert: { product }, $addToSet: { caseIds: { $each: cases.map((c) => c.caseId) } }, $min: { firstAt: new Date(Math.min(...times)) }, $max: { lastAt: new Date(Math.max(...times)) } },
        { upsert: true },
      ),
    );
    for (const c of cases) {
      await writeIf(CaseModel.collection, c.caseId, { incidentId: { $exists: false } }, (filter) => CaseModel.updateOne(filter, { $set: { incidentId }, $addToSet: { flags: 'incident' } }));
      await recordEvent(`incident:${c.caseId}`, c.caseId, 'incident.linked', linkedAt, { incident: incidentId, product, why: 'similar text about the same product, close in time' });
    }
  }
}
