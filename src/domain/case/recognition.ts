// Public recognition (公開表彰, 003/004) of an adopted suggestion's author, only where
// they agree: the name shown is the one they consented to (by default their initials,
// never their address), and withdrawing the consent takes them off the public page.
import { foldHan } from '../text/hanFold.js';

export type RecognitionState = 'agreed' | 'declined' | 'withdrawn';

export interface Recognition {
  state: RecognitionState;
  /** The name shown publicly (only while agreed). */
  name: string;
  at: Date;
  via: 'reply' | 'link';
}

/** What the public page lists: the adopted plan and the name the author agreed to. */
export interface PublicRecognition {
  caseId: string;
  name: string;
  /** The department's adopted plan (the `adopt:` text), personal numbers masked. */
  plan: string;
  adoptedAt: Date;
}

const MAX_NAME = 40;

/** The initials of a name: "Wang Xiaoming" -> "W. X.", 「王小明」 -> 「王**」; empty when there is no name. */
export function initialsOf(name: string): string {
  const n = name.trim().replace(/["<>]/g, '');
  if (!n) return '';
  if (/\p{Script=Han}/u.test(n)) {
    const chars = [...n.replace(/\s+/g, '')];
    return chars[0]! + '*'.repeat(Math.min(chars.length - 1, 3));
  }
  return n.split(/[\s.-]+/).filter(Boolean).map((w) => `${[...w][0]!.toUpperCase()}.`).join(' ');
}

/** The name a customer typed to be shown, cleaned: one line, no markup, at most 40 characters; no address. */
export function displayName(typed: string): string {
  const one = typed.replace(/[\r\n\t]+/g, ' ').replace(/[<>"]/g, '').trim().slice(0, MAX_NAME);
  return /@/.test(one) ? '' : one;
}

/** A reply to the question: only the words of agreeing or not agreeing to be named (同意 / agree). */
export function readRecognitionReply(text: string): 'agreed' | 'declined' | null {
  const first = text.split('\n').map((l) => l.trim()).find(Boolean);
  if (!first) return null;
  const line = foldHan(first.toLowerCase()).replace(/[.!。！,，]+$/, '').trim();
  if (/^(我)?不同意|^(i )?(disagree|do not agree|don't agree)\b/.test(line)) return 'declined';
  if (/^(我)?同意|^(i )?agree\b|^yes,? (i )?agree\b/.test(line)) return 'agreed';
  return null;
}
