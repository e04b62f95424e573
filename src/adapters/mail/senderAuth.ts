// Whether a staff mail proves it was sent by its From domain, before it may change a case.
// A From header alone proves nothing: anyone who saw one routing mail could write as the
// department. Per department, one of:
//   require         a DKIM signature that verifies (mailauth, against the signer's DNS key)
//                   and is aligned with the From domain (the same organisational domain),
//                   which is what DMARC counts as a pass through DKIM. SPF cannot be
//                   checked here: we read mail from a mailbox, not from the SMTP session.
//   trust-receiver  the Authentication-Results header our own receiving server added (its
//                   authserv-id configured), topmost of those, saying dmarc=pass for the
//                   From domain, or dkim=pass with an aligned header.d.
//   off             nothing checked (development only).
import { dkimVerify } from 'mailauth';
import type { DNSResolver } from 'mailauth';

import type { StaffMailAuthMode } from '../../domain/route/staffMailAuth.js';

export interface SenderAuthSettings {
  defaultMode: StaffMailAuthMode;
  byDepartment: ReadonlyMap<string, StaffMailAuthMode>;
  /** The authserv-id of our receiving server's Authentication-Results (trust-receiver). */
  trustedReceiver: string | undefined;
  /** DNS TXT lookups for the DKIM keys; the system resolver when not given. */
  resolver: DNSResolver | undefined;
}

/** Why the mail does not prove its origin, or null when it does (or the department does not ask). */
export type OriginCheck = (raw: Buffer, from: string, department: string) => Promise<string | null>;

export function senderAuthenticator(s: SenderAuthSettings): OriginCheck {
  return async (raw, from, department) => {
    const mode = s.byDepartment.get(department) ?? s.defaultMode;
    const domain = from.split('@').pop()!.toLowerCase();
    if (mode === 'off') return null;
    if (mode === 'trust-receiver') return receiverSays(raw, domain, s.trustedReceiver ?? '');
    return dkimSays(raw, domain, s.resolver);
  };
}

async function dkimSays(raw: Buffer, domain: string, resolver: DNSResolver | undefined): Promise<string | null> {
  const { results = [] } = await dkimVerify(raw, resolver ? { resolver } : {});
  if (results.some((r) => r.status?.result === 'pass' && r.status.aligned)) return null;
  if (results.length === 0 || results.every((r) => r.status?.result === 'none')) return `it carries no DKIM signature, so nothing shows ${domain} sent it`;
  const seen = results.map((r) => `d=${r.signingDomain ?? '?'} ${r.status?.result ?? '?'}${r.status?.result === 'pass' ? ' but not aligned with the From domain' : ''}${r.status?.comment ? ` (${r.status.comment})` : ''}`);
  return `no DKIM signature of ${domain} verified: ${seen.join('; ')}`;
}

function receiverSays(raw: Buffer, domain: string, receiver: string): string | null {
  const results = headerValues(raw, 'authentication-results').filter((v) => v.split(';')[0]!.trim().toLowerCase().split(/\s+/)[0] === receiver.toLowerCase());
  const top = results[0];
  if (!top) return `it carries no Authentication-Results of our receiving server ${receiver}`;
  const methods = top.split(';').slice(1).map((m) => m.trim().toLowerCase());
  const aligned = (d: string) => d === domain || d.endsWith(`.${domain}`) || domain.endsWith(`.${d}`);
  const prop = (m: string, name: string) => new RegExp(`(?:^|\\s)${name.replace('.', '\\.')}=([^\\s;]+)`).exec(m)?.[1]?.replace(/^@/, '');
  const ok = methods.some((m) => {
    if (/^dmarc=pass\b/.test(m)) return (prop(m, 'header.from') ?? domain) === domain;
    if (/^dkim=pass\b/.test(m)) return aligned(prop(m, 'header.d') ?? prop(m, 'header.i')?.split('@').pop() ?? '');
    return false;
  });
  return ok ? null : `${receiver} did not find it authentic for ${domain}: ${methods.join('; ') || 'no results'}`;
}

/** The unfolded values of a header in the order they appear (topmost first). */
function headerValues(raw: Buffer, name: string): string[] {
  const text = raw.subarray(0, 256 * 1024).toString('latin1');
  const end = /\r?\n\r?\n/.exec(text)?.index ?? text.length;
  return text
    .slice(0, end)
    .replace(/\r?\n[ \t]+/g, ' ')
    .split(/\r?\n/)
    .filter((line) => line.toLowerCase().startsWith(`${name}:`))
    .map((line) => line.slice(name.length + 1).trim());
}
