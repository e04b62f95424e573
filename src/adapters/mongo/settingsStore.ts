// The screening configuration and the labelled examples in MongoDB. On first start both
// are seeded from files in the repository; afterwards the database is the truth, and
// a configuration that fails validation is never stored (nor used, if edited by hand).
import { readFile } from 'node:fs/promises';
import { parseScreeningConfig, InvalidConfigError, type ScreeningConfig } from '../../domain/settings/screeningConfig.js';
import type { LabelledText } from '../../domain/classify/classifier.js';
import type { ScreeningSource, Versions } from '../../pipeline/classify/ports.js';
import { LabelledExampleModel, SettingModel } from './models/screeningModels.js';
import { isDuplicateKey } from './events.js';
import { lockedWrite } from './documentLocks.js';
import { findByIds } from './findByIds.js';

const CONFIG = 'screening';
const CLASSIFIER = 'classifier';

export class MongoSettingsStore implements ScreeningSource {
  constructor(private readonly seed: { configFile: string; examplesFile: string }) {}

  /** Stores the seed configuration and examples unless the database has them already. */
  async seedIfEmpty(now: Date): Promise<void> {
    if (!(await SettingModel.exists({ _id: CONFIG }))) {
      const config = await readConfigFile(this.seed.configFile);
      await insertOnce({ _id: CONFIG, value: config, version: 1, updatedAt: now, updatedBy: `seed:${this.seed.configFile}` });
    }
    if (!(await SettingModel.exists({ _id: CLASSIFIER }))) {
      const examples = await readExamplesFile(this.seed.examplesFile);
      // Ids from the file make a repeated or concurrent seed insert nothing twice.
      await LabelledExampleModel.insertMany(
        examples.map((e) => ({ _id: `seed:${e.id}`, text: e.text, category: e.category, source: 'seed', at: now })),
        { ordered: false },
      ).catch((err: unknown) => {
        if (!isDuplicateKey(err)) throw err;
      });
      await insertOnce({ _id: CLASSIFIER, value: { seededFrom: this.seed.examplesFile }, version: 1, updatedAt: now, updatedBy: 'seed' });
    }
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
    const docs = await LabelledExampleModel.find({}, { text: 1, category: 1 }).lean();
    return docs.map((d) => ({ text: d.text, category: d.category }));
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

async function readExamplesFile(file: string): Promise<Array<LabelledText & { id: string }>> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new Error(`cannot read the classifier's seed examples ${file} (CLASSIFIER_SEED_FILE): ${(err as Error).message}`, { cause: err });
  }
  return text
    .split('\n')
    .filter((l) => l.trim())
    .map((line, i) => {
      const e = JSON.parse(line) as { id?: string; subject?: string; text?: string; category?: string };
      if (!e.id || !e.text || !e.category) throw new Error(`${file}:${i + 1}: every line needs "id", "text" and "category"`);
      return { id: e.id, text: `${e.subject ?? ''}\n${e.text}`, category: e.category };
    });
}
