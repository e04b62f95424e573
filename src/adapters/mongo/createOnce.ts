// A new document of a mongoose model, stored as create() stores it (cast, defaults,
// validation, timestamps, version key) but through insertOnce, so that the documents of
// concurrent jobs go to the server in one command (the intake's cases and messages, a
// case's acknowledgement and routing mail: one insert command each before). Resolves
// with the document as stored, or null when a document with the same unique key (its
// _id, or another unique index) was there already.
import type { Collection, Document } from 'mongodb';
import { insertOnce } from './insertOnce.js';

/** What of a mongoose model this needs. */
interface Creatable {
  new (fields: Record<string, unknown>): { validate(): Promise<void>; toObject(): object };
  collection: Collection<Document>;
  schema: { get(option: 'versionKey'): unknown };
  applyTimestamps(doc: object): Record<string, unknown>;
}

export async function createOnce<T extends object = Record<string, unknown>>(model: Creatable, fields: Record<string, unknown>): Promise<T | null> {
  const doc = new model(fields);
  await doc.validate();
  const stored = model.applyTimestamps(doc.toObject());
  const versionKey = model.schema.get('versionKey');
  if (typeof versionKey === 'string') stored[versionKey] = 0;
  return (await insertOnce(model.collection, [stored])) === 0 ? (stored as T) : null;
}
