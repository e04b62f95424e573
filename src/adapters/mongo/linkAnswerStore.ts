// LinkAnswerStore on MongoDB/FerretDB: link_answers, one document per answer given by a
// signed link (pipeline/case/linkAnswers), by _id; and what a link's page shows of its
// case, looked up by number (through case_numbers).
import mongoose from 'mongoose';
import type { LinkAnswer, LinkAnswerStore, LinkCase } from '../../pipeline/case/linkAnswers.js';
import type { Locale } from '../../domain/intake/language.js';
import type { Proposal } from '../../domain/case/consent.js';
import type { SuggestionOutcome } from '../../domain/case/staffUpdate.js';
import { initialsOf } from '../../domain/case/recognition.js';
import { CaseNumberModel } from './models/lookupModels.js';
import { CaseModel } from './models/caseModel.js';
import { createOnce } from './createOnce.js';
import { keyedSchema } from './models/keyedSchema.js';

export const LinkAnswerModel = mongoose.model('LinkAnswer', keyedSchema({ collection: 'link_answers' }, {
  caseId: { type: String, required: true },
  purpose: String,
  choice: String,
  stamp: Number,
  words: { type: String, default: '' },
  at: { type: Date, required: true },
}));

export class MongoLinkAnswerStore implements LinkAnswerStore {
  async get(id: string): Promise<LinkAnswer | null> {
    const d = await LinkAnswerModel.findById(id).lean();
    return d ? { id, caseId: d.caseId, purpose: d.purpose as LinkAnswer['purpose'], choice: d.choice as LinkAnswer['choice'], stamp: d.stamp ?? 0, words: d.words ?? '', at: d.at } : null;
  }

  async put(a: LinkAnswer): Promise<boolean> {
    return (await createOnce(LinkAnswerModel, { _id: a.id, caseId: a.caseId, purpose: a.purpose, choice: a.choice, stamp: a.stamp, words: a.words, at: a.at })) !== null;
  }
}

export async function linkCase(caseNumber: string): Promise<LinkCase | null> {
  const ref = await CaseNumberModel.findById(caseNumber).lean();
  const c = ref ? await CaseModel.findById(ref.caseId, { number: 1, subject: 1, locale: 1, status: 1, proposal: 1, 'suggestion.outcome': 1, 'customer.name': 1 }).lean() : null;
  if (!c) return null;
  const p = c.proposal as Proposal | null | undefined;
  const o = c.suggestion?.outcome as SuggestionOutcome | undefined;
  return {
    caseId: c._id,
    caseNumber: c.number,
    subject: c.subject ?? '',
    locale: c.locale as Locale,
    status: c.status,
    proposal: p ? { text: p.text, at: p.at, state: p.state } : null,
    adopted: o?.kind === 'adopted' ? { at: o.at, plan: o.text, initials: initialsOf(c.customer?.name ?? '') } : null,
  };
}
