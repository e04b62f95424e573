// The report projector's reads and writes: queued timeline events, the heads of their
// cases (and for phrases the subject and first message), the cases' metrics.
import { isReported, REPORTED_EVENTS, type CaseHead, type CaseMetrics } from '../../domain/report/rollupFacts.js';
import type { PendingEvent, ReportSource } from '../../pipeline/report/ports.js';
import { EventModel } from './models/eventModel.js';
import { ReportQueueModel } from './models/reportQueueModel.js';
import { isDuplicateKey } from './events.js';
import { lockedWrites } from './documentLocks.js';
import { BULK_STATEMENTS, oneBulkAtATime } from './bulkGate.js';
import { CaseModel } from './models/caseModel.js';
import { MessageModel } from './models/messageModel.js';
import { findByIds } from './findByIds.js';


/** The fields of a case the projector reads. */
interface CaseHeadSource {
  _id: string;
  receivedAt: Date;
  channel: string;
  category?: string | null;
  priority: string;
  department?: string | null;
  due?: CaseHead['due'] | null;
  metrics?: CaseMetrics | null;
  subject?: string | null;
  product?: { name?: string; module?: string | null } | null;
  assignee?: string | null;
  resolution?: { by?: string } | null;
  anonymisedAt?: Date | null;
}

export class MongoReportSource implements ReportSource {
  async pendingEvents(limit: number): Promise<PendingEvent[]> {
    const docs = await ReportQueueModel.collection.find({}).sort({ at: 1 }).limit(limit).toArray();
    return docs.map((d) => ({ id: String(d._id), caseId: String(d.caseId), type: String(d.type), at: d.at as Date, data: (d.data ?? {}) as Record<string, unknown>, ...(Array.isArray(d.phrases) ? { phrases: d.phrases.map(String) } : {}) }));
  }

  async caseHeads(caseIds: string[], withText: Set<string>) {
    // By _id, one lookup each: an `_id: { $in }` filter scans the whole collection on FerretDB.
    const [cases, origins] = await Promise.all([
      findByIds<CaseHeadSource>(CaseModel as never, caseIds, { receivedAt: 1, channel: 1, category: 1, priority: 1, department: 1, due: 1, metrics: 1, subject: 1, product: 1, assignee: 1, 'resolution.by': 1, anonymisedAt: 1 }),
      findByIds<{ _id: string; text?: string }>(MessageModel as never, [...withText], { text: 1 }),
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
          metrics: c.metrics ?? {},
          product: c.product?.name ? { name: c.product.name, module: c.product.module ?? null } : null,
          handler: c.resolution?.by ?? c.assignee ?? null,
          erased: !!c.anonymisedAt,
          ...(withText.has(c._id) ? { subject: c.subject ?? '', text: text.get(c._id) ?? '' } : {}),
        },
      ]),
    );
  }

  async saveMetrics(updates: Array<{ caseId: string; metrics: CaseMetrics }>): Promise<void> {
    // Under the cases' write locks: on FerretDB an update is a read and a replace, so an
    // unlocked write here can lose the routing or acknowledgement another job writes to
    // the same case meanwhile. Each chunk is
    // one bulk write (see bulkGate) under all its cases' locks (one round trip instead of one a case).
    for (let i = 0; i < updates.length; i += BULK_STATEMENTS) {
      const chunk = updates.slice(i, i + BULK_STATEMENTS);
      await lockedWrites(
        chunk.map((u) => ['cases', u.caseId] as const),
        () => oneBulkAtATime(() => CaseModel.bulkWrite(chunk.map((u) => ({ updateOne: { filter: { _id: u.caseId }, update: { $set: { metrics: u.metrics } }, timestamps: false } })), { ordered: false })),
      );
    }
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
      if (!isReported({ type: String(e.type), data: e.data as Record<string, unknown> | undefined })) continue;
      batch.push(e);
      if (batch.length >= 1000) await flush();
    }
    await flush();
  }
}
