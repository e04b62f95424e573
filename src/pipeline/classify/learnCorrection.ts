// A staff correction of a case's category (P-7) teaches the classifier: the case's text
// with the right answer is kept as a labelled example, and every worker retrains on its
// next screening. Repeating a correction replaces it. (The case itself takes the new
// category with the rest of the staff reply: see pipeline/case/applyStaffReply.)
import type { LabelledText } from '../../domain/classify/classifier.js';
import type { ScreeningRuntime } from './screeningRuntime.js';

export interface CorrectionStore {
  /** The case's subject and first message, or null if there is no such case. */
  caseText(caseId: string): Promise<string | null>;
}

export interface LearnDeps {
  texts: CorrectionStore;
  examples: { putExample(id: string, example: LabelledText & { caseId?: string; by: string }, now: Date): Promise<void> };
  runtime: ScreeningRuntime;
  now: () => Date;
}

export async function learnCorrection(caseId: string, category: string, by: string, deps: LearnDeps): Promise<void> {
  const text = await deps.texts.caseText(caseId);
  if (text === null) return;
  await deps.examples.putExample(`case:${caseId}`, { text, category, caseId, by }, deps.now());
  deps.runtime.invalidate();
}
