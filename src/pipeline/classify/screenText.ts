// The CPU-bound part of screening a case: the decisions, the text's incident signature
// and its product. Pure; run in a worker thread (adapters/worker) so that a slow mail
// cannot stop the process's event loop.
import { screen, type Screening } from '../../domain/classify/screen.js';
import type { Classifier } from '../../domain/classify/classifier.js';
import { productOf, signature, type Signature } from '../../domain/incident/incidentMatch.js';

export interface ScreenedText {
  screening: Screening;
  signature: Signature;
  product: string;
}

export function screenText(classifier: Classifier, subject: string, body: string): ScreenedText {
  const s = screen(classifier, subject, body);
  return { screening: s, signature: signature(s.normalized), product: productOf(s.normalized, classifier.config.incident.products) };
}
