// Detects the customer's language from the text they wrote, to answer in it.
// Chinese is told apart from other text by Han characters; Traditional from
// Simplified by characters that exist in only one of the two scripts.

import { scriptMarkers } from '../text/hanFold.js';

export const LOCALES = ['en', 'zh-Hant', 'zh-Hans'] as const;
export type Locale = (typeof LOCALES)[number];

const [tradSet, simpSet] = scriptMarkers();
const HAN = /\p{Script=Han}/u;
const LATIN = /\p{Script=Latin}/u;

export function detectLocale(text: string): Locale {
  let han = 0;
  let latin = 0;
  let trad = 0;
  let simp = 0;
  // The first few thousand characters decide; quoted history further down does not.
  for (const ch of text.slice(0, 4000)) {
    if (HAN.test(ch)) {
      han++;
      if (tradSet.has(ch)) trad++;
      else if (simpSet.has(ch)) simp++;
    } else if (LATIN.test(ch)) {
      latin++;
    }
  }
  // A Han character carries about as much as a word of four Latin letters.
  if (han === 0 || han * 4 < latin) return 'en';
  return simp > trad ? 'zh-Hans' : 'zh-Hant';
}
