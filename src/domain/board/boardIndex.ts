// Where a case sits on the board, kept so that every board read is a lookup by _id (the
// only filter FerretDB 1.24 on SQLite serves from an index; a range on _id, or any other
// field, decodes the whole collection).
// - A card per case in one bucket per scope ('*', and each of its departments, each also
//   per priority), status and
//   day of its due time: bucket `<scope>|<status>|<YYYY-MM-DD>`. A directory per scope
//   counts the cards per status and day, so a board sorted by due time reads the
//   directory and then the few day buckets each column needs, all at once.
// - Search terms (words and Han character pairs of the subject and the start of the
//   text) per month of arrival: `<term>|<YYYY-MM>` lists the cases that use the term. A
//   search reads a term's last 13 months at once, the other terms' only where the first
//   has cases.
import type { CaseStatus } from '../case/case.js';
import { normalizeText } from '../text/normalize.js';
import { maskSensitive } from '../classify/sensitiveData.js';
import { terms } from '../text/features.js';

export const ALL_SCOPE = '*';
const NO_DUE = '9999-12-31';

export interface BoardCard {
  id: string;
  number: string;
  status: CaseStatus;
  /** Due time in ms (the customer's expected time, else the resolve-by time, else arrival). */
  due: number;
  subject: string;
  priority: string;
  category: string | null;
  channel: string;
  flags: string[];
  department: string | null;
  departments: string[];
  assignee: string | null;
  restricted: boolean;
  /** The time the customer expects the result, if one was promised (shown, and "overdue"). */
  expectedBy: number | null;
}

export interface CaseForBoard {
  _id: string;
  number: string;
  status: string;
  subject?: string | null;
  priority: string;
  category?: string | null;
  channel: string;
  flags?: string[] | null;
  department?: string | null;
  routing?: { departments?: string[] | null } | null;
  assignee?: string | null;
  restricted?: boolean | null;
  receivedAt: Date;
  sla?: { expectedBy?: Date | null } | null;
  due?: { resolveBy?: Date | null } | null;
}

export function cardOf(c: CaseForBoard): BoardCard {
  const due = c.sla?.expectedBy ?? c.due?.resolveBy ?? c.receivedAt;
  return {
    id: c._id,
    number: c.number,
    status: c.status as CaseStatus,
    due: due.getTime(),
    subject: (c.subject ?? '').slice(0, 200),
    priority: c.priority,
    category: c.category ?? null,
    channel: c.channel,
    flags: c.flags ?? [],
    department: c.department ?? null,
    departments: c.routing?.departments ?? [],
    assignee: c.assignee ?? null,
    restricted: !!c.restricted,
    expectedBy: c.sla?.expectedBy ? c.sla.expectedBy.getTime() : null,
  };
}

export const dayOf = (ms: number | null): string => (ms === null || !Number.isFinite(ms) ? NO_DUE : new Date(ms).toISOString().slice(0, 10));

/**
 * The scopes a card is listed in: every department's board ('*') and each of its
 * departments', each also per priority (`tech#high`), the board's most used filter.
 */
export function scopesOf(card: BoardCard): string[] {
  const departments = [...new Set([ALL_SCOPE, ...(card.department ? [card.department] : []), ...card.departments])];
  return departments.flatMap((d) => [d, priorityScope(d, card.priority)]);
}

export const priorityScope = (scope: string, priority: string) => `${scope}#${priority}`;

export const bucketKey = (scope: string, status: string, day: string) => `${scope}|${status}|${day}`;
/** A bucket's scope, status and day. */
export function bucketParts(bucket: string): { scope: string; status: string; day: string } {
  const [day, status, ...scope] = bucket.split('|').reverse();
  return { scope: scope.reverse().join('|'), status: status!, day: day! };
}

/** The buckets the card belongs in. */
export function bucketsOf(card: BoardCard): string[] {
  return scopesOf(card).map((s) => bucketKey(s, card.status, dayOf(card.due)));
}

/** The card as stored: the bucket's copy is replaced only when it changed, and taken out by this value. */
export function cardStamp(card: BoardCard): string {
  return JSON.stringify(card);
}

/** Board order: due time, then case number. */
export function byDue(a: BoardCard, b: BoardCard): number {
  return a.due - b.due || (a.number < b.number ? -1 : a.number > b.number ? 1 : 0);
}

/** A page's continuation: the last card shown (its due time and number). */
export function cursorOf(card: BoardCard): string {
  return `${card.due}.${card.number}`;
}

export function isAfter(card: BoardCard, cursor: string | null): boolean {
  if (!cursor) return true;
  const dot = cursor.indexOf('.');
  const due = Number(cursor.slice(0, dot));
  const number = cursor.slice(dot + 1);
  return card.due > due || (card.due === due && card.number > number);
}

export function cursorDay(cursor: string | null): string | null {
  return cursor ? dayOf(Number(cursor.slice(0, cursor.indexOf('.')))) : null;
}

const MAX_TEXT = 1000;
const MAX_TERMS = 60;

/** The search terms of a case: of its subject and the start of its text, at most MAX_TERMS. */
export function searchTermsOf(subject: string, text: string): string[] {
  // Card and ID numbers never become terms: the terms are document ids, seen by anyone who reads the index.
  return terms(normalizeText(maskSensitive(`${subject}\n${text.slice(0, MAX_TEXT)}`))).filter((t) => t.length > 1 && !t.includes('*')).slice(0, MAX_TERMS);
}

/** The terms of a search query, as the cases' terms are made. */
export function queryTerms(q: string): string[] {
  return terms(normalizeText(q)).filter((t) => t.length > 1);
}

export const termKey = (term: string, month: string) => `${term}|${month}`;

/** The month of arrival a case's terms are filed under (a search reads a year in 13 lookups per term). */
export const monthOf = (ms: number): string => new Date(ms).toISOString().slice(0, 7);

/** `count` months up to the one of `from`, newest first. */
export function monthsBack(from: Date, count: number): string[] {
  return Array.from({ length: count }, (_, i) => new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth() - i, 1)).toISOString().slice(0, 7));
}

/**
 * How many of `days` (with their card counts, in order) a page of `limit` reads first:
 * enough to hold the page and one more card, when no filter drops any.
 */
export function daysForPage(counts: number[], limit: number): number {
  let sum = 0;
  for (let i = 0; i < counts.length; i++) {
    sum += counts[i]!;
    if (sum > limit) return i + 1;
  }
  return counts.length;
}
