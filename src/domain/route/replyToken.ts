// The reply address in a routing mail (P-12, P-13): support+CS-2026-000123.k7f3q@domain.
// Mail to it reaches the support mailbox (plus-addressing) and names its case; the
// short code is an HMAC of the case number, so a guessed or altered number is refused,
// and the sender must also be on the department's staff list before it counts.
import { createHmac, timingSafeEqual } from 'node:crypto';

const CODE_LENGTH = 5;
const ALPHABET = 'abcdefghijkmnpqrstuvwxyz23456789'; // 32 symbols, no look-alikes (l/1, o/0)

function code(secret: string, caseNumber: string): string {
  const mac = createHmac('sha256', secret).update(caseNumber.toUpperCase()).digest();
  let out = '';
  for (let i = 0; i < CODE_LENGTH; i++) out += ALPHABET[mac[i]! & 31];
  return out;
}

export function replyAddress(supportAddress: string, caseNumber: string, secret: string): string {
  const [local, domain] = splitAddress(supportAddress);
  return `${local}+${caseNumber}.${code(secret, caseNumber)}@${domain}`;
}

export type TokenCheck = { kind: 'none' } | { kind: 'valid'; caseNumber: string } | { kind: 'invalid'; address: string };

/** Looks for our reply address among the recipients and checks its code against each of the keys. */
export function readReplyToken(recipients: readonly string[], supportAddress: string, secrets: readonly string[]): TokenCheck {
  const [local, domain] = splitAddress(supportAddress);
  const re = new RegExp(`^${escape(local)}\\+([a-z0-9-]+)\\.([a-z0-9]{${CODE_LENGTH}})@${escape(domain)}$`, 'i');
  for (const r of recipients) {
    const m = re.exec(r.trim());
    if (!m) continue;
    const caseNumber = m[1]!.toUpperCase();
    const given = Buffer.from(m[2]!.toLowerCase());
    const matches = (secret: string) => {
      const expected = Buffer.from(code(secret, caseNumber));
      return given.length === expected.length && timingSafeEqual(given, expected);
    };
    if (secrets.some(matches)) return { kind: 'valid', caseNumber };
    return { kind: 'invalid', address: r };
  }
  return { kind: 'none' };
}

function splitAddress(address: string): [string, string] {
  const at = address.lastIndexOf('@');
  return [address.slice(0, at).toLowerCase(), address.slice(at + 1).toLowerCase()];
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
