// report_rollups: one document per day for all departments ('*') and one per day and
// department, holding the counts of rollupFacts (totals, by channel, category and
// priority), the duration histograms and the phrase counts per category. Reports read
// a period's documents and add them up: $inc and a read, no aggregation operator, so it
// runs the same on FerretDB and MongoDB.
//
// Each fact is counted once: the update that adds it also records its key in the
// document ("marks"), and only matches a document without that key. A retry after a
// crash therefore adds nothing twice; the keys are removed once their events are done.
import mongoose, { Schema } from 'mongoose';
import type { Counts } from '../../domain/report/rollupFacts.js';
import type { Rollup } from '../../domain/report/report.js';
import { phraseKey } from '../../domain/report/phrases.js';
import { isDuplicateKey } from './events.js';

export const RollupModel = mongoose.model(
  'Rollup',
  new Schema(
    { _id: String, day: { type: String, index: true }, department: String, totals: Schema.Types.Mixed, by: Schema.Types.Mixed, hist: Schema.Types.Mixed, phrases: Schema.Types.Mixed, marks: [String] },
    { collection: 'report_rollups', versionKey: false, minimize: false },
  ),
);

/** A fact with the case's dimensions, as the projector hands it over. */
export interface DimensionedFact {
  key: string;
  day: string;
  counts: Counts;
  hist?: { ack?: number; resolve?: number };
  phrases?: string[];
  department: string | null;
  channel: string;
  category: string | null;
  priority: string;
}

/** A value as one level of a field path (no dots, no leading $). */
const field = (v: string) => v.replace(/[.$]/g, '_') || '_';

function increments(f: DimensionedFact): Record<string, number> {
  const inc: Record<string, number> = {};
  const category = field(f.category ?? 'uncategorised');
  for (const [m, n] of Object.entries(f.counts)) {
    if (!n) continue;
    inc[`totals.${m}`] = n;
    inc[`by.channel.${field(f.channel)}.${m}`] = n;
    inc[`by.category.${category}.${m}`] = n;
    inc[`by.priority.${field(f.priority)}.${m}`] = n;
  }
  if (f.hist?.ack !== undefined) inc[`hist.ack.b${f.hist.ack}`] = 1;
  if (f.hist?.resolve !== undefined) inc[`hist.resolve.b${f.hist.resolve}`] = 1;
  for (const p of f.phrases ?? []) {
    const k = phraseKey(p);
    if (k) inc[`phrases.${category}.${k}`] = 1;
  }
  return inc;
}

export class MongoRollupStore {
  /** Adds each fact to its day's document for all departments and for its own department. */
  async apply(facts: DimensionedFact[]): Promise<void> {
    const writes = facts.flatMap((f) => {
      const inc = increments(f);
      return ['*', ...(f.department ? [f.department] : [])].map((department) => ({ id: `${f.day}|${department}`, day: f.day, department, key: f.key, inc }));
    });
    const byDoc = new Map<string, typeof writes>();
    for (const w of writes) byDoc.set(w.id, [...(byDoc.get(w.id) ?? []), w]);
    // A document's facts go in one update when none of them is counted yet (the usual
    // case); otherwise one by one, so each is counted once. Documents one after another:
    // concurrent writes only make SQLite (FerretDB) wait for its lock.
    for (const list of byDoc.values()) {
      const first = list[0]!;
      if (await this.addOnce(first.id, first.day, first.department, list.map((w) => w.key), merge(list.map((w) => w.inc)))) continue;
      if (list.length > 1) for (const w of list) await this.addOnce(w.id, w.day, w.department, [w.key], w.inc);
    }
  }

  /** Adds inc unless the document holds one of the keys; false when it added nothing. */
  private async addOnce(id: string, day: string, department: string, keys: string[], inc: Record<string, number>): Promise<boolean> {
    const filter = { _id: id as never, marks: { $nin: keys } };
    const update = { $inc: inc, $push: { marks: { $each: keys } } };
    try {
      const r = await RollupModel.collection.updateOne(filter, { ...update, $setOnInsert: { day, department } } as never, { upsert: true });
      return r.matchedCount + r.upsertedCount > 0;
    } catch (err) {
      // The document exists: either it holds a key (counted already), or another
      // process created it a moment ago; then count into it, still only without the keys.
      if (!isDuplicateKey(err)) throw err;
      return (await RollupModel.collection.updateOne(filter, update as never)).matchedCount > 0;
    }
  }

  /** Forgets keys whose events are done (they can no longer be retried). */
  async dropMarks(days: string[], keys: string[]): Promise<void> {
    if (!keys.length) return;
    await RollupModel.collection.updateMany({ day: { $in: [...new Set(days)] } }, { $pullAll: { marks: keys } } as never); // FerretDB ignores $pull with $in
  }

  /** The documents of a range of days, for all departments ('*') or every department. */
  async read(from: string, to: string, scope: 'all' | 'departments'): Promise<Rollup[]> {
    const filter = { day: { $gte: from, $lte: to }, department: scope === 'all' ? '*' : { $ne: '*' } };
    const docs = await RollupModel.collection.find(filter, { projection: { marks: 0 } }).toArray();
    return docs.map((d) => ({
      day: String(d.day),
      department: String(d.department),
      totals: (d.totals ?? {}) as Counts,
      by: d.by ?? {},
      hist: { ack: histogram(d.hist?.ack), resolve: histogram(d.hist?.resolve) },
      phrases: d.phrases ?? {},
    }));
  }

  async clear(): Promise<void> {
    await RollupModel.collection.deleteMany({});
  }
}

function merge(incs: Array<Record<string, number>>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const inc of incs) for (const [k, n] of Object.entries(inc)) out[k] = (out[k] ?? 0) + n;
  return out;
}

/** Stored buckets are fields b0, b1, …; the domain counts them by number. */
function histogram(h: Record<string, number> | undefined): Record<string, number> {
  return Object.fromEntries(Object.entries(h ?? {}).map(([b, n]) => [b.slice(1), n]));
}
