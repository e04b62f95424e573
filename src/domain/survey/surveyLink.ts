// The signed links of the satisfaction survey (P-20): one per score, bound to the case,
// with an expiry, signed with HMAC-SHA256 so a changed case, score or date is refused.
// token = base64url("<case number>.<score>.<expires, unix s>") + "." + base64url(mac)
import { createHmac, timingSafeEqual } from 'node:crypto';

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
  return `${Buffer.from(body).toString('base64url')}.${mac(secret, body).toString('base64url')}`;
}

/** Checks the link against each of the keys (the current one and those still in their grace period). */
export function verifySurveyLink(token: string, secrets: readonly string[], now: Date): LinkCheck {
  const [b, m, extra] = token.split('.');
  if (!b || !m || extra !== undefined) return { ok: false, reason: 'forged' };
  const body = Buffer.from(b, 'base64url').toString();
  const given = Buffer.from(m, 'base64url');
  const signedWith = (secret: string) => {
    const expected = mac(secret, body);
    return given.length === expected.length && timingSafeEqual(given, expected);
  };
  if (!secrets.some(signedWith)) return { ok: false, reason: 'forged' };
  const parts = /^([A-Za-z0-9-]+)\.([0-5])\.(\d+)$/.exec(body);
  if (!parts) return { ok: false, reason: 'forged' };
  const expiresAt = new Date(Number(parts[3]) * 1000);
  if (expiresAt <= now) return { ok: false, reason: 'expired' };
  return { ok: true, link: { caseNumber: parts[1]!, score: Number(parts[2]), expiresAt } };
}
