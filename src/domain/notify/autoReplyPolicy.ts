// Whether an automatic reply (acknowledgement, survey, delay notice, refusal notice) may
// go to a sender (RFC 3834 §2; the rules are listed in docs/automated-mail.md):
// never to machines, never to ourselves, and at most a few per sender per day, so a
// misbehaving auto-responder that slips through detection cannot start a mail storm.
// The cap is checked after the rest, against a count the caller takes atomically.

import type { AutomatedVerdict } from '../intake/automated.js';
import { isOwnAddress } from '../intake/ownAddress.js';

export type AutoReplyDecision = { send: true } | { send: false; reason: string };

export interface AutoReplyFacts {
  to: string | null;
  automated: AutomatedVerdict | null;
  ownAddresses: readonly string[];
}

const NO_REPLY_SENDER = /^(no-?reply|do-?not-?reply|mailer-?daemon|mail-daemon|postmaster|bounces?)([+.-]|@)/i;

export function decideAutoReply(f: AutoReplyFacts): AutoReplyDecision {
  if (!f.to) return { send: false, reason: 'no sender address to reply to' };
  const to = f.to.toLowerCase();
  if (f.automated) return { send: false, reason: `automated mail (${f.automated.kind}: ${f.automated.reason})` };
  if (isOwnAddress(to, f.ownAddresses)) return { send: false, reason: `sender ${to} is one of our own addresses` };
  if (NO_REPLY_SENDER.test(to)) return { send: false, reason: `sender ${to} does not take replies` };
  return { send: true };
}

/** `countToday` includes the reply being decided on. */
export function withinDailyCap(countToday: number, capPerDay: number): AutoReplyDecision {
  return countToday <= capPerDay ? { send: true } : { send: false, reason: `cap of ${capPerDay} automatic replies per sender per day reached` };
}

