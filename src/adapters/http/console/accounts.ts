// Console accounts: passwords hashed with argon2id, sessions stored by the SHA-256 of a
// random cookie value, each with its CSRF token, expiring after SESSION_HOURS; failed
// logins counted per address and network in Redis (LOGIN_LIMIT per 15 minutes), and per
// account from anywhere: past ACCOUNT_FREE failures each one more doubles the wait before
// the account may try again (up to 15 minutes), so guessing from many networks is slow
// and nobody can lock an account for long. A new password ends the account's sessions.
import { createHash, randomBytes } from 'node:crypto';
import argon2 from 'argon2';
import type { Redis } from 'ioredis';
import type { ConsoleUser, Role } from '../../../domain/console/access.js';
import { MongoAccountStore } from '../../mongo/consoleStores.js';
import type { AccountStore } from './ports.js';

const SESSION_HOURS = 12;
const LOGIN_LIMIT = 5;
const LOGIN_WINDOW_S = 15 * 60;
const ACCOUNT_FREE = 10;
const MAX_BACKOFF_MS = 15 * 60_000;

const dummyHash = argon2.hash(randomBytes(16).toString('hex'), { type: argon2.argon2id });
const digest = (token: string) => createHash('sha256').update(token).digest('hex');

export async function createUser(u: { email: string; name: string; role: Role; departments: string[]; password: string }, store: AccountStore = new MongoAccountStore()): Promise<void> {
  if (u.password.length < 12) throw new Error('the password must have at least 12 characters');
  const passwordHash = await argon2.hash(u.password, { type: argon2.argon2id });
  const email = u.email.toLowerCase();
  await store.saveUser({ email, name: u.name, role: u.role, departments: u.departments, passwordHash });
  // Whoever signed in with the old password is signed out.
  await store.deleteSessions(email);
}

export class Accounts {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly now: () => Date,
    private readonly store: AccountStore = new MongoAccountStore(),
  ) {}

  /** The accounts, for the admin's list. */
  users() {
    return this.store.users();
  }

  /** A new session's cookie value, 'limited' after too many failures, or null for a wrong address or password. */
  async login(email: string, password: string, ip: string): Promise<string | 'limited' | null> {
    const id = email.trim().toLowerCase();
    const key = `${this.prefix}:login-fail:${ip}:${id}`;
    const accountKey = `${this.prefix}:login-fail-account:${id}`;
    const waitKey = `${this.prefix}:login-wait:${id}`;
    const [here, waiting] = await Promise.all([this.redis.get(key), this.redis.exists(waitKey)]);
    if (Number(here) >= LOGIN_LIMIT || waiting) return 'limited';
    const user = await this.store.user(id);
    // Verify against a dummy hash for unknown users too, so timing does not tell which exist.
    const ok = await argon2.verify(user?.passwordHash ?? (await dummyHash), password).catch(() => false);
    if (!user || !ok) {
      const n = await this.redis.incr(key);
      if (n === 1) await this.redis.expire(key, LOGIN_WINDOW_S);
      const total = await this.redis.incr(accountKey);
      if (total === 1) await this.redis.expire(accountKey, LOGIN_WINDOW_S);
      if (total > ACCOUNT_FREE) await this.redis.set(waitKey, '1', 'PX', Math.min(MAX_BACKOFF_MS, 1000 * 2 ** (total - ACCOUNT_FREE)));
      return null;
    }
    await this.redis.del(key, accountKey);
    const token = randomBytes(32).toString('base64url');
    await this.store.createSession({ id: digest(token), email: id, csrf: randomBytes(24).toString('base64url'), expiresAt: new Date(this.now().getTime() + SESSION_HOURS * 3600_000) });
    return token;
  }

  async session(token: string | undefined): Promise<{ user: ConsoleUser; csrf: string } | null> {
    if (!token) return null;
    const s = await this.store.session(digest(token));
    if (!s || s.expiresAt <= this.now()) return null;
    const u = await this.store.user(s.email);
    return u ? { user: { email: u.email, name: u.name, role: u.role, departments: u.departments }, csrf: s.csrf } : null;
  }

  async logout(token: string | undefined): Promise<void> {
    if (token) await this.store.deleteSession(digest(token));
  }
}
