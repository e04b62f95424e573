// The retention policy, enforced (P-6): once a day, the cases closed longer ago than the
// policy keeps them (per category, default two years) lose their personal data,
// anonymised or deleted as the rules say, in batches until none is due; and the
// auto-reply counters (which name addresses) of days gone by are dropped.
import type { Logger } from 'pino';
import { retentionGroups, type RetentionPolicy } from '../../domain/retention/policy.js';

export interface RetentionDeps {
  policy: () => Promise<RetentionPolicy>;
  closedCasesBefore: (before: Date, categories: { only: string } | { except: string[] }, limit: number) => Promise<string[]>;
  erase: (caseIds: string[], action: RetentionPolicy['action']) => Promise<unknown>;
  /** Drops the per-day auto-reply counters of days before this one ('YYYY-MM-DD'). */
  dropCountersBefore: (day: string) => Promise<number>;
  now: () => Date;
  log: Logger;
}

const BATCH = 200;

export async function applyRetention(deps: RetentionDeps): Promise<number> {
  const policy = await deps.policy();
  let erased = 0;
  for (const group of retentionGroups(policy, deps.now())) {
    for (;;) {
      const due = await deps.closedCasesBefore(group.closedBefore, group.categories, BATCH);
      if (!due.length) break;
      await deps.erase(due, policy.action);
      erased += due.length;
      if (due.length < BATCH) break;
    }
  }
  // Yesterday's counters are the oldest the loop guard still reads.
  await deps.dropCountersBefore(new Date(deps.now().getTime() - 86_400_000).toISOString().slice(0, 10));
  if (erased) deps.log.info({ event: 'retention.applied', cases: erased, action: policy.action }, 'personal data of old cases removed');
  return erased;
}
