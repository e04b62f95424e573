// IntakeStore on MongoDB/FerretDB. Every per-mail lookup is by _id (see lookupModels).
// Writes are ordered so that whatever a crash leaves behind is found again by a re-run:
// the case, then its lookup entries and timeline events (a re-run that finds the case
// puts them back; each is written once), and the message (the commit point) last. The
// case's opening event goes with its first message's, in one insert.
import { IncidentMemberModel } from './models/screeningModels.js';
import mongoose from 'mongoose';
import { counterId, formatCaseNumber } from '../../domain/case/caseNumber.js';
import type { AckState } from '../../domain/case/case.js';
import { normalizeMessageId } from '../../domain/intake/dedupe.js';
import type { CaseRef, IntakeStore, NewCase, NewMessage } from '../../pipeline/intake/ports.js';
import { CaseModel } from './models/caseModel.js';
import { MessageModel } from './models/messageModel.js';
import { CaseNumberModel, MessageIdModel, PendingOpeningModel } from './models/lookupModels.js';
import { recordEvents, type EventInput } from './events.js';
import { event } from '../../domain/case/timelineEvents.js';
import { lockedWrite } from './documentLocks.js';
import { nextInSequence } from './caseNumberCounter.js';
import { findByIds } from './findByIds.js';
import { insertOnce } from './insertOnce.js';
import { createOnce } from './createOnce.js';

const MAX_BODY = 1_000_000; // characters; keeps a message far below MongoDB's 16 MB document limit
const MAX_HEADERS = 200;
const MAX_REFERENCES_LOOKED_UP = 20;

const REF_FIELDS = { number: 1, 'customer.email': 1, 'ack.state': 1, 'routing.departments': 1, status: 1, closedAt: 1 } as const;

interface RefSource {
  _id: string;
  number: string;
  customer: { email: string };
  ack?: { state?: string | null } | null;
  routing?: { departments?: string[] | null } | null;
  status?: string;
  closedAt?: Date | null;
}

/**
 * What follows a case's insert: its number's entry and, while its opening mails are
 * pending (pendingSince), the reconciler's marker; the first event of its timeline is
 * written with its first message (addMessage). Each is written once, so a re-run after a
 * crash puts back only what the crash left out.
 */
async function recordOpened(caseId: string, number: string, pendingSince: Date | null): Promise<void> {
  await Promise.all([insertOnce(CaseNumberModel.collection, [{ _id: number, caseId }]), pendingSince ? markPending(caseId, pendingSince) : null]);
}

function toRef(c: RefSource): CaseRef {
  return {
    caseId: c._id,
    caseNumber: c.number,
    customerEmail: c.customer.email,
    originKey: c._id,
    ackState: (c.ack?.state ?? 'pending') as AckState,
    routedTo: c.routing?.departments ?? [],
    status: c.status ?? 'new',
    closedAt: c.closedAt ?? null,
  };
}

/** The reconciler's marker: this case's opening mails are pending since `since` (the first one stays). */
async function markPending(caseId: string, since: Date): Promise<void> {
  await insertOnce(PendingOpeningModel.collection, [{ _id: caseId, since }]);
}

/**
 * Files a Message-ID under the case, for threading. Nearly every Message-ID is new: an
 * insert (shared with other jobs' inserts), not the locked read-and-replace an update is
 * on FerretDB. One seen before (the same mail sent to two of our addresses, or sent
 * again) gets the case added under the lock.
 */
async function fileMessageId(messageId: string, caseId: string): Promise<void> {
  for (let attempt = 0; attempt < 3; attempt++) {
    if ((await insertOnce(MessageIdModel.collection, [{ _id: messageId, caseIds: [caseId] }])) === 0) return;
    const r = await lockedWrite('message_ids', messageId, () => MessageIdModel.updateOne({ _id: messageId }, { $addToSet: { caseIds: caseId } }));
    if (r.matchedCount) return;
    // Erased between the two (the customer was forgotten): inserted again.
  }
  throw new Error(`the Message-ID ${messageId} could neither be inserted (it exists) nor updated (it does not): the database is inconsistent`);
}

async function casesByIds(ids: string[]): Promise<CaseRef[]> {
  if (ids.length === 0) return [];
  const cases = await findByIds<RefSource>(CaseModel as never, ids, REF_FIELDS);
  return cases.map(toRef);
}

export class MongoIntakeStore implements IntakeStore {
  async caseOfMessage(dedupeKey: string): Promise<{ ref: CaseRef; direction: 'in' | 'staff' } | null> {
    const msg = await MessageModel.findById(dedupeKey, { caseId: 1, direction: 1 }).lean();
    const ref = msg ? (await casesByIds([msg.caseId]))[0] : undefined;
    return ref ? { ref, direction: msg!.direction === 'staff' ? 'staff' : 'in' } : null;
  }

  async casesByMessageIds(messageIds: string[]): Promise<CaseRef[]> {
    const ids = messageIds.slice(0, MAX_REFERENCES_LOOKED_UP).map(normalizeMessageId);
    const found = await findByIds<{ _id: string; caseIds: string[] }>(MessageIdModel as never, ids);
    // Keep the order of the references: the direct parent first.
    const order = new Map(ids.map((id, i) => [id, i]));
    found.sort((a, b) => order.get(a._id)! - order.get(b._id)!);
    const caseIds = found.flatMap((f) => f.caseIds);
    const cases = await casesByIds(caseIds);
    return caseIds.map((id) => cases.find((c) => c.caseId === id)).filter((c): c is CaseRef => !!c);
  }

  async casesByNumbers(numbers: string[]): Promise<CaseRef[]> {
    const found = await findByIds<{ _id: string; caseId: string }>(CaseNumberModel as never, numbers);
    return casesByIds(found.map((f) => f.caseId));
  }

  async casesOfIncident(incidentId: string): Promise<CaseRef[]> {
    const members = await IncidentMemberModel.findById(incidentId, { caseIds: 1 }).lean<{ caseIds: string[] }>();
    return casesByIds(members?.caseIds ?? []);
  }

  async openCase(input: NewCase): Promise<{ ref: CaseRef; created: boolean }> {
    // No read first: nearly every case is new, and one opened before is found by its
    // insert failing (its _id is the mail's dedupe key).
    const number = await this.nextCaseNumber(input.prefix, input.receivedAt.getUTCFullYear());
    const fields = {
      _id: input.originKey,
      number,
      channel: input.channel,
      mailboxKey: input.mailboxKey,
      customer: input.customer,
      subject: input.subject,
      searchTerms: input.searchTerms,
      locale: input.locale,
      priority: input.priority,
      receivedAt: input.receivedAt,
      status: 'new',
      rev: 0,
      ...(input.linkedCase ? { linkedCase: input.linkedCase } : {}),
      ack: { state: 'pending' },
    };
    if (!(await createOnce(CaseModel, fields))) {
      // Opened before: by this mail's earlier run, which a crash stopped before its
      // message was stored (the number just taken stays unused, as the counter's numbers
      // do after a crash), or by another poller a moment ago.
      const theirs = await CaseModel.findById(input.originKey, REF_FIELDS).lean<RefSource>();
      if (!theirs) throw new Error(`case ${number} could not be stored: another case has that number, so the case-number counter (collection counters) is behind the cases; the mail is retried with the next number`);
      const opening = (theirs.ack?.state ?? 'pending') === 'pending' || !theirs.routing?.departments?.length;
      await recordOpened(theirs._id, theirs.number, opening ? input.receivedAt : null);
      return { ref: toRef(theirs), created: false };
    }
    await recordOpened(fields._id, number, input.receivedAt);
    return { ref: toRef(fields), created: true };
  }

  async addMessage(m: NewMessage): Promise<boolean> {
    const { mail } = m;
    const caseId = m.caseRef.caseId;
    const messageId = mail.messageId ? normalizeMessageId(mail.messageId) : undefined;
    // Its timeline events before it, like the lookup entry: a re-run finds a stored message
    // done and writes nothing more, so what follows the message would be lost to a crash.
    const events: EventInput[] = [];
    if (m.opened) {
      const data = { number: m.caseRef.caseNumber, channel: m.channel, ...(m.opened.linkedCase ? { continues: m.opened.linkedCase } : {}) };
      events.push({ id: `opened:${caseId}`, caseId, at: m.receivedAt, ...event('case.opened', data) });
    }
    events.push({
      id: `message:${m.dedupeKey}`,
      caseId,
      at: m.receivedAt,
      ...event('message.received', { from: mail.from?.address, subject: mail.subject.slice(0, 200), automated: m.automated?.kind, attachments: m.attachments.length, ...(m.department ? { department: m.department } : {}) }),
      ...(m.department && mail.from ? { actor: mail.from.address } : {}),
    });
    await Promise.all([messageId ? fileMessageId(messageId, caseId) : null, recordEvents(events)]);
    const truncated = mail.text.length > MAX_BODY || (mail.html?.length ?? 0) > MAX_BODY;
    const stored = await createOnce(MessageModel, {
      _id: m.dedupeKey,
      caseId,
      caseNumber: m.caseRef.caseNumber,
      direction: m.department ? 'staff' : 'in',
      department: m.department,
      channel: m.channel,
      mailboxKey: m.mailboxKey,
      uid: m.uid,
      messageId,
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
      attachments: m.attachments,
    });
    return stored !== null;
  }

  private async nextCaseNumber(prefix: string, year: number): Promise<string> {
    const counters = mongoose.connection.db!.collection<{ _id: string; seq: number }>('counters');
    return formatCaseNumber(prefix, year, await nextInSequence(counters, counterId(prefix, year)));
  }
}
