// How much of one mail's text the per-mail analyses read (screening, quote stripping,
// the reply parser). Category, priority and flags show in the first pages of what a
// customer writes; reading further only costs time, and some of the libraries involved
// slow down faster than the text grows. The whole text stays stored and shown.

/** Characters of the customer's text read per mail: about 32 KB of their own words. */
export const TEXT_BUDGET = 32 * 1024;

/**
 * HTML kept of one mail, sanitised: markup takes several times the characters of the
 * words it shows, and the sanitiser's cost grows with nesting (a 128 KB page of nested
 * tags takes about a second on a busy machine).
 */
export const HTML_BUDGET = 4 * TEXT_BUDGET;

/** The text's first `budget` characters, not cutting a surrogate pair in two. */
export function withinBudget(text: string, budget = TEXT_BUDGET): string {
  if (text.length <= budget) return text;
  const last = text.charCodeAt(budget - 1);
  return text.slice(0, last >= 0xd800 && last <= 0xdbff ? budget - 1 : budget);
}
