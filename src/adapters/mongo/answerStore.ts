// AnswerStore on MongoDB/FerretDB: survey_answers, one document per answer, by _id.
import type { AnswerStore, StoredAnswer } from '../../pipeline/survey/ports.js';
import type { Answer } from '../../domain/survey/feedback.js';
import { SurveyAnswerModel } from './models/lookupModels.js';
import { isDuplicateKey } from './events.js';

export class MongoAnswerStore implements AnswerStore {
  async get(id: string): Promise<StoredAnswer | null> {
    const d = await SurveyAnswerModel.findById(id).lean();
    if (!d) return null;
    const answer: Answer = d.answer === 'score' ? { kind: 'score', score: d.score! } : { kind: d.answer as 'fixed' | 'not-fixed' };
    return { id, caseId: d.caseId, answer, comment: d.comment ?? '', source: d.source as 'link' | 'reply', at: d.at };
  }

  async put(a: StoredAnswer): Promise<boolean> {
    try {
      await SurveyAnswerModel.create({ _id: a.id, caseId: a.caseId, answer: a.answer.kind, ...(a.answer.kind === 'score' ? { score: a.answer.score } : {}), comment: a.comment, source: a.source, at: a.at });
      return true;
    } catch (err) {
      if (isDuplicateKey(err)) return false;
      throw err;
    }
  }
}
