// Multinomial logistic regression over sparse binary features, trained by AdaGrad with
// an L2 penalty. Unlike naive Bayes it weighs features that come together (a status
// code and "everyone") by what they add, which priority and sentiment need: a word
// like 「全部」 means little alone and much next to 「打不开」. Each prediction can name
// the features that pushed it most, so a decision keeps its reason.

export interface LogisticExample {
  label: string;
  features: string[];
}

export interface LogisticModel {
  labels: string[];
  /** Feature -> its row in `weights`, which holds one weight per label (in the order of `labels`). */
  index: Map<string, number>;
  weights: Float64Array;
  bias: Float64Array;
}

export interface LogisticOptions {
  epochs: number;
  learningRate: number;
  /** L2 penalty per update: keeps rare features from deciding alone. */
  l2: number;
}

export const DEFAULT_LOGISTIC: LogisticOptions = { epochs: 12, learningRate: 0.3, l2: 1e-4 };

export function trainLogistic(examples: readonly LogisticExample[], labels: readonly string[], opts: LogisticOptions = DEFAULT_LOGISTIC): LogisticModel {
  const k = labels.length;
  const labelIndex = new Map(labels.map((l, i) => [l, i]));
  const index = new Map<string, number>();
  const data: Array<{ y: number; rows: Int32Array }> = [];
  for (const e of examples) {
    const y = labelIndex.get(e.label);
    if (y === undefined) continue;
    const rows = new Set<number>();
    for (const f of e.features) {
      let r = index.get(f);
      if (r === undefined) index.set(f, (r = index.size));
      rows.add(r);
    }
    data.push({ y, rows: Int32Array.from(rows) });
  }
  const weights = new Float64Array(index.size * k);
  const grads = new Float64Array(index.size * k).fill(1e-8);
  const bias = new Float64Array(k);
  const biasGrad = new Float64Array(k).fill(1e-8);
  // A fixed interleaving instead of a random shuffle: the same data trains the same model.
  const order = data.map((_, i) => i).sort((a, b) => ((a * 7919) % data.length) - ((b * 7919) % data.length) || a - b);
  const p = new Float64Array(k);
  for (let epoch = 0; epoch < opts.epochs; epoch++) {
    for (const i of order) {
      const { y, rows } = data[i]!;
      p.set(bias);
      for (const r of rows) for (let c = 0; c < k; c++) p[c]! += weights[r * k + c]!;
      softmaxInPlace(p);
      for (let c = 0; c < k; c++) {
        const g = p[c]! - (c === y ? 1 : 0);
        biasGrad[c]! += g * g;
        bias[c]! -= (opts.learningRate * g) / Math.sqrt(biasGrad[c]!);
        for (const r of rows) {
          const at = r * k + c;
          const gw = g + opts.l2 * weights[at]!;
          grads[at]! += gw * gw;
          weights[at]! -= (opts.learningRate * gw) / Math.sqrt(grads[at]!);
        }
      }
    }
  }
  return { labels: [...labels], index, weights, bias };
}

/** Probability per label; features the model never saw carry nothing. */
export function predictLogistic(model: LogisticModel, features: readonly string[]): Map<string, number> {
  const k = model.labels.length;
  const p = Float64Array.from(model.bias);
  for (const r of rowsOf(model, features)) for (let c = 0; c < k; c++) p[c]! += model.weights[r * k + c]!;
  softmaxInPlace(p);
  return new Map(model.labels.map((l, i) => [l, p[i]!]));
}

/** The features that raised `label`'s score most over the other labels' mean, strongest first. */
export function strongestFor(model: LogisticModel, features: readonly string[], label: string, n: number): string[] {
  const c = model.labels.indexOf(label);
  const k = model.labels.length;
  const lift: Array<[string, number]> = [];
  for (const x of new Set(features)) {
    const r = model.index.get(x);
    if (r === undefined) continue;
    let others = 0;
    for (let j = 0; j < k; j++) if (j !== c) others += model.weights[r * k + j]!;
    const v = model.weights[r * k + c]! - others / (k - 1);
    if (v > 0) lift.push([x, v]);
  }
  return lift
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([x]) => x);
}

function rowsOf(model: LogisticModel, features: readonly string[]): Set<number> {
  const rows = new Set<number>();
  for (const f of features) {
    const r = model.index.get(f);
    if (r !== undefined) rows.add(r);
  }
  return rows;
}

function softmaxInPlace(s: Float64Array): void {
  let max = -Infinity;
  for (const v of s) if (v > max) max = v;
  let sum = 0;
  for (let c = 0; c < s.length; c++) {
    s[c] = Math.exp(s[c]! - max);
    sum += s[c]!;
  }
  for (let c = 0; c < s.length; c++) s[c]! /= sum;
}
