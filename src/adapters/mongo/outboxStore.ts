// The outbox on MongoDB/FerretDB. The claim is one atomic findOneAndUpdate, so two
// workers can never both hold the same entry.
import mongoose from 'mongoose';
import type { OutboxEntry, OutboxState, OutboxStore } from '../../pipeline/notify/ports.js';
import { OutboxModel } from './models/outboxModel.js';
import { isDuplicateKey } from './events.js';

export class MongoOutboxStore implements OutboxStore {
  async insertIfAbsent(e: OutboxEntry): Promise<void> {
    try {
      await OutboxModel.create({
        _id: e.id,
        caseId: new mongoose.Types.ObjectId(e.caseId),
        kind: e.kind,
        auto: e.auto,
        from: e.from,
        to: e.to.toLowerCase(),
        subject: e.subject,
        text: e.text,
        html: e.html,
        messageId: e.messageId.replace(/^<|>$/g, '').toLowerCase(),
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
    const doc = await OutboxModel.findOneAndUpdate(
      { _id: id, $or: [{ state: 'pending' }, { state: 'sending', leaseUntil: { $lt: now } }] },
      { $set: { state: 'sending', leaseUntil: new Date(now.getTime() + leaseMs) }, $inc: { attempts: 1 } },
      { returnDocument: 'after' },
    ).lean();
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

  async markSent(id: string, response: string, at: Date): Promise<void> {
    await OutboxModel.updateOne({ _id: id }, { $set: { state: 'sent', sentAt: at, smtpResponse: response.slice(0, 500) }, $unset: { leaseUntil: 1 } });
  }

  async release(id: string, error: string): Promise<void> {
    await OutboxModel.updateOne({ _id: id, state: 'sending' }, { $set: { state: 'pending', lastError: error.slice(0, 1000) }, $unset: { leaseUntil: 1 } });
  }

  async markFailed(id: string, error: string): Promise<void> {
    await OutboxModel.updateOne({ _id: id }, { $set: { state: 'failed', lastError: error.slice(0, 1000) }, $unset: { leaseUntil: 1 } });
  }

  async autoRepliesSince(to: string, since: Date): Promise<number> {
    return OutboxModel.countDocuments({ to: to.toLowerCase(), auto: true, createdAt: { $gte: since } });
  }
}
