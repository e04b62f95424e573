// The board's reads (P-26) from its index (domain/board/boardIndex), each a lookup by _id:
// a page of a status column sorted by due time (the directory, then the day buckets it
// needs), and a search (a case number; or the months' term documents, newest first,
// then the matching cases by _id).
import { byDue, cardOf, cursorDay, cursorOf, daysForPage, dayOf, monthsBack, bucketKey, isAfter, queryTerms, termKey, type BoardCard, type CaseForBoard } from '../../domain/board/boardIndex.js';
import { BOARD_FIELDS } from './boardIndex.js';
import { findByIds } from './findByIds.js';
import { CaseModel } from './models/caseModel.js';
import { CaseNumberModel } from './models/lookupModels.js';
import { BoardBucketModel, BoardDirectoryModel, BoardTermModel } from './models/boardModels.js';

/** Day buckets read at most per page: a filter that matches little stops there, with a link to go on. */
const MAX_DAYS_PER_PAGE = 120;

export interface ColumnPage {
  cards: BoardCard[];
  /** Where the next page starts, or null at the end. */
  next: string | null;
}

/**
 * One page of a status column in the given scopes ('*' for every department), cards after
 * the cursor, matching `match`, due before `dueBefore` if given, sorted by due time.
 */
export async function columnPage(dirs: Directories, status: string, opts: PageOptions): Promise<ColumnPage> {
  const pages = await Promise.all([...dirs].map(([scope, days]) => scopePage(scope, days[status] ?? {}, status, opts)));
  const seen = new Set<string>();
  const merged = pages
    .flatMap((p) => p.cards)
    .sort(byDue)
    .filter((c) => !seen.has(c.id) && seen.add(c.id));
  const cards = merged.slice(0, opts.limit);
  const more = merged.length > opts.limit || pages.some((p) => p.next);
  return { cards, next: more && cards.length ? cursorOf(cards.at(-1)!) : (pages.find((p) => p.next && !p.cards.length)?.next ?? null) };
}

/** Per scope, per status, per day: how many cards. */
export type Directories = Map<string, Record<string, Record<string, number>>>;

export async function directories(scopes: string[]): Promise<Directories> {
  const docs = await Promise.all(scopes.map((s) => BoardDirectoryModel.findById(s).lean<{ days?: Record<string, Record<string, number>> }>()));
  return new Map(scopes.map((s, i) => [s, docs[i]?.days ?? {}]));
}

interface PageOptions {
  after: string | null;
  limit: number;
  match: (c: BoardCard) => boolean;
  dueBefore?: number;
}

async function scopePage(scope: string, counts: Record<string, number>, status: string, opts: PageOptions): Promise<ColumnPage> {
  const from = cursorDay(opts.after) ?? '';
  const until = opts.dueBefore !== undefined ? dayOf(opts.dueBefore) : '9999-99';
  const days = Object.entries(counts)
    .filter(([day, n]) => n > 0 && day >= from && day <= until)
    .map(([day]) => day)
    .sort();
  const found: BoardCard[] = [];
  let read = 0;
  // The days that hold the page when no filter drops a card, then twice as many each round.
  let next = Math.max(1, daysForPage(days.map((d) => counts[d]!), opts.limit));
  while (read < days.length && read < MAX_DAYS_PER_PAGE && found.length <= opts.limit) {
    const batch = days.slice(read, Math.min(read + next, MAX_DAYS_PER_PAGE));
    read += batch.length;
    next *= 2;
    const buckets = await Promise.all(batch.map((d) => BoardBucketModel.findById(bucketKey(scope, status, d)).lean<{ cards?: BoardCard[] }>()));
    for (const b of buckets) for (const c of b?.cards ?? []) if (isAfter(c, opts.after) && (opts.dueBefore === undefined || c.due < opts.dueBefore) && opts.match(c)) found.push(c);
  }
  found.sort(byDue);
  const cards = found.slice(0, opts.limit);
  const more = found.length > opts.limit || read < days.length;
  // A page cut short by MAX_DAYS_PER_PAGE with nothing found goes on after its last day.
  return { cards, next: more ? (cards.length ? cursorOf(cards.at(-1)!) : `${Date.parse(`${days[read - 1]}T23:59:59.999Z`)}.~`) : null };
}

/** Cases found by number, or by every word of the query in their subject or text (newest first). */
export async function searchCards(q: string, now: Date, opts: { limit: number; months: number }): Promise<BoardCard[]> {
  const text = q.trim();
  if (/^[A-Za-z]+-\d{4}-\d+$/.test(text)) {
    const n = await CaseNumberModel.findById(text.toUpperCase()).lean<{ caseId: string }>();
    return n ? cardsOf([n.caseId]) : [];
  }
  const terms = queryTerms(text);
  if (!terms.length) return [];
  const months = monthsBack(now, opts.months);
  // The term with the fewest cases this month leads (likely the rarest over the year too):
  // the others are read only in the months where it has cases.
  const recent = await Promise.all(terms.map((t) => termIds(t, months[0]!)));
  const [first, ...rest] = terms.map((t, i) => ({ t, n: recent[i]!.length })).sort((a, b) => a.n - b.n || b.t.length - a.t.length).map((x) => x.t);
  const idsOf = (t: string, i: number) => (i === 0 ? Promise.resolve(recent[terms.indexOf(t)]!) : termIds(t, months[i]!));
  // Newest months first, in growing waves, until the page is full: a common word's search
  // ends in this month, a rare one's reads the year.
  const ids: string[] = [];
  for (const [from, to] of [[0, 1], [1, 4], [4, months.length]] as const) {
    if (ids.length >= opts.limit) break;
    const wave = await Promise.all(
      months.slice(from, to).map(async (_, j) => {
        let have = await idsOf(first!, from + j);
        for (const t of rest) {
          if (!have.length) break;
          const other = new Set(await idsOf(t, from + j));
          have = have.filter((id) => other.has(id));
        }
        // Filed in order of screening: the newest last.
        return have.reverse();
      }),
    );
    ids.push(...wave.flat());
  }
  return cardsOf(ids.slice(0, opts.limit));
}

async function termIds(term: string, day: string): Promise<string[]> {
  return (await BoardTermModel.findById(termKey(term, day)).lean<{ ids?: string[] }>())?.ids ?? [];
}

async function cardsOf(ids: string[]): Promise<BoardCard[]> {
  const found = await findByIds<CaseForBoard>(CaseModel as never, ids, BOARD_FIELDS);
  const order = new Map(ids.map((id, i) => [id, i]));
  return found.map(cardOf).sort((a, b) => order.get(a.id)! - order.get(b.id)!);
}
