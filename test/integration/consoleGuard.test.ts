// The console's guard, walked route by route: every route the console registers is
// called with no session, a staff session and an admin session, at its own path and at
// the spellings that once slipped past a check of the raw URL (a percent-encoded letter,
// a doubled slash, a trailing dot or slash, capitals). Each answer must be the guard's
// refusal or the router's "not found"; only the admin at the real path gets through.
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Accounts, createUser } from '../../src/adapters/http/console/accounts.js';
import { guardConsole, forRole, type ConsoleRoute } from '../../src/adapters/http/console/consoleGuard.js';
import { createRedis } from '../../src/adapters/redis/connection.js';
import { startTestApp, testConfig, uniqueDbName, type TestApp } from '../support/testApp.js';
import { pino } from 'pino';
import { MongoAccountStore } from '../../src/adapters/mongo/consoleStores.js';

const PORT = 3941;
const BASE = `http://127.0.0.1:${PORT}`;
const PASSWORD = 'correct horse battery staple';
const SAMPLE: Record<string, string> = { number: 'CS-2026-000001', fileId: '000000000000000000000000', name: 'acknowledgement', locale: 'en' };

let t: TestApp;

beforeAll(async () => {
  t = await startTestApp(testConfig(uniqueDbName(), { HTTP_PORT: String(PORT), PUBLIC_URL: BASE }));
  await createUser({ email: 'admin@example.test', name: 'Admin', role: 'admin', departments: [], password: PASSWORD }, new MongoAccountStore());
  await createUser({ email: 'li.wei@example.test', name: 'Li Wei', role: 'staff', departments: ['tech'], password: PASSWORD }, new MongoAccountStore());
});

afterAll(async () => {
  await t?.stop();
});

interface Session {
  cookie: string;
  csrf: string;
}

async function signIn(email: string): Promise<Session> {
  const res = await fetch(`${BASE}/console/login`, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ email, password: PASSWORD }) });
  expect(res.status).toBe(303);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
  const board = await (await fetch(`${BASE}/console`, { headers: { cookie } })).text();
  const csrf = /name="csrf" value="([^"]+)"/.exec(board)?.[1];
  expect(csrf).toBeTruthy();
  return { cookie, csrf: csrf! };
}

/** The route's path with sample values for its parameters. */
const samplePath = (url: string) => url.replace(/:(\w+)/g, (_, p: string) => SAMPLE[p] ?? 'x');

/** The path as written, and the spellings a raw-URL check would not recognise. */
function variants(path: string): string[] {
  const segs = path.split('/').slice(1);
  const join = (s: string[]) => `/${s.join('/')}`;
  const out = new Set<string>([path, `/${path}`, `${path}.`, `${path}/`, path.toUpperCase()]);
  segs.forEach((seg, i) => {
    if (!seg) return;
    const at = (v: string) => join(segs.map((s, j) => (j === i ? v : s)));
    out.add(at(`%${seg.charCodeAt(0).toString(16)}${seg.slice(1)}`));
    out.add(at(`${seg}.`));
    out.add(at(seg.toUpperCase()));
    out.add(at(`${seg[0]!.toUpperCase()}${seg.slice(1)}`));
    out.add(join([...segs.slice(0, i), '', ...segs.slice(i)]));
  });
  return [...out];
}

interface Answer {
  status: number;
  location: string | null;
  json: boolean;
  /** The body; a HEAD answer has none, so its checks go by status and type alone. */
  body: string | null;
}

async function call(method: string, path: string, session: Session | null): Promise<Answer> {
  const headers: Record<string, string> = {};
  if (session) headers.cookie = session.cookie;
  let body: string | undefined;
  if (method === 'POST') {
    headers['content-type'] = 'application/x-www-form-urlencoded';
    body = new URLSearchParams({ csrf: session?.csrf ?? '' }).toString();
  }
  const res = await fetch(`${BASE}${path}`, { method, headers, body, redirect: 'manual' });
  const json = (res.headers.get('content-type') ?? '').startsWith('application/json');
  return { status: res.status, location: res.headers.get('location'), json, body: method === 'HEAD' ? null : await res.text() };
}

const toSignIn = (a: Answer) => a.status === 303 && a.location === '/console/login';
const says = (a: Answer, text: string | RegExp) => a.body === null || (typeof text === 'string' ? a.body.includes(text) : text.test(a.body));
const routerNotFound = (a: Answer) => a.status === 404 && a.json && says(a, /Route \w+:.* not found/);
const adminOnly = (a: Answer) => a.status === 403 && !a.json && says(a, 'Only admins can open this page.');
const csrfRefused = (a: Answer) => a.status === 403 && says(a, 'CSRF token');

describe('the console guard', () => {
  it('knows every console route and the role each states', () => {
    const routes = t.app.consoleRoutes;
    const has = (method: string, url: string, role: string) => routes.some((r) => r.method === method && r.url === url && r.role === role);
    expect(has('GET', '/console/login', 'public')).toBe(true);
    expect(has('GET', '/console/admin/users', 'admin')).toBe(true);
    expect(has('POST', '/console/admin/rules', 'admin')).toBe(true);
    expect(has('POST', '/console/admin/templates/:name/:locale/preview', 'admin')).toBe(true);
    expect(has('GET', '/console/faq', 'signed-in')).toBe(true);
    expect(routes.filter((r) => r.role === 'admin').length).toBeGreaterThanOrEqual(10);
  });

  it('lets nobody past a route’s role, however the path is spelled', async () => {
    const routes = [...t.app.consoleRoutes].sort((a, b) => Number(a.url.endsWith('/logout')) - Number(b.url.endsWith('/logout')));
    const sessions = { staff: await signIn('li.wei@example.test'), admin: await signIn('admin@example.test') };
    const wrong: string[] = [];
    const expectThat = (ok: boolean, who: string, r: ConsoleRoute, path: string, a: Answer) => {
      if (!ok) wrong.push(`${who} ${r.method} ${path} (${r.role}): ${a.status} ${a.location ?? ''} ${(a.body ?? '').slice(0, 80)}`);
    };
    for (const r of routes) {
      if (r.role === 'public') continue;
      const canonical = samplePath(r.url);
      for (const path of variants(canonical)) {
        const none = await call(r.method, path, null);
        expectThat(toSignIn(none) || routerNotFound(none), 'nobody', r, path, none);
        if (r.role === 'admin') {
          const staff = await call(r.method, path, sessions.staff);
          expectThat(adminOnly(staff) || routerNotFound(staff), 'staff', r, path, staff);
        }
        const admin = await call(r.method, path, sessions.admin);
        const signsOut = r.url.endsWith('/logout');
        // (A HEAD answer has no body to tell the guard's 403 from the page's; its GET is walked.)
        if (path === canonical && r.method !== 'HEAD') expectThat((signsOut || !toSignIn(admin)) && !adminOnly(admin) && !csrfRefused(admin) && !routerNotFound(admin), 'admin', r, path, admin);
        // Signing out ends the sessions the walk goes on with.
        if (signsOut) Object.assign(sessions, { staff: await signIn('li.wei@example.test'), admin: await signIn('admin@example.test') });
      }
    }
    expect(wrong).toEqual([]);
  });

  it('refuses the attacks that were seen: a percent-encoded letter, a staff token on an admin page', async () => {
    const staff = await signIn('li.wei@example.test');
    expect(toSignIn(await call('GET', '/%63onsole/admin/users', null))).toBe(true);
    expect(toSignIn(await call('POST', '/%63onsole/admin/templates/acknowledgement/en/preview', null))).toBe(true);
    expect(toSignIn(await call('POST', '/%63onsole/admin/queues/retry', null))).toBe(true);
    expect(adminOnly(await call('GET', '/console/%61dmin/rules', staff))).toBe(true);
    expect(adminOnly(await call('POST', '/console/%61dmin/rules', staff))).toBe(true);
  });

  it('refuses to start a console route that states no role', async () => {
    const redis = createRedis(t.config.REDIS_URL, pino({ level: 'silent' }));
    const app = Fastify();
    const start = async () => {
      await app.register(async (scope) => {
        guardConsole(scope, { accounts: new Accounts(redis, t.config.QUEUE_PREFIX, () => new Date(), new MongoAccountStore()), secureCookies: false, denied: (_req, reply) => reply.code(403).send() }, []);
        scope.get('/stated', forRole('admin'), async () => 'ok');
        scope.get('/unstated', async () => 'open');
      }, { prefix: '/console' });
      await app.ready();
    };
    try {
      await expect(start()).rejects.toThrow(/console route GET \/console\/unstated states no role/);
    } finally {
      await app.close().catch(() => undefined);
      redis.disconnect();
    }
  });
});

describe('sign-in', () => {
  it('refuses a sign-in posted from another site (login CSRF)', async () => {
    const res = await fetch(`${BASE}/console/login`, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://attacker.example' }, body: new URLSearchParams({ email: 'li.wei@example.test', password: PASSWORD }) });
    expect(res.status).toBe(403);
    expect(res.headers.get('set-cookie') ?? '').not.toContain('fd_session');
    const ours = await fetch(`${BASE}/console/login`, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded', origin: BASE }, body: new URLSearchParams({ email: 'li.wei@example.test', password: PASSWORD }) });
    expect(ours.status).toBe(303);
  });

  it('ends the sessions of an account whose password changes', async () => {
    const before = await signIn('li.wei@example.test');
    await createUser({ email: 'li.wei@example.test', name: 'Li Wei', role: 'staff', departments: ['tech'], password: PASSWORD }, new MongoAccountStore());
    expect(toSignIn(await call('GET', '/console', before))).toBe(true);
  });

  it('slows guessing at one account from many networks: past ten failures it must wait', async () => {
    await createUser({ email: 'target@example.test', name: 'Target', role: 'staff', departments: [], password: PASSWORD }, new MongoAccountStore());
    const redis = createRedis(t.config.REDIS_URL, pino({ level: 'silent' }));
    try {
      const accounts = new Accounts(redis, t.config.QUEUE_PREFIX, () => new Date(), new MongoAccountStore());
      for (let i = 0; i < 11; i++) expect(await accounts.login('target@example.test', `guess-${i}-wrong`, `198.51.100.${i}`)).toBe(null);
      expect(await accounts.login('target@example.test', PASSWORD, '203.0.113.7')).toBe('limited');
    } finally {
      redis.disconnect();
    }
  });
});
