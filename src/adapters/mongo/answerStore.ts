// AnswerStore on MongoDB/FerretDB: survey_answers, one document per answer, by _id;
// and the case a survey link names, looked up by number (through case_numbers).
import type { AnswerStore, StoredAnswer } from '../../pipeline/survey/ports.js';
import type { Answer } from '../../domain/survey/feedback.js';
import type { SurveyCase } from '../../pipeline/survey/surveyPortal.js';
import type { Locale } from '../../domain/intake/language.js';
import { CaseNumberModel, SurveyAnswerModel } from './models/lookupModels.js';
import { CaseModel } from './models/caseModel.js';
import { createOnce } from './createOnce.js';

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
  const ref = await CaseNumberModel.findById(caseNumber).lean();
  const c = ref ? await CaseModel.findById(ref.caseId, { number: 1, subject: 1, locale: 1, status: 1, 'survey.sentAt': 1 }).lean() : null;
  return c ? { caseId: c._id, caseNumber: c.number, subject: c.subject ?? '', locale: c.locale as Locale, status: c.status, surveySent: !!c.survey?.sentAt } : null;
}
