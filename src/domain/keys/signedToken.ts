// A signed token: base64url(body) + "." + base64url(mac), the mac made by the caller's
// function (its own label, so one kind of token never passes for another). Opening it
// tries each key that still verifies (the current one and those in their grace period).
import { timingSafeEqual } from 'node:crypto';

export type Mac = (secret: string, body: string) => Buffer;

export function signToken(body: string, secret: string, mac: Mac): string {
  return `${Buffer.from(body).toString('base64url')}.${mac(secret, body).toString('base64url')}`;
}

/** The token's body when one of the keys signed it; null when none did (or it is malformed). */
export function openToken(token: string, secrets: readonly string[], mac: Mac): string | null {
  const [b, m, extra] = token.split('.');
  if (!b || !m || extra !== undefined) return null;
  const body = Buffer.from(b, 'base64url').toString();
  const given = Buffer.from(m, 'base64url');
  const signedWith = (secret: string) => {
    const expected = mac(secret, body);
    return given.length === expected.length && timingSafeEqual(given, expected);
  };
  return secrets.some(signedWith) ? body : null;
}
