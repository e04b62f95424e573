// What the customer's pages behind a signed link share (the survey page, and the consent
// and recognition links): the keys that sign the links, the case a link names, the store
// of the answers confirmed there, and the job that applies a stored answer to its case.
// Opening and confirming a link both start by checking it and finding its case.
import { verifyingKeys, type KeyRing } from '../../domain/keys/keyRing.js';
import type { Locale } from '../../domain/intake/language.js';

/** What every link page shows of its case. */
export interface PortalCase {
  caseId: string;
  caseNumber: string;
  subject: string;
  locale: Locale;
  status: string;
}

export interface PortalDeps<C extends PortalCase, S> {
  /** The survey links' keys (each kind of link carries a label of its own). */
  keys: KeyRing;
  caseByNumber: (caseNumber: string) => Promise<C | null>;
  answers: S;
  /** Queues a stored answer to be applied to its case. */
  apply: (caseId: string, answerId: string) => Promise<void>;
  now: () => Date;
}

type LinkCheck<L> = { ok: true; link: L } | { ok: false; reason: 'forged' | 'expired' };

/** The link a token carries and the case it names (null: no such case), or why the token is refused. */
export async function openedLink<L extends { caseNumber: string }, C extends PortalCase, S>(
  token: string,
  verify: (token: string, secrets: readonly string[], now: Date) => LinkCheck<L>,
  deps: PortalDeps<C, S>,
): Promise<{ state: 'forged' | 'expired' } | { state: 'verified'; link: L; case: C | null }> {
  const check = verify(token, verifyingKeys(deps.keys, deps.now()), deps.now());
  if (!check.ok) return { state: check.reason };
  return { state: 'verified', link: check.link, case: await deps.caseByNumber(check.link.caseNumber) };
}
