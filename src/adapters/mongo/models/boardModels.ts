// The board's index (see domain/board/boardIndex): every document is read by its _id.
import mongoose, { Schema } from 'mongoose';
import { opts } from './collectionOptions.js';


/** `<scope>|<status>|<day>`: the cards of the cases due that day. */
export const BoardBucketModel = mongoose.model('BoardBucket', new Schema({ _id: { type: String, required: true }, cards: { type: [Schema.Types.Mixed], default: [] } }, opts('board_buckets')));

/** `<scope>`: per status, and day that has cards, how many. */
export const BoardDirectoryModel = mongoose.model('BoardDirectory', new Schema({ _id: { type: String, required: true }, days: { type: Schema.Types.Mixed, default: {} } }, opts('board_days')));

/** `<term>|<day>`: the cases that arrived that day and use the term. */
export const BoardTermModel = mongoose.model('BoardTerm', new Schema({ _id: { type: String, required: true }, ids: { type: [String], default: [] } }, opts('board_terms')));

/** By case _id: where the case is on the board (its buckets, its card's stamp, its term documents). */
export const BoardPlaceModel = mongoose.model(
  'BoardPlace',
  new Schema({ _id: { type: String, required: true }, buckets: { type: [String], default: undefined }, stamp: String, terms: { type: [String], default: undefined } }, opts('board_places')),
);
