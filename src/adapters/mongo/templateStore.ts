// Admins' edits of the reply templates: every saved version is kept (template_versions,
// by "name/locale/version"), and template_live points each template at the version in
// use (0: the file in templates/). Only versions that passed the check are saved, so the
// one in use is always the last good one.
import type { TemplateSource } from '../templates/handlebarsRenderer.js';
import { lockedWrite } from './documentLocks.js';
import type { VersionInfo } from '../http/console/ports.js';
import mongoose from 'mongoose';
import { keyedSchema } from './models/keyedSchema.js';

export type { VersionInfo };

const TemplateVersionModel = mongoose.model('TemplateVersion', keyedSchema({ collection: 'template_versions' }, { name: String, locale: String, version: Number, subject: String, text: String, html: String, by: String, at: Date, note: String }));

const TemplateLiveModel = mongoose.model('TemplateLive', keyedSchema({ collection: 'template_live' }, {
  name: String,
  locale: String,
  version: { type: Number, default: 0 },
  latest: { type: Number, default: 0 },
  by: String,
  at: Date,
  failure: { version: Number, message: String, at: Date },
}));

export class MongoTemplateStore {
  async live(name: string, locale: string): Promise<{ version: number; latest: number; failure: { message: string; at: Date } | null }> {
    const d = await TemplateLiveModel.findById(`${name}/${locale}`).lean();
    const version = d?.version ?? 0;
    // A failure counts for the version it happened to; saving or rolling back leaves it behind.
    const failure = d?.failure?.version === version && d.failure.at ? { message: d.failure.message ?? '', at: d.failure.at } : null;
    return { version, latest: d?.latest ?? 0, failure };
  }

  /** Notes that the version in use failed on a real case (the built-in template was sent). */
  async recordFailure(name: string, locale: string, message: string, at: Date): Promise<void> {
    const { version } = await this.live(name, locale);
    if (version > 0) await TemplateLiveModel.updateOne({ _id: `${name}/${locale}` }, { $set: { failure: { version, message: message.slice(0, 500), at } } });
  }

  async history(name: string, locale: string): Promise<VersionInfo[]> {
    const { latest } = await this.live(name, locale);
    const ids = Array.from({ length: latest }, (_, i) => `${name}/${locale}/${latest - i}`);
    const docs = await Promise.all(ids.map((id) => TemplateVersionModel.findById(id).lean()));
    return docs.filter((d) => d !== null).map((d) => ({ version: d.version!, by: d.by ?? '', at: d.at!, note: d.note ?? '' }));
  }

  async version(name: string, locale: string, version: number): Promise<TemplateSource | null> {
    const d = await TemplateVersionModel.findById(`${name}/${locale}/${version}`).lean();
    return d ? { subject: d.subject ?? '', text: d.text ?? '', html: d.html ?? '' } : null;
  }

  /** Stores a checked version and puts it in use; returns its number. */
  async save(name: string, locale: string, source: TemplateSource, by: string, at: Date, note = ''): Promise<number> {
    const id = `${name}/${locale}`;
    return lockedWrite('template_live', id, async () => {
      const { latest } = await this.live(name, locale);
      const version = latest + 1;
      await TemplateVersionModel.create({ _id: `${id}/${version}`, name, locale, version, ...source, by, at, note });
      await TemplateLiveModel.updateOne({ _id: id }, { $set: { name, locale, version, latest: version, by, at } }, { upsert: true });
      return version;
    });
  }

  /** Puts an earlier version (0: the file) back in use. */
  async rollback(name: string, locale: string, version: number, by: string, at: Date): Promise<void> {
    const id = `${name}/${locale}`;
    await lockedWrite('template_live', id, () => TemplateLiveModel.updateOne({ _id: id }, { $set: { name, locale, version, by, at } }, { upsert: true }));
  }

  /** Every edited template in use, with its source. */
  async inUse(): Promise<Array<{ name: string; locale: string; source: TemplateSource }>> {
    const live = await TemplateLiveModel.find({ version: { $gt: 0 } }).lean();
    const out = await Promise.all(live.map(async (l) => ({ name: l.name!, locale: l.locale!, source: await this.version(l.name!, l.locale!, l.version) })));
    return out.filter((x): x is { name: string; locale: string; source: TemplateSource } => x.source !== null);
  }
}
