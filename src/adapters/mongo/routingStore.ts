// RoutingStore on MongoDB/FerretDB: the screened case with its first message, and the
// routing state, each change written once (guarded by its own field) with its event
// (the pieces it shares with the opening mails' store, openingStore.ts).
import type { FollowUp, RoutingContext, RoutingRecord, RoutingStore } from '../../pipeline/route/ports.js';
import { CaseModel } from './models/caseModel.js';
import { recordEvent } from './events.js';
import { event } from '../../domain/case/timelineEvents.js';
import { writeIf } from './documentLocks.js';
import { ROUTING_ORIGIN, readCaseWithOrigin, recordOpening, routingContextOf } from './openingStore.js';

export class MongoRoutingStore implements RoutingStore {
  async context(caseId: string): Promise<RoutingContext | null> {
    const read = await readCaseWithOrigin(caseId, ROUTING_ORIGIN);
    return read && routingContextOf(caseId, read.c, read.origin);
  }

  markRouted(caseId: string, r: RoutingRecord): Promise<void> {
    return recordOpening(caseId, null, r);
  }

  async markFollowUp(caseId: string, step: FollowUp, at: Date, detail: { to: string; outbox: string }): Promise<void> {
    const field = step === 'reminded' ? 'routing.remindedAt' : 'routing.escalatedAt';
    await writeIf(CaseModel.collection, caseId, { [field]: { $exists: false } }, (filter) => CaseModel.updateOne(filter, { $set: { [field]: at } }));
    await recordEvent(`${step}:${caseId}`, caseId, event(`routing.${step}`, detail), at);
  }

  async confirm(caseId: string, by: string, department: string, at: Date): Promise<boolean> {
    const r = await writeIf(CaseModel.collection, caseId, { 'routing.confirmedAt': { $exists: false } }, (filter) =>
      CaseModel.updateOne(filter, { $set: { 'routing.confirmedAt': at, 'routing.confirmedBy': by } }),
    );
    // Recorded on every call: a crash between the two writes must not lose the event.
    await recordEvent(`confirmed:${caseId}`, caseId, event('department.confirmed', { department }), at, by);
    return (r?.modifiedCount ?? 0) > 0;
  }
}
