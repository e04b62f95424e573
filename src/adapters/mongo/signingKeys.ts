// Signing keys no other install shares. A key not configured is made at random on first
// start and kept in the signing_keys collection, so every process of the install (and
// every restart) signs with the same one. A previous key (configured as *_PREVIOUS, or
// the generated one a newly configured key replaces) verifies for the grace period,
// counted from the first start that saw it. Lookups are by _id only (FerretDB answers
// nothing else from an index).
import { createHash, randomBytes } from 'node:crypto';
import mongoose from 'mongoose';
import { keyedSchema } from './models/keyedSchema.js';
import type { KeyRing } from '../../domain/keys/keyRing.js';

export const SigningKeyModel = mongoose.model('SigningKey', keyedSchema({ collection: 'signing_keys' }, { key: String, since: { type: Date, required: true } }));

const isDuplicate = (err: unknown) => (err as { code?: number }).code === 11000;

/** The document with this _id, inserted with `fields` unless one is there already (another process may race us). */
async function getOrInsert(id: string, fields: { key?: string; since: Date }): Promise<{ key?: string | null; since: Date }> {
  const found = await SigningKeyModel.findById(id).lean();
  if (found) return found;
  try {
    await SigningKeyModel.create({ _id: id, ...fields });
    return fields;
  } catch (err) {
    if (!isDuplicate(err)) throw err;
    return (await SigningKeyModel.findById(id).lean())!;
  }
}

export interface KeySettings {
  /** What the key signs, also its name in signing_keys: 'reply-token', 'survey', 'form'. */
  name: string;
  configured?: string;
  previous?: string;
  graceDays: number;
}

export async function loadKeyRing(s: KeySettings, now: Date): Promise<KeyRing> {
  const generatedId = `generated:${s.name}`;
  const generated = s.configured ? await SigningKeyModel.findById(generatedId).lean() : await getOrInsert(generatedId, { key: randomBytes(32).toString('hex'), since: now });
  const current = s.configured ?? generated!.key!;
  const retired = [s.previous, s.configured ? generated?.key : undefined].filter((k): k is string => !!k && k !== current);
  const previous = await Promise.all(
    retired.map(async (key) => {
      const seen = await getOrInsert(`retired:${s.name}:${createHash('sha256').update(key).digest('hex').slice(0, 32)}`, { since: now });
      return { key, until: new Date(seen.since.getTime() + s.graceDays * 86400_000) };
    }),
  );
  return { current, previous };
}
