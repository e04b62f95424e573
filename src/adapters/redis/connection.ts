// Redis connections for BullMQ. Workers block on Redis, so requests must wait for a
// reconnect instead of failing (maxRetriesPerRequest: null). Redis must not evict
// keys, or queued jobs vanish: we check and say how to fix it.
import { Redis } from 'ioredis';
import type { Logger } from 'pino';

// While Redis is away the client reconnects for ever and reports every failed attempt;
// the log gets one line at the start of an outage and one a minute while it lasts.
const REPORT_EVERY_MS = 60_000;

/** A client for the app; with `log`, its connection errors go to the log (not stderr). */
export function createRedis(url: string, log?: Logger): Redis {
  const redis = new Redis(url, { maxRetriesPerRequest: null, enableReadyCheck: true, lazyConnect: false });
  if (log) {
    let reportedAt = 0;
    redis.on('error', (err: Error) => {
      if (Date.now() - reportedAt < REPORT_EVERY_MS) return;
      reportedAt = Date.now();
      log.error({ event: 'redis.unreachable', url: shownUrl(url), error: err.message }, `cannot reach Redis at ${shownUrl(url)} (${err.message}); retrying. Start it, or fix REDIS_URL.`);
    });
    redis.on('ready', () => {
      if (reportedAt) log.info({ event: 'redis.reachable', url: shownUrl(url) }, 'Redis is back');
      reportedAt = 0;
    });
  }
  return redis;
}

/** The URL with its password hidden, for messages. */
export function shownUrl(url: string): string {
  return url.replace(/\/\/[^@]*@/, '//***@');
}

// At start a Redis that does not answer is an error, not a wait: the client would retry
// for ever and the process would hang without a word.
const START_CHECK_MS = 10_000;

export async function checkRedis(redis: Redis, url: string, log: Logger): Promise<void> {
  let cause = ''; // the socket's error says more than the timeout
  const onError = (err: Error) => (cause ||= err.message);
  redis.on('error', onError);
  try {
    await withTimeout(redis.ping(), START_CHECK_MS, 'at start');
  } catch (err) {
    throw new Error(`cannot reach Redis at ${shownUrl(url)}: ${cause || (err as Error).message}. Start it with 'npm run services', or fix REDIS_URL.`, { cause: err });
  } finally {
    redis.off('error', onError);
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

/**
 * The command's answer, or an error after `ms`: a command on a Redis that is away waits
 * for the reconnect (maxRetriesPerRequest: null), which a caller on a clock cannot.
 */
export function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Redis did not answer within ${ms} ms ${what}`)), ms);
  });
  return Promise.race([p, late]).finally(() => clearTimeout(timer));
}
