// report_days and report_months: the counts of rollupFacts per day and per month
// ('YYYY-MM-DD', 'YYYY-MM'), each for all departments ('*') and for each department:
// totals, by channel, category and priority, and the duration histograms; the phrase
// counts per category sit in a document of their own beside it (…|phrases), so the
// figures stay small. A report reads its period's documents by _id (whole months, and
// days at the edges) and adds them up: $inc and reads by _id, no aggregation operator
// and no range scan, so it runs the same on FerretDB and MongoDB. Months have a
// collection of their own because FerretDB (SQLite) finds even an _id by reading the
// collection: a quarter's report reads a few hundred small month documents, not every
// day of every year.
//
// Each fact is counted once: the update that adds it also records its key in the
// document ("marks"), and only matches a document without that key. A retry after a
// crash therefore adds nothing twice; the keys are removed once their events are done.
import mongoose, { Schema } from 'mongoose';
import { keyedSchema } from './models/keyedSchema.js';
import { EXTRA_DIMENSIONS, type Counts, type PreventiveMeasure } from '../../domain/report/rollupFacts.js';
import type { Rollup } from '../../domain/report/report.js';
import { coverOf } from '../../domain/report/period.js';
import { phraseKey, trimPhraseCounts } from '../../domain/report/phrases.js';
import type { CountedPhrases, DimensionedFact, RollupWriter } from '../../pipeline/report/ports.js';
import type { RollupReader } from '../../pipeline/report/readReport.js';
import { isDuplicateKey } from './events.js';
import { lockedWrite, writeIf } from './documentLocks.js';
import { insertOnce } from './insertOnce.js';

const rollupModel = (name: string, collection: string) =>
  mongoose.model(name, keyedSchema({ collection, minimize: false }, { period: String, department: String, totals: Schema.Types.Mixed, by: Schema.Types.Mixed, hist: Schema.Types.Mixed, phrases: Schema.Types.Mixed, measures: [Schema.Types.Mixed], marks: [String] }));
export const DayRollupModel = rollupModel('DayRollup', 'report_days');
export const MonthRollupModel = rollupModel('MonthRollup', 'report_months');
/** The collection of a period's documents. */
const rollups = (period: string) => (period.length === 7 ? MonthRollupModel : DayRollupModel).collection;

/** Phrase documents still growing: trimmed once their day or month is over (a small list). */
const OpenPhrasesModel = mongoose.model('OpenPhrases', keyedSchema({ collection: 'report_open_phrases' }, { period: String }));

/** A value as one level of a field path (no dots, no leading $). */
const field = (v: string) => v.replace(/[.$]/g, '_') || '_';
/** A free value (a product, an address) as one level of a field path, and back: reversible. */
const dimKey = (v: string) => v.replace(/%/g, '%25').replace(/\./g, '%2E').replace(/\$/g, '%24') || '_';
const fromDimKey = (k: string) => k.replace(/%2E/g, '.').replace(/%24/g, '$').replace(/%25/g, '%');
const idOf = (period: string, department: string) => `${period}|${department}`;
const PHRASES = '|phrases';

function increments(f: DimensionedFact): { figures: Record<string, number>; phrases: Record<string, number> } {
  const figures: Record<string, number> = {};
  const phrases: Record<string, number> = {};
  const category = field(f.category ?? 'uncategorised');
  for (const [m, n] of Object.entries(f.counts)) {
    if (!n) continue;
    figures[`totals.${m}`] = n;
    figures[`by.channel.${field(f.channel)}.${m}`] = n;
    figures[`by.category.${category}.${m}`] = n;
    figures[`by.priority.${field(f.priority)}.${m}`] = n;
    for (const [dim, value] of Object.entries(f.dims ?? {})) if (value) figures[`by.${dim}.${dimKey(value)}.${m}`] = n;
  }
  if (f.hist?.ack !== undefined) figures[`hist.ack.b${f.hist.ack}`] = 1;
  if (f.hist?.resolve !== undefined) figures[`hist.resolve.b${f.hist.resolve}`] = 1;
  for (const p of f.phrases ?? []) {
    const k = phraseKey(p);
    if (k) phrases[`phrases.${category}.${k}`] = 1;
  }
  return { figures, phrases };
}

interface Write {
  id: string;
  period: string;
  department: string;
  key: string;
  inc: Record<string, number>;
  /** Preventive measures listed in the figures document. */
  measures?: PreventiveMeasure[];
}

export class MongoRollupStore implements RollupWriter, RollupReader {
  /** Adds each fact to its day and its month, for all departments and for its own. */
  async apply(facts: DimensionedFact[]): Promise<void> {
    const byDoc = new Map<string, Write[]>();
    for (const f of facts) {
      const { figures, phrases } = increments(f);
      for (const period of [f.day, f.day.slice(0, 7)]) {
        for (const department of ['*', ...(f.department ? [f.department] : [])]) {
          const id = idOf(period, department);
          const writes: Write[] = [{ id, period, department, key: f.key, inc: figures, measures: f.measures }];
          if (Object.keys(phrases).length) writes.push({ id: id + PHRASES, period, department, key: f.key, inc: phrases });
          for (const w of writes) if (Object.keys(w.inc).length || w.measures?.length) byDoc.set(w.id, [...(byDoc.get(w.id) ?? []), w]);
        }
      }
    }
    // The phrase documents are listed for trimming before they grow (a small collection;
    // one insert for all, those listed already stay as they are).
    const phraseDocs = [...byDoc].filter(([id]) => id.endsWith(PHRASES)).map(([id, list]) => ({ _id: id, period: list[0]!.period }));
    await insertOnce(OpenPhrasesModel.collection, phraseDocs);
    // A document's facts go in one update when none of them is counted yet (the usual
    // case); otherwise one by one, so each is counted once. Documents one after another:
    // concurrent writes only make SQLite (FerretDB) wait for its lock.
    for (const list of byDoc.values()) {
      const first = list[0]!;
      if (await this.addOnce(first, list.map((w) => w.key), merge(list.map((w) => w.inc)), list.flatMap((w) => w.measures ?? []))) continue;
      if (list.length > 1) for (const w of list) await this.addOnce(w, [w.key], w.inc, w.measures ?? []);
    }
  }

  /** Adds inc unless the document holds one of the keys; false when it added nothing. */
  private async addOnce(doc: Write, keys: string[], inc: Record<string, number>, measures: PreventiveMeasure[]): Promise<boolean> {
    const collection = rollups(doc.period);
    const guard = { marks: { $nin: keys } };
    const update = { ...(Object.keys(inc).length ? { $inc: inc } : {}), $push: { marks: { $each: keys }, ...(measures.length ? { measures: { $each: measures } } : {}) } };
    try {
      const r = await writeIf(collection, doc.id, guard, (filter) => collection.updateOne(filter as never, { ...update, $setOnInsert: { period: doc.period, department: doc.department } } as never, { upsert: true }), { upsert: true });
      return !!r && r.matchedCount + r.upsertedCount > 0;
    } catch (err) {
      // The document exists: either it holds a key (counted already), or another
      // process created it a moment ago; then count into it, still only without the keys.
      if (!isDuplicateKey(err)) throw err;
      return ((await writeIf(collection, doc.id, guard, (filter) => collection.updateOne(filter as never, update as never)))?.matchedCount ?? 0) > 0;
    }
  }

  /**
   * Trims the phrase documents of days and months that are over (before `today`) to the
   * most frequent phrases per category: FerretDB reads a document in time proportional
   * to its fields, and a quarter's report should not read every phrase ever written.
   * Runs under the projector's lock, so no count is added between the read and the set.
   */
  async trimClosed(today: string): Promise<number> {
    const open = await OpenPhrasesModel.collection.find({}).toArray();
    let trimmed = 0;
    for (const o of open) {
      const period = String(o.period);
      if (period.length === 10 ? period >= today : period >= today.slice(0, 7)) continue;
      const collection = rollups(period);
      // Locked: an erasure may take phrases out meanwhile (the projector's own counts wait for this run).
      await lockedWrite(collection.collectionName, String(o._id), async () => {
        const doc = await collection.findOne({ _id: o._id }, { projection: { phrases: 1 } });
        if (doc) await collection.updateOne({ _id: o._id }, { $set: { phrases: trimPhraseCounts(doc.phrases ?? {}) } });
      });
      await OpenPhrasesModel.collection.deleteOne({ _id: o._id });
      trimmed++;
    }
    return trimmed;
  }

  /** Forgets keys whose events are done (they can no longer be retried). */
  async dropMarks(facts: Array<{ day: string; department: string | null; key: string }>): Promise<void> {
    const keysByDoc = new Map<string, { period: string; keys: string[] }>();
    for (const f of facts) {
      for (const period of [f.day, f.day.slice(0, 7)]) {
        for (const department of ['*', ...(f.department ? [f.department] : [])]) {
          for (const id of [idOf(period, department), idOf(period, department) + PHRASES]) {
            const entry = keysByDoc.get(id) ?? { period, keys: [] };
            entry.keys.push(f.key);
            keysByDoc.set(id, entry);
          }
        }
      }
    }
    // $pullAll by _id: FerretDB ignores $pull with $in, and scans for an _id $in filter.
    for (const [id, { period, keys }] of keysByDoc) await rollups(period).updateOne({ _id: id as never }, { $pullAll: { marks: keys } } as never);
  }

  /**
   * A range's documents for the departments asked ('*': all departments together); the
   * phrases only of the first (the report's own scope), the others give their figures.
   */
  async read(from: string, to: string, departments: string[]): Promise<Rollup[]> {
    const periods = coverOf(from, to);
    const ids = departments.flatMap((d, i) => periods.flatMap((p) => [[p, idOf(p, d)], ...(i === 0 ? [[p, idOf(p, d) + PHRASES]] : [])]));
    const docs = await inParallel(ids, 8, ([period, id]) => rollups(period!).findOne({ _id: id as never }, { projection: { marks: 0 } }));
    const out = new Map<string, Rollup>();
    for (const d of docs) {
      if (!d) continue;
      const id = String(d._id).replace(PHRASES, '');
      const r = out.get(id) ?? { period: String(d.period), department: String(d.department), totals: {}, by: {}, hist: {}, phrases: {} };
      if (String(d._id).endsWith(PHRASES)) r.phrases = d.phrases ?? {};
      else Object.assign(r, { totals: (d.totals ?? {}) as Counts, by: decodeExtra(d.by ?? {}), hist: { ack: histogram(d.hist?.ack), resolve: histogram(d.hist?.resolve) }, measures: (d.measures ?? []) as PreventiveMeasure[] });
      out.set(id, r);
    }
    return [...out.values()];
  }

  /**
   * Takes a case's phrases back out of its day's and month's phrase counts (a forgotten
   * customer's own words must not stay in the reports); a phrase no case has any more
   * disappears. The figures stay: they hold nothing that identifies anyone.
   */
  async removePhrases({ day, department, category, phrases }: CountedPhrases): Promise<void> {
    const cat = field(category ?? 'uncategorised');
    for (const period of [day, day.slice(0, 7)]) {
      const collection = rollups(period);
      for (const dep of ['*', ...(department ? [department] : [])]) {
        const id = idOf(period, dep) + PHRASES;
        // Under the document's lock: the projector's counts go into it meanwhile.
        await lockedWrite(collection.collectionName, id, async () => {
          const doc = await collection.findOne({ _id: id as never }, { projection: { [`phrases.${cat}`]: 1 } });
          const counts = (doc?.phrases?.[cat] ?? {}) as Record<string, number>;
          const present = [...new Set(phrases.map(phraseKey))].filter((k) => k && counts[k] !== undefined);
          if (!present.length) return;
          const path = (k: string) => `phrases.${cat}.${k}`;
          const last = present.filter((k) => counts[k]! <= 1);
          const more = present.filter((k) => counts[k]! > 1);
          await collection.updateOne({ _id: id as never }, {
            ...(more.length ? { $inc: Object.fromEntries(more.map((k) => [path(k), -1])) } : {}),
            ...(last.length ? { $unset: Object.fromEntries(last.map((k) => [path(k), 1])) } : {}),
          } as never);
        });
      }
    }
  }

  async clear(): Promise<void> {
    await Promise.all([DayRollupModel, MonthRollupModel, OpenPhrasesModel].map((m) => m.collection.deleteMany({})));
  }
}

/** The extra dimensions' values back from their field-path form. */
function decodeExtra(by: Record<string, Record<string, Counts>>): Record<string, Record<string, Counts>> {
  const out = { ...by };
  for (const dim of EXTRA_DIMENSIONS) if (by[dim]) out[dim] = Object.fromEntries(Object.entries(by[dim]).map(([k, c]) => [fromDimKey(k), c]));
  return out;
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

async function inParallel<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  }));
  return out;
}
