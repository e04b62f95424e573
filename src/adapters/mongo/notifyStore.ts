// NotifyStore on MongoDB/FerretDB: the facts an acknowledgement needs, and its outcome.
import type { AckState } from '../../domain/case/case.js';
import type { AutomatedKind } from '../../domain/intake/automated.js';
import type { Priority } from '../../domain/sla/priorityPolicy.js';
import type { AckContext, NotifyStore } from '../../pipeline/notify/ports.js';
import { CaseModel } from './models/caseModel.js';
import { caseHead } from './caseHead.js';
import { MessageModel } from './models/messageModel.js';
import { PendingAckModel } from './models/lookupModels.js';
import { recordEvent } from './events.js';
import { lockedWrite, writeEachIf } from './documentLocks.js';

export class MongoNotifyStore implements NotifyStore {
  async ackContext(caseId: string): Promise<AckContext | null> {
    const c = await CaseModel.findById(caseId).lean();
    if (!c) return null;
    const origin = await MessageModel.findById(c._id, { messageId: 1, references: 1, automated: 1, text: 1 }).lean();
    return {
      ...caseHead(caseId, c),
      ackState: (c.ack?.state ?? 'pending') as AckState,
      priority: c.priority as Priority,
      department: c.department ?? null,
      category: c.category ?? null,
      text: origin?.text ?? '',
      firstResponseBy: c.due?.firstResponseBy ?? null,
      origin: {
        messageId: origin?.messageId ?? null,
        references: origin?.references ?? [],
        automated: origin?.automated?.kind ? { kind: origin.automated.kind as AutomatedKind, reason: origin.automated.reason ?? '' } : null,
      },
    };
  }

  async noteSuggestion(caseId: string, faqId: string): Promise<void> {
    await lockedWrite('cases', caseId, () => CaseModel.updateOne({ _id: caseId }, { $set: { suggestedFaq: faqId } }));
  }

  async setAck(caseId: string, state: Exclude<AckState, 'pending'>, d: { reason?: string; at: Date; outboxId?: string }): Promise<void> {
    const id = caseId;
    const set: Record<string, unknown> = { 'ack.state': state };
    if (d.reason) set['ack.reason'] = d.reason;
    if (state === 'sent') set['ack.sentAt'] = d.at;
    // The status moves new -> acknowledged only from "new": later stages are never undone.
    await writeEachIf(
      CaseModel.collection,
      id,
      [{ guard: { 'ack.state': 'pending' }, update: { $set: set } }, ...(state === 'sent' ? [{ guard: { status: 'new' }, update: { $set: { status: 'acknowledged' } } }] : [])],
      (filter, update) => CaseModel.updateOne(filter, update),
    );
    await recordEvent(`ack:${caseId}`, id, `ack.${state}`, d.at, { reason: d.reason, outbox: d.outboxId });
    await this.clearPendingAck(caseId);
  }

  async clearPendingAck(caseId: string): Promise<void> {
    await PendingAckModel.deleteOne({ _id: caseId });
  }
}
