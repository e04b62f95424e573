// The board's reads (P-26): pages of cases by status sorted by due time, filtered, or
// found by a search, all from the board's index (boardQuery, a lookup by _id each); one
// case by its number (case_numbers, then the case, both by _id) with its messages and
// timeline.
import { randomBytes } from 'node:crypto';
import { CaseModel } from './models/caseModel.js';
import { CaseNumberModel } from './models/lookupModels.js';
import { columnPage, directories, searchCards } from './boardQuery.js';
import { ALL_SCOPE, byDue, priorityScope, type BoardCard } from '../../domain/board/boardIndex.js';
import { CASE_STATUSES } from '../../domain/case/case.js';
import { isOpen } from '../../domain/case/lifecycle.js';
import { listsCase, type ConsoleUser } from '../../domain/console/access.js';
import { isDuplicateKey, recordEvent } from './events.js';
import { event } from '../../domain/case/timelineEvents.js';
import { EventModel } from './models/eventModel.js';
import { MessageModel } from './models/messageModel.js';
import { OutboxModel } from './models/outboxModel.js';
import type { BoardColumn, BoardFilter } from '../http/console/ports.js';

export type { BoardColumn, BoardFilter };

const PAGE = 25;
const SEARCH_RESULTS = 50;
/** A search looks at the cases of the last 13 months. */
const SEARCH_MONTHS = 13;

// Cards still to be filed (the app's board feeder, adapters/redis/boardFeed): a read waits for them.
let pendingCards: (() => Promise<void>) | null = null;
export function beforeBoardReads(flush: (() => Promise<void>) | null): void {
  pendingCards = flush;
}

/** The board the user may see: a page of each status column sorted by due time, or the search's results by status. */
export async function boardColumns(user: ConsoleUser, f: BoardFilter, now: Date): Promise<BoardColumn[]> {
  await pendingCards?.();
  const inDepartment = (c: BoardCard) => !f.department || c.department === f.department || c.departments.includes(f.department);
  const overdue = (c: BoardCard) => c.expectedBy !== null && c.expectedBy < now.getTime();
  const match = (c: BoardCard) =>
    (!f.priority || c.priority === f.priority) && (!f.category || c.category === f.category) && (!f.flag || c.flags.includes(f.flag)) && (!f.channel || c.channel === f.channel) && (!f.overdue || overdue(c)) && inDepartment(c) && listsCase(user, c);
  const statuses = CASE_STATUSES.filter((s) => (!f.status || s === f.status) && (!f.overdue || isOpen(s)));
  if (f.q) {
    const found = (await searchCards(f.q, now, { limit: SEARCH_RESULTS, months: SEARCH_MONTHS })).filter(match);
    return statuses.map((status) => ({ status, cards: found.filter((c) => c.status === status).sort(byDue), next: null }));
  }
  const departments = f.department ? [f.department] : user.role === 'staff' ? user.departments : [ALL_SCOPE];
  const scopes = f.priority ? departments.map((d) => priorityScope(d, f.priority!)) : departments;
  const dirs = await directories(scopes);
  return Promise.all(statuses.map(async (status) => ({ status, ...(await columnPage(dirs, status, { after: f.status === status ? (f.after ?? null) : null, limit: PAGE, match, ...(f.overdue ? { dueBefore: now.getTime() } : {}) })) })));
}

export async function caseByNumber(number: string) {
  const n = await CaseNumberModel.findById(number.toUpperCase()).lean<{ caseId: string }>();
  return n ? CaseModel.findById(n.caseId).lean() : null;
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
  await recordEvent(`message:${key}`, c._id, event('message.received', { from, channel: 'console' }), at, from);
  return key;
}
