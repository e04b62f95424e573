// Which existing case, if any, a new message belongs to (P-4). A message joins a case
// only when it is from that case's customer: naming someone else's case number, or
// replying to a forwarded copy of our mail, must never put text into a stranger's case.

import { findCaseNumbers } from '../case/caseNumber.js';
import { normalizeMessageId } from './dedupe.js';

export interface ThreadCandidate {
  caseId: string;
  caseNumber: string;
  customerEmail: string;
}

/** Message-IDs this message says it answers, most specific first. */
export function referencedMessageIds(inReplyTo: string[], references: string[]): string[] {
  return [...new Set([...inReplyTo, ...[...references].reverse()].map(normalizeMessageId).filter(Boolean))];
}

export function caseNumbersInSubject(prefix: string, subject: string): string[] {
  return findCaseNumbers(prefix, subject);
}

/**
 * Picks the case to join from candidates found by referenced Message-IDs (preferred)
 * and case numbers in the subject; null means "open a new case".
 */
export function chooseThread<T extends ThreadCandidate>(from: string | null, byReference: T[], bySubject: T[]): T | null {
  if (!from) return null;
  const sender = from.toLowerCase();
  const own = (c: T) => c.customerEmail.toLowerCase() === sender;
  return byReference.find(own) ?? bySubject.find(own) ?? null;
}
