// A staff correction of a case's category (P-7): the case takes the new category, the
// correction is kept as a labelled example (the case's text with the right answer), and
// every worker retrains on its next screening. Repeating a correction replaces it.
import type { LabelledText } from '../../domain/classify/classifier.js';
import type { ScreeningRuntime } from './screeningRuntime.js';

export interface CorrectionStore {
  /** The case's subject and first message, or null if there is no such case. */
  caseText(caseId: string): Promise<{ caseNumber: string; text: string; category: string | null } | null>;
  setCategory(caseId: string, category: string, by: string, at: Date, from: string | null): Promise<void>;
}

export interface CorrectDeps {
  store: CorrectionStore;
  examples: { putExample(id: string, example: LabelledText & { caseId?: string; by: string }, now: Date): Promise<void> };
  runtime: ScreeningRuntime;
  now: () => Date;
}

export class CorrectionError extends Error {
  override name = 'CorrectionError';
}

export async function correctCategory(caseId: string, category: string, by: string, deps: CorrectDeps): Promise<void> {
  const config = await deps.runtime.config();
  if (!config.categories.some((c) => c.id === category)) {
    throw new CorrectionError(`"${category}" is not a category; use one of: ${config.categories.map((c) => c.id).join(', ')}`);
  }
  const c = await deps.store.caseText(caseId);
  if (!c) throw new CorrectionError(`no case with id ${caseId}`);
  const now = deps.now();
  await deps.examples.putExample(`case:${caseId}`, { text: c.text, category, caseId, by }, now);
  await deps.store.setCategory(caseId, category, by, now, c.category);
  deps.runtime.invalidate();
}
