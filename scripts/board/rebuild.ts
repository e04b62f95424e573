// npm run board:rebuild: rebuilds the board's index (src/adapters/mongo/boardIndex.ts)
// from the cases: empties it, then files every case again, a batch at a time. Run it once
// after upgrading to a version with the index (cases written before it are not on the
// board until their next change), or to repair the index. Cases written while it runs
// file themselves; the rebuild's refresh of them changes nothing then.
import mongoose from 'mongoose';
import { loadConfig } from '../../src/config/env.js';
import { connectMongo } from '../../src/adapters/mongo/connection.js';
import { useDocumentLocks } from '../../src/adapters/mongo/documentLocks.js';
import { refreshBoard } from '../../src/adapters/mongo/boardIndex.js';
import { CaseModel } from '../../src/adapters/mongo/models/caseModel.js';
import { BoardBucketModel, BoardDirectoryModel, BoardPlaceModel, BoardTermModel } from '../../src/adapters/mongo/models/boardModels.js';
import { createRedis } from '../../src/adapters/redis/connection.js';

const AT_ONCE = 8;
const config = loadConfig(process.env);
const { ferretdb } = await connectMongo(config.MONGODB_URL);
const redis = createRedis(config.REDIS_URL);
useDocumentLocks(ferretdb ? redis : null, config.QUEUE_PREFIX);
const started = Date.now();
await Promise.all([BoardBucketModel.deleteMany({}), BoardDirectoryModel.deleteMany({}), BoardTermModel.deleteMany({}), BoardPlaceModel.deleteMany({})]);
const ids = (await CaseModel.collection.find({}, { projection: { _id: 1 } }).toArray()).map((c) => String(c._id));
for (let i = 0; i < ids.length; i += AT_ONCE) await Promise.all(ids.slice(i, i + AT_ONCE).map((id) => refreshBoard(id)));
console.log(`filed ${ids.length} cases on the board in ${((Date.now() - started) / 1000).toFixed(1)} s`);
redis.disconnect();
await mongoose.disconnect();
