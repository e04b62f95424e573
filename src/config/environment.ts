// The one way every process and script gets its configuration: the environment, completed
// by the .env file in the working directory (a variable set in the real environment wins),
// validated by env.ts.
import { existsSync } from 'node:fs';
import { ConfigError, loadConfig, type Config } from './env.js';

export const ENV_FILE = '.env';

/** Loads .env (when there is one) into process.env, then reads the configuration; throws ConfigError. */
export function readConfig(overrides: Record<string, string> = {}): Config {
  if (existsSync(ENV_FILE)) {
    try {
      process.loadEnvFile(ENV_FILE);
    } catch (err) {
      throw new ConfigError([`${ENV_FILE}: cannot be read (${(err as Error).message}); fix or remove it`]);
    }
  }
  return loadConfig({ ...process.env, ...overrides });
}
