// Send receipts (see SendReceipts) in Redis: one SET, well under a millisecond after the
// SMTP server's 250, against 20-70 ms for an insert waiting behind FerretDB's single
// writer under load: a sender SIGKILLed inside that window would leave no receipt, and
// the retry after its lease would send the mail a second time.
// A receipt is needed only until the outbox entry is marked sent, by the sender or by
// the retry after the lease: a week is plenty. Redis is a deployment's shared, persisted
// store (AOF) like the queues; a receipt lost with its data matters only for a sender
// that died between the 250 and its mark, whose mail can then go out twice (a Redis
// restarted without its data seconds after that sender's death). Neither call may
// wait on a Redis that is away (ioredis would queue the command until it is back): the
// claim's lease would run out meanwhile.
import type { Redis } from 'ioredis';
import type { SendReceipts } from '../../pipeline/notify/ports.js';
import { withTimeout } from './connection.js';

const KEEP_MS = 7 * 86400_000;
const TIMEOUT_MS = 3000;

export class RedisSendReceipts implements SendReceipts {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  async record(id: string, response: string): Promise<void> {
    await withTimeout(this.redis.set(this.key(id), response || '250', 'PX', KEEP_MS), TIMEOUT_MS, 'writing the send receipt');
  }

  async find(id: string): Promise<string | null> {
    return withTimeout(this.redis.get(this.key(id)), TIMEOUT_MS, 'reading the send receipt');
  }

  private key(id: string): string {
    return `${this.prefix}:send-receipt:${id}`;
  }
}
