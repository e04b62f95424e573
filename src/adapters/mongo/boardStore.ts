// The board's reads (P-26): cases by status with their owner and due times, filtered,
// and one case with its messages and timeline. FerretDB answers these by scanning, which
// is fine at a board's page size; reports (issue 7) read rollups instead.
import { randomBytes } from 'node:crypto';
import { CaseModel } from './models/caseModel.js';
import { isDuplicateKey, recordEvent } from './events.js';
import { EventModel } from './models/eventModel.js';
import { MessageModel } from './models/messageModel.js';
import { OutboxModel } from './models/outboxModel.js';

export interface BoardFilter {
  department?: string;
  priority?: string;
  category?: string;
  flag?: string;
  channel?: string;
  overdue?: boolean;
  q?: string;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export async function boardCases(f: BoardFilter, now: Date, limit = 500) {
  const where: Record<string, unknown> = {};
  if (f.department) where.department = f.department;
  if (f.priority) where.priority = f.priority;
  if (f.category) where.category = f.category;
  if (f.flag) where.flags = f.flag;
  if (f.channel) where.channel = f.channel;
  if (f.overdue) Object.assign(where, { 'sla.expectedBy': { $lt: now }, status: { $nin: ['resolved', 'closed'] } });
  if (f.q) {
    const re = new RegExp(escape(f.q.trim()), 'i');
    where.$or = [{ number: re }, { 'customer.email': re }, { subject: re }];
  }
  return CaseModel.find(where, { number: 1, subject: 1, status: 1, priority: 1, category: 1, department: 1, 'routing.departments': 1, restricted: 1, assignee: 1, flags: 1, channel: 1, sla: 1, 'customer.email': 1, receivedAt: 1 })
    .sort({ receivedAt: -1 })
    .limit(limit)
    .lean();
}

export async function caseByNumber(number: string) {
  return CaseModel.findOne({ number }).lean();
}

/** The case's messages in (customer, staff) and out (our mails from the outbox), in time order, and its timeline. */
export async function caseTimeline(caseId: string) {
  const [received, sent, events] = await Promise.all([
    MessageModel.find({ caseId }, { from: 1, direction: 1, subject: 1, receivedAt: 1, text: 1, html: 1, attachments: 1 }).lean(),
    OutboxModel.find({ caseId }, { kind: 1, to: 1, subject: 1, text: 1, state: 1, sentAt: 1, createdAt: 1 }).lean(),
    EventModel.find({ caseId }).sort({ at: 1 }).lean(),
  ]);
  const messages = [
    ...received.map((m) => ({ direction: m.direction, from: m.from?.address ?? '', to: '', subject: m.subject, at: m.receivedAt, text: m.text, html: m.html ?? null, attachments: m.attachments ?? [], state: '' })),
    ...sent.map((o) => ({ direction: `out (${o.kind})`, from: '', to: o.to, subject: o.subject, at: o.sentAt ?? o.createdAt, text: o.text, html: null, attachments: [], state: o.state })),
  ].sort((a, b) => a.at.getTime() - b.at.getTime());
  return { messages, events };
}

/**
 * A console user's commands on a case, stored like a department's reply by email (a staff
 * message), so the same job applies them with the same rules. Returns the message key.
 */
export async function addConsoleCommands(c: { _id: string; number: string; subject?: string | null; department?: string | null }, from: string, text: string, at: Date, key = `console:${randomBytes(12).toString('hex')}`): Promise<string> {
  // A retry with the same key (an incident update sent again) stores nothing new.
  await MessageModel.create({
    _id: key,
    caseId: c._id,
    caseNumber: c.number,
    direction: 'staff',
    department: c.department ?? undefined,
    channel: 'console',
    from: { address: from, name: '' },
    subject: `Re: ${c.subject ?? ''}`.slice(0, 1000),
    receivedAt: at,
    text: text.slice(0, 100_000),
  }).catch((err: unknown) => {
    if (!isDuplicateKey(err)) throw err;
  });
  await recordEvent(`message:${key}`, c._id, 'message.received', at, { from, channel: 'console' }, from);
  return key;
}
