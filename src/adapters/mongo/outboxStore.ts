// The outbox on MongoDB/FerretDB. The claim is one atomic findOneAndUpdate, so two
// workers can never both hold the same entry.
import type { OutboxEntry, OutboxState, OutboxStore } from '../../pipeline/notify/ports.js';
import { OutboxModel } from './models/outboxModel.js';
import { AutoReplyCountModel, MessageIdModel } from './models/lookupModels.js';
import { isDuplicateKey, recordEvent } from './events.js';
import { lockedWrite, writeIf } from './documentLocks.js';

export class MongoOutboxStore implements OutboxStore {
  async insertIfAbsent(e: OutboxEntry): Promise<void> {
    const messageId = e.messageId.replace(/^<|>$/g, '').toLowerCase();
    // Replies to this mail find their case through its Message-ID.
    if (e.caseId) await lockedWrite('message_ids', messageId, () => MessageIdModel.updateOne({ _id: messageId }, { $addToSet: { caseIds: e.caseId } }, { upsert: true }));
    try {
      await OutboxModel.create({
        _id: e.id,
        caseId: e.caseId,
        kind: e.kind,
        auto: e.auto,
        from: e.from,
        to: e.to.toLowerCase(),
        subject: e.subject,
        text: e.text,
        html: e.html,
        messageId,
        inReplyTo: e.inReplyTo,
        references: e.references,
        headers: Object.entries({ ...e.headers, ...(e.replyTo ? { 'Reply-To': e.replyTo } : {}) }).map(([name, value]) => ({ name, value })),
        state: 'pending',
      });
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
    }
  }

  async state(id: string): Promise<OutboxState | null> {
    const doc = await OutboxModel.findById(id, { state: 1 }).lean();
    return (doc?.state as OutboxState | undefined) ?? null;
  }

  async claim(id: string, now: Date, leaseMs: number): Promise<OutboxEntry | null> {
    const doc = await writeIf(OutboxModel.collection, id, { $or: [{ state: 'pending' }, { state: 'sending', leaseUntil: { $lt: now } }] }, (filter) =>
      OutboxModel.findOneAndUpdate(filter, { $set: { state: 'sending', leaseUntil: new Date(now.getTime() + leaseMs) }, $inc: { attempts: 1 } }, { returnDocument: 'after' }).lean(),
    );
    if (!doc) return null;
    const headers = Object.fromEntries((doc.headers ?? []).map((h) => [h.name ?? '', h.value ?? '']));
    const { 'Reply-To': replyTo, ...rest } = headers;
    return {
      id,
      caseId: String(doc.caseId),
      kind: doc.kind,
      auto: doc.auto ?? false,
      from: doc.from,
      to: doc.to,
      ...(replyTo ? { replyTo } : {}),
      subject: doc.subject,
      text: doc.text,
      html: doc.html ?? '',
      messageId: `<${doc.messageId}>`,
      ...(doc.inReplyTo ? { inReplyTo: doc.inReplyTo } : {}),
      references: doc.references ?? [],
      headers: rest,
    };
  }

  async markSent(entry: Pick<OutboxEntry, 'id' | 'caseId' | 'kind'>, response: string, at: Date): Promise<void> {
    const id = entry.id;
    // The event first: a crash between the two leaves the entry unsent and its retry
    // finds the event already there.
    if (entry.caseId) await recordEvent(`sent:${id}`, entry.caseId, 'mail.sent', at, { kind: entry.kind, outbox: id });
    await lockedWrite('outbox', id, () => OutboxModel.updateOne({ _id: id }, { $set: { state: 'sent', sentAt: at, smtpResponse: response.slice(0, 500) }, $unset: { leaseUntil: 1 } }));
  }

  async release(id: string, error: string): Promise<void> {
    await writeIf(OutboxModel.collection, id, { state: 'sending' }, (filter) => OutboxModel.updateOne(filter, { $set: { state: 'pending', lastError: error.slice(0, 1000) }, $unset: { leaseUntil: 1 } }));
  }

  async markFailed(id: string, error: string): Promise<void> {
    await lockedWrite('outbox', id, () => OutboxModel.updateOne({ _id: id }, { $set: { state: 'failed', lastError: error.slice(0, 1000) }, $unset: { leaseUntil: 1 } }));
  }

  async countAutoReply(to: string, day: string): Promise<number> {
    const key = `${to.toLowerCase()}|${day}`;
    const doc = await lockedWrite('auto_reply_counts', key, () => AutoReplyCountModel.findOneAndUpdate({ _id: key }, { $inc: { n: 1 } }, { upsert: true, returnDocument: 'after' }).lean());
    return doc!.n;
  }
}
