// A lock in Redis that every process of a deployment shares: SET NX with a lease, so a
// holder that died frees it after the lease; released only by its own holder (token).
//
// A versioned lock (a document's write lock, see mongo/documentLocks) also keeps a
// version of what it guards, `<key>:v`: a fresh random value at every acquisition and
// every release, so a value seen before reading the document and found again when the
// lock is taken means no holder wrote it in between (an expired or lost version is a
// value never seen, which only costs a read).
import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';

const RELEASE = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";
// KEYS: the lock and its version; ARGV: the holder's token, the lease, the new version, how long it is kept. The version before, '' when there was none.
const ACQUIRE_VERSIONED = `if not redis.call('set', KEYS[1], ARGV[1], 'PX', ARGV[2], 'NX') then return false end
local before = redis.call('get', KEYS[2]) or ''
redis.call('set', KEYS[2], ARGV[3], 'PX', ARGV[4])
return before`;
// KEYS: the lock and its version; ARGV: the holder's token, the version after, how long it is kept.
const RELEASE_VERSIONED = `if redis.call('get', KEYS[1]) ~= ARGV[1] then return 0 end
redis.call('del', KEYS[1])
redis.call('set', KEYS[2], ARGV[2], 'PX', ARGV[3])
return 1`;
// KEYS: the version; ARGV: a new version, how long it is kept. The version now (made if there is none).
const OBSERVE = `local v = redis.call('get', KEYS[1])
if v then return v end
redis.call('set', KEYS[1], ARGV[1], 'PX', ARGV[2])
return ARGV[1]`;

export interface MutexOptions {
  leaseMs: number;
  waitMs: number;
  /** What is being locked, for the timeout message. */
  what: string;
  /** A versioned lock: its version is kept this long after a change. */
  versionMs?: number;
}

/** A versioned lock as its holder took it: the version before (null: not versioned), and the one its release leaves. */
export interface Held {
  before: string | null;
  after: string | null;
}

const newToken = () => randomBytes(8).toString('hex');
const versionKey = (key: string) => `${key}:v`;

/** The lock taken now: null when another holds it, else the version before (null if not versioned). */
async function tryAcquire(redis: Redis, key: string, token: string, opts: MutexOptions): Promise<{ before: string | null } | null> {
  if (!opts.versionMs) return (await redis.set(key, token, 'PX', opts.leaseMs, 'NX')) === 'OK' ? { before: null } : null;
  const before = (await redis.eval(ACQUIRE_VERSIONED, 2, key, versionKey(key), token, opts.leaseMs, newToken(), opts.versionMs)) as string | null;
  return before === null ? null : { before };
}

function release(redis: Redis | ReturnType<Redis['pipeline']>, key: string, token: string, after: string | null, opts: MutexOptions) {
  return opts.versionMs && after ? redis.eval(RELEASE_VERSIONED, 2, key, versionKey(key), token, after, opts.versionMs) : redis.eval(RELEASE, 1, key, token);
}

export async function withMutex<T>(redis: Redis, key: string, opts: MutexOptions, fn: (held: Held) => Promise<T>): Promise<T> {
  const token = newToken();
  const deadline = Date.now() + opts.waitMs;
  let taken: { before: string | null } | null;
  while (!(taken = await tryAcquire(redis, key, token, opts))) {
    if (Date.now() > deadline) throw new Error(`timed out after ${opts.waitMs} ms waiting for ${opts.what}: another process holds it (Redis key ${key})`);
    await new Promise((r) => setTimeout(r, 2 + Math.random() * 8));
  }
  const after = opts.versionMs ? newToken() : null;
  try {
    return await fn({ before: taken.before, after });
  } finally {
    await release(redis, key, token, after, opts);
  }
}

/** The version of a versioned lock's key now (one is made if there is none): compare it with a later holder's `before`. */
export async function lockVersion(redis: Redis, key: string, versionMs: number): Promise<string> {
  return (await redis.eval(OBSERVE, 1, versionKey(key), newToken(), versionMs)) as string;
}

/** Runs fn only if the lock is free now; returns false (fn not run) when another process holds it. */
export async function ifMutexFree(redis: Redis, key: string, leaseMs: number, fn: () => Promise<void>): Promise<boolean> {
  const token = newToken();
  if ((await redis.set(key, token, 'PX', leaseMs, 'NX')) !== 'OK') return false;
  try {
    await fn();
    return true;
  } finally {
    await redis.eval(RELEASE, 1, key, token);
  }
}

/**
 * withMutex for many keys at once, all or none: one pipeline tries them all, and a
 * holder that got only some gives those back and tries again (so two holders of
 * overlapping sets never wait on each other forever); one pipeline releases them.
 */
export async function withMutexes<T>(redis: Redis, keys: readonly string[], opts: MutexOptions, fn: () => Promise<T>): Promise<T> {
  const unique = [...new Set(keys)];
  if (unique.length === 0) return fn();
  const token = newToken();
  const deadline = Date.now() + opts.waitMs;
  const releaseAll = async (held: string[]) => {
    if (!held.length) return;
    const p = redis.pipeline();
    for (const k of held) void release(p, k, token, opts.versionMs ? newToken() : null, opts);
    await p.exec();
  };
  for (;;) {
    const p = redis.pipeline();
    for (const k of unique) {
      if (opts.versionMs) p.eval(ACQUIRE_VERSIONED, 2, k, versionKey(k), token, opts.leaseMs, newToken(), opts.versionMs);
      else p.set(k, token, 'PX', opts.leaseMs, 'NX');
    }
    const replies = (await p.exec()) ?? [];
    // A plain lock answers OK when taken; a versioned one the version before (a string), else null.
    const held = unique.filter((_, i) => (opts.versionMs ? typeof replies[i]?.[1] === 'string' : replies[i]?.[1] === 'OK'));
    if (held.length === unique.length) break;
    await releaseAll(held);
    if (Date.now() > deadline) throw new Error(`timed out after ${opts.waitMs} ms waiting for ${opts.what}: another process holds one of them`);
    await new Promise((r) => setTimeout(r, 2 + Math.random() * 8));
  }
  try {
    return await fn();
  } finally {
    await releaseAll(unique);
  }
}
