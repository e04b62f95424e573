// Sentiment (P-9) from a weighted lexicon in English and Chinese, read on normalised
// text (Traditional folded to Simplified, so one list covers both scripts). Negation
// flips the next sentiment word, intensifiers strengthen it, and praise in a sentence
// that also reports a problem, with nothing fixed, is read as sarcasm ("great, it
// crashed again"). A lexicon is transparent: the timeline can say which words decided.
import { words } from '../text/features.js';

const STRONG_SCORE = -0.75;
const HAN_RUN = /^\p{Script=Han}+$/u;

export type SentimentLabel = 'negative' | 'neutral' | 'positive';

export interface Sentiment {
  label: SentimentLabel;
  /** -1 (very negative) .. 1 (very positive) */
  score: number;
  /** Strongly negative: raises the priority one step (P-9). */
  strong: boolean;
  /** The words that carried the score, for the timeline. */
  cues: string[];
  /** When a learned model chose the label: its probability and strongest evidence. */
  probability?: number;
  evidence?: string[];
}

const LEXICON: Record<string, number> = {
  // English
  good: 1, great: 1.5, excellent: 2, perfect: 1.5, love: 1.5, nice: 1, happy: 1.2, thank: 0.2, thanks: 0.2, appreciate: 0.4,
  helpful: 1.2, amazing: 1.8, awesome: 1.8, wonderful: 1.8, fast: 0.6, quick: 0.6, satisfied: 1.2, pleased: 1.2, glad: 1, fantastic: 1.8, smooth: 0.8, like: 0.5, enjoy: 1, impressed: 1.5, kudos: 1.5, solv: 0.8, fix: 0.5,
  bad: -1.2, terrible: -2, awful: -2, horrible: -2, worst: -2.5, hate: -2, angry: -2, furious: -2.5, disappoint: -1.5, disappointed: -1.5,
  unacceptable: -2.2, ridiculous: -2, useless: -2, annoy: -1.2, annoyed: -1.5, annoying: -1.5, frustrat: -1.5, frustrated: -1.8, frustrating: -1.8,
  poor: -1.2, rude: -1.8, slow: -0.8, broken: -1.2, crash: -1, fail: -0.8, error: -0.6, problem: -0.6, issue: -0.4, wrong: -0.8,
  never: -0.5, waste: -1.5, scam: -2.5, fraud: -2.5, disgusting: -2.5, pathetic: -2.2, incompetent: -2.2, joke: -1, garbage: -2.2, trash: -2, lost: -1,
  damag: -1.2, late: -0.8, delay: -0.8, miss: -0.8, worri: -1, refund: -0.6, complain: -1, complaint: -1, worried: -1, confus: -0.6, stuck: -0.8, unhappy: -1.5, upset: -1.5,
  nothing: -0.6, nobody: -1, disconnect: -1, refus: -1.2, crack: -1.2, dead: -1, peeling: -1, noise: -0.8, crackling: -1, swell: -1.2, dangerous: -2, danger: -1.8, melt: -1.8, risk: -1,
  disaster: -2.2, gone: -1, hurt: -0.8, disappear: -1.2, wipe: -1.5, deny: -1.5, scratch: -1, crush: -1.2, stole: -1.5, hack: -1.5, charged: -0.6, twice: -0.6, spin: -0.5, patient: 1.2,
  sucks: -2, nightmare: -2.2, ruin: -1.8, ruined: -1.8, ignored: -1.5, lie: -1.5, lied: -1.8, cheat: -2, cheated: -2.2,
  // Chinese (Simplified forms; Traditional is folded before lookup)
  好: 0.8, 很好: 1.2, 不错: 1.2, 满意: 1.5, 喜欢: 1.3, 感谢: 0.3, 谢谢: 0.2, 多谢: 0.2, 棒: 1.5, 优秀: 1.8, 方便: 1, 赞: 1.5, 开心: 1.3, 快: 0.5, 好用: 1.5, 贴心: 1.5, 专业: 1, 及时: 1, 顺利: 1,
  差: -1.5, 太差: -2, 糟糕: -2, 失望: -1.8, 生气: -2, 愤怒: -2.5, 气死: -2.5, 垃圾: -2.5, 烂: -2, 坑: -1.5, 骗: -2, 骗子: -2.5, 投诉: -1.2, 无语: -1.5, 离谱: -2, 过分: -2,
  恶心: -2.2, 不满: -1.8, 崩溃: -1.5, 闪退: -1.2, 卡顿: -1, 卡: -0.5, 慢: -0.8, 错误: -0.8, 失败: -0.8, 坏: -1.2, 坏了: -1.2, 破损: -1.2, 损坏: -1.2, 丢失: -1.2, 影响: -1, 麻烦: -0.8,
  无法: -0.8, 不能: -0.6, 问题: -0.5, 退款: -0.6, 延迟: -0.8, 迟迟: -1, 太慢: -1.5, 态度: -0.4, 敷衍: -2, 推诿: -2, 欺骗: -2.5, 受够: -2.5, 忍无可忍: -3, 上当: -2, 后悔: -1.5,
  没反应: -1, 不见: -1.2, 没了: -1, 没用: -1, 白等: -1.5, 刮痕: -1, 划痕: -1, 破了: -1.2, 裂: -1, 鼓包: -1.2, 膨胀: -1.2, 冒烟: -2, 危险: -1.8, 异味: -1.2, 杂音: -1, 异响: -1,
  掉漆: -1, 掉色: -1, 卡住: -1, 失灵: -1.2, 掉线: -1, 断线: -1, 盗: -1.5, 扣款: -0.8, 扣了: -0.8, 拖: -0.8, 粗糙: -1.2, 毛刺: -1, 进水: -1.2, 发烫: -1.2, 过热: -1.2, 融化: -1.5, 清空: -1.5, 催: -0.8, 怎么回事: -1.2, 找不到: -0.6,
  太夸张: -2, 夸张: -1.2, 急: -1, 耐心: 1, 表扬: 1.8, 加油: 1.2, 舒服: 0.8, 很喜欢: 1.5, 佩服: 1,
  送错: -1.2, 发错: -1.2, 寄错: -1.2, 弄错: -1.2, 搞错: -1.2, 错了: -1, 第三次: -1, 又错: -1.5,
  担心: -1, 着急: -1.2, 焦急: -1.2, 困扰: -1.2, 浪费: -1.5, 白白: -1, 耽误: -1.5, 耽误事: -2,
};

// Question forms built on a negator (「能不能」 "can or can't") that negate nothing.
const NEUTRAL = new Set(['垃圾信', '垃圾邮件', '垃圾桶', '快问', '快速问', '能不能', '可不可以', '是不是', '有没有', '要不要', '会不会', '行不行', '不好意思', '没问题', '没什么', '不客气', "don't hesitate", 'no problem']);
// Thanks and greetings are courtesy (weighted low above); what follows "but" is the message.
const CONTRAST = new Set(['but', 'however', 'unfortunately', 'although', 'though', 'yet', '但', '但是', '不过', '可是', '然而', '只是', '可惜']);
const NEGATORS = new Set(['not', "don't", "doesn't", "didn't", "isn't", "wasn't", "won't", "can't", 'cannot', 'never', 'no', '不', '没', '没有', '别', '不是', '毫无', '并不']);
const INTENSIFIERS: Record<string, number> = {
  very: 1.5, so: 1.4, every: 1.3, really: 1.4, extremely: 2, totally: 1.6, completely: 1.6, absolutely: 1.8, always: 1.3, again: 1.3, too: 1.3,
  太: 1.8, 非常: 1.6, 很: 1.3, 超级: 1.8, 极其: 2, 真: 1.3, 真是: 1.4, 特别: 1.5, 总是: 1.4, 一直: 1.3, 老是: 1.4, 又: 1.3, 严重: 1.8, 完全: 1.5, 根本: 1.6, 实在: 1.5, 好几: 1.3,
};
// A sentence with one of these reports that something was fixed: praise there is sincere.
// Not when negated: "still not fixed", 「还是没有解决」 report the opposite.
const NOT_EN = String.raw`(?<!\bnot |n't |\bnever |n't been |\bnot been |\bnot yet |\bnever been )`;
const NOT_ZH = String.raw`(?<!没|没有|未|未能|不|无法|没能|没法)`;
const RESOLVED = new RegExp(
  `${NOT_EN}(?:\\bfix(ed|ing)?\\b|solv|resolv)|works now|working now|sorted out|got my refund|refunded (?:me )?(?:in|within)|replaced it|sent (?:me )?a replacement|` +
    `${NOT_ZH}(?:解决|修好|恢复正常|处理好|搞定)|换(?:了|咗)(?:一)?(?:部|台|个|支)?新|帮我(?:处理|换)`,
);
// Praise next to a problem report is sarcasm, and so is praise with these markers in a
// mail that reports an unfixed problem ("It crashed again. Just great.").
const SARCASM_MARKER = /\bjust (great|perfect|wonderful|brilliant)|\boh,? (great|wonderful|perfect)|yeah right|thanks a lot|thanks for nothing|bravo|呵呵|真是太好了|真棒啊|好棒哦|谢谢你们啊|真行/;
// A sentence with one of these reports a problem.
const PROBLEM = /crash|broke|not work|doesn't work|error|fail|again|still not|still no|not (?:fixed|resolved|solved)|lost|late|never|闪退|崩溃|坏|错误|失败|无法|又(闪退|崩溃|坏|卡|出现)|还是一样|还没|(?:没|没有|未)(?:解决|修好|处理好)|丢失|没收到|到现在|才到/;
// Markers that make any praise in the mail ironic.
const IRONY = /呵呵|\bbravo\b|yeah right|thanks for nothing|\bindeed\b|perfect timing|真行|佩服佩服|真准|神速/;

export function analyzeSentiment(text: string): Sentiment {
  // "Quick question" asks; it does not praise anyone's speed.
  const normalized = text.replace(/\bquick (?:question|q)\b/g, 'question');
  let total = 0;
  // Strong negativity needs emphasis ("太影响", "extremely", "furious"), not only a long
  // list of problems: a calm, detailed report is negative but not strongly so.
  let intensified = false;
  // Praise so far, which a following "but" discounts.
  let positive = 0;
  const cues: string[] = [];
  const sentences = normalized.split(/[.!?。！？\n；;]+/).filter((s) => s.trim());
  const unfixedProblem = PROBLEM.test(normalized) && !RESOLVED.test(normalized);
  const ironic = IRONY.test(normalized) || (unfixedProblem && SARCASM_MARKER.test(normalized));
  for (const sentence of sentences) {
    const resolved = RESOLVED.test(sentence);
    const sarcastic = ironic || (PROBLEM.test(sentence) && !resolved);
    let boost = 1;
    let negate = false;
    for (const w of lexTokens(sentence)) {
      if (CONTRAST.has(w)) {
        if (positive > 0) {
          total -= positive * 0.7;
          positive *= 0.3;
        }
        continue;
      }
      if (NEUTRAL.has(w)) {
        negate = false;
        continue;
      }
      if (NEGATORS.has(w)) {
        negate = true;
        continue;
      }
      if (INTENSIFIERS[w]) {
        boost *= INTENSIFIERS[w];
        continue;
      }
      const base = LEXICON[w] ?? prefixWeight(w);
      if (base === undefined) continue;
      let v = base * Math.min(boost, 3);
      if (v < 0 && !negate && (boost >= 1.3 || base <= -2)) intensified = true;
      // "not satisfied" is negative but milder than "angry"; "not bad" is mildly positive.
      if (negate) v = v > 0 ? -0.6 * v : -0.5 * v;
      if (sarcastic && v > 0) {
        v = -v;
        if (v <= -1.2) intensified = true; // irony is emphatic
      }
      if (resolved && v < 0) v /= 3; // "you fixed the crash": the problem is history
      total += v;
      if (v > 0) positive += v;
      cues.push(w);
      boost = 1;
      negate = false;
    }
    // A negation that met no sentiment word still reports that something does not
    // happen: "it does not sync", 「收不到」.
    if (negate) {
      total -= 0.7;
      cues.push('(negation)');
    }
  }
  // "!!!" adds weight to a complaint.
  const bangs = (normalized.match(/[!！]/g) ?? []).length;
  if (total < 0 && bangs >= 2) total *= 1 + Math.min(bangs, 6) * 0.1;
  const score = Math.tanh(total / 3);
  const label: SentimentLabel = score <= -0.2 ? 'negative' : score >= 0.25 ? 'positive' : 'neutral';
  return { label, score: Math.round(score * 100) / 100, strong: score <= STRONG_SCORE && intensified, cues: [...new Set(cues)].slice(0, 10) };
}

// Words of anger or contempt, as against words of trouble: "太影响工作了，请尽快处理" is
// strongly negative and urgent, but polite; "垃圾", "ridiculous" or irony are angry.
const ANGER = new Set([
  'angry', 'furious', 'ridiculous', 'unacceptable', 'disgusting', 'pathetic', 'incompetent', 'scam', 'fraud', 'garbage', 'trash', 'sucks', 'nightmare', 'joke', 'useless', 'worst', 'hate', 'cheat', 'cheated', 'lie', 'lied', 'disgrace', 'outrageous', 'insult', 'wtf', 'bullshit', 'shit', 'damn', 'clown', 'absurd', 'appalling', 'disgusted', 'shocking',
  '生气', '愤怒', '气死', '垃圾', '烂', '坑', '骗', '骗子', '离谱', '过分', '恶心', '敷衍', '推诿', '欺骗', '受够', '忍无可忍', '无语', '太夸张', '上当', '靠北', '他妈', '妈的', '搞什么', '搞咩', '什么鬼', '火大', '扯', '岂有此理', '欺人太甚', '废物', '黑心', '嬲', '太差', '夸张',
]);
const ANGER_PATTERN = /wtf|\bwhat the (?:hell|heck)|靠北|他妈|妈的|搞什么|搞咩|什么鬼|岂有此理|欺人太甚|黑心|嬲|废物|扯|当我(?:们)?是|把我当|有病|太离谱|态度(?:很差|恶劣|极差)/;

/** The words of a mail that show anger or contempt (not only trouble), and irony. */
export function angerCues(normalized: string): string[] {
  const out = new Set<string>();
  for (const sentence of normalized.split(/[.!?。！？\n；;]+/)) for (const w of lexTokens(sentence)) if (ANGER.has(w) || (w.length > 5 && ANGER.has(prefixStem(w)))) out.add(w);
  const m = ANGER_PATTERN.exec(normalized);
  if (m) out.add(m[0]);
  const irony = IRONY.exec(normalized) ?? (PROBLEM.test(normalized) && !RESOLVED.test(normalized) ? SARCASM_MARKER.exec(normalized) : null);
  if (irony) out.add(`irony: ${irony[0]}`);
  if ((normalized.match(/[!！]/g) ?? []).length >= 3) out.add('!!!');
  return [...out];
}

const prefixStem = (w: string) => [...ANGER].find((a) => a.length >= 5 && w.startsWith(a)) ?? w;

// English stems in the lexicon ("frustrat", "damag") match their inflected forms.
const STEMS = Object.keys(LEXICON).filter((k) => /^[a-z]{5,}$/.test(k));
function prefixWeight(w: string): number | undefined {
  if (!/^[a-z]{6,}$/.test(w)) return undefined;
  const s = STEMS.find((stem) => w.startsWith(stem));
  return s === undefined ? undefined : LEXICON[s];
}

const DICT = new Set([...Object.keys(LEXICON), ...CONTRAST, ...NEGATORS, ...NEUTRAL, ...Object.keys(INTENSIFIERS)].filter((k) => HAN_RUN.test(k)));
const LONGEST = Math.max(...[...DICT].map((k) => k.length));

/**
 * The sentence as lexicon tokens in order: English words as the feature tokenizer
 * stems them, and Chinese by longest match against the lexicon, because the
 * segmenter's dictionary splits terms such as 「闪退」 into single characters.
 */
function lexTokens(sentence: string): string[] {
  const out: string[] = [];
  for (const run of sentence.split(/(\p{Script=Han}+)/u)) {
    if (!HAN_RUN.test(run)) {
      out.push(...words(run));
      continue;
    }
    for (let i = 0; i < run.length; ) {
      let len = Math.min(LONGEST, run.length - i);
      while (len > 1 && !DICT.has(run.slice(i, i + len))) len--;
      out.push(run.slice(i, i + len));
      i += len;
    }
  }
  return out;
}
