// The HTTP server's construction: a route that throws answers a plain page in the
// visitor's language (JSON for a client that does not ask for HTML) naming only a
// request id, and the error is logged on the app's logger under that id; TRUST_PROXY
// decides whose address X-Forwarded-For may name.
import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { startHttp } from '../../src/adapters/http/server.js';
import { loadConfig } from '../../src/config/env.js';

const INTERNAL = 'connection to mongodb://app:s3cret@db.internal lost';
let app: FastifyInstance | undefined;
let lines: Array<Record<string, unknown>>;

async function failingServer(trustProxy: string): Promise<string> {
  lines = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(JSON.parse(chunk.toString('utf8')) as Record<string, unknown>);
      done();
    },
  });
  const config = loadConfig({ TRUST_PROXY: trustProxy });
  ({ server: app } = await startHttp({ port: 0, host: '127.0.0.1', log: pino({ level: 'info' }, sink), trustProxy: config.TRUST_PROXY, company: 'Acme' }, async () => {
    throw new Error(INTERNAL);
  }));
  const address = app!.server.address();
  return `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
}

const errorLines = () => lines.filter((l) => l.event === 'http.error');

afterEach(async () => {
  await app?.close();
  app = undefined;
});

describe('a route that throws', () => {
  it('shows a plain page in the visitor language with the request id, never the error, and logs the error under that id', async () => {
    const base = await failingServer('');
    const res = await fetch(`${base}/healthz`, { headers: { accept: 'text/html', 'accept-language': 'zh-TW,zh;q=0.9' } });
    const page = await res.text();
    expect(res.status).toBe(500);
    expect(res.headers.get('content-type')).toContain('text/html');
    expect(page).toContain('發生錯誤');
    expect(page).not.toContain('s3cret');
    expect(page).not.toContain('mongodb');
    const [line, ...more] = errorLines();
    expect(more).toEqual([]);
    expect(line).toMatchObject({ level: 50, url: '/healthz', method: 'GET', err: { message: INTERNAL } });
    expect(typeof line!.reqId).toBe('string');
    expect(page).toContain(String(line!.reqId));
  });

  it('answers a client that does not ask for HTML with JSON naming the request id alone', async () => {
    const base = await failingServer('');
    const res = await fetch(`${base}/healthz`);
    expect(res.status).toBe(500);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toEqual({ error: 'internal error', requestId: errorLines()[0]!.reqId });
  });
});

describe('TRUST_PROXY', () => {
  const forwarded = { 'x-forwarded-for': '203.0.113.7' };

  it('unset: the client is the connection peer, whatever X-Forwarded-For says', async () => {
    const base = await failingServer('');
    await fetch(`${base}/healthz`, { headers: forwarded });
    expect(errorLines()[0]!.ip).toBe('127.0.0.1');
  });

  it("the proxy's address: the client is the one the proxy names", async () => {
    const base = await failingServer('127.0.0.1');
    await fetch(`${base}/healthz`, { headers: forwarded });
    expect(errorLines()[0]!.ip).toBe('203.0.113.7');
  });

  it('one proxy in front: the address one hop back', async () => {
    const base = await failingServer('1');
    await fetch(`${base}/healthz`, { headers: { 'x-forwarded-for': '198.51.100.1, 203.0.113.7' } });
    expect(errorLines()[0]!.ip).toBe('203.0.113.7');
  });

  it('another proxy than the one trusted: X-Forwarded-For is ignored', async () => {
    const base = await failingServer('10.0.0.0/8');
    await fetch(`${base}/healthz`, { headers: forwarded });
    expect(errorLines()[0]!.ip).toBe('127.0.0.1');
  });
});
