// Keyword rules from the configuration, compiled once per configuration version.
// Keywords are normalised like the mail text (lower case, Traditional folded to
// Simplified); an English keyword must start at a word boundary ("bug" is not in
// "debug"), a Chinese one may sit anywhere, since Chinese has no spaces.
import type { KeywordRule } from '../settings/screeningConfig.js';
import { normalizeText } from '../text/normalize.js';

export interface RuleHit {
  rule: KeywordRule;
  /** The keyword or pattern text that matched, for the timeline. */
  matched: string;
}

export type RuleMatcher = (normalized: string) => RuleHit[];

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The first of the keywords found in normalised text, or null. */
export function keywordMatcher(keywords: readonly string[]): (normalized: string) => string | null {
  const compiled = keywords.map((k) => {
    const n = normalizeText(k);
    return { text: n, re: /^[a-z0-9]/.test(n) ? new RegExp(`(?<![a-z0-9])${escape(n)}`) : null };
  });
  return (normalized) => compiled.find((k) => (k.re ? k.re.test(normalized) : normalized.includes(k.text)))?.text ?? null;
}

export function compileRules(rules: readonly KeywordRule[]): RuleMatcher {
  const compiled = rules.map((rule) => ({
    rule,
    keywords: keywordMatcher(rule.keywords),
    pattern: rule.pattern ? new RegExp(rule.pattern, 'iu') : null,
  }));
  return (normalized) => {
    const hits: RuleHit[] = [];
    for (const c of compiled) {
      const kw = c.keywords(normalized);
      if (kw) hits.push({ rule: c.rule, matched: kw });
      else if (c.pattern?.test(normalized)) hits.push({ rule: c.rule, matched: c.rule.pattern! });
    }
    return hits;
  };
}
