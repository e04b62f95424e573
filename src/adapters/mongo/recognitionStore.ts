// RecognitionStore on MongoDB/FerretDB: the author's answer on the case
// (suggestion.recognition) and the public page's entries in `recognitions`, one per
// case by _id, holding only what the page shows (the name agreed to, the adopted plan,
// the month). A small collection read whole: one entry per adopted suggestion whose
// author agreed.
import type { PublicRecognition, Recognition } from '../../domain/case/recognition.js';
import type { SuggestionOutcome } from '../../domain/case/staffUpdate.js';
import type { RecognitionStore } from '../../pipeline/case/recognize.js';
import { CaseModel } from './models/caseModel.js';
import mongoose from 'mongoose';
import { keyedSchema } from './models/keyedSchema.js';

export const RecognitionModel = mongoose.model('Recognition', keyedSchema({ collection: 'recognitions' }, { name: String, plan: String, adoptedAt: Date }));

/** Takes the cases off the public page (their data is erased). */
export async function forgetRecognitions(caseIds: string[]): Promise<void> {
  for (const id of caseIds) await RecognitionModel.deleteOne({ _id: id });
}

export class MongoRecognitionStore implements RecognitionStore {
  async suggestionOf(caseId: string) {
    const c = await CaseModel.findById(caseId, { suggestion: 1, customer: 1 }).lean();
    if (!c) return null;
    const outcome = (c.suggestion?.outcome as SuggestionOutcome | undefined) ?? null;
    return { outcome: outcome?.kind === 'adopted' ? outcome : null, recognition: (c.suggestion?.recognition as Recognition | undefined) ?? null, customerName: c.customer?.name ?? '' };
  }

  async set(caseId: string, recognition: Recognition, listed: PublicRecognition | null): Promise<void> {
    await CaseModel.updateOne({ _id: caseId }, { $set: { 'suggestion.recognition': recognition } });
    if (listed) await RecognitionModel.updateOne({ _id: caseId }, { $set: { name: listed.name, plan: listed.plan, adoptedAt: listed.adoptedAt } }, { upsert: true });
    else await RecognitionModel.deleteOne({ _id: caseId });
  }

  async list(limit: number): Promise<PublicRecognition[]> {
    const docs = await RecognitionModel.find({}).lean();
    return docs
      .map((d) => ({ caseId: d._id, name: d.name ?? '', plan: d.plan ?? '', adoptedAt: d.adoptedAt ?? new Date(0) }))
      .sort((a, b) => b.adoptedAt.getTime() - a.adoptedAt.getTime())
      .slice(0, limit);
  }
}
