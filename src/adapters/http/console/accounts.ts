// Console accounts: passwords hashed with argon2id, sessions stored by the SHA-256 of a
// random cookie value, each with its CSRF token, expiring after SESSION_HOURS; failed
// logins counted per address and network in Redis (LOGIN_LIMIT per 15 minutes).
import { createHash, randomBytes } from 'node:crypto';
import argon2 from 'argon2';
import type { Redis } from 'ioredis';
import type { ConsoleUser, Role } from '../../../domain/console/access.js';
import { SessionModel, UserModel } from '../../mongo/models/consoleModels.js';

const SESSION_HOURS = 12;
const LOGIN_LIMIT = 5;
const LOGIN_WINDOW_S = 15 * 60;

const dummyHash = argon2.hash(randomBytes(16).toString('hex'), { type: argon2.argon2id });
const digest = (token: string) => createHash('sha256').update(token).digest('hex');

export async function createUser(u: { email: string; name: string; role: Role; departments: string[]; password: string }): Promise<void> {
  if (u.password.length < 12) throw new Error('the password must have at least 12 characters');
  const passwordHash = await argon2.hash(u.password, { type: argon2.argon2id });
  await UserModel.updateOne({ _id: u.email.toLowerCase() }, { $set: { name: u.name, role: u.role, departments: u.departments, passwordHash } }, { upsert: true });
}

export class Accounts {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly now: () => Date,
  ) {}

  /** A new session's cookie value, 'limited' after too many failures, or null for a wrong address or password. */
  async login(email: string, password: string, ip: string): Promise<string | 'limited' | null> {
    const id = email.trim().toLowerCase();
    const key = `${this.prefix}:login-fail:${ip}:${id}`;
    if (Number(await this.redis.get(key)) >= LOGIN_LIMIT) return 'limited';
    const user = await UserModel.findById(id).lean();
    // Verify against a dummy hash for unknown users too, so timing does not tell which exist.
    const ok = await argon2.verify(user?.passwordHash ?? (await dummyHash), password).catch(() => false);
    if (!user || !ok) {
      const n = await this.redis.incr(key);
      if (n === 1) await this.redis.expire(key, LOGIN_WINDOW_S);
      return null;
    }
    await this.redis.del(key);
    const token = randomBytes(32).toString('base64url');
    await SessionModel.create({ _id: digest(token), userId: id, csrf: randomBytes(24).toString('base64url'), expiresAt: new Date(this.now().getTime() + SESSION_HOURS * 3600_000) });
    return token;
  }

  async session(token: string | undefined): Promise<{ user: ConsoleUser; csrf: string } | null> {
    if (!token) return null;
    const s = await SessionModel.findById(digest(token)).lean();
    if (!s || s.expiresAt <= this.now()) return null;
    const u = await UserModel.findById(s.userId).lean();
    return u ? { user: { email: u._id, name: u.name, role: u.role as Role, departments: u.departments ?? [] }, csrf: s.csrf } : null;
  }

  async logout(token: string | undefined): Promise<void> {
    if (token) await SessionModel.deleteOne({ _id: digest(token) });
  }
}
