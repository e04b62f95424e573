// Keeps the board's index (domain/board/boardIndex) in step with the cases: a case's card
// is compared with the one it last put on the board (its place, in board_places by the
// case's _id) and, when it changed, moved between day buckets; its search terms are filed
// once (those intake stored on the case, or for a case without them those of its first
// message, once that is there), and removed when its personal data is; a case
// that is gone leaves the board. Many cases are filed together (refreshBoards): each
// bucket, directory and term document they touch gets one write for all of them, under
// its own lock (FerretDB's updates are a read and a replace), while the cases' places are
// locked so that no other refresh of the same case runs in between. The place is a
// document of its own so that no other write of the case can lose it. The app files the
// cases its writes mark (adapters/redis/boardFeed); `npm run board:rebuild` rebuilds it.
import { bucketParts, bucketsOf, cardOf, cardStamp, monthOf, searchTermsOf, termKey, type BoardCard, type CaseForBoard } from '../../domain/board/boardIndex.js';
import { lockedWrites } from './documentLocks.js';
import { BoardBucketModel, BoardDirectoryModel, BoardPlaceModel, BoardTermModel } from './models/boardModels.js';
import { CaseModel } from './models/caseModel.js';
import { MessageModel } from './models/messageModel.js';
import { findByIds } from './findByIds.js';
import type { AnyBulkWriteOperation, Collection, Document } from 'mongodb';
import { BULK_STATEMENTS, oneBulkAtATime } from './bulkGate.js';

export const BOARD_FIELDS = { number: 1, status: 1, subject: 1, priority: 1, category: 1, channel: 1, flags: 1, department: 1, 'routing.departments': 1, assignee: 1, restricted: 1, receivedAt: 1, 'sla.expectedBy': 1, 'due.resolveBy': 1 } as const;

// What else changes what the board shows: the search terms go with the personal data.
const BOARD_PATHS = [...Object.keys(BOARD_FIELDS), 'anonymisedAt'];

/** Whether a write of these fields (null: any) can change the case's card or search terms. */
export function touchesBoard(fields: readonly string[] | null): boolean {
  return fields === null || fields.some((f) => BOARD_PATHS.some((p) => p === f || p.startsWith(`${f}.`) || f.startsWith(`${p}.`)));
}


interface Place {
  _id: string;
  buckets?: string[];
  stamp?: string;
  terms?: string[];
}

type CaseRow = CaseForBoard & { anonymisedAt?: Date | null; searchTerms?: string[] | null };

/** What a batch of refreshes writes, by document. */
class Changes {
  readonly pull = new Map<string, BoardCard[]>();
  readonly push = new Map<string, BoardCard[]>();
  readonly days = new Map<string, Record<string, number>>();
  readonly termAdd = new Map<string, string[]>();
  readonly termPull = new Map<string, string[]>();
  readonly places: Array<{ id: string; set: Partial<Place> }> = [];
  readonly gone: string[] = [];

  private static add<T>(m: Map<string, T[]>, key: string, x: T) {
    const xs = m.get(key);
    if (xs) xs.push(x);
    else m.set(key, [x]);
  }

  takeOut(bucket: string, card: BoardCard, count: boolean) {
    Changes.add(this.pull, bucket, card);
    if (count) this.countDay(bucket, -1);
  }

  putIn(bucket: string, card: BoardCard, count: boolean) {
    Changes.add(this.push, bucket, card);
    if (count) this.countDay(bucket, 1);
  }

  private countDay(bucket: string, by: number) {
    const { scope, status, day } = bucketParts(bucket);
    const inc = this.days.get(scope) ?? {};
    inc[`days.${status}.${day}`] = (inc[`days.${status}.${day}`] ?? 0) + by;
    this.days.set(scope, inc);
  }

  fileTerms(keys: string[], caseId: string, add: boolean) {
    for (const k of keys) Changes.add(add ? this.termAdd : this.termPull, k, caseId);
  }

  /** The documents written, for their locks. */
  documents(): Array<[string, string]> {
    const buckets = new Set([...this.pull.keys(), ...this.push.keys()]);
    const terms = new Set([...this.termAdd.keys(), ...this.termPull.keys()]);
    return [
      ...[...buckets].map((b): [string, string] => ['board_buckets', b]),
      ...[...this.days.keys()].map((s): [string, string] => ['board_days', s]),
      ...[...terms].map((t): [string, string] => ['board_terms', t]),
    ];
  }

  async write(): Promise<void> {
    // Added as a set: a refresh that a crash stopped after this write and before the
    // place's is done again without a second copy of the card.
    const buckets = setChanges(this.pull, this.push, 'cards');
    const days: AnyBulkWriteOperation[] = [];
    for (const [scope, inc] of this.days) {
      const nonZero = Object.fromEntries(Object.entries(inc).filter(([, n]) => n !== 0));
      if (Object.keys(nonZero).length) days.push({ updateOne: { filter: { _id: scope }, update: { $inc: nonZero }, upsert: true } } as never);
    }
    const terms = setChanges(this.termPull, this.termAdd, 'ids');
    await inBulks(BoardBucketModel.collection, buckets);
    await inBulks(BoardDirectoryModel.collection, days);
    await inBulks(BoardTermModel.collection, terms);
    // The places last: a crash before them leaves the cases to be filed again.
    await inBulks(BoardPlaceModel.collection, [
      ...this.places.map((p) => ({ updateOne: { filter: { _id: p.id }, update: { $set: p.set }, upsert: true } }) as never),
      ...this.gone.map((id) => ({ deleteOne: { filter: { _id: id } } }) as never),
    ]);
  }
}

/**
 * The writes as ordered bulk writes one after another (see bulkGate: how many statements
 * a command): one round trip for many documents. Ordered, so that a bucket's pull runs
 * before its push.
 */
async function inBulks(collection: Collection<Document>, ops: AnyBulkWriteOperation[]): Promise<void> {
  for (let i = 0; i < ops.length; i += BULK_STATEMENTS) {
    const chunk = ops.slice(i, i + BULK_STATEMENTS);
    await oneBulkAtATime(() => collection.bulkWrite(chunk, { ordered: true }));
  }
}

/** Plans one case's refresh into `changes`. */
function plan(changes: Changes, caseId: string, c: CaseRow | undefined, place: Place | undefined, firstText: Map<string, string>): void {
  const previous = place?.stamp ? (JSON.parse(place.stamp) as BoardCard) : null;
  const before = place?.buckets ?? [];
  if (!c) {
    // Deleted: off the board and out of the search.
    if (!place) return;
    if (previous) for (const b of before) changes.takeOut(b, previous, true);
    changes.fileTerms(place.terms ?? [], caseId, false);
    changes.gone.push(caseId);
    return;
  }
  // A document that is not (yet) a whole case has no card.
  if (!c.number || !c.receivedAt) return;
  const card = cardOf(c);
  const stamp = cardStamp(card);
  const after = bucketsOf(card);
  const set: Partial<Place> = {};
  if (place?.stamp !== stamp) {
    for (const b of before) if (!after.includes(b)) changes.takeOut(b, previous!, true);
    for (const b of after) {
      if (before.includes(b) && previous) changes.takeOut(b, previous, false);
      changes.putIn(b, card, !before.includes(b));
    }
    Object.assign(set, { buckets: after, stamp });
  }
  if (c.anonymisedAt && place?.terms?.length) {
    changes.fileTerms(place.terms, caseId, false);
    set.terms = [];
  } else if (!c.anonymisedAt && !place?.terms) {
    const terms = c.searchTerms ?? (firstText.has(caseId) ? searchTermsOf(c.subject ?? '', firstText.get(caseId)!) : null);
    if (terms) {
      set.terms = terms.map((t) => termKey(t, monthOf(c.receivedAt.getTime())));
      changes.fileTerms(set.terms, caseId, true);
    }
  }
  if (Object.keys(set).length) changes.places.push({ id: caseId, set });
}

/** Brings the cards and search terms of these cases on the board up to date (a case that is gone leaves it). */
export async function refreshBoards(caseIds: readonly string[]): Promise<void> {
  const ids = [...new Set(caseIds)];
  if (ids.length === 0) return;
  await lockedWrites(
    ids.map((id) => ['board_places', id] as const),
    async () => {
      const [cases, places] = await Promise.all([
        findByIds<CaseRow>(CaseModel as never, ids, { ...BOARD_FIELDS, anonymisedAt: 1, searchTerms: 1 }),
        findByIds<Place>(BoardPlaceModel as never, ids),
      ]);
      const caseById = new Map(cases.map((c) => [c._id, c]));
      const placeById = new Map(places.map((p) => [p._id, p]));
      // A case carries its terms from intake; one stored before it did has them made from its
      // first message (which has the case's _id; until it is stored there is nothing to file).
      const unfiled = ids.filter((id) => caseById.get(id) && !caseById.get(id)!.anonymisedAt && !caseById.get(id)!.searchTerms && !placeById.get(id)?.terms);
      const firsts = await findByIds<{ _id: string; text?: string }>(MessageModel as never, unfiled, { text: 1 });
      const firstText = new Map(firsts.map((m) => [m._id, m.text ?? '']));
      const changes = new Changes();
      for (const id of ids) plan(changes, id, caseById.get(id), placeById.get(id), firstText);
      await lockedWrites(changes.documents(), () => changes.write());
    },
  );
}

/** Brings the case's card and search terms on the board up to date. */
export function refreshBoard(caseId: string): Promise<void> {
  return refreshBoards([caseId]);
}

/** Per document, its values taken out of `field`, then added as a set: by their exact
 * values, since FerretDB 1.24 ignores a $pull by a condition. */
function setChanges(pull: Map<string, unknown[]>, add: Map<string, unknown[]>, field: string): AnyBulkWriteOperation[] {
  const ops: AnyBulkWriteOperation[] = [];
  for (const id of new Set([...pull.keys(), ...add.keys()])) {
    const out = pull.get(id);
    const into = add.get(id);
    if (out) ops.push({ updateOne: { filter: { _id: id }, update: { $pullAll: { [field]: out } } } } as never);
    if (into) ops.push({ updateOne: { filter: { _id: id }, update: { $addToSet: { [field]: { $each: into } } }, upsert: true } } as never);
  }
  return ops;
}

