// A lock in Redis that every process of a deployment shares: SET NX with a lease, so a
// holder that died frees it after the lease; released only by its own holder (token).
import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';

const RELEASE = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";

export interface MutexOptions {
  leaseMs: number;
  waitMs: number;
  /** What is being locked, for the timeout message. */
  what: string;
}

export async function withMutex<T>(redis: Redis, key: string, opts: MutexOptions, fn: () => Promise<T>): Promise<T> {
  const token = randomBytes(8).toString('hex');
  const deadline = Date.now() + opts.waitMs;
  while ((await redis.set(key, token, 'PX', opts.leaseMs, 'NX')) !== 'OK') {
    if (Date.now() > deadline) throw new Error(`timed out after ${opts.waitMs} ms waiting for ${opts.what}: another process holds it (Redis key ${key})`);
    await new Promise((r) => setTimeout(r, 2 + Math.random() * 8));
  }
  try {
    return await fn();
  } finally {
    await redis.eval(RELEASE, 1, key, token);
  }
}

/** Runs fn only if the lock is free now; returns false (fn not run) when another process holds it. */
export async function ifMutexFree(redis: Redis, key: string, leaseMs: number, fn: () => Promise<void>): Promise<boolean> {
  const token = randomBytes(8).toString('hex');
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
  const token = randomBytes(8).toString('hex');
  const deadline = Date.now() + opts.waitMs;
  const release = async (held: string[]) => {
    if (!held.length) return;
    const p = redis.pipeline();
    for (const k of held) p.eval(RELEASE, 1, k, token);
    await p.exec();
  };
  for (;;) {
    const p = redis.pipeline();
    for (const k of unique) p.set(k, token, 'PX', opts.leaseMs, 'NX');
    const replies = (await p.exec()) ?? [];
    const held = unique.filter((_, i) => replies[i]?.[1] === 'OK');
    if (held.length === unique.length) break;
    await release(held);
    if (Date.now() > deadline) throw new Error(`timed out after ${opts.waitMs} ms waiting for ${opts.what}: another process holds one of them`);
    await new Promise((r) => setTimeout(r, 2 + Math.random() * 8));
  }
  try {
    return await fn();
  } finally {
    await release(unique);
  }
}
