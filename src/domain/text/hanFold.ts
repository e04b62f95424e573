// Traditional -> Simplified folding by OpenCC's maintained dictionaries (opencc-js):
// Taiwan phrases and variants to standard Traditional, then to Simplified, so that
// 「閃退」 and 「闪退」, and Taiwan's 「軟體」「登入」 and the mainland's 「软件」「登录」, count
// as one word. Classification and keyword rules work on the folded text, so one
// keyword list and one learned model cover both scripts. The same dictionaries tell
// the two scripts apart when detecting the customer's language.
import * as OpenCC from 'opencc-js';

const toSimplified = OpenCC.Converter({ from: 'twp', to: 'cn' });
const HAN_RUNS = /\p{Script=Han}+/gu;

/** The text with its Han characters written as in Simplified Chinese. */
export function foldHan(text: string): string {
  // Only Han runs can change; converting them alone skips the Latin text of a mail.
  return text.replace(HAN_RUNS, toSimplified);
}

// Characters the dictionaries change that are also ordinary characters of the other
// script (台 in 台灣, 表 "table", 覆 in 覆盖): they fold, but they do not tell the scripts apart.
const IN_BOTH = new Set('表系里征范制游松余郁后冲著覆台干只面');

/** Characters written differently in the two scripts: [only Traditional, only Simplified]. */
export function scriptMarkers(): [Set<string>, Set<string>] {
  const toTraditional = pairs(OpenCC.Locale.from.cn!);
  const toSimple = pairs(OpenCC.Locale.to.cn!);
  const trad = new Set([...toSimple.keys()].filter((c) => !toTraditional.has(c) && !IN_BOTH.has(c)));
  const simp = new Set([...toTraditional.keys()].filter((c) => !toSimple.has(c) && !IN_BOTH.has(c)));
  return [trad, simp];
}

/** The single-character conversions of a dictionary chain: character -> its other form. */
function pairs(groups: readonly OpenCC.DictGroup[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const group of groups) {
    for (const dict of group) {
      const entries = typeof dict === 'string' ? dict.split('|').map((e) => e.split(' ') as [string, string]) : dict;
      for (const [from, to] of entries) if (from && to && [...from].length === 1 && from !== to) out.set(from, to);
    }
  }
  return out;
}
