// The screening configuration and the labelled examples in MongoDB. The configuration is
// seeded from its file on first start, and afterwards the database is the truth (one
// that fails validation is never stored, nor used if edited by hand); the seed examples
// follow the seed files, next to the staff's corrections.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { parseScreeningConfig, InvalidConfigError, type ScreeningConfig } from '../../domain/settings/screeningConfig.js';
import type { LabelledText } from '../../domain/classify/classifier.js';
import type { LabelledMail } from '../../domain/classify/labelledMail.js';
import { readLabelledMails } from '../files/labelledMailFiles.js';
import type { ScreeningSource, Versions } from '../../pipeline/classify/ports.js';
import { LabelledExampleModel, SettingModel } from './models/screeningModels.js';
import { isDuplicateKey } from './events.js';
import { lockedWrite } from './documentLocks.js';
import { findByIds } from './findByIds.js';

const CONFIG = 'screening';
const CLASSIFIER = 'classifier';

export class MongoSettingsStore implements ScreeningSource {
  constructor(private readonly seed_: { configFile: string; examplesFile: string }) {}

  /**
   * Stores the seed configuration unless the database has one, and brings the seed
   * examples in line with the seed files whenever those change: a deployment that
   * updates the repository learns from its new labelled mails on the next start, and
   * staff corrections (stored under other ids) stay.
   */
  async seed(now: Date): Promise<void> {
    if (!(await SettingModel.exists({ _id: CONFIG }))) {
      const config = await readConfigFile(this.seed_.configFile);
      await insertOnce({ _id: CONFIG, value: config, version: 1, updatedAt: now, updatedBy: `seed:${this.seed_.configFile}` });
    }
    const examples = readExamplesFile(this.seed_.examplesFile);
    const digest = createHash('sha256').update(JSON.stringify(examples)).digest('hex');
    const current = await SettingModel.findById(CLASSIFIER).lean();
    if ((current?.value as { seedDigest?: string } | undefined)?.seedDigest === digest) return;
    // Only what differs is written: inserting 2,000 mails takes a second on FerretDB,
    // replacing them one by one five. Ids make a repeated or concurrent seed write nothing twice.
    const stored = new Map((await LabelledExampleModel.find({ source: 'seed' }, { text: 1, category: 1, priority: 1, sentiment: 1, tags: 1 }).lean()).map((d) => [d._id, d]));
    const wanted = new Map(examples.map((e) => [`seed:${e.id}`, e.example]));
    const fresh: Array<LabelledText & { _id: string }> = [];
    const changed: Array<LabelledText & { _id: string }> = [];
    for (const [id, e] of wanted) {
      const d = stored.get(id);
      if (!d) fresh.push({ _id: id, ...e });
      else if (d.text !== e.text || d.category !== e.category || (d.priority ?? undefined) !== e.priority || (d.sentiment ?? undefined) !== e.sentiment || tagsKey(d.tags) !== tagsKey(e.tags)) changed.push({ _id: id, ...e });
    }
    if (fresh.length) {
      await LabelledExampleModel.insertMany(
        fresh.map((e) => ({ ...e, source: 'seed', at: now })),
        { ordered: false },
      ).catch((err: unknown) => {
        if (!isDuplicateKey(err)) throw err;
      });
    }
    if (changed.length) {
      await LabelledExampleModel.bulkWrite(
        changed.map((e) => ({ replaceOne: { filter: { _id: e._id }, replacement: { ...e, source: 'seed', at: now }, upsert: true } })),
        { ordered: false, throwOnValidationError: true },
      );
    }
    const gone = [...stored.keys()].filter((id) => !wanted.has(id));
    if (gone.length) await LabelledExampleModel.deleteMany({ _id: { $in: gone } });
    await lockedWrite('settings', CLASSIFIER, () =>
      SettingModel.updateOne(
        { _id: CLASSIFIER },
        { $set: { value: { seededFrom: this.seed_.examplesFile, seedDigest: digest }, updatedAt: now, updatedBy: 'seed' }, $inc: { version: 1 } },
        { upsert: true },
      ),
    );
  }

  async versions(): Promise<Versions> {
    const docs = await findByIds<{ _id: string; version: number }>(SettingModel as never, [CONFIG, CLASSIFIER], { version: 1 });
    const v = (id: string) => docs.find((d) => d._id === id)?.version ?? 0;
    return { config: v(CONFIG), examples: v(CLASSIFIER) };
  }

  async config(): Promise<ScreeningConfig> {
    const doc = await SettingModel.findById(CONFIG).lean();
    if (!doc) throw new Error('no screening configuration in the database; start the app once to seed it from config/screening.json');
    try {
      return parseScreeningConfig(doc.value);
    } catch (err) {
      if (err instanceof InvalidConfigError) throw new InvalidConfigError(err.problems.map((p) => `settings._id="${CONFIG}" in MongoDB: ${p}`));
      throw err;
    }
  }

  /** Validates and stores a new configuration; returns its version. */
  async saveConfig(raw: unknown, by: string, now: Date): Promise<number> {
    const config = parseScreeningConfig(raw);
    const doc = await lockedWrite('settings', CONFIG, () =>
      SettingModel.findOneAndUpdate({ _id: CONFIG }, { $set: { value: config, updatedAt: now, updatedBy: by }, $inc: { version: 1 } }, { new: true, upsert: true }).lean(),
    );
    return doc!.version;
  }

  async examples(): Promise<LabelledText[]> {
    const docs = await LabelledExampleModel.find({}, { text: 1, category: 1, priority: 1, sentiment: 1, tags: 1 }).lean();
    return docs.map((d) => ({ text: d.text, category: d.category, priority: d.priority ?? undefined, sentiment: d.sentiment ?? undefined, ...(d.tags ? { tags: d.tags } : {}) }));
  }

  /** Stores (or replaces) a labelled example and tells every worker to retrain. */
  async putExample(id: string, example: LabelledText & { caseId?: string; by: string }, now: Date): Promise<void> {
    await LabelledExampleModel.updateOne({ _id: id }, { $set: { ...example, source: 'correction', at: now } }, { upsert: true });
    await lockedWrite('settings', CLASSIFIER, () => SettingModel.updateOne({ _id: CLASSIFIER }, { $inc: { version: 1 }, $set: { updatedAt: now, updatedBy: example.by } }, { upsert: true }));
  }
}

async function insertOnce(doc: { _id: string; value: unknown; version: number; updatedAt: Date; updatedBy: string }): Promise<void> {
  try {
    await SettingModel.create(doc);
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
  }
}

async function readConfigFile(file: string): Promise<ScreeningConfig> {
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(file, 'utf8'));
  } catch (err) {
    throw new Error(`cannot read the screening configuration ${file} (SCREENING_CONFIG_FILE): ${(err as Error).message}`, { cause: err });
  }
  try {
    return parseScreeningConfig(raw);
  } catch (err) {
    if (err instanceof InvalidConfigError) throw new InvalidConfigError(err.problems.map((p) => `${file}: ${p}`));
    throw err;
  }
}

function readExamplesFile(file: string): Array<{ id: string; example: LabelledText }> {
  try {
    return readLabelledMails(file).map((e) => ({ id: e.id, example: labelsOf(e) }));
  } catch (err) {
    throw new Error(`cannot read the classifier's seed examples (CLASSIFIER_SEED_FILE): ${(err as Error).message}`, { cause: err });
  }
}

function labelsOf(e: LabelledMail): LabelledText {
  return { text: `${e.subject}\n${e.text}`, category: e.category, ...(e.priority ? { priority: e.priority } : {}), ...(e.sentiment ? { sentiment: e.sentiment } : {}), ...(e.tags ? { tags: e.tags } : {}) };
}

// Tags compared as a set; a mail never tagged differs from one tagged with none.
const tagsKey = (tags: readonly string[] | null | undefined) => (tags ? [...tags].sort().join('\n') : '-');
