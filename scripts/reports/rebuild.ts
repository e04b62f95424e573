// npm run reports:rebuild: recomputes the report rollups from the cases' timelines
// (see src/pipeline/report/rebuildRollups.ts). Safe while the app runs.
import { readConfig } from '../../src/config/environment.js';
import { connectMongo } from '../../src/adapters/mongo/connection.js';
import { MongoReportSource } from '../../src/adapters/mongo/reportSource.js';
import { MongoRollupStore } from '../../src/adapters/mongo/rollupStore.js';
import { MongoSettingsStore } from '../../src/adapters/mongo/settingsStore.js';
import { checkRedis, createRedis } from '../../src/adapters/redis/connection.js';
import { withMutex } from '../../src/adapters/redis/mutex.js';
import { RedisErasureMarks } from '../../src/adapters/redis/erasureMarks.js';
import { databaseTag, taggedPrefix } from '../../src/adapters/mongo/databaseTag.js';
import { rebuildRollups } from '../../src/pipeline/report/rebuildRollups.js';
import mongoose from 'mongoose';
import { createLogger } from '../../src/log.js';
import { endErrorsWithOneLine, reach } from '../lib/scriptExit.js';

endErrorsWithOneLine('reports:rebuild');
const config = readConfig();
await reach(connectMongo(config.MONGODB_URL));
const log = createLogger('warn', 'reports:rebuild');
const redis = createRedis(config.REDIS_URL, log);
// A Redis that is away fails the run at once (the client alone would wait for it for ever).
await reach(checkRedis(redis, config.REDIS_URL, log));
const source = new MongoReportSource();
const rollups = new MongoRollupStore();
const settings = new MongoSettingsStore({ configFile: config.SCREENING_CONFIG_FILE, examplesFile: config.CLASSIFIER_SEED_FILE });
const erasures = new RedisErasureMarks(redis, taggedPrefix(config.QUEUE_PREFIX, await databaseTag()));
const started = Date.now();
const events = await withMutex(redis, `${config.QUEUE_PREFIX}:report-projector`, { leaseMs: 3_600_000, waitMs: 600_000, what: 'the report projector' }, () =>
  rebuildRollups({
    source,
    rollups,
    erasures,
    timeZone: async () => (await settings.config()).priorityPolicy.businessHours.timeZone,
    resetSource: () => source.resetAll(),
    clearRollups: () => rollups.clear(),
  }),
);
console.log(`rebuilt the report rollups from ${events} timeline events in ${((Date.now() - started) / 1000).toFixed(1)} s`);
redis.disconnect();
await mongoose.disconnect();
