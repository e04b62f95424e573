// The phrases a complaint is about, for "the most frequent problems inside a category"
// (P-24: "battery life 35 %"). At intake each case contributes its candidate phrases once
// (English word pairs without stop words; Chinese runs of two to four characters between
// function words, Traditional folded to Simplified so both scripts count together); a
// report adds them up over the period and keeps the longest phrase that explains a count
// ("电池续航" rather than "电池" and "池续").
import { normalizeText } from '../text/normalize.js';

// Contact details and long numbers never become a phrase (reports are read widely, P-5).
const CONTACTS = /[^\s@]+@[^\s@]+|https?:\/\/\S+|www\.\S+|\+?\d[\d\s()-]{5,}\d/gi;

const MAX_PER_CASE = 24;
// Per category in a closed day or month (see trimPhraseCounts).
export const PHRASES_KEPT = 100;
const HAN_RUN = /[\u3400-\u9fff]+/g;
// Function characters that end a Chinese phrase (folded form).
const HAN_STOP = new Set([...'的了我你他她它是在有和就不都也很到要会吗呢啊吧呀一这那个请您们已还又再被把给让对说后时么什怎没能可以为与但而才并所及得着过从让向比更最非常太真']);
const EN_STOP = new Set(
  'a an the and or but if so to of in on at by for with from into about as is am are was were be been being it its this that these those i me my we our you your he she they them their there here have has had do does did done not no yes can could would should will just very too also again still after before when then than please hi hello dear thanks thank regards best one two get got any some all what which who how why out up down over only'.split(' '),
);

/** A case's candidate phrases, each once, at most 24 (the subject's first): bounded rollups. */
export function casePhrases(subject: string, text: string): string[] {
  const found = new Set<string>();
  for (const part of [subject, text.slice(0, 2000)]) {
    const t = normalizeText(part.replace(CONTACTS, ' . '));
    for (const p of [...hanPhrases(t), ...englishPairs(t)]) {
      if (found.size >= MAX_PER_CASE) return [...found];
      found.add(p);
    }
  }
  return [...found];
}

function hanPhrases(t: string): string[] {
  const out: string[] = [];
  for (const run of t.match(HAN_RUN) ?? []) {
    const chunks: string[][] = [[]];
    for (const ch of run) {
      if (HAN_STOP.has(ch)) chunks.push([]);
      else chunks[chunks.length - 1]!.push(ch);
    }
    for (const chunk of chunks) {
      for (let len = 4; len >= 2; len--) for (let i = 0; i + len <= chunk.length; i++) out.push(chunk.slice(i, i + len).join(''));
    }
  }
  return out;
}

function englishPairs(t: string): string[] {
  const out: string[] = [];
  for (const sentence of t.split(/[.!?;,:\n()"]+/)) {
    const words = (sentence.match(/[a-z][a-z0-9'-]*/g) ?? []).filter((w) => !EN_STOP.has(w) && w.length > 1 && !/\d{3}/.test(w));
    for (let i = 0; i + 1 < words.length; i++) out.push(`${words[i]} ${words[i + 1]}`);
  }
  return out;
}

/** A phrase as a MongoDB field name: no dots, no leading $, bounded length. */
export function phraseKey(p: string): string {
  return p.replace(/[.$]/g, '').slice(0, 60);
}

export interface TopPhrase {
  phrase: string;
  count: number;
  /** Of the cases counted (0..1). */
  share: number;
}

/**
 * The most frequent phrases: by count, skipping a phrase that a longer one explains
 * (counted at least 80 % as often) and one that overlaps a phrase already kept.
 */
export function topPhrases(counts: Record<string, number>, cases: number, limit = 10, minShare = 0.02): TopPhrase[] {
  const entries = Object.entries(counts).filter(([, n]) => n >= 2 && (cases === 0 || n / cases >= minShare));
  entries.sort((a, b) => b[1] - a[1] || b[0].length - a[0].length || a[0].localeCompare(b[0]));
  const kept: TopPhrase[] = [];
  for (const [phrase, count] of entries) {
    if (kept.length >= limit) break;
    if (entries.some(([q, n]) => q.length > phrase.length && q.includes(phrase) && n >= 0.8 * count)) continue;
    if (kept.some((k) => overlaps(k.phrase, phrase))) continue;
    kept.push({ phrase, count, share: cases ? count / cases : 0 });
  }
  return kept;
}

function overlaps(a: string, b: string): boolean {
  if (a.includes(b) || b.includes(a)) return true;
  // Chinese grams of one phrase ("电池续航", "池续航很"): sharing two characters is overlap.
  if (/\s/.test(a) || /\s/.test(b)) return false;
  for (let i = 0; i + 2 <= b.length; i++) if (a.includes(b.slice(i, i + 2))) return true;
  return false;
}

/** Phrase counts kept for a closed day or month: the most frequent per category (the tail never makes a top list). */
export function trimPhraseCounts(byCategory: Record<string, Record<string, number>>, keep = PHRASES_KEPT): Record<string, Record<string, number>> {
  return Object.fromEntries(
    Object.entries(byCategory).map(([category, counts]) => [
      category,
      Object.fromEntries(Object.entries(counts).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, keep)),
    ]),
  );
}
