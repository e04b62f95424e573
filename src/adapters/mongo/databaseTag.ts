// A random tag written once into a new database, for the Redis keys that are derived from
// case ids and numbers: the case queue's name, the send receipts and the incident buckets.
// Ids and numbers start over with the database, so after a database wiped, or restored
// from a backup, while Redis kept its data, a finished job or a send receipt of the earlier
// run would stand in for new work (a case never screened, an acknowledgement never sent).
// With the tag, that database meets none of the earlier keys. A database that had cases
// before tags existed gets the empty tag, so its keys stay as they were.
import { randomBytes } from 'node:crypto';
import mongoose from 'mongoose';
import { keyedSchema } from './models/keyedSchema.js';
import { createOnce } from './createOnce.js';
import { CaseModel } from './models/caseModel.js';

const DatabaseTagModel = mongoose.model('DatabaseTag', keyedSchema({ collection: 'database_tag' }, { tag: { type: String, default: '' } }));
const ID = 'redis-keys';

/** This database's tag; written on first use (the first of concurrent starts wins). */
export async function databaseTag(): Promise<string> {
  const found = await DatabaseTagModel.findById(ID).lean();
  if (found) return found.tag ?? '';
  const existing = (await CaseModel.countDocuments({}, { limit: 1 })) > 0;
  await createOnce(DatabaseTagModel, { _id: ID, tag: existing ? '' : randomBytes(6).toString('hex') });
  return (await DatabaseTagModel.findById(ID).lean())?.tag ?? '';
}

/** The prefix of this database's case-derived Redis keys. */
export const taggedPrefix = (prefix: string, tag: string) => (tag ? `${prefix}:${tag}` : prefix);
