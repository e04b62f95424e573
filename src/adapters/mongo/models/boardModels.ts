// The board's index (see domain/board/boardIndex): every document is read by its _id.
import mongoose, { Schema } from 'mongoose';
import { keyedSchema } from './keyedSchema.js';

/** `<scope>|<status>|<day>`: the cards of the cases due that day. */
export const BoardBucketModel = mongoose.model('BoardBucket', keyedSchema({ collection: 'board_buckets' }, { cards: { type: [Schema.Types.Mixed], default: [] } }));

/** `<scope>`: per status, and day that has cards, how many. */
export const BoardDirectoryModel = mongoose.model('BoardDirectory', keyedSchema({ collection: 'board_days' }, { days: { type: Schema.Types.Mixed, default: {} } }));

/** `<term>|<day>`: the cases that arrived that day and use the term. */
export const BoardTermModel = mongoose.model('BoardTerm', keyedSchema({ collection: 'board_terms' }, { ids: { type: [String], default: [] } }));

/** By case _id: where the case is on the board (its buckets, its card's stamp, its term documents). */
export const BoardPlaceModel = mongoose.model('BoardPlace', keyedSchema({ collection: 'board_places' }, { buckets: { type: [String], default: undefined }, stamp: String, terms: { type: [String], default: undefined } }));
