// What the steps after a resolution need beyond case work: the stored customer answers
// and the way survey links are made.
import type { Answer } from '../../domain/survey/feedback.js';
import type { CaseWorkDeps } from '../case/caseWorkDeps.js';

export interface StoredAnswer {
  id: string;
  caseId: string;
  answer: Answer;
  comment: string;
  source: 'link' | 'reply';
  at: Date;
}

export interface AnswerStore {
  get(id: string): Promise<StoredAnswer | null>;
  /** Stores the answer; false when one with its id exists (a replayed page, a repeated mail). */
  put(answer: StoredAnswer): Promise<boolean>;
}

export interface SurveyDeps extends CaseWorkDeps {
  answers: AnswerStore;
  /** The signed link to the survey page for a score (0: comment only). */
  surveyLink: (caseNumber: string, score: number, expiresAt: Date) => string;
}
