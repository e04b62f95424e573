// A new document of a mongoose model, stored as create() stores it (cast, defaults,
// required and enum checks, empty objects left out, timestamps, version key) but through
// insertOnce, so that the documents of concurrent jobs go to the server in one command
// (the intake's cases and messages, a case's acknowledgement and routing mail: one insert
// command each before). Resolves with the document as stored, or null when a document
// with the same unique key (its _id, or another unique index) was there already.
// Without a mongoose document: building and validating one was most of mongoose's time
// in the intake's CPU profile (a message 386 µs, cast this way 170 µs; a case 159 and 26).
import type { Collection, Document } from 'mongodb';
import { insertOnce } from './insertOnce.js';

interface SchemaType {
  isRequired?: boolean;
  enumValues?: unknown[];
  instance?: string;
  /** A single nested sub-document's schema. */
  schema?: SchemaPaths;
}

interface SchemaPaths {
  eachPath(fn: (path: string, type: SchemaType) => void): void;
}

/** What of a mongoose model this needs. */
interface Creatable {
  modelName: string;
  collection: Collection<Document>;
  schema: SchemaPaths & { get(option: 'versionKey'): unknown };
  castObject(fields: Record<string, unknown>): Record<string, unknown>;
  applyDefaults(doc: Record<string, unknown>): Record<string, unknown>;
  applyTimestamps(doc: object): Record<string, unknown>;
}

interface Check {
  path: string[];
  required: boolean;
  enumValues: Set<unknown> | null;
}

const checks = new WeakMap<Creatable, Check[]>();

/** The schema's required and enum paths (in single nested sub-documents too, not in arrays). */
function pathChecks(schema: SchemaPaths, prefix: string[], list: Check[]): Check[] {
  schema.eachPath((path, type) => {
    const at = [...prefix, ...path.split('.')];
    const enumValues = type.instance === 'String' && type.enumValues?.length ? new Set(type.enumValues) : null;
    if (type.isRequired || enumValues) list.push({ path: at, required: !!type.isRequired, enumValues });
    if (type.instance === 'Embedded' && type.schema) pathChecks(type.schema, at, list);
  });
  return list;
}

/** Found once per model. */
function checksOf(model: Creatable): Check[] {
  let list = checks.get(model);
  if (!list) checks.set(model, (list = pathChecks(model.schema, [], [])));
  return list;
}

function valueAt(doc: Record<string, unknown>, path: string[]): unknown {
  let v: unknown = doc;
  for (const p of path) v = v && typeof v === 'object' ? (v as Record<string, unknown>)[p] : undefined;
  return v;
}

/** Mongoose's checks that casting leaves out: a required value present (a string not empty), an enum's value one of its own. */
function validate(model: Creatable, doc: Record<string, unknown>): void {
  for (const c of checksOf(model)) {
    const v = valueAt(doc, c.path);
    // A required path inside an optional sub-document that is not there is not required.
    if (c.path.length > 1 && valueAt(doc, c.path.slice(0, -1)) == null) continue;
    if (v === undefined || v === null || v === '') {
      if (c.required) throw new Error(`${model.modelName} validation failed: ${c.path.join('.')} is required`);
    } else if (c.enumValues && !c.enumValues.has(v)) {
      throw new Error(`${model.modelName} validation failed: ${c.path.join('.')}: \`${String(v)}\` is not a valid enum value`);
    }
  }
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype;

/** Leaves out empty objects and undefined values, as a mongoose document's toObject() does. */
function minimize(o: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) {
    if (v === undefined) continue;
    if (isPlainObject(v)) {
      const m = minimize(v);
      if (Object.keys(m).length) out[k] = m;
    } else out[k] = v;
  }
  return out;
}

/** The document create() would store for these fields. */
export function asCreated(model: Creatable, fields: Record<string, unknown>): Record<string, unknown> {
  const doc = minimize(model.applyDefaults(model.castObject(fields)));
  validate(model, doc);
  const stored = model.applyTimestamps(doc);
  const versionKey = model.schema.get('versionKey');
  if (typeof versionKey === 'string') stored[versionKey] = 0;
  return stored;
}

export async function createOnce<T extends object = Record<string, unknown>>(model: Creatable, fields: Record<string, unknown>): Promise<T | null> {
  const stored = asCreated(model, fields);
  return (await insertOnce(model.collection, [stored])) === 0 ? (stored as T) : null;
}
