// Detects the customer's language from the text they wrote, to answer in it.
// Chinese is told apart from other text by Han characters; Traditional from
// Simplified by characters that exist in only one of the two scripts.

export type Locale = 'en' | 'zh-Hant' | 'zh-Hans';

// Frequent characters whose forms differ between the scripts (same order in both lists).
const TRADITIONAL = '們這個來時會對說為們國過還後發經點問題體實現給應該與關開們長認車東門聽見萬當無從錢號數種讓電話買賣麼線頁質產際際軟網務處價單貨換幫';
const SIMPLIFIED = '们这个来时会对说为们国过还后发经点问题体实现给应该与关开们长认车东门听见万当无从钱号数种让电话买卖么线页质产际际软网务处价单货换帮';
const tradSet = new Set(TRADITIONAL);
const simpSet = new Set(SIMPLIFIED);
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
      if (tradSet.has(ch) && !simpSet.has(ch)) trad++;
      else if (simpSet.has(ch) && !tradSet.has(ch)) simp++;
    } else if (LATIN.test(ch)) {
      latin++;
    }
  }
  // A Han character carries about as much as a word of four Latin letters.
  if (han === 0 || han * 4 < latin) return 'en';
  return simp > trad ? 'zh-Hans' : 'zh-Hant';
}
