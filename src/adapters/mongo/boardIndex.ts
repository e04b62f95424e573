// Keeps the board's index (domain/board/boardIndex) in step with the cases: after every
// write of a case its card is compared with the one the case last put on the board (its
// place, in board_places by the case's _id) and, when it changed, moved between day
// buckets; its search terms are filed once, when its first message is there, and removed
// when its personal data is. One case's refreshes run one at a time (under the place's
// lock on FerretDB), and each bucket, directory and term document is written under its
// own lock (FerretDB's updates are a read and a replace). The place is a document of its
// own so that no other write of the case can lose it. `npm run board:rebuild` rebuilds it.
import { bucketParts, bucketsOf, cardOf, cardStamp, monthOf, searchTermsOf, termKey, type BoardCard, type CaseForBoard } from '../../domain/board/boardIndex.js';
import { lockedWrite } from './documentLocks.js';
import { BoardBucketModel, BoardDirectoryModel, BoardPlaceModel, BoardTermModel } from './models/boardModels.js';
import { CaseModel } from './models/caseModel.js';
import { MessageModel } from './models/messageModel.js';

export const BOARD_FIELDS = { number: 1, status: 1, subject: 1, priority: 1, category: 1, channel: 1, flags: 1, department: 1, 'routing.departments': 1, assignee: 1, restricted: 1, receivedAt: 1, 'sla.expectedBy': 1, 'due.resolveBy': 1 } as const;

interface Place {
  buckets?: string[];
  stamp?: string;
  terms?: string[];
}

async function countDay(bucket: string, by: 1 | -1): Promise<void> {
  const { scope, status, day } = bucketParts(bucket);
  await lockedWrite('board_days', scope, () => BoardDirectoryModel.updateOne({ _id: scope }, { $inc: { [`days.${status}.${day}`]: by } }, { upsert: true }));
}

// The card is taken out by its exact value (the one stamped on the case's place):
// FerretDB 1.24 ignores a $pull by a condition ({ id }), and matches a whole document.
async function takeOut(bucket: string, previous: BoardCard): Promise<void> {
  await lockedWrite('board_buckets', bucket, () => BoardBucketModel.updateOne({ _id: bucket }, { $pull: { cards: previous } }));
}

async function putIn(bucket: string, card: BoardCard, previous: BoardCard | null): Promise<void> {
  await lockedWrite('board_buckets', bucket, async () => {
    if (previous) await BoardBucketModel.updateOne({ _id: bucket }, { $pull: { cards: previous } });
    await BoardBucketModel.updateOne({ _id: bucket }, { $push: { cards: card } }, { upsert: true });
  });
}

async function fileTerms(keys: string[], caseId: string, add: boolean): Promise<void> {
  await Promise.all(keys.map((k) => lockedWrite('board_terms', k, () => BoardTermModel.updateOne({ _id: k }, add ? { $addToSet: { ids: caseId } } : { $pull: { ids: caseId } }, { upsert: add }))));
}

/** Brings the case's card and search terms on the board up to date. */
export async function refreshBoard(caseId: string): Promise<void> {
  await lockedWrite('board_places', caseId, async () => {
    const [c, place] = await Promise.all([
      CaseModel.collection.findOne({ _id: caseId as never }, { projection: { ...BOARD_FIELDS, anonymisedAt: 1 } }) as Promise<(CaseForBoard & { anonymisedAt?: Date | null }) | null>,
      BoardPlaceModel.findById(caseId).lean<Place>(),
    ]);
    // A document that is not (yet) a whole case has no card.
    if (!c?.number || !c.receivedAt) return;
    const card = cardOf(c);
    const stamp = cardStamp(card);
    const before = place?.buckets ?? [];
    const after = bucketsOf(card);
    const set: Place = {};
    if (place?.stamp !== stamp) {
      const previous = place?.stamp ? (JSON.parse(place.stamp) as BoardCard) : null;
      await Promise.all(before.filter((b) => !after.includes(b)).map(async (b) => Promise.all([takeOut(b, previous!), countDay(b, -1)])));
      await Promise.all(after.map(async (b) => Promise.all([putIn(b, card, before.includes(b) ? previous : null), before.includes(b) ? null : countDay(b, 1)])));
      Object.assign(set, { buckets: after, stamp });
    }
    if (c.anonymisedAt && place?.terms?.length) {
      await fileTerms(place.terms, caseId, false);
      set.terms = [];
    } else if (!c.anonymisedAt && !place?.terms) {
      // The case's first message has the case's _id; until it is stored there is nothing to file.
      const first = await MessageModel.findById(caseId, { text: 1 }).lean<{ text?: string }>();
      if (first) {
        set.terms = searchTermsOf(c.subject ?? '', first.text ?? '').map((t) => termKey(t, monthOf(c.receivedAt.getTime())));
        await fileTerms(set.terms, caseId, true);
      }
    }
    if (Object.keys(set).length) await BoardPlaceModel.updateOne({ _id: caseId }, { $set: set }, { upsert: true });
  });
}

/** Takes a case that is being deleted off the board. */
export async function dropFromBoard(caseId: string): Promise<void> {
  await lockedWrite('board_places', caseId, async () => {
    const place = await BoardPlaceModel.findById(caseId).lean<Place>();
    if (!place) return;
    if (place.stamp) await Promise.all((place.buckets ?? []).map(async (b) => Promise.all([takeOut(b, JSON.parse(place.stamp!) as BoardCard), countDay(b, -1)])));
    await fileTerms(place.terms ?? [], caseId, false);
    await BoardPlaceModel.deleteOne({ _id: caseId });
  });
}
