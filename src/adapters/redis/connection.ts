// Redis connections for BullMQ. Workers block on Redis, so requests must wait for a
// reconnect instead of failing (maxRetriesPerRequest: null). Redis must not evict
// keys, or queued jobs vanish: we check and say how to fix it.
import { Redis } from 'ioredis';
import type { Logger } from 'pino';

export function createRedis(url: string): Redis {
  return new Redis(url, { maxRetriesPerRequest: null, enableReadyCheck: true, lazyConnect: false });
}

/** The URL with its password hidden, for messages. */
export function shownUrl(url: string): string {
  return url.replace(/\/\/[^@]*@/, '//***@');
}

export async function checkRedis(redis: Redis, url: string, log: Logger): Promise<void> {
  try {
    await redis.ping();
  } catch (err) {
    throw new Error(`cannot reach Redis at ${shownUrl(url)}: ${(err as Error).message}. Start it with 'npm run services', or fix REDIS_URL.`, { cause: err });
  }
  try {
    const [, policy] = (await redis.config('GET', 'maxmemory-policy')) as [string, string];
    if (policy !== 'noeviction') {
      log.warn({ event: 'redis.eviction', policy }, `Redis maxmemory-policy is "${policy}": queued jobs can be evicted. Fix: CONFIG SET maxmemory-policy noeviction (and put it in redis.conf).`);
    }
  } catch {
    // Managed Redis often forbids CONFIG; BullMQ warns on its own in that case.
  }
}
