// NotifyStore on MongoDB/FerretDB: the facts an acknowledgement needs, and its outcome
// (the pieces it shares with the opening mails' store, openingStore.ts).
import type { AckContext, AckOutcome, NotifyStore } from '../../pipeline/notify/ports.js';
import { CaseModel } from './models/caseModel.js';
import { lockedWrite } from './documentLocks.js';
import { ACK_ORIGIN, ackContextOf, clearOpeningMarker, readCaseWithOrigin, recordOpening } from './openingStore.js';

export class MongoNotifyStore implements NotifyStore {
  async ackContext(caseId: string): Promise<AckContext | null> {
    const read = await readCaseWithOrigin(caseId, ACK_ORIGIN);
    return read && ackContextOf(caseId, read.c, read.origin, false);
  }

  async noteSuggestion(caseId: string, faqId: string): Promise<void> {
    await lockedWrite('cases', caseId, () => CaseModel.updateOne({ _id: caseId }, { $set: { suggestedFaq: faqId } }));
  }

  setAck(caseId: string, outcome: AckOutcome): Promise<void> {
    return recordOpening(caseId, outcome, null);
  }

  clearOpeningMarker(caseId: string): Promise<void> {
    return clearOpeningMarker(caseId);
  }
}
