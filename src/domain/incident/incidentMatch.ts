// Incidents (P-10): one problem reported by many customers. Two cases are about the same
// problem when they name the same product, arrive within the window, and their texts are
// similar (cosine of word and character-bigram counts). Cases are compared only within
// buckets of one product, time window and min-hash, which the store reads by _id.
import { features } from '../text/features.js';
import { keywordMatcher } from '../classify/keywordRules.js';
import type { ScreeningConfig } from '../settings/screeningConfig.js';

export type TextVector = Record<string, number>;

export interface IncidentCandidate {
  caseId: string;
  caseNumber: string;
  at: Date;
  customer: string;
  vector: TextVector;
  incidentId?: string | null;
}

const VECTOR_SIZE = 40;

/** The most frequent features of a text, enough to compare it with others. */
export function textVector(normalized: string): TextVector {
  const counts = new Map<string, number>();
  for (const f of features(normalized)) counts.set(f, (counts.get(f) ?? 0) + 1);
  return Object.fromEntries([...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, VECTOR_SIZE));
}

export function cosine(a: TextVector, b: TextVector): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (const [k, v] of Object.entries(a)) {
    na += v * v;
    if (b[k]) dot += v * b[k];
  }
  for (const v of Object.values(b)) nb += v * v;
  return na && nb ? dot / Math.sqrt(na * nb) : 0;
}

/** The product a text is about, from the configured product keywords; "general" if none. */
export function productOf(normalized: string, products: ScreeningConfig['incident']['products']): string {
  return products.find((p) => keywordMatcher(p.keywords)(normalized))?.id ?? 'general';
}

const BANDS = 6;

/**
 * The buckets a case is filed in and looked up by: per product and time window, one per
 * min-hash of its features. Two texts share a min-hash with a probability equal to the
 * Jaccard similarity of their feature sets, so with six of them similar cases meet in
 * some bucket while unrelated ones rarely do, and no bucket fills with every case of a
 * busy product. `file` are the current window's keys; `look` adds the previous window's.
 */
export function bucketKeys(product: string, at: Date, windowHours: number, vector: TextVector): { file: string[]; look: string[] } {
  const n = Math.floor(at.getTime() / (windowHours * 3600_000));
  const signature = minHashes(Object.keys(vector));
  const keys = (w: number) => signature.map((h, band) => `${product}:${w}:${band}:${h.toString(36)}`);
  return { file: keys(n), look: [...keys(n), ...keys(n - 1)] };
}

function minHashes(features: string[]): number[] {
  return Array.from({ length: BANDS }, (_, band) => features.reduce((min, f) => Math.min(min, fnv1a(f, band)), 0xffffffff));
}

/** FNV-1a, 32 bits, with the band mixed into the offset basis. */
function fnv1a(s: string, seed: number): number {
  let h = (0x811c9dc5 ^ Math.imul(seed + 1, 0x9e3779b1)) >>> 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** The cases of other customers within the window whose text is similar, earliest first. */
export function similarPeers(self: IncidentCandidate, others: IncidentCandidate[], windowHours: number, threshold: number): IncidentCandidate[] {
  const windowMs = windowHours * 3600_000;
  return others
    .filter((o) => o.caseId !== self.caseId && o.customer !== self.customer)
    .filter((o) => Math.abs(o.at.getTime() - self.at.getTime()) <= windowMs)
    .filter((o) => cosine(self.vector, o.vector) >= threshold)
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
