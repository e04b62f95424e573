// The cases whose customer's data is being erased, marked for a day before the erasure
// starts. The report projector counts a case's phrases (the customer's words) and saves
// that it did in two steps; an erasure that comes between finds nothing counted and
// leaves the phrases to the projector. Whichever of the two takes a case's mark away
// first (the erasure only for a case it found counted, the projector only after saving
// it as counted) is the one that takes the phrases out: exactly one, as deleting a key
// is atomic, and also for a case the erasure deleted (pipeline/report/projectEvents).
import type { Redis } from 'ioredis';
import type { ErasureMarks } from '../../pipeline/report/ports.js';

// Far longer than a projector's batch takes: only a batch that read a case before its
// erasure started and saved it after needs the mark.
const MARK_SECONDS = 86_400;

export class RedisErasureMarks implements ErasureMarks {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  private key(caseId: string): string {
    return `${this.prefix}:erasing:${caseId}`;
  }

  async mark(caseIds: readonly string[]): Promise<void> {
    if (!caseIds.length) return;
    const p = this.redis.pipeline();
    for (const id of caseIds) p.set(this.key(id), '1', 'EX', MARK_SECONDS);
    await p.exec();
  }

  async claim(caseIds: readonly string[]): Promise<Set<string>> {
    if (!caseIds.length) return new Set();
    const p = this.redis.pipeline();
    for (const id of caseIds) p.getdel(this.key(id));
    const replies = (await p.exec()) ?? [];
    return new Set(
      caseIds.filter((_, i) => {
        const [err, value] = replies[i] ?? [null, null];
        if (err) throw err;
        return value !== null;
      }),
    );
  }
}
