// The category decision (P-7): the configured keyword rules and the models learned from
// labelled cases vote together. Naive Bayes's log scores are tempered by the number of
// features it knew (it counts every feature as independent evidence and would
// otherwise be certain of everything), a logistic regression over the same features and
// the mail's shape (a question, a wish, an offer from outside) adds its log probabilities (the two err differently: together 2 points better in
// cross-validation, most on English), each matching category rule adds `ruleWeight`,
// and a softmax over the sum gives the confidence.
// Priority and sentiment have models of their own (priority.ts, sentimentModel.ts),
// trained here from the same labelled mails when those carry the labels.
import type { ScreeningConfig } from '../settings/screeningConfig.js';
import { features } from '../text/features.js';
import { normalizeText, ownWords } from '../text/normalize.js';
import { compileRules, type RuleHit, type RuleMatcher } from './keywordRules.js';
import { predictLogistic, trainLogistic, type LogisticModel, type LogisticOptions } from './logistic.js';
import { mailShape } from './mailShape.js';
import { logScores, softmax, trainNaiveBayes, type NaiveBayesModel } from './naiveBayes.js';
import { priorityEvidence, trainPriorityModel } from './priority.js';
import { prioritySignals } from './prioritySignals.js';

// What the mail reports (an outage, money taken, a safety hazard), as the priority
// signals read it: kinds of meaning that hold across writers where single words do not
// (cross-validation and the development set: +0.3 and +0.6 points, most on English).
const signalFeatures = (normalized: string) => prioritySignals(normalized).map((h) => `sig:${h.signal.id}`);
import { analyzeSentiment } from './sentiment.js';
import { angerFeatures, trainAngerModel } from './angerModel.js';
import { sentimentFeatures, trainSentimentModel } from './sentimentModel.js';

export interface LabelledText {
  text: string;
  category: string;
  /** Known for the labelled seed mails; staff corrections label the category only. */
  priority?: string;
  sentiment?: string;
  /** The writer's tags ("angry", "legal", ...); absent when the mail was never tagged. */
  tags?: string[];
}

export interface Classifier {
  config: ScreeningConfig;
  model: NaiveBayesModel;
  /** Null with too few labelled mails to fit it. */
  categoryModel: LogisticModel | null;
  rules: RuleMatcher;
  /** Null until enough labelled mails carry a priority (or a sentiment). */
  priorityModel: LogisticModel | null;
  sentimentModel: LogisticModel | null;
  /** Null until enough tagged mails carry the "angry" tag. */
  angerModel: LogisticModel | null;
}

export interface CategoryDecision {
  category: string;
  confidence: number;
  /** What decided: the rules, the model, or both agreeing. */
  source: 'rules' | 'model' | 'rules+model';
  /** The model's own top category and probability, for the timeline. */
  model: { category: string; probability: number };
  ruleHits: RuleHit[];
}

/** The text the classifier reads: subject and the customer's own words, normalised. */
export function screeningText(subject: string, body: string): string {
  return normalizeText(`${subject}\n${ownWords(body)}`);
}

/** Fewer labelled mails than this and the logistic category model is not fitted. */
const MIN_EXAMPLES = 50;
// Six passes reach the accuracy of twelve (cross-validated) at half the training time.
const CATEGORY_OPTIONS: LogisticOptions = { epochs: 6, learningRate: 0.3, l2: 1e-4 };

export function buildClassifier(config: ScreeningConfig, examples: readonly LabelledText[]): Classifier {
  const labels = config.categories.map((c) => c.id);
  const read = examples.map((e) => {
    const own = ownWords(e.text);
    const normalized = normalizeText(own);
    const feats = features(normalized);
    const lexicon = analyzeSentiment(normalized);
    return { e, own, normalized, feats, lexicon };
  });
  const model = trainNaiveBayes(
    read.map((r) => ({ label: r.e.category, features: r.feats })),
    labels,
  );
  const categoryModel = read.length >= MIN_EXAMPLES ? trainLogistic(read.map((r) => ({ label: r.e.category, features: [...r.feats, ...mailShape(r.normalized), ...signalFeatures(r.normalized)] })), labels, CATEGORY_OPTIONS) : null;
  const sentimentModel = trainSentimentModel(read.map((r) => ({ features: sentimentFeatures(r.normalized, r.feats, r.lexicon), sentiment: r.e.sentiment ?? '' })));
  const priorityModel = trainPriorityModel(
    read.map((r) => ({
      evidence: priorityEvidence(r.normalized, r.e.category, { label: (r.e.sentiment as typeof r.lexicon.label | undefined) ?? r.lexicon.label, strong: r.lexicon.strong }),
      priority: r.e.priority ?? '',
    })),
  );
  const angerModel = trainAngerModel(
    read.filter((r) => r.e.tags !== undefined).map((r) => ({ features: angerFeatures(r.normalized, r.own, r.lexicon, prioritySignals(r.normalized)), tags: r.e.tags })),
  );
  return { config, model, categoryModel, rules: compileRules(config.rules), priorityModel, sentimentModel, angerModel };
}

export function classifyCategory(c: Classifier, normalized: string, hits: RuleHit[] = c.rules(normalized), feats: string[] = features(normalized)): CategoryDecision {
  const { scores: nb, known } = logScores(c.model, feats);
  const temper = Math.max(1, Math.sqrt(known));
  const lr = c.categoryModel ? predictLogistic(c.categoryModel, [...feats, ...mailShape(normalized), ...signalFeatures(normalized)]) : null;
  // The regression speaks in proportion to what it read: a two-word mail is no evidence.
  const lrWeight = Math.min(1, known / 5);
  const learned = new Map([...nb].map(([k, v]) => [k, v / temper + (lr ? lrWeight * Math.log(lr.get(k) ?? 1e-9) : 0)]));
  const modelProbs = softmax(learned);
  const categoryHits = hits.filter((h) => h.rule.category);
  const combined = new Map<string, number>();
  for (const [label, s] of learned) {
    const votes = categoryHits.filter((h) => h.rule.category === label).length;
    combined.set(label, s + c.config.classifier.ruleWeight * votes);
  }
  const probs = softmax(combined);
  const [category, confidence] = top(probs);
  const [modelCategory, modelProbability] = top(modelProbs);
  const ruled = categoryHits.some((h) => h.rule.category === category);
  return {
    category,
    confidence: round(confidence),
    source: ruled && modelCategory === category ? 'rules+model' : ruled ? 'rules' : 'model',
    model: { category: modelCategory, probability: round(modelProbability) },
    ruleHits: categoryHits.filter((h) => h.rule.category === category),
  };
}

function top(probs: Map<string, number>): [string, number] {
  return [...probs].reduce((best, cur) => (cur[1] > best[1] ? cur : best));
}

const round = (x: number) => Math.round(x * 1000) / 1000;
