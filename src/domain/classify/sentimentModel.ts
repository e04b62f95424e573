// Sentiment (P-9) learned from labelled mails on top of the lexicon: the model reads the
// words, the lexicon's verdict and cues, and the shape of the mail (a question, thanks,
// a greeting), so it can learn that thanks around a complaint is courtesy, not
// satisfaction, and that a plain question is neutral. Without a trained model the
// lexicon decides alone. The lexicon's score and its strong-negative verdict stay,
// since they say how upset the customer is (P-9 handles those first).
import { predictLogistic, strongestFor, trainLogistic, type LogisticModel } from './logistic.js';
import type { Sentiment, SentimentLabel } from './sentiment.js';

const LABELS: SentimentLabel[] = ['negative', 'neutral', 'positive'];
const MIN_EXAMPLES = 50;

const QUESTION = /[?？]|^\s*(?:how|where|what|when|which|does|do|can|could|is there|would)\b|请问|吗|如何|怎么|怎样|能否|是否/m;
const COURTESY = /\b(?:thanks|thank you|regards|cheers|dear|hi|hello|appreciate)\b|谢谢|感谢|您好|你好|麻烦了|辛苦了|敬上|祝好/;
// Words of courtesy, left out of the text the model reads: otherwise it learns from short
// thank-you mails that 「谢谢」 means satisfied, and reads thanks around a complaint as
// praise. Courtesy still counts, as one feature of the mail's shape.
const COURTESY_TERM = /谢|thank|appreciat|regard|cheers|dear|^hi$|hello|您好|你好|辛苦|敬上/;
// Courtesy followed by "but": the thanks is a frame, what follows is the message.
const CONTRAST = /\b(?:but|however|yet|unfortunately|although|though)\b|但是|但|不过|可是|然而|只是|可惜/;
// A problem met again: a complaint, however calmly written.
const REPEAT = /\bagain\b|\bstill\b|(?:second|third|fourth|fifth|2nd|3rd|4th|\d+th) time|\bonce more\b|又|再次|还是|仍然|依然|第[二三四五六七八九十\d]+次|好几次|多次|一直/;

/** What the sentiment model reads besides the text: the lexicon's reading and the mail's shape. */
export function sentimentFeatures(normalized: string, textFeatures: readonly string[], lexicon: Sentiment): string[] {
  const out = [...textFeatures.filter((f) => !COURTESY_TERM.test(f)), `lex:${lexicon.label}`, `lexscore:${Math.round(lexicon.score * 4)}`];
  if (lexicon.strong) out.push('lex:strong');
  for (const c of lexicon.cues) if (!COURTESY_TERM.test(c)) out.push(`cue:${c}`);
  if (QUESTION.test(normalized)) out.push('shape:question');
  const courtesy = COURTESY.test(normalized);
  if (courtesy) out.push('shape:courtesy');
  if (CONTRAST.test(normalized)) out.push(courtesy ? 'shape:courtesy+contrast' : 'shape:contrast');
  if (REPEAT.test(normalized)) out.push('shape:repeat');
  const bangs = (normalized.match(/!/g) ?? []).length;
  if (bangs) out.push(bangs >= 3 ? 'shape:bangs' : 'shape:bang');
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
  const [label, probability] = [...p].reduce((a, b) => (b[1] > a[1] ? b : a)) as [SentimentLabel, number];
  const evidence = strongestFor(model, features, label, 4).map((f) => f.replace(/^#/, ''));
  return { ...lexicon, label, probability: Math.round(probability * 100) / 100, evidence };
}
