// LinkAnswerStore on MongoDB/FerretDB: link_answers, one document per answer given by a
// signed link (pipeline/case/linkAnswers), by _id; and what a link's page shows of its
// case, looked up by number (through case_numbers).
import mongoose from 'mongoose';
import type { LinkAnswer, LinkAnswerStore, LinkCase } from '../../pipeline/case/linkAnswers.js';
import type { Proposal } from '../../domain/case/consent.js';
import type { SuggestionOutcome } from '../../domain/case/staffUpdate.js';
import { initialsOf } from '../../domain/case/recognition.js';
import { createOnce } from './createOnce.js';
import { keyedSchema } from './models/keyedSchema.js';
import { portalCase } from './portalCase.js';

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
  const found = await portalCase(caseNumber, { proposal: 1, 'suggestion.outcome': 1, 'customer.name': 1 });
  if (!found) return null;
  const c = found.doc;
  const p = c.proposal as Proposal | null | undefined;
  const o = c.suggestion?.outcome as SuggestionOutcome | undefined;
  return {
    ...found.shown,
    proposal: p ? { text: p.text, at: p.at, state: p.state } : null,
    adopted: o?.kind === 'adopted' ? { at: o.at, plan: o.text, initials: initialsOf(c.customer?.name ?? '') } : null,
  };
}
