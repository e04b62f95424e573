// npm run reports:rebuild: recomputes the report rollups from the cases' timelines
// (see src/pipeline/report/rebuildRollups.ts). Safe while the app runs.
import { loadConfig } from '../../src/config/env.js';
import { connectMongo } from '../../src/adapters/mongo/connection.js';
import { MongoReportSource } from '../../src/adapters/mongo/reportSource.js';
import { MongoRollupStore } from '../../src/adapters/mongo/rollupStore.js';
import { MongoSettingsStore } from '../../src/adapters/mongo/settingsStore.js';
import { createRedis } from '../../src/adapters/redis/connection.js';
import { withMutex } from '../../src/adapters/redis/mutex.js';
import { rebuildRollups } from '../../src/pipeline/report/rebuildRollups.js';
import mongoose from 'mongoose';

const config = loadConfig(process.env);
await connectMongo(config.MONGODB_URL);
const redis = createRedis(config.REDIS_URL);
const source = new MongoReportSource();
const rollups = new MongoRollupStore();
const settings = new MongoSettingsStore({ configFile: config.SCREENING_CONFIG_FILE, examplesFile: config.CLASSIFIER_SEED_FILE });
const started = Date.now();
const events = await withMutex(redis, `${config.QUEUE_PREFIX}:report-projector`, { leaseMs: 3_600_000, waitMs: 600_000, what: 'the report projector' }, () =>
  rebuildRollups({
    source,
    rollups,
    timeZone: async () => (await settings.config()).priorityPolicy.businessHours.timeZone,
    resetSource: () => source.resetAll(),
    clearRollups: () => rollups.clear(),
  }),
);
console.log(`rebuilt the report rollups from ${events} timeline events in ${((Date.now() - started) / 1000).toFixed(1)} s`);
redis.disconnect();
await mongoose.disconnect();
