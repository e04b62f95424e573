// Runs a process with the given roles until SIGTERM/SIGINT, then shuts down cleanly:
// pollers finish the message in hand, workers their jobs in flight.
import { ConfigError } from './config/env.js';
import { readConfig } from './config/environment.js';
import { EX } from './config/exitCodes.js';
import { createLogger } from './log.js';
import { startApp, type Role } from './compose.js';

/** The longest a shutdown may take before the process exits anyway (a container's stop grace period must exceed it). */
export const STOP_TIMEOUT_MS = 30_000;

export async function runProcess(roles: Role[]): Promise<void> {
  let config;
  try {
    config = readConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(EX.CONFIG);
    }
    throw err;
  }
  const log = createLogger(config.LOG_LEVEL);
  let app;
  try {
    app = await startApp(config, roles, log);
  } catch (err) {
    log.fatal({ event: 'app.start_failed', error: (err as Error).message }, (err as Error).message);
    process.exit(1);
  }
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ event: 'app.stopping', signal }, 'finishing in-flight work');
    const force = setTimeout(() => {
      log.error({ event: 'app.stop_timeout' }, `shutdown took over ${STOP_TIMEOUT_MS / 1000} s; exiting`);
      process.exit(1);
    }, STOP_TIMEOUT_MS);
    force.unref();
    await app.stop();
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}
