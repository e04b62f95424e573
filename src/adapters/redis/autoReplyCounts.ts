// The RFC 3834 loop guard's counts (see AutoReplyCounter) in Redis: one set per
// recipient and UTC day of the automatic mails meant for it (so a retried mail counts
// once), added to with its expiry in one round trip. In MongoDB this
// was a locked read-and-replace on FerretDB for every acknowledgement, a counter document
// per address that the retention job had to sweep. A key outlives its day by one more
// (expiry two days after its last count), so yesterday's count is never missing while
// it may still be read. A count lost with Redis's data restarts that day's count for
// the address: the cap still holds from there.
import type { Redis } from 'ioredis';
import type { AutoReplyCounter } from '../../pipeline/notify/ports.js';

const DAY_MS = 86400_000;
const KEEP_MS = 2 * DAY_MS;

export class RedisAutoReplyCounts implements AutoReplyCounter {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  async count(to: string, day: string, mailId: string): Promise<number> {
    const key = this.key(to, day);
    const result = await this.redis.multi().sadd(key, mailId).scard(key).pexpire(key, KEEP_MS).exec();
    const [err, n] = result?.[1] ?? [new Error('the transaction was discarded'), null];
    if (err) throw err;
    return Number(n);
  }

  /** Removes the address's counts (forgetting a customer): every day a key may still live for. */
  async forget(address: string, now: Date): Promise<void> {
    const days = [-3, -2, -1, 0, 1].map((d) => new Date(now.getTime() + d * DAY_MS).toISOString().slice(0, 10));
    await this.redis.del(...days.map((day) => this.key(address, day)));
  }

  private key(to: string, day: string): string {
    return `${this.prefix}:auto-reply-mails:${to.trim().toLowerCase()}|${day}`;
  }
}
