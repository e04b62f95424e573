// What a customer's answer after the resolution says (P-20 to P-22): a score typed in a
// reply ("2", "5/5", "4分"), "not fixed" / 「還是沒解決」 / "no", or "solved" / "yes"; and
// what each answer does: 1-2 and "not fixed" re-open the case, 3-5 and "fixed" close it.
import { foldHan } from '../text/hanFold.js';

export type Answer = { kind: 'score'; score: number } | { kind: 'not-fixed' } | { kind: 'fixed' };

const NOT_FIXED = ['not fixed', 'not solved', 'not resolved', 'still not', 'still broken', 'still happening', "doesn't work", 'does not work', 'not working', 'no', 'nope',
  '没有解决', '没解决', '未解决', '还是没', '还是不行', '没好', '仍然', '依然', '不行', '没有', '否'];
const FIXED = ['fixed', 'solved', 'resolved', 'works', 'working now', 'yes', 'all good', 'ok', 'okay',
  '已解决', '解决了', '好了', '可以了', '没问题', '是'];

/** Reads the first line of a reply; null when it is neither a score nor a clear yes/no. */
export function readAnswer(text: string): Answer | null {
  const first = text.split('\n').map((l) => l.trim()).find(Boolean);
  if (!first) return null;
  const line = foldHan(first.toLowerCase()).replace(/[.!。！,，]+$/, '').trim();
  const score = /^([1-5])(?:\s*(?:\/\s*5|分|星|stars?|points?))?$/.exec(line);
  if (score) return { kind: 'score', score: Number(score[1]) };
  // "not fixed" before "fixed": the longer phrase decides.
  if (NOT_FIXED.some((w) => matches(line, w))) return { kind: 'not-fixed' };
  if (FIXED.some((w) => matches(line, w))) return { kind: 'fixed' };
  return null;
}

/** Short words ("no", "ok", 「好了」) must be the whole line; longer phrases may be part of it. */
export function matches(line: string, phrase: string): boolean {
  if (line === phrase) return true;
  const long = /\p{Script=Han}/u.test(phrase) ? phrase.length >= 3 : phrase.length > 3;
  return long && line.includes(phrase);
}

export type Outcome = 'close' | 'reopen';

export function outcomeOf(answer: Answer): Outcome {
  if (answer.kind === 'score') return answer.score <= 2 ? 'reopen' : 'close';
  return answer.kind === 'not-fixed' ? 'reopen' : 'close';
}
