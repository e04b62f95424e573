// faq_answers: the knowledge base (P-25), small enough to read whole; which cases were
// offered which answer is on the case (suggestedFaq), so "did it help" is counted there.
import { randomUUID } from 'node:crypto';
import mongoose from 'mongoose';
import { keyedSchema } from './models/keyedSchema.js';
import type { FaqAnswer } from '../../domain/knowledge/faqMatch.js';
import type { Locale } from '../../domain/intake/language.js';
import { CaseModel } from './models/caseModel.js';
import type { FaqUse } from '../http/console/ports.js';

export type { FaqUse };

const FaqModel = mongoose.model('Faq', keyedSchema({ collection: 'faq_answers' }, { title: String, answer: String, category: String, locale: String, caseNumber: String, by: String, at: Date }));

// Every acknowledgement looks up its category's answers. The knowledge base is small and
// changes seldom, so it is read whole at most this often: one read per burst instead of
// one per case. An answer saved in this process counts at once, in another within this.
const READ_EVERY_MS = 10_000;

export class MongoFaqStore {
  private read: { at: number; answers: Promise<FaqAnswer[]> } | null = null;

  async add(a: Omit<FaqAnswer, 'id'> & { caseNumber: string; by: string; at: Date }): Promise<string> {
    const id = randomUUID();
    await FaqModel.create({ _id: id, ...a });
    this.read = null;
    return id;
  }

  async answers(category: string): Promise<FaqAnswer[]> {
    if (!this.read || Date.now() - this.read.at > READ_EVERY_MS) {
      const read = { at: Date.now(), answers: FaqModel.find({}).lean().then((docs) => docs.map((d) => ({ id: d._id, title: d.title ?? '', answer: d.answer ?? '', category: d.category ?? '', locale: (d.locale ?? 'en') as Locale }))) };
      this.read = read;
      // A failed read is not kept: the next acknowledgement reads again.
      read.answers.catch(() => {
        if (this.read === read) this.read = null;
      });
    }
    return (await this.read.answers).filter((a) => a.category === category);
  }

  /** Every answer, for the public FAQ page. */
  async all(): Promise<FaqAnswer[]> {
    return (await FaqModel.find({}).sort({ at: -1 }).lean()).map((d) => ({ id: d._id, title: d.title ?? '', answer: d.answer ?? '', category: d.category ?? '', locale: (d.locale ?? 'en') as Locale }));
  }

  async usage(): Promise<FaqUse[]> {
    const [faqs, offered] = await Promise.all([FaqModel.find({}).sort({ at: -1 }).lean(), CaseModel.find({ suggestedFaq: { $exists: true } }, { suggestedFaq: 1, status: 1, appliedMessages: 1 }).lean()]);
    return faqs.map((f) => {
      const cases = offered.filter((c) => c.suggestedFaq === f._id);
      return {
        id: f._id,
        title: f.title ?? '',
        category: f.category ?? '',
        locale: f.locale ?? '',
        caseNumber: f.caseNumber ?? '',
        by: f.by ?? '',
        suggested: cases.length,
        helped: cases.filter((c) => c.status === 'closed' && (c.appliedMessages ?? []).length <= 1).length,
      };
    });
  }
}
