// The loop guard's counts on the real Redis: per address (any case) and UTC day, each
// with an expiry, counting each mail once however often it is retried, and gone for the
// address when its customer is forgotten.
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
    const sorted = await Promise.all([counts.count('Alice@Example.test', day, 'ack:1'), counts.count('alice@example.test', day, 'ack:2'), counts.count(' alice@example.test', day, 'ack:3')]);
    expect(sorted.sort()).toEqual([1, 2, 3]);
    expect(await counts.count('alice@example.test', day, 'ack:2')).toBe(3); // a retry of a mail counted already
    expect(await counts.count('alice@example.test', '2026-11-24', 'ack:4')).toBe(1);
    expect(await counts.count('bob@example.test', day, 'ack:5')).toBe(1);
    const ttl = await redis.pttl(`${prefix}:auto-reply-mails:alice@example.test|${day}`);
    expect(ttl).toBeGreaterThan(86400_000);
    expect(ttl).toBeLessThanOrEqual(2 * 86400_000);

    await counts.forget('ALICE@example.test', new Date(`${day}T12:00:00Z`));
    expect(await redis.keys(`${prefix}:auto-reply-mails:alice*`)).toEqual([]);
    expect(await counts.count('bob@example.test', day, 'ack:6')).toBe(2);
  });
});
