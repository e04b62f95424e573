// The category decision (P-7): the configured keyword rules and the model learned from
// labelled cases vote together. The model's log scores are tempered by the number of
// features it knew (naive Bayes counts every feature as independent evidence and
// would otherwise be certain of everything), each matching category rule adds
// `ruleWeight`, and a softmax over the sum gives the confidence.
// Priority and sentiment have models of their own (priority.ts, sentimentModel.ts),
// trained here from the same labelled mails when those carry the labels.
import type { ScreeningConfig } from '../settings/screeningConfig.js';
import { features } from '../text/features.js';
import { normalizeText, ownWords } from '../text/normalize.js';
import { compileRules, type RuleHit, type RuleMatcher } from './keywordRules.js';
import type { LogisticModel } from './logistic.js';
import { logScores, softmax, trainNaiveBayes, type NaiveBayesModel } from './naiveBayes.js';
import { priorityEvidence, trainPriorityModel } from './priority.js';
import { analyzeSentiment } from './sentiment.js';
import { sentimentFeatures, trainSentimentModel } from './sentimentModel.js';

export interface LabelledText {
  text: string;
  category: string;
  /** Known for the labelled seed mails; staff corrections label the category only. */
  priority?: string;
  sentiment?: string;
}

export interface Classifier {
  config: ScreeningConfig;
  model: NaiveBayesModel;
  rules: RuleMatcher;
  /** Null until enough labelled mails carry a priority (or a sentiment). */
  priorityModel: LogisticModel | null;
  sentimentModel: LogisticModel | null;
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

export function buildClassifier(config: ScreeningConfig, examples: readonly LabelledText[]): Classifier {
  const labels = config.categories.map((c) => c.id);
  const read = examples.map((e) => {
    const normalized = normalizeText(ownWords(e.text));
    const feats = features(normalized);
    const lexicon = analyzeSentiment(normalized);
    return { e, normalized, feats, lexicon };
  });
  const model = trainNaiveBayes(
    read.map((r) => ({ label: r.e.category, features: r.feats })),
    labels,
  );
  const sentimentModel = trainSentimentModel(read.map((r) => ({ features: sentimentFeatures(r.normalized, r.feats, r.lexicon), sentiment: r.e.sentiment ?? '' })));
  const priorityModel = trainPriorityModel(
    read.map((r) => ({
      evidence: priorityEvidence(r.normalized, r.e.category, { label: (r.e.sentiment as typeof r.lexicon.label | undefined) ?? r.lexicon.label, strong: r.lexicon.strong }),
      priority: r.e.priority ?? '',
    })),
  );
  return { config, model, rules: compileRules(config.rules), priorityModel, sentimentModel };
}

export function classifyCategory(c: Classifier, normalized: string, hits: RuleHit[] = c.rules(normalized), feats: string[] = features(normalized)): CategoryDecision {
  const { scores: nb, known } = logScores(c.model, feats);
  const temper = Math.max(1, Math.sqrt(known));
  const modelProbs = softmax(new Map([...nb].map(([k, v]) => [k, v / temper])));
  const categoryHits = hits.filter((h) => h.rule.category);
  const combined = new Map<string, number>();
  for (const [label, s] of nb) {
    const votes = categoryHits.filter((h) => h.rule.category === label).length;
    combined.set(label, s / temper + c.config.classifier.ruleWeight * votes);
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
