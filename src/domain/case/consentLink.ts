// The signed links of a customer's consent: to a proposed solution (002: 征得客戶同意,
// accept or refuse), and to being named publicly as an adopted suggestion's author
// (公開表彰, agree or withdraw). Each link is bound to the case, to the one proposal or
// adoption it answers (its stamp: the time it was made, in seconds) and to the choice, with an expiry; signed with
// HMAC-SHA256 under the survey links' keys, with a label of its own so that neither kind
// of link passes for the other.
// token = base64url("<purpose>.<case number>.<choice>.<stamp>.<expires, unix s>") + "." + base64url(mac, 128 bits),
// purpose and choice by their first letter: the token stays within a URL path segment's
// length the HTTP server takes (100 characters).
import { createHmac } from 'node:crypto';
import { openToken, signToken } from '../keys/signedToken.js';

export const LINK_CHOICES = {
  proposal: ['accept', 'refuse'],
  credit: ['agree', 'withdraw'],
} as const;
export type LinkPurpose = keyof typeof LINK_CHOICES;
export type LinkChoice = (typeof LINK_CHOICES)[LinkPurpose][number];

export interface ConsentLink {
  purpose: LinkPurpose;
  caseNumber: string;
  choice: LinkChoice;
  /** What the link answers: the proposal's or the adoption's time (unix seconds). */
  stamp: number;
  expiresAt: Date;
}

export type ConsentLinkCheck = { ok: true; link: ConsentLink } | { ok: false; reason: 'forged' | 'expired' };

const mac = (secret: string, body: string) => createHmac('sha256', secret).update(`consent-link\n${body}`).digest().subarray(0, 16);
const letter = (word: string) => word.slice(0, 1);
const PURPOSE_BY_LETTER = new Map((Object.keys(LINK_CHOICES) as LinkPurpose[]).map((p) => [letter(p), p]));

/** A time as the stamp of a link. */
export const stampOf = (at: Date): number => Math.floor(at.getTime() / 1000);

export function signConsentLink(link: ConsentLink, secret: string): string {
  const body = `${letter(link.purpose)}.${link.caseNumber}.${letter(link.choice)}.${link.stamp}.${Math.floor(link.expiresAt.getTime() / 1000)}`;
  return signToken(body, secret, mac);
}

export function verifyConsentLink(token: string, secrets: readonly string[], now: Date): ConsentLinkCheck {
  const body = openToken(token, secrets, mac);
  if (body === null) return { ok: false, reason: 'forged' };
  const parts = /^([a-z])\.([A-Za-z0-9-]+)\.([a-z])\.(\d+)\.(\d+)$/.exec(body);
  const purpose = parts ? PURPOSE_BY_LETTER.get(parts[1]!) : undefined;
  const choice = purpose ? (LINK_CHOICES[purpose] as readonly LinkChoice[]).find((c) => letter(c) === parts![3]) : undefined;
  if (!parts || !purpose || !choice) return { ok: false, reason: 'forged' };
  const expiresAt = new Date(Number(parts[5]) * 1000);
  if (expiresAt <= now) return { ok: false, reason: 'expired' };
  return { ok: true, link: { purpose, caseNumber: parts[2]!, choice, stamp: Number(parts[4]), expiresAt } };
}
