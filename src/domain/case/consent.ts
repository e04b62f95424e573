// The customer's answer to a proposed solution (002: 征得客戶同意): the first line of
// their reply, read like a survey answer (domain/survey/feedback): "yes" / 「同意」 or
// "no" / 「不同意」. Null when it is neither; the reply then goes to the department as
// any other.
import { foldHan } from '../text/hanFold.js';
import { matches } from '../survey/feedback.js';

export type Consent = 'accepted' | 'refused';

/** A solution the department proposed, waiting for or holding the customer's answer. */
export interface Proposal {
  text: string;
  by: string;
  at: Date;
  state: 'awaiting' | Consent;
  /** The customer's words, once answered. */
  answer?: string;
  answeredAt?: Date;
  /** How they answered: a reply to the mail, or a link in it. */
  via?: 'reply' | 'link';
}

// Folded to Simplified (foldHan), so one list serves both scripts.
const REFUSE = ['no', 'nope', 'not ok', 'disagree', 'i disagree', 'do not agree', "don't agree", 'refuse', 'i refuse', 'not accepted', 'reject', 'decline',
  '我不同意', '不同意', '不接受', '拒绝', '不要', '不行', '不好', '否'];
const ACCEPT = ['yes', 'ok', 'okay', 'agree', 'i agree', 'accept', 'i accept', 'accepted', 'go ahead', 'sure', 'no problem',
  '我同意', '同意', '接受', '好的', '可以', '好', '是', '没问题'];
const WORDS = [...REFUSE.map((w) => ({ w, consent: 'refused' as const })), ...ACCEPT.map((w) => ({ w, consent: 'accepted' as const }))].sort((a, b) => b.w.length - a.w.length);

export function readConsent(text: string): Consent | null {
  const first = text.split('\n').map((l) => l.trim()).find(Boolean);
  if (!first) return null;
  const line = foldHan(first.toLowerCase()).replace(/[.!。！,，]+$/, '').trim();
  // The longest word that fits decides: 「不同意」 holds 「同意」, "no problem" starts with "no".
  const opens = (w: string) => matches(line, w) || [' ', '，', ',', '。', '.', '!', '！'].some((sep) => line.startsWith(`${w}${sep}`));
  return WORDS.find(({ w }) => opens(w))?.consent ?? null;
}
