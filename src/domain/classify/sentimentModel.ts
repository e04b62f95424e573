// Sentiment (P-9) learned from labelled mails on top of the lexicon: the model reads the
// words, the lexicon's verdict and cues, and the shape of the mail (a question, thanks,
// a greeting), so it can learn that thanks around a complaint is courtesy, not
// satisfaction, and that a plain question is neutral. Without a trained model the
// lexicon decides alone. The lexicon's score and its strong-negative verdict stay,
// since they say how upset the customer is (P-9 handles those first).
import { predictLogistic, strongestFor, trainLogistic, type LogisticModel } from './logistic.js';
import { mailShape } from './mailShape.js';
import type { Sentiment, SentimentLabel } from './sentiment.js';

const LABELS: SentimentLabel[] = ['negative', 'neutral', 'positive'];
// Shapes of a mail that, without words of praise, cannot make it positive.
const NOT_PRAISE = ['shape:question'];
const MIN_EXAMPLES = 50;

// Words of courtesy, left out of the text the model reads: otherwise it learns from short
// thank-you mails that 「谢谢」 means satisfied, and reads thanks around a complaint as
// praise. Courtesy still counts, as part of the mail's shape.
const COURTESY_TERM = /谢|thank|appreciat|regard|cheers|dear|^hi$|hello|您好|你好|辛苦|敬上/;

/** What the sentiment model reads besides the text: the lexicon's reading and the mail's shape. */
export function sentimentFeatures(normalized: string, textFeatures: readonly string[], lexicon: Sentiment): string[] {
  const out = [...textFeatures.filter((f) => !COURTESY_TERM.test(f)), `lex:${lexicon.label}`, `lexscore:${Math.round(lexicon.score * 4)}`];
  if (lexicon.strong) out.push('lex:strong');
  for (const c of lexicon.cues) if (!COURTESY_TERM.test(c)) out.push(`cue:${c}`);
  out.push(...mailShape(normalized));
  return out;
}

export function trainSentimentModel(examples: ReadonlyArray<{ features: string[]; sentiment: string }>): LogisticModel | null {
  const labelled = examples.filter((e) => (LABELS as string[]).includes(e.sentiment));
  if (labelled.length < MIN_EXAMPLES || LABELS.some((l) => !labelled.some((e) => e.sentiment === l))) return null;
  return trainLogistic(labelled.map((e) => ({ label: e.sentiment, features: e.features })), LABELS);
}

/** The model's label with its probability and strongest evidence; the lexicon's when there is no model. */
export function decideSentiment(model: LogisticModel | null, features: string[], lexicon: Sentiment): Sentiment {
  if (!model) return lexicon;
  const p = predictLogistic(model, features);
  // Positive needs praise: when the lexicon reads the mail as a complaint, the model's
  // "positive" can only have come from the courtesy around it.
  if (lexicon.score <= -0.3) p.delete('positive');
  // A question with no praise in it is a polite question, however warm its greeting (a
  // problem met again is not added: 一直 and 还是 also come with praise, and it lost more
  // positives than it saved in cross-validation).
  else if (lexicon.score < 0.15 && NOT_PRAISE.some((f) => features.includes(f))) p.delete('positive');
  const [label, probability] = [...p].reduce((a, b) => (b[1] > a[1] ? b : a)) as [SentimentLabel, number];
  const evidence = strongestFor(model, features, label, 4).map((f) => f.replace(/^#/, ''));
  return { ...lexicon, label, probability: Math.round(probability * 100) / 100, evidence };
}
