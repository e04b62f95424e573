// The knowledge base (P-25): answers staff saved from solved cases. A new case in the
// same category whose words cover most of an answer's title gets that answer in its
// acknowledgement as a workaround to try (P-16). Words are English words without stop
// words and Chinese character pairs, both scripts folded together.
import type { Locale } from '../intake/language.js';
import { normalizeText } from '../text/normalize.js';

export interface FaqAnswer {
  id: string;
  title: string;
  answer: string;
  category: string;
  locale: Locale;
}

const STOP = new Set('the and for with you your our are was were not but can cannot have has had this that from into when what how why does did its it\'s please after before about'.split(' '));
/** Share of the title's words the case must hold, and the fewest words matched. */
const COVER = 0.6;
const MIN_WORDS = 2;

export function words(text: string): Set<string> {
  const t = normalizeText(text);
  const out = new Set<string>();
  for (const w of t.match(/[a-z][a-z0-9'-]+/g) ?? []) if (w.length > 2 && !STOP.has(w)) out.add(w);
  for (const run of t.match(/[\u3400-\u9fff]+/g) ?? []) for (let i = 0; i + 2 <= run.length; i++) out.add(run.slice(i, i + 2));
  return out;
}

const family = (l: Locale) => (l === 'en' ? 'en' : 'zh');

/** The answer that best fits the case, or null when none covers enough of its title. */
export function bestAnswer(c: { subject: string; text: string; category: string | null; locale: Locale }, answers: FaqAnswer[]): FaqAnswer | null {
  if (!c.category) return null;
  const have = words(`${c.subject}\n${c.text}`);
  let best: { a: FaqAnswer; score: number } | null = null;
  for (const a of answers) {
    if (a.category !== c.category || family(a.locale) !== family(c.locale)) continue;
    const want = words(a.title);
    const hit = [...want].filter((w) => have.has(w)).length;
    const score = want.size ? hit / want.size : 0;
    if (hit >= Math.min(MIN_WORDS, want.size) && score >= COVER && (!best || score > best.score)) best = { a, score };
  }
  return best?.a ?? null;
}
