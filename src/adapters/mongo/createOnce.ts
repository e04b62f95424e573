// A new document of a mongoose model, stored as create() stores it (cast, defaults,
// validation, timestamps, version key) but through insertOnce, so that the documents of
// concurrent jobs go to the server in one command (the intake's cases and messages: one
// insert command each per mail before). Resolves false when a document with the same
// unique key (its _id, or another unique index) was there already.
import type { Collection, Document } from 'mongodb';
import { insertOnce } from './insertOnce.js';

/** What of a mongoose model this needs. */
interface Creatable {
  new (fields: Record<string, unknown>): { validate(): Promise<void>; toObject(): object };
  collection: Collection<Document>;
  schema: { get(option: 'versionKey'): unknown };
  applyTimestamps(doc: object): Record<string, unknown>;
}

export async function createOnce(model: Creatable, fields: Record<string, unknown>): Promise<boolean> {
  const doc = new model(fields);
  await doc.validate();
  const stored = model.applyTimestamps(doc.toObject());
  const versionKey = model.schema.get('versionKey');
  if (typeof versionKey === 'string') stored[versionKey] = 0;
  return (await insertOnce(model.collection, [stored])) === 0;
}
