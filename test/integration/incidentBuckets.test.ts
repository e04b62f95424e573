// The incident buckets on the real Redis: a case is listed once however often it is
// filed (a retried screening), a bucket keeps only its latest cases, keys expire, and a
// forgotten case is listed no more, and cases join incidents atomically (a retried
// screening gets back the peers it put in, to link them).
import { afterAll, describe, expect, it } from 'vitest';
import { createRedis } from '../../src/adapters/redis/connection.js';
import { RedisIncidentBuckets } from '../../src/adapters/redis/incidentBuckets.js';
import type { IncidentCandidate } from '../../src/domain/incident/incidentMatch.js';
import { uniqueDbName } from '../support/testApp.js';

const redis = createRedis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
const prefix = uniqueDbName();
const buckets = new RedisIncidentBuckets(redis, prefix);
const HOUR = 3600_000;

const candidate = (i: number): IncidentCandidate => ({
  caseId: `case-${i}`,
  caseNumber: `CS-2026-${String(i).padStart(6, '0')}`,
  at: new Date(Date.UTC(2026, 10, 23, 9, 0, i)),
  customer: `customer${i}@example.test`,
  signature: [i, 2, 3],
});

afterAll(async () => {
  const keys = await redis.keys(`${prefix}:*`);
  if (keys.length) await redis.del(...keys);
  redis.disconnect();
});

describe('incident buckets in Redis', () => {
  it('lists each case once, with its entry as filed, however often it is filed', async () => {
    const keys = { file: ['app:1:0:a', 'app:1:1:b'], look: ['app:1:0:a', 'app:1:1:b', 'app:0:0:a'] };
    await buckets.addAndList(keys, candidate(1), HOUR);
    await buckets.addAndList(keys, candidate(1), HOUR);
    const listed = await buckets.addAndList(keys, candidate(2), HOUR);
    expect(listed.sort((a, b) => a.caseNumber.localeCompare(b.caseNumber))).toEqual([candidate(1), candidate(2)]);
    const ttl = await redis.pttl(`${prefix}:incident:bucket:app:1:0:a`);
    expect(ttl).toBeGreaterThan(HOUR - 60_000);
    expect(ttl).toBeLessThanOrEqual(HOUR);
  });

  it('keeps the latest 30 cases of a bucket', async () => {
    const keys = { file: ['watch:1:0:c'], look: ['watch:1:0:c'] };
    let listed: IncidentCandidate[] = [];
    for (let i = 100; i < 140; i++) listed = await buckets.addAndList(keys, candidate(i), HOUR);
    expect(listed.map((c) => c.caseId).sort()).toEqual(Array.from({ length: 30 }, (_, k) => `case-${110 + k}`));
  });

  it('joins an incident atomically: the case’s own first, else the first peer’s, else the proposed one', async () => {
    const keys = { file: ['app:3:0:e'], look: ['app:3:0:e'] };
    for (const i of [300, 301, 302]) await buckets.addAndList(keys, candidate(i), HOUR);
    // Two screenings that listed their peers before either joined: the second adopts the first's incident.
    expect(await buckets.joinIncident(['case-300'], 'case-301', 'INC-300', HOUR)).toEqual({ incidentId: 'INC-300', joined: ['case-301', 'case-300'] });
    expect(await buckets.joinIncident(['case-300', 'case-301'], 'case-302', 'INC-302', HOUR)).toEqual({ incidentId: 'INC-300', joined: ['case-302'] });
    // A retry of the first screening (its run died before the database links): the peer it
    // put in comes back to be linked; the second, which put in no peer, gets none.
    expect(await buckets.joinIncident(['case-300'], 'case-301', 'INC-300', HOUR)).toEqual({ incidentId: 'INC-300', joined: ['case-300'] });
    expect(await buckets.joinIncident(['case-300', 'case-301'], 'case-302', 'INC-302', HOUR)).toEqual({ incidentId: 'INC-300', joined: [] });
    // A case already in an incident stays in it, and brings a new peer along.
    await buckets.addAndList(keys, candidate(303), HOUR);
    await buckets.joinIncident([], 'case-303', 'INC-303', HOUR);
    expect(await buckets.joinIncident(['case-300'], 'case-303', 'INC-X', HOUR)).toEqual({ incidentId: 'INC-303', joined: [] });
    const listed = await buckets.addAndList(keys, candidate(304), HOUR);
    expect(Object.fromEntries(listed.map((c) => [c.caseId, c.incidentId ?? null]))).toEqual({ 'case-300': 'INC-300', 'case-301': 'INC-300', 'case-302': 'INC-300', 'case-303': 'INC-303', 'case-304': null });
    await buckets.forget(['case-300', 'case-301']);
    expect(await redis.exists(`${prefix}:incident:of:case-300`, `${prefix}:incident:joined-by:case-301`)).toBe(0);
  });

  it('lists a forgotten case no more', async () => {
    const keys = { file: ['app:2:0:d'], look: ['app:2:0:d'] };
    await buckets.addAndList(keys, candidate(200), HOUR);
    await buckets.forget(['case-200']);
    expect(await buckets.addAndList(keys, candidate(201), HOUR)).toEqual([candidate(201)]);
  });
});
