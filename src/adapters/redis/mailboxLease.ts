// Who reads a mailbox: one poller process at a time holds its lease in Redis (SET NX PX,
// renewed while held), so two processes never work the same messages, and a crashed
// holder's mailbox is taken over once its lease runs out. Each new holder also gets a
// fence, a number that only grows (INCR): the stores it writes to refuse a smaller one,
// so a holder that was paused past its lease (GC, a stopped VM) and has not noticed yet
// cannot move the mailbox's cursor back. The counter starts above the fence the cursor
// store holds: a Redis that lost its data would otherwise count from 1 again, below
// every stored fence, and the mailbox would never be read again.
import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';

// Renews only the caller's own lease; returns 0 when it is gone or someone else's.
const RENEW = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end";
// The next fence: one more than the last, and above `floor`.
const NEXT_FENCE = "local v = redis.call('incr', KEYS[1]) if v <= tonumber(ARGV[1]) then v = tonumber(ARGV[1]) + 1 redis.call('set', KEYS[1], v) end return v";
const RELEASE = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";

export interface LeaseOptions {
  ttlMs: number;
  /** Who holds it, for operators reading the key: host and pid. */
  holder: string;
}

export class MailboxLease {
  private readonly token: string;
  private renewedAt = 0;
  private fenceValue = 0;

  constructor(
    private readonly redis: Redis,
    private readonly key: string,
    private readonly opts: LeaseOptions,
  ) {
    this.token = `${opts.holder}:${randomBytes(6).toString('hex')}`;
  }

  /**
   * Takes the lease if it is free; returns the new fence (above what `floorOf` says the
   * stores have seen, asked only once the lease is ours), or null when another process
   * holds it. If the fence cannot be had, the lease is handed back and the error thrown.
   */
  async tryAcquire(floorOf: () => Promise<number>): Promise<number | null> {
    const t0 = Date.now();
    if ((await this.redis.set(this.key, this.token, 'PX', this.opts.ttlMs, 'NX')) !== 'OK') return null;
    try {
      const floor = await floorOf();
      this.fenceValue = Number(await this.redis.eval(NEXT_FENCE, 1, `${this.key}:fence`, String(floor)));
    } catch (err) {
      await this.release().catch(() => undefined);
      throw err;
    }
    this.renewedAt = t0;
    return this.fenceValue;
  }

  /** Extends the lease; false when it was lost (expired, or taken by another process). */
  async renew(): Promise<boolean> {
    const t0 = Date.now();
    const ok = (await this.redis.eval(RENEW, 1, this.key, this.token, String(this.opts.ttlMs))) === 1;
    if (ok) this.renewedAt = t0;
    else this.renewedAt = 0;
    return ok;
  }

  /**
   * Held by our own clock: the last renewal's start plus the lease, less a margin for
   * clock drift between us and Redis. Checked before each message, so a process that
   * stalled past its lease stops before it touches another one.
   */
  get held(): boolean {
    return this.renewedAt > 0 && Date.now() < this.renewedAt + this.opts.ttlMs * 0.8;
  }

  get ttlMs(): number {
    return this.opts.ttlMs;
  }

  get fence(): number {
    return this.fenceValue;
  }

  async release(): Promise<void> {
    this.renewedAt = 0;
    await this.redis.eval(RELEASE, 1, this.key, this.token);
  }
}
