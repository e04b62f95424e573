// A process started while MongoDB or Redis is not there stops with one clear line naming
// the service, its address (password hidden) and the fix, and exit code 1, instead of
// waiting without a word (the Redis client alone would retry for ever).
import { describe, expect, it } from 'vitest';
import { startAppProcess } from '../support/appProcess.js';
import { uniqueDbName } from '../support/testApp.js';

const CLOSED_PORT = 6399; // nothing listens here (services.sh uses none near it)

async function startFailure(env: Record<string, string>): Promise<{ code: number | null; message: string; ms: number }> {
  const started = Date.now();
  const p = startAppProcess('start-failure', 'all', { HTTP_PORT: '0', QUEUE_PREFIX: uniqueDbName(), ...env });
  const line = await p.waitForEvent('app.start_failed', 30_000);
  // Its own exit, not a signal's: a stop right after the line could cut it short.
  const code = await p.exit(10_000);
  return { code, message: String(line.msg), ms: Date.now() - started };
}

describe('starting without a service', () => {
  it('Redis not reachable: exits 1 within seconds, naming Redis, its address without the password, and the fix', async () => {
    const r = await startFailure({ REDIS_URL: `redis://:s3cret@127.0.0.1:${CLOSED_PORT}`, MONGODB_URL: `mongodb://127.0.0.1:27027/${uniqueDbName()}` });
    expect(r.code).toBe(1);
    expect(r.message).toContain(`cannot reach Redis at redis://***@127.0.0.1:${CLOSED_PORT}: connect ECONNREFUSED`);
    expect(r.message).toContain("Start it with 'npm run services', or fix REDIS_URL.");
    expect(r.message).not.toContain('s3cret');
    expect(r.ms).toBeLessThan(25_000);
  });

  it('MongoDB not reachable: exits 1, naming MongoDB, its address and the fix', async () => {
    const r = await startFailure({ MONGODB_URL: `mongodb://127.0.0.1:${CLOSED_PORT}/nothing` });
    expect(r.code).toBe(1);
    expect(r.message).toContain(`cannot reach MongoDB at mongodb://127.0.0.1:${CLOSED_PORT}/nothing`);
    expect(r.message).toContain("Start it with 'npm run services', or fix MONGODB_URL.");
  });
});
