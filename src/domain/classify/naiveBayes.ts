// Multinomial naive Bayes with Laplace smoothing: small, fast to retrain on every staff
// correction (a few thousand examples train in milliseconds), and it gives a
// probability per class that the caller turns into a confidence.

export interface LabelledFeatures {
  label: string;
  features: string[];
}

export interface NaiveBayesModel {
  labels: string[];
  /** log P(label) */
  prior: Map<string, number>;
  /** log P(feature | label); features never seen with the label use `unseen`. */
  likelihood: Map<string, Map<string, number>>;
  unseen: Map<string, number>;
  vocabulary: Set<string>;
}

export function trainNaiveBayes(examples: LabelledFeatures[], labels: readonly string[], alpha = 0.5): NaiveBayesModel {
  const docs = new Map<string, number>();
  const counts = new Map<string, Map<string, number>>();
  const totals = new Map<string, number>();
  const vocabulary = new Set<string>();
  for (const l of labels) {
    docs.set(l, 0);
    counts.set(l, new Map());
    totals.set(l, 0);
  }
  for (const ex of examples) {
    const c = counts.get(ex.label);
    if (!c) continue; // a label no longer in the taxonomy
    docs.set(ex.label, docs.get(ex.label)! + 1);
    // Each feature counts once per document (binarised NB): one long rant that repeats a
    // word does not outweigh many short mails.
    for (const f of new Set(ex.features)) {
      vocabulary.add(f);
      c.set(f, (c.get(f) ?? 0) + 1);
      totals.set(ex.label, totals.get(ex.label)! + 1);
    }
  }
  const n = [...docs.values()].reduce((a, b) => a + b, 0);
  const v = vocabulary.size + 1;
  const prior = new Map<string, number>();
  const likelihood = new Map<string, Map<string, number>>();
  const unseen = new Map<string, number>();
  for (const l of labels) {
    // Every label keeps some prior mass, so a class without examples can still win on rules.
    prior.set(l, Math.log((docs.get(l)! + 1) / (n + labels.length)));
    const denom = totals.get(l)! + alpha * v;
    const lk = new Map<string, number>();
    for (const [f, k] of counts.get(l)!) lk.set(f, Math.log((k + alpha) / denom));
    likelihood.set(l, lk);
    unseen.set(l, Math.log(alpha / denom));
  }
  return { labels: [...labels], prior, likelihood, unseen, vocabulary };
}

/** Log scores per label; features outside the vocabulary carry no evidence and are skipped. */
export function logScores(model: NaiveBayesModel, features: string[]): Map<string, number> {
  const known = [...new Set(features)].filter((f) => model.vocabulary.has(f));
  const scores = new Map<string, number>();
  for (const l of model.labels) {
    const lk = model.likelihood.get(l)!;
    const miss = model.unseen.get(l)!;
    let s = model.prior.get(l)!;
    for (const f of known) s += lk.get(f) ?? miss;
    scores.set(l, s);
  }
  return scores;
}

/** Turns log scores into probabilities that sum to 1. */
export function softmax(scores: Map<string, number>): Map<string, number> {
  const max = Math.max(...scores.values());
  let sum = 0;
  const out = new Map<string, number>();
  for (const [k, s] of scores) {
    const e = Math.exp(s - max);
    out.set(k, e);
    sum += e;
  }
  for (const [k, e] of out) out.set(k, e / sum);
  return out;
}
