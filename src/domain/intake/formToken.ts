// The feedback form's hidden token (spam resistance without third-party services): the
// time the form was served, signed. A post without it, with a forged one, sent faster
// than a person types, or a day later, is refused; with the hidden "website" field a
// bot fills, that keeps out most automated posts.
import { createHmac, timingSafeEqual } from 'node:crypto';

const mac = (secret: string, issued: string) => createHmac('sha256', secret).update(`form\n${issued}`).digest('base64url');

export function issueFormToken(now: Date, secret: string): string {
  const issued = String(now.getTime());
  return `${issued}.${mac(secret, issued)}`;
}

export type FormTokenCheck = 'ok' | 'forged' | 'too-fast' | 'stale';

/** Checks the token against each of the keys (the current one and those still in their grace period). */
export function checkFormToken(token: string | undefined, now: Date, secrets: readonly string[], minSeconds = 2): FormTokenCheck {
  const [issued, sig] = (token ?? '').split('.');
  if (!issued || !sig || !/^\d+$/.test(issued)) return 'forged';
  const given = Buffer.from(sig);
  const signedWith = (secret: string) => {
    const expected = Buffer.from(mac(secret, issued));
    return expected.length === given.length && timingSafeEqual(expected, given);
  };
  if (!secrets.some(signedWith)) return 'forged';
  const age = now.getTime() - Number(issued);
  if (age < minSeconds * 1000) return 'too-fast';
  if (age > 24 * 3600_000) return 'stale';
  return 'ok';
}
