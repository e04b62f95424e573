// The loop guard's counts on the real Redis: per address (any case) and UTC day, each
// with an expiry, and gone for the address when its customer is forgotten.
import { afterAll, describe, expect, it } from 'vitest';
import { RedisAutoReplyCounts } from '../../src/adapters/redis/autoReplyCounts.js';
import { createRedis } from '../../src/adapters/redis/connection.js';
import { uniqueDbName } from '../support/testApp.js';

const redis = createRedis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
const prefix = uniqueDbName();
const counts = new RedisAutoReplyCounts(redis, prefix);

afterAll(() => redis.disconnect());

describe('auto-reply counts', () => {
  it('count per address and day, expire, and are removed when the customer is forgotten', async () => {
    const day = '2026-11-23';
    expect(await Promise.all([counts.count('Alice@Example.test', day), counts.count('alice@example.test', day), counts.count(' alice@example.test', day)])).toEqual([1, 2, 3]);
    expect(await counts.count('alice@example.test', '2026-11-24')).toBe(1);
    expect(await counts.count('bob@example.test', day)).toBe(1);
    const ttl = await redis.pttl(`${prefix}:auto-replies:alice@example.test|${day}`);
    expect(ttl).toBeGreaterThan(86400_000);
    expect(ttl).toBeLessThanOrEqual(2 * 86400_000);

    await counts.forget('ALICE@example.test', new Date(`${day}T12:00:00Z`));
    expect(await redis.keys(`${prefix}:auto-replies:alice*`)).toEqual([]);
    expect(await counts.count('bob@example.test', day)).toBe(2);
  });
});
