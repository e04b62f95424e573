// AnswerStore on MongoDB/FerretDB: survey_answers, one document per answer, by _id;
// and the case a survey link names, looked up by number (through case_numbers).
import type { AnswerStore, StoredAnswer } from '../../pipeline/survey/ports.js';
import type { Answer } from '../../domain/survey/feedback.js';
import type { SurveyCase } from '../../pipeline/survey/surveyPortal.js';
import { SurveyAnswerModel } from './models/lookupModels.js';
import { createOnce } from './createOnce.js';
import { portalCase } from './portalCase.js';

export class MongoAnswerStore implements AnswerStore {
  async get(id: string): Promise<StoredAnswer | null> {
    const d = await SurveyAnswerModel.findById(id).lean();
    if (!d) return null;
    const answer: Answer = d.answer === 'score' ? { kind: 'score', score: d.score! } : { kind: d.answer as 'fixed' | 'not-fixed' };
    return { id, caseId: d.caseId, answer, comment: d.comment ?? '', source: d.source as 'link' | 'reply', at: d.at };
  }

  async put(a: StoredAnswer): Promise<boolean> {
    return (await createOnce(SurveyAnswerModel, { _id: a.id, caseId: a.caseId, answer: a.answer.kind, ...(a.answer.kind === 'score' ? { score: a.answer.score } : {}), comment: a.comment, source: a.source, at: a.at })) !== null;
  }
}

export async function surveyCase(caseNumber: string): Promise<SurveyCase | null> {
  const found = await portalCase(caseNumber, { 'survey.sentAt': 1 });
  return found && { ...found.shown, surveySent: !!found.doc.survey?.sentAt };
}
