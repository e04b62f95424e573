// Call-backs (003: 回訪): each month customer service calls or mails a random sample of
// the month's closed cases (1-5 %), and records whether the customer was reached. The
// sample's size and the draw; the randomness is given, so a test can fix it.

export const CALLBACK_OUTCOMES = ['reached', 'not_reached'] as const;
export type CallbackOutcome = (typeof CALLBACK_OUTCOMES)[number];

/** How many of n closed cases to call: the rate of them, rounded up, so a month with any has one. */
export function sampleSize(n: number, rate: number): number {
  return n === 0 || rate <= 0 ? 0 : Math.min(n, Math.ceil(n * rate));
}

/** A uniform random sample of `size` ids (a partial Fisher-Yates shuffle). */
export function drawSample<T>(items: readonly T[], size: number, random: () => number): T[] {
  const pool = [...items];
  const k = Math.min(size, pool.length);
  for (let i = 0; i < k; i++) {
    const j = i + Math.floor(random() * (pool.length - i));
    [pool[i], pool[j]] = [pool[j]!, pool[i]!];
  }
  return pool.slice(0, k);
}
