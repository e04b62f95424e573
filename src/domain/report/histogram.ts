// Durations kept as counts per logarithmic bucket, so that a percentile over any period
// is a sum of daily counts (rollups add up; a list of every duration would not). Each
// bucket is 5 % wider than the one before, so a percentile read from them is within
// 2.5 % of the exact value; under a minute is one bucket.
const MINUTE = 60_000;
const GROWTH = 1.05;

export type Histogram = Record<string, number>;

/** The bucket a duration falls in (0: under a minute). */
export function bucketOf(ms: number): number {
  if (ms < MINUTE) return 0;
  return 1 + Math.floor(Math.log(ms / MINUTE) / Math.log(GROWTH));
}

/** The middle of a bucket, in ms (geometric middle; 30 s for the first). */
export function bucketValue(bucket: number): number {
  if (bucket <= 0) return MINUTE / 2;
  return MINUTE * GROWTH ** (bucket - 1 + 0.5);
}

/** Adds counts of several histograms. */
export function addHistograms(into: Histogram, from: Histogram | undefined): Histogram {
  for (const [b, n] of Object.entries(from ?? {})) into[b] = (into[b] ?? 0) + n;
  return into;
}

/** The q-quantile (0..1) of the counted durations, in ms; null when nothing is counted. */
export function percentile(h: Histogram, q: number): number | null {
  const buckets = Object.entries(h)
    .map(([b, n]) => [Number(b), n] as const)
    .filter(([, n]) => n > 0)
    .sort((a, b) => a[0] - b[0]);
  const total = buckets.reduce((s, [, n]) => s + n, 0);
  if (!total) return null;
  const rank = Math.ceil(q * total);
  let seen = 0;
  for (const [b, n] of buckets) {
    seen += n;
    if (seen >= rank) return bucketValue(b);
  }
  return bucketValue(buckets[buckets.length - 1]![0]);
}
