// The retention policy, enforced (P-6): once a day, the cases closed longer ago than the
// policy keeps them (per category, default two years) lose their personal data,
// anonymised or deleted as the rules say, in batches until none is due. (The auto-reply
// counts, which name addresses, expire in Redis on their own after two days.)
import type { Logger } from 'pino';
import { retentionGroups, type RetentionPolicy } from '../../domain/retention/policy.js';

export interface RetentionDeps {
  policy: () => Promise<RetentionPolicy>;
  closedCasesBefore: (before: Date, categories: { only: string } | { except: string[] }, limit: number) => Promise<string[]>;
  erase: (caseIds: string[], action: RetentionPolicy['action']) => Promise<unknown>;
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
  if (erased) deps.log.info({ event: 'retention.applied', cases: erased, action: policy.action }, 'personal data of old cases removed');
  return erased;
}
