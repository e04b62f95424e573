// Starts the whole processor (pollers, worker, HTTP) against the local services with
// its own database, queue prefix and support mailbox, so test runs never see the
// data of a running development instance, nor of each other.
import mongoose from 'mongoose';
import { pino } from 'pino';
import { loadConfig, type Config } from '../../src/config/env.js';
import { ALL_ROLES, startApp, type ComposeOptions, type RunningApp } from '../../src/compose.js';
import { clearMailbox } from '../../scripts/lib/devMailbox.js';

export const SUPPORT_USER = 'testsupport';

export interface TestApp {
  app: RunningApp;
  config: Config;
  /** Stops the app; the database is dropped unless keepData. */
  stop(opts?: { keepData?: boolean }): Promise<void>;
}

export function testConfig(dbName: string, env: Record<string, string> = {}): Config {
  return loadConfig({
    MONGODB_URL: `mongodb://127.0.0.1:27027/${dbName}`,
    IMAP_URL: `imap://${SUPPORT_USER}%40example.test:dev-password@127.0.0.1:1143/INBOX`,
    SUPPORT_ADDRESS: `${SUPPORT_USER}@example.test`,
    HTTP_PORT: '0',
    IMAP_POLL_SECONDS: '5',
    QUEUE_PREFIX: dbName,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    ...env,
  });
}

export function uniqueDbName(): string {
  return `fdtest_${Date.now().toString(36)}_${Math.floor(Math.random() * 1e6).toString(36)}`;
}

export async function startTestApp(config: Config, opts: { clearSupport?: boolean; now?: () => Date; reconcileGraceMs?: number; dnsResolver?: ComposeOptions['dnsResolver'] } = {}): Promise<TestApp> {
  if (opts.clearSupport !== false) await clearMailbox(SUPPORT_USER);
  const log = pino({ level: config.LOG_LEVEL });
  const { clearSupport: _, ...compose } = opts;
  const app = await startApp(config, ALL_ROLES, log, { reconcileEveryMs: 2_000, settingsRefreshMs: 0, ...compose });
  return {
    app,
    config,
    async stop({ keepData = false } = {}) {
      // The app first: FerretDB (SQLite) can crash when a database is dropped under a
      // query still running on it (the worker's timers query every second).
      await app.stop();
      if (!keepData) {
        const c = await mongoose.createConnection(config.MONGODB_URL).asPromise();
        await c.dropDatabase();
        await c.close();
      }
    },
  };
}

/** Polls until fn returns a truthy value; fails with `what` after the timeout. */
export async function waitFor<T>(what: string, fn: () => Promise<T>, timeoutMs = 20_000): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
