// IntakeStore on MongoDB/FerretDB. Case numbers come from an atomic counter per
// prefix and year ($inc with upsert), so concurrent pollers never share one.
import mongoose from 'mongoose';
import { counterId, formatCaseNumber } from '../../domain/case/caseNumber.js';
import type { AckState } from '../../domain/case/case.js';
import { normalizeMessageId } from '../../domain/intake/dedupe.js';
import type { CaseRef, IntakeStore, NewCase, NewMessage } from '../../pipeline/intake/ports.js';
import { CaseModel } from './models/caseModel.js';
import { MessageModel } from './models/messageModel.js';
import { OutboxModel } from './models/outboxModel.js';
import { isDuplicateKey, recordEvent } from './events.js';

const MAX_BODY = 1_000_000; // characters; keeps a message far below MongoDB's 16 MB document limit
const MAX_HEADERS = 200;

const REF_FIELDS = { number: 1, originKey: 1, 'customer.email': 1, 'ack.state': 1 } as const;

interface RefSource {
  _id: mongoose.Types.ObjectId;
  number: string;
  originKey: string;
  customer: { email: string };
  ack?: { state?: string | null } | null;
}

function toRef(c: RefSource): CaseRef {
  return {
    caseId: String(c._id),
    caseNumber: c.number,
    customerEmail: c.customer.email,
    originKey: c.originKey,
    ackState: (c.ack?.state ?? 'pending') as AckState,
  };
}

export class MongoIntakeStore implements IntakeStore {
  async caseOfMessage(dedupeKey: string): Promise<CaseRef | null> {
    const msg = await MessageModel.findOne({ dedupeKey }, { caseId: 1 }).lean();
    if (!msg) return null;
    const c = await CaseModel.findById(msg.caseId, REF_FIELDS).lean<RefSource>();
    return c ? toRef(c) : null;
  }

  async casesByMessageIds(messageIds: string[]): Promise<CaseRef[]> {
    const ids = messageIds.map(normalizeMessageId);
    const [inbound, outbound] = await Promise.all([
      MessageModel.find({ messageId: { $in: ids } }, { caseId: 1 }).lean(),
      OutboxModel.find({ messageId: { $in: ids } }, { caseId: 1 }).lean(),
    ]);
    const caseIds = [...new Set([...inbound, ...outbound].map((m) => String(m.caseId)).filter((id) => id !== 'undefined'))];
    if (caseIds.length === 0) return [];
    const cases = await CaseModel.find({ _id: { $in: caseIds } }, REF_FIELDS).lean<RefSource[]>();
    return cases.map(toRef);
  }

  async casesByNumbers(numbers: string[]): Promise<CaseRef[]> {
    const cases = await CaseModel.find({ number: { $in: numbers } }, REF_FIELDS).lean<RefSource[]>();
    return cases.map(toRef);
  }

  async openCase(input: NewCase): Promise<{ ref: CaseRef; created: boolean }> {
    const existing = await CaseModel.findOne({ originKey: input.originKey }, REF_FIELDS).lean<RefSource>();
    if (existing) return { ref: toRef(existing), created: false };
    const number = await this.nextCaseNumber(input.prefix, input.receivedAt.getUTCFullYear());
    try {
      const doc = await CaseModel.create({
        number,
        originKey: input.originKey,
        channel: input.channel,
        mailboxKey: input.mailboxKey,
        customer: input.customer,
        subject: input.subject,
        locale: input.locale,
        priority: input.priority,
        receivedAt: input.receivedAt,
        lastMessageAt: input.receivedAt,
        status: 'new',
        ack: { state: 'pending' },
      });
      await recordEvent(`opened:${number}`, doc._id, 'case.opened', input.receivedAt, { channel: input.channel });
      return { ref: toRef(doc), created: true };
    } catch (err) {
      // Another poller opened the case for the same message first: use theirs.
      if (!isDuplicateKey(err)) throw err;
      const theirs = await CaseModel.findOne({ originKey: input.originKey }, REF_FIELDS).lean<RefSource>();
      if (!theirs) throw err;
      return { ref: toRef(theirs), created: false };
    }
  }

  async addMessage(m: NewMessage): Promise<boolean> {
    const { mail } = m;
    const caseId = new mongoose.Types.ObjectId(m.caseRef.caseId);
    const truncated = mail.text.length > MAX_BODY || (mail.html?.length ?? 0) > MAX_BODY;
    try {
      await MessageModel.create({
        dedupeKey: m.dedupeKey,
        caseId,
        caseNumber: m.caseRef.caseNumber,
        direction: 'in',
        channel: m.channel,
        mailboxKey: m.mailboxKey,
        uid: m.uid,
        messageId: mail.messageId ? normalizeMessageId(mail.messageId) : undefined,
        inReplyTo: mail.inReplyTo.map(normalizeMessageId),
        references: mail.references.map(normalizeMessageId).slice(-50),
        from: mail.from,
        to: mail.to.slice(0, 100),
        cc: mail.cc.slice(0, 100),
        subject: mail.subject.slice(0, 1000),
        sentAt: mail.date,
        receivedAt: m.receivedAt,
        text: mail.text.slice(0, MAX_BODY),
        html: mail.html?.slice(0, MAX_BODY),
        truncated,
        headers: Object.entries(mail.headers).slice(0, MAX_HEADERS).map(([name, value]) => ({ name, value })),
        rawSize: mail.rawSize,
        automated: m.automated ?? undefined,
        attachments: m.attachments.map((a) => ({ ...a, fileId: new mongoose.Types.ObjectId(a.fileId) })),
      });
    } catch (err) {
      if (isDuplicateKey(err)) return false;
      throw err;
    }
    await Promise.all([
      CaseModel.updateOne({ _id: caseId }, { $inc: { messageCount: 1 }, $max: { lastMessageAt: m.receivedAt } }),
      recordEvent(`message:${m.dedupeKey}`, caseId, 'message.received', m.receivedAt, {
        from: mail.from?.address,
        subject: mail.subject.slice(0, 200),
        automated: m.automated?.kind,
        attachments: m.attachments.length,
      }),
    ]);
    return true;
  }

  private async nextCaseNumber(prefix: string, year: number): Promise<string> {
    const counters = mongoose.connection.db!.collection<{ _id: string; seq: number }>('counters');
    for (let attempt = 0; ; attempt++) {
      try {
        const doc = await counters.findOneAndUpdate({ _id: counterId(prefix, year) }, { $inc: { seq: 1 } }, { upsert: true, returnDocument: 'after' });
        return formatCaseNumber(prefix, year, doc!.seq);
      } catch (err) {
        // Two first-of-the-year upserts race; the loser retries and increments.
        if (!isDuplicateKey(err) || attempt >= 3) throw err;
      }
    }
  }
}

