// The report projector's reads and writes: queued timeline events, the heads of their
// cases (and for phrases the subject and first message), the cases' metrics.
import { REPORTED_EVENTS, type CaseMetrics } from '../../domain/report/rollupFacts.js';
import type { PendingEvent, ReportSource } from '../../pipeline/report/ports.js';
import { EventModel } from './models/eventModel.js';
import { ReportQueueModel } from './models/reportQueueModel.js';
import { isDuplicateKey } from './events.js';
import { CaseModel } from './models/caseModel.js';
import { MessageModel } from './models/messageModel.js';

export class MongoReportSource implements ReportSource {
  async pendingEvents(limit: number): Promise<PendingEvent[]> {
    const docs = await ReportQueueModel.collection.find({}).sort({ at: 1 }).limit(limit).toArray();
    return docs.map((d) => ({ id: String(d._id), caseId: String(d.caseId), type: String(d.type), at: d.at as Date, data: (d.data ?? {}) as Record<string, unknown> }));
  }

  async caseHeads(caseIds: string[], withText: Set<string>) {
    const [cases, origins] = await Promise.all([
      CaseModel.find({ _id: { $in: caseIds } }, { receivedAt: 1, channel: 1, category: 1, priority: 1, department: 1, due: 1, metrics: 1, subject: 1 }).lean(),
      withText.size ? MessageModel.find({ _id: { $in: [...withText] } }, { text: 1 }).lean() : Promise.resolve([]),
    ]);
    const text = new Map(origins.map((m) => [String(m._id), m.text ?? '']));
    return new Map(
      cases.map((c) => [
        c._id,
        {
          caseId: c._id,
          receivedAt: c.receivedAt,
          channel: c.channel,
          category: c.category ?? null,
          priority: c.priority,
          department: c.department ?? null,
          due: c.due ?? {},
          metrics: (c.metrics ?? {}) as CaseMetrics,
          ...(withText.has(c._id) ? { subject: c.subject ?? '', text: text.get(c._id) ?? '' } : {}),
        },
      ]),
    );
  }

  async saveMetrics(updates: Array<{ caseId: string; metrics: CaseMetrics }>): Promise<void> {
    if (!updates.length) return;
    await CaseModel.bulkWrite(updates.map((u) => ({ updateOne: { filter: { _id: u.caseId }, update: { $set: { metrics: u.metrics } } } })), { ordered: false, timestamps: false });
  }

  async eventsDone(ids: string[]): Promise<void> {
    await ReportQueueModel.collection.deleteMany({ _id: { $in: ids as never[] } });
  }

  /** For a rebuild: no case counted, every reported event of every timeline queued again. */
  async resetAll(): Promise<void> {
    await CaseModel.collection.updateMany({}, { $unset: { metrics: '' } });
    const cursor = EventModel.collection.find({ type: { $in: [...REPORTED_EVENTS] } }, { projection: { actor: 0 } });
    let batch: Array<Record<string, unknown>> = [];
    const flush = async () => {
      if (batch.length) await ReportQueueModel.collection.insertMany(batch as never[], { ordered: false }).catch((err: unknown) => {
        if (!isDuplicateKey(err)) throw err;
      });
      batch = [];
    };
    for await (const e of cursor) {
      batch.push(e);
      if (batch.length >= 1000) await flush();
    }
    await flush();
  }
}
