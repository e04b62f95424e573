// The schema of a collection the app declares (all but cases, messages and outbox, which
// keep mongoose's version key). Its documents are keyed by a string _id the writer
// chooses (a dedupe key, a name, a hash), so a retried write finds its document instead
// of adding a second one; and they have no version key, being written by update
// operators, never saved whole. Schema.create (not `new Schema`) keeps the field types
// mongoose infers from the definition through this generic function, for hydrated
// documents as for lean() results. The caller makes the model: mongoose.model takes the
// schema only once its type is concrete, not inside a generic function.
import { Schema, type SchemaDefinition } from 'mongoose';

interface CollectionOptions {
  collection: string;
  /** createdAt and updatedAt, kept by mongoose. */
  timestamps?: true;
  /** false: empty objects are stored, not left out. */
  minimize?: false;
}

export function keyedSchema<const O extends CollectionOptions, const D extends SchemaDefinition>(options: O, fields: D) {
  return Schema.create({ _id: { type: String, required: true }, ...fields }, { ...options, versionKey: false });
}
