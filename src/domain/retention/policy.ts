// How long a case's personal data is kept (P-6): by default two years after the case
// closed, or what the rules set for its category; then it is anonymised (the case and
// its figures stay, nothing identifies the customer) or deleted.
import { createHash } from 'node:crypto';

export interface RetentionPolicy {
  /** Days after closing, for every category not listed in byCategory. */
  closedDays: number;
  byCategory: Record<string, number>;
  action: 'anonymise' | 'delete';
}

const DAY = 86_400_000;

/** The groups of cases the policy treats alike: each category with its own period, then all others. */
export function retentionGroups(p: RetentionPolicy, now: Date): Array<{ categories: { only: string } | { except: string[] }; closedBefore: Date }> {
  const before = (days: number) => new Date(now.getTime() - days * DAY);
  return [
    ...Object.entries(p.byCategory).map(([only, days]) => ({ categories: { only }, closedBefore: before(days) })),
    { categories: { except: Object.keys(p.byCategory) }, closedBefore: before(p.closedDays) },
  ];
}

/** What stands in for the customer's address once it is gone: stable, not reversible without the address. */
export function pseudonym(address: string): string {
  return `forgotten-${createHash('sha256').update(address.trim().toLowerCase()).digest('hex').slice(0, 16)}@invalid`;
}
