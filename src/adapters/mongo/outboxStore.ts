// The outbox on MongoDB/FerretDB. The claim is one atomic findOneAndUpdate (on FerretDB
// under the entry's lock), and an entry stored claimed is stored once (its _id), so two
// workers can never both hold the same entry.
import type { MailKind } from '../../domain/mail/mailKinds.js';
import type { ClaimedEntry, OutboxEntry, OutboxState, OutboxStore } from '../../pipeline/notify/ports.js';
import { OutboxModel } from './models/outboxModel.js';
import { MessageIdModel } from './models/lookupModels.js';
import { recordEvent } from './events.js';
import { event } from '../../domain/case/timelineEvents.js';
import { lockedWrite, writeIf } from './documentLocks.js';
import { insertOnce } from './insertOnce.js';
import { createOnce } from './createOnce.js';
import { lockedUpdate } from './lockedUpdates.js';

/** Where the entries waiting for a retry are counted (see redis/outboxBacklog). */
export interface BacklogSet {
  add(id: string): Promise<void>;
  remove(id: string): Promise<void>;
}

export class MongoOutboxStore implements OutboxStore {
  constructor(private readonly backlog?: BacklogSet) {}

  async insertIfAbsent(e: OutboxEntry): Promise<void> {
    await this.insert(e, { state: 'pending' });
  }

  async insertClaimed(e: OutboxEntry, now: Date, leaseMs: number): Promise<ClaimedEntry | null> {
    const doc = await this.insert(e, { state: 'sending', leaseUntil: new Date(now.getTime() + leaseMs), attempts: 1 });
    return doc ? storedEntry(doc) : null;
  }

  /** The stored document, or null if an entry with this id was there already. */
  private async insert(e: OutboxEntry, state: { state: OutboxState; leaseUntil?: Date; attempts?: number }): Promise<OutboxDoc | null> {
    const messageId = e.messageId.replace(/^<|>$/g, '').toLowerCase();
    // Replies to this mail find their case through its Message-ID, which we made: no
    // other case has it, so an insert (shared with other jobs') does what an upsert would.
    if (e.caseId) await insertOnce(MessageIdModel.collection, [{ _id: messageId, caseIds: [e.caseId] }]);
    // Checked and cast by the schema as create() would, then inserted with other jobs'
    // entries: a case's acknowledgement and routing mail, stored at the same moment, go
    // in one command.
    return createOnce<OutboxDoc>(OutboxModel, {
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
      ...(e.attachments?.length ? { attachments: e.attachments } : {}),
      ...state,
    });
  }

  async state(id: string): Promise<OutboxState | null> {
    const doc = await OutboxModel.findById(id, { state: 1 }).lean();
    return (doc?.state as OutboxState | undefined) ?? null;
  }

  async claim(id: string, now: Date, leaseMs: number): Promise<ClaimedEntry | null> {
    const doc = await writeIf(OutboxModel.collection, id, { $or: [{ state: 'pending' }, { state: 'sending', leaseUntil: { $lt: now } }] }, (filter) =>
      OutboxModel.findOneAndUpdate(filter, { $set: { state: 'sending', leaseUntil: new Date(now.getTime() + leaseMs) }, $inc: { attempts: 1 } }, { returnDocument: 'after' }).lean(),
    );
    return doc ? storedEntry(doc) : null;
  }

  async markSent(entry: Pick<OutboxEntry, 'id' | 'caseId' | 'kind'> & { attempt?: number }, response: string, at: Date): Promise<void> {
    const id = entry.id;
    // The event first: a crash between the two leaves the entry unsent and its retry
    // finds the event already there.
    if (entry.caseId) await recordEvent(`sent:${id}`, entry.caseId, event('mail.sent', { kind: entry.kind, outbox: id }), at);
    // Under the entry's lock, in one command with other jobs' (a case's two opening mails are marked together).
    await lockedUpdate(OutboxModel as never, id, { $set: { state: 'sent', sentAt: at, smtpResponse: response.slice(0, 500) }, $unset: { leaseUntil: 1 } });
    // Only a released entry joins the backlog, and its next claim is attempt 2 or later:
    // one sent at its first claim was never in it.
    if (entry.attempt !== 1) await this.count('remove', id);
  }

  async release(id: string, error: string): Promise<void> {
    await writeIf(OutboxModel.collection, id, { state: 'sending' }, (filter) => OutboxModel.updateOne(filter, { $set: { state: 'pending', lastError: error.slice(0, 1000) }, $unset: { leaseUntil: 1 } }));
    await this.count('add', id);
  }

  async markFailed(id: string, error: string): Promise<void> {
    await lockedWrite('outbox', id, () => OutboxModel.updateOne({ _id: id }, { $set: { state: 'failed', lastError: error.slice(0, 1000) }, $unset: { leaseUntil: 1 } }));
    await this.count('remove', id);
  }

  /** The backlog's count is a figure to watch: it never fails the write it follows. */
  private async count(op: 'add' | 'remove', id: string): Promise<void> {
    await this.backlog?.[op](id).catch(() => undefined);
  }
}

/** The stored fields an entry is made of. */
export interface OutboxDoc {
  _id: string;
  caseId?: unknown;
  kind: string;
  auto?: boolean | null;
  from: string;
  to: string;
  subject: string;
  text: string;
  html?: string | null;
  messageId: string;
  inReplyTo?: string | null;
  references?: string[] | null;
  headers?: Array<{ name?: string | null; value?: string | null }> | null;
  attachments?: Array<{ fileId?: string | null; filename?: string | null; contentType?: string | null }> | null;
  attempts?: number | null;
  createdAt?: Date;
  updatedAt?: Date;
}

/** The entry as stored (address and Message-ID normalised), with the claim's attempt (also the bench's: it sends a run's entries again, sendingCost). */
export function storedEntry(doc: OutboxDoc): ClaimedEntry {
  const headers = Object.fromEntries((doc.headers ?? []).map((h) => [h.name ?? '', h.value ?? '']));
  const { 'Reply-To': replyTo, ...rest } = headers;
  return {
    id: doc._id,
    caseId: String(doc.caseId),
    // Read back as written; an older version's kind is kept as it is.
    kind: doc.kind as MailKind,
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
    ...(doc.attachments?.length ? { attachments: doc.attachments.map((a) => ({ fileId: a.fileId ?? '', filename: a.filename ?? 'attachment', contentType: a.contentType ?? 'application/octet-stream' })) } : {}),
    attempt: doc.attempts ?? 1,
  };
}
