// Several documents by _id, as one findById each. FerretDB's SQLite backend serves a
// single-_id filter from its index but scans the whole collection for `_id: { $in }`
// (measured on 10,000 documents: 3 ms against 720 ms), so a list of ids is fetched as
// parallel point lookups; MongoDB answers these as fast.
import type { Model } from 'mongoose';

export async function findByIds<T>(model: Model<never>, ids: readonly string[], projection?: Record<string, 0 | 1>): Promise<T[]> {
  const docs = await Promise.all([...new Set(ids)].map((id) => model.findById(id, projection).lean<T>()));
  return docs.filter((d): d is NonNullable<typeof d> => d !== null) as T[];
}
