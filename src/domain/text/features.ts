// Features for the learned category model: words (Intl.Segmenter splits Chinese into
// words, which it has no spaces for), pairs of neighbouring words, and Han character
// bigrams, which still match when the segmenter cuts an unfamiliar term differently.
const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });
const HAN = /\p{Script=Han}/u;
const LATIN_WORD = /^[a-z][a-z'-]*$/;
// Words that say nothing about the topic in any category.
const STOP = new Set(
  'a an the and or but if of to in on at for with from by is are was were be been am i you he she it we they me my your our their this that these those have has had do does did as can could would should will just please hi hello dear thanks thank regards 的 了 是 我 你 他 她 它 们 我们 您 在 和 也 就 都 吗 呢 吧 啊 这 那 有 个 一 请 谢谢 您好 你好'.split(' '),
);

/** Light English stemming: "crashes", "crashed", "crashing" all count as "crash". */
function stem(word: string): string {
  if (!LATIN_WORD.test(word) || word.length < 5) return word;
  // "-es" only after a hissing sound ("crashes", "boxes"); "notes" is "note", not "not".
  return word.replace(/(ing|ed|(?<=(s|x|z|ch|sh))es|(?<!s)s)$/, '');
}

/** The words of normalised text, in order, without punctuation and stop words. */
export function words(normalized: string): string[] {
  const out: string[] = [];
  for (const chunk of chunks(normalized)) {
    for (const s of segmenter.segment(chunk)) {
      if (!s.isWordLike) continue;
      const w = stem(s.segment);
      if (!STOP.has(w)) out.push(w);
    }
  }
  return out;
}

// The segmenter's time grows faster than its input (100,000 Chinese characters took 13 s,
// 10,000 took 21 ms), so it is given the text in pieces of at most CHUNK characters, each
// ending at a space or punctuation where there is one in the piece's second half.
const CHUNK = 2000;
const BREAK = /[\s\p{P}]/u;

function* chunks(text: string): Generator<string> {
  let at = 0;
  while (text.length - at > CHUNK) {
    let cut = at + CHUNK;
    while (cut > at + CHUNK / 2 && !BREAK.test(text[cut - 1]!)) cut--;
    if (cut === at + CHUNK / 2) cut = at + CHUNK;
    const code = text.charCodeAt(cut - 1);
    if (code >= 0xd800 && code <= 0xdbff) cut--; // never between the halves of a surrogate pair
    yield text.slice(at, cut);
    at = cut;
  }
  yield text.slice(at);
}

export function features(normalized: string): string[] {
  const ws = words(normalized);
  const out = [...ws, ...hanBigrams(normalized)];
  for (let i = 1; i < ws.length; i++) out.push(`${ws[i - 1]}_${ws[i]}`);
  return out;
}

/** The distinct terms of a text (words and Han bigrams, no word pairs): what it is about. */
export function terms(normalized: string): string[] {
  return [...new Set([...words(normalized), ...hanBigrams(normalized)])];
}

function hanBigrams(normalized: string): string[] {
  const out: string[] = [];
  const chars = [...normalized];
  for (let i = 1; i < chars.length; i++) {
    if (HAN.test(chars[i - 1]!) && HAN.test(chars[i]!)) out.push(`#${chars[i - 1]}${chars[i]}`);
  }
  return out;
}
