// npm run ping: whether the MongoDB and Redis of the configuration (environment and .env)
// answer, from where this runs: a first step when the app says it cannot reach one of
// them, and a check an operator can run inside a container.
import mongoose from 'mongoose';
import { Redis } from 'ioredis';
import { readConfig } from '../../src/config/environment.js';
import { EX } from '../../src/config/exitCodes.js';
import { shownUrl } from '../../src/adapters/redis/connection.js';
import { endErrorsWithOneLine, ScriptError } from '../lib/scriptExit.js';

endErrorsWithOneLine('ping');
const TIMEOUT_MS = 5_000;
const config = readConfig();
const mongoAt = config.MONGODB_URL.replace(/\/\/[^@/]*@/, '//***@');

try {
  await mongoose.connect(config.MONGODB_URL, { serverSelectionTimeoutMS: TIMEOUT_MS });
  await mongoose.connection.db!.admin().ping();
} catch (err) {
  throw new ScriptError(EX.UNAVAILABLE, `MongoDB at ${mongoAt} does not answer: ${(err as Error).message}`);
} finally {
  await mongoose.disconnect();
}
const redis = new Redis(config.REDIS_URL, { lazyConnect: true, connectTimeout: TIMEOUT_MS, maxRetriesPerRequest: 0, retryStrategy: () => null });
let cause = ''; // the socket's error says more than the closed connection's
redis.on('error', (err: Error) => (cause ||= err.message));
try {
  await redis.connect();
  await redis.ping();
} catch (err) {
  throw new ScriptError(EX.UNAVAILABLE, `Redis at ${shownUrl(config.REDIS_URL)} does not answer: ${cause || (err as Error).message}`);
} finally {
  redis.disconnect();
}
console.log(`MongoDB at ${mongoAt} and Redis at ${shownUrl(config.REDIS_URL)} answer`);
