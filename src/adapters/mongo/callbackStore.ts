// callbacks: the monthly call-back samples (003: 回訪), one document per sampled case
// (_id month|caseId) with the outcome customer service records, and one per month
// (_id month) saying it was drawn, how many cases were closed and at what rate.
import mongoose from 'mongoose';
import { keyedSchema } from './models/keyedSchema.js';
import type { CallbackOutcome } from '../../domain/case/callbackSample.js';
import { instant } from '../../domain/sla/businessHours.js';
import type { Period } from '../../domain/report/period.js';
import type { CallbackStore } from '../../pipeline/callback/drawCallbacks.js';
import { CaseModel } from './models/caseModel.js';
import { insertOnce } from './insertOnce.js';
import { recordEvents } from './events.js';
import { event } from '../../domain/case/timelineEvents.js';
import type { CallbackRow, CallbackMonth } from '../http/console/ports.js';

export type { CallbackRow, CallbackMonth };

const CallbackModel = mongoose.model('Callback', keyedSchema({ collection: 'callbacks' }, {
  month: String,
  caseId: String,
  drawnAt: Date,
  population: Number,
  rate: Number,
  sampled: Number,
  outcome: String,
  note: String,
  by: String,
  at: Date,
}));

export class MongoCallbackStore implements CallbackStore {
  async drawn(month: string): Promise<boolean> {
    return !!(await CallbackModel.findById(month, { _id: 1 }).lean());
  }

  async closedIn(period: Period, timeZone: string): Promise<string[]> {
    const from = instant(period.from, 0, timeZone);
    const to = instant(period.to, 24 * 60, timeZone);
    return (await CaseModel.find({ closedAt: { $gte: from, $lt: to } }, { _id: 1 }).lean()).map((c) => c._id);
  }

  async save(month: string, caseIds: string[], population: number, rate: number, at: Date): Promise<void> {
    await insertOnce(CallbackModel.collection, caseIds.map((caseId) => ({ _id: `${month}|${caseId}`, month, caseId, drawnAt: at })));
    await recordEvents(caseIds.map((caseId) => ({ id: `callback:${month}:${caseId}`, caseId, at, ...event('callback.sampled', { month }) })));
    // The month's mark last: a crash before it draws again, and the cases drawn stay listed.
    await insertOnce(CallbackModel.collection, [{ _id: month, month, drawnAt: at, population, rate, sampled: caseIds.length }]);
  }

  /** The month's sample with its cases, for customer service; null when not drawn. */
  async month(month: string): Promise<CallbackMonth | null> {
    const [mark, rows] = await Promise.all([CallbackModel.findById(month).lean(), CallbackModel.find({ month, caseId: { $exists: true } }).lean()]);
    if (!mark) return null;
    const cases = await CaseModel.find({ _id: { $in: rows.map((r) => r.caseId!) } }, { number: 1, customer: 1, subject: 1, closedAt: 1 }).lean();
    const byId = new Map(cases.map((c) => [c._id, c]));
    return {
      month,
      population: mark.population ?? 0,
      rate: mark.rate ?? 0,
      rows: rows
        .map((r) => {
          const c = byId.get(r.caseId!);
          return {
            id: String(r._id),
            caseNumber: c?.number ?? '',
            customerName: c?.customer?.name ?? '',
            customerEmail: c?.customer?.email ?? '',
            subject: c?.subject ?? '',
            closedAt: c?.closedAt ?? null,
            outcome: (r.outcome as CallbackOutcome | undefined) ?? null,
            note: r.note ?? '',
            by: r.by ?? null,
          };
        })
        .sort((a, b) => a.caseNumber.localeCompare(b.caseNumber)),
    };
  }

  /** Records a call's outcome (the last word counts) and puts it on the case's timeline. */
  async record(id: string, outcome: CallbackOutcome, note: string, by: string, at: Date): Promise<boolean> {
    const row = await CallbackModel.findOneAndUpdate({ _id: id, caseId: { $exists: true } }, { $set: { outcome, note, by, at } }).lean();
    if (!row) return false;
    await recordEvents([{ id: `callback:${id}:${at.getTime()}`, caseId: row.caseId!, at, actor: by, ...event('callback.recorded', { outcome, note }) }]);
    return true;
  }
}
