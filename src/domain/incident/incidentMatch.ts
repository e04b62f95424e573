// Incidents (P-10): one problem reported by many customers. Two cases are about the same
// problem when they name the same product, arrive within the window, and their texts are
// similar: the Jaccard similarity of their sets of words and Han character pairs,
// estimated from min-hash signatures (32 numbers per case, whatever the text's length).
// Cases are compared only within buckets of one product, time window and min-hash, which
// the store reads by _id, so a busy product's cases never pile into one document.
import { terms } from '../text/features.js';
import { keywordMatcher } from '../classify/keywordRules.js';
import type { ScreeningConfig } from '../settings/screeningConfig.js';

/** Min-hashes of a text's feature set: equal at position i with probability = Jaccard. */
export type Signature = number[];

export interface IncidentCandidate {
  caseId: string;
  caseNumber: string;
  at: Date;
  customer: string;
  signature: Signature;
  incidentId?: string | null;
}

const HASHES = 32;
/** The first BANDS hashes key the buckets: similar texts share one with high probability. */
const BANDS = 4;

export function signature(normalized: string): Signature {
  const set = terms(normalized);
  return Array.from({ length: HASHES }, (_, i) => set.reduce((min, f) => Math.min(min, fnv1a(f, i)), 0xffffffff));
}

/** Estimated Jaccard similarity of the two texts' feature sets. */
export function similarity(a: Signature, b: Signature): number {
  let same = 0;
  for (let i = 0; i < HASHES; i++) if (a[i] === b[i]) same++;
  return same / HASHES;
}

/** FNV-1a, 32 bits, with the hash's index mixed into the offset basis. */
function fnv1a(s: string, seed: number): number {
  let h = (0x811c9dc5 ^ Math.imul(seed + 1, 0x9e3779b1)) >>> 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** The product a text is about, from the configured product keywords; "general" if none. */
export function productOf(normalized: string, products: ScreeningConfig['incident']['products']): string {
  return products.find((p) => keywordMatcher(p.keywords)(normalized))?.id ?? 'general';
}

/**
 * The buckets a case is filed in (`file`: its window, one per band) and looked up in
 * (`look`: those and the previous window's). With four bands, two texts of Jaccard
 * similarity 0.5 meet in some bucket with probability 1 - 0.5^4 = 94 %.
 */
export function bucketKeys(product: string, at: Date, windowHours: number, sig: Signature): { file: string[]; look: string[] } {
  const n = Math.floor(at.getTime() / (windowHours * 3600_000));
  const keys = (w: number) => sig.slice(0, BANDS).map((h, band) => `${product}:${w}:${band}:${h.toString(36)}`);
  return { file: keys(n), look: [...keys(n), ...keys(n - 1)] };
}

/** The cases of other customers within the window whose text is similar, earliest first. */
export function similarPeers(self: IncidentCandidate, others: IncidentCandidate[], windowHours: number, threshold: number): IncidentCandidate[] {
  const windowMs = windowHours * 3600_000;
  return others
    .filter((o) => o.caseId !== self.caseId && o.customer !== self.customer)
    .filter((o) => Math.abs(o.at.getTime() - self.at.getTime()) <= windowMs)
    .filter((o) => similarity(self.signature, o.signature) >= threshold)
    .sort(earliestFirst);
}

/**
 * The incident a case joins, given its similar peers (earliest first, with their
 * incidents): the earliest peer's incident, or one named after the earliest case of the
 * group, self included. Taking the earliest makes concurrent screenings of the same burst
 * agree on one id without a lock.
 */
export function incidentFor(self: IncidentCandidate, peers: IncidentCandidate[]): string | null {
  const first = peers[0];
  if (!first) return null;
  if (first.incidentId) return first.incidentId;
  return `INC-${[self, first].sort(earliestFirst)[0]!.caseNumber}`;
}

function earliestFirst(a: IncidentCandidate, b: IncidentCandidate): number {
  return a.at.getTime() - b.at.getTime() || (a.caseNumber < b.caseNumber ? -1 : 1);
}
