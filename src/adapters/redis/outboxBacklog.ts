// The outbox entries whose send failed and which wait for a retry, as a Redis set: its
// size is the outbox backlog on /metrics, read in one command (counting the entries in
// the database would scan the whole outbox on FerretDB). An entry joins when its send
// fails and leaves when it is sent or refused for good; a set lost with Redis's data
// undercounts only the entries failing at that moment.
import type { Redis } from 'ioredis';

export class RedisOutboxBacklog {
  private readonly key: string;

  constructor(
    private readonly redis: Redis,
    prefix: string,
  ) {
    this.key = `${prefix}:outbox-backlog`;
  }

  async add(id: string): Promise<void> {
    await this.redis.sadd(this.key, id);
  }

  async remove(id: string): Promise<void> {
    await this.redis.srem(this.key, id);
  }

  size(): Promise<number> {
    return this.redis.scard(this.key);
  }
}
