// The cases whose customer's data is being erased, marked for a day before the erasure
// starts. The report projector counts a case's phrases (the customer's words) and saves
// that it did in two steps; an erasure that comes between finds nothing counted yet and
// leaves the phrases to the projector, which asks here, once a batch, which of the cases
// it has just counted are being erased (pipeline/report/projectEvents).
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

  async marked(caseIds: readonly string[]): Promise<Set<string>> {
    if (!caseIds.length) return new Set();
    const values = await this.redis.mget(caseIds.map((id) => this.key(id)));
    return new Set(caseIds.filter((_, i) => values[i] !== null));
  }
}
