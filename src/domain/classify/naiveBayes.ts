// Multinomial naive Bayes with Laplace smoothing: small, fast to retrain on every staff
// correction (a few thousand examples train in milliseconds), and it gives a
// probability per class that the caller turns into a confidence.

export interface LabelledFeatures {
  label: string;
  features: string[];
}

export interface NaiveBayesModel {
  labels: string[];
  /** log P(label), in the order of `labels` */
  prior: Float64Array;
  /**
   * log P(feature | label) per label, one lookup per feature (screening reads hundreds of
   * features a mail); a feature never seen with a label uses `unseen` for it. A feature
   * missing from the map is outside the vocabulary.
   */
  likelihood: Map<string, Float64Array>;
  unseen: Float64Array;
}

// Light smoothing: with thousands of mails a word seen with only one category is real
// evidence (cross-validation and the development set both best at 0.2 of 0.05-1).
export function trainNaiveBayes(examples: LabelledFeatures[], labels: readonly string[], alpha = 0.2): NaiveBayesModel {
  const k = labels.length;
  const index = new Map(labels.map((l, i) => [l, i]));
  const docs = new Float64Array(k);
  const totals = new Float64Array(k);
  const counts = new Map<string, Float64Array>();
  for (const ex of examples) {
    const c = index.get(ex.label);
    if (c === undefined) continue; // a label no longer in the taxonomy
    docs[c]! += 1;
    // Each feature counts once per document (binarised NB): one long rant that repeats a
    // word does not outweigh many short mails.
    for (const f of new Set(ex.features)) {
      let row = counts.get(f);
      if (!row) counts.set(f, (row = new Float64Array(k)));
      row[c]! += 1;
      totals[c]! += 1;
    }
  }
  const n = docs.reduce((a, b) => a + b, 0);
  const v = counts.size + 1;
  // Every label keeps some prior mass, so a class without examples can still win on rules.
  const prior = docs.map((d) => Math.log((d + 1) / (n + k)));
  const denom = totals.map((t) => t + alpha * v);
  const unseen = denom.map((d) => Math.log(alpha / d));
  const likelihood = new Map<string, Float64Array>();
  for (const [f, row] of counts) likelihood.set(f, row.map((cnt, c) => (cnt ? Math.log((cnt + alpha) / denom[c]!) : unseen[c]!)));
  return { labels: [...labels], prior, likelihood, unseen };
}

/** Log scores per label and how many distinct features the model knew; unknown features carry no evidence. */
export function logScores(model: NaiveBayesModel, features: readonly string[]): { scores: Map<string, number>; known: number } {
  const s = Float64Array.from(model.prior);
  let known = 0;
  for (const f of new Set(features)) {
    const row = model.likelihood.get(f);
    if (!row) continue;
    known++;
    for (let c = 0; c < s.length; c++) s[c]! += row[c]!;
  }
  return { scores: new Map(model.labels.map((l, i) => [l, s[i]!])), known };
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
