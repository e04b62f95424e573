// The signed links of the satisfaction survey (P-20): one per score, bound to the case,
// with an expiry, signed with HMAC-SHA256 so a changed case, score or date is refused.
// token = base64url("<case number>.<score>.<expires, unix s>") + "." + base64url(mac)
import { createHmac } from 'node:crypto';
import { openToken, signToken } from '../keys/signedToken.js';

export interface SurveyLink {
  caseNumber: string;
  /** 1-5, or 0 for "comment only". */
  score: number;
  expiresAt: Date;
}

export type LinkCheck = { ok: true; link: SurveyLink } | { ok: false; reason: 'forged' | 'expired' };

const mac = (secret: string, body: string) => createHmac('sha256', secret).update(`survey\n${body}`).digest();

export function signSurveyLink(link: SurveyLink, secret: string): string {
  const body = `${link.caseNumber}.${link.score}.${Math.floor(link.expiresAt.getTime() / 1000)}`;
  return signToken(body, secret, mac);
}

/** Checks the link against each of the keys (the current one and those still in their grace period). */
export function verifySurveyLink(token: string, secrets: readonly string[], now: Date): LinkCheck {
  const body = openToken(token, secrets, mac);
  if (body === null) return { ok: false, reason: 'forged' };
  const parts = /^([A-Za-z0-9-]+)\.([0-5])\.(\d+)$/.exec(body);
  if (!parts) return { ok: false, reason: 'forged' };
  const expiresAt = new Date(Number(parts[3]) * 1000);
  if (expiresAt <= now) return { ok: false, reason: 'expired' };
  return { ok: true, link: { caseNumber: parts[1]!, score: Number(parts[2]), expiresAt } };
}
