// MongoDB connection (MongoDB proper, or FerretDB, which speaks its wire protocol).
// Indexes are built once at start; nothing relies on transactions, change streams,
// TTL or partial indexes, which FerretDB lacks.
import mongoose from 'mongoose';
import { CaseModel } from './models/caseModel.js';
import { MessageModel } from './models/messageModel.js';
import { EventModel } from './models/eventModel.js';
import { OutboxModel } from './models/outboxModel.js';
import { MailboxCursorModel } from './models/mailboxCursorModel.js';
import { QuarantineModel } from './models/quarantineModel.js';
import { CaseNumberModel, MessageIdModel, PendingOpeningModel } from './models/lookupModels.js';
import { IncidentModel } from './models/screeningModels.js';
import { insertOnce } from './insertOnce.js';

/**
 * Connects and builds the indexes; tells whether the server is FerretDB (see documentLocks).
 * `poolSize` caps this process's requests in flight. FerretDB 1.24's SQLite backend runs an
 * update by holding a read connection while it takes a write one, from 100 per database,
 * so 100 updates in flight at once, over all processes, would wait for each other forever.
 */
export async function connectMongo(url: string, poolSize = 20): Promise<{ ferretdb: boolean }> {
  mongoose.set('strictQuery', true);
  try {
    await mongoose.connect(url, { autoIndex: false, serverSelectionTimeoutMS: 10_000, maxPoolSize: poolSize });
  } catch (err) {
    throw new Error(`cannot reach MongoDB at ${redactMongo(url)}: ${(err as Error).message}. Start it with 'npm run services', or fix MONGODB_URL.`, { cause: err });
  }
  await Promise.all(
    [CaseModel, MessageModel, EventModel, OutboxModel, MailboxCursorModel, QuarantineModel, CaseNumberModel, MessageIdModel, PendingOpeningModel].map(
      (m) => m.createIndexes(),
    ),
  );
  await moveLegacyMarkers();
  await dropIncidentCaseLists();
  const info = await mongoose.connection.db!.admin().command({ buildInfo: 1 });
  return { ferretdb: typeof info.ferretdbVersion === 'string' };
}

/**
 * An upgrade from a version that marked a case's pending acknowledgement and routing in
 * two collections (below): their markers move into pending_openings, copied before they
 * are deleted, so a crash in between loses none, and the reconciler finds them there.
 * Two reads of empty collections once moved.
 */
async function moveLegacyMarkers(): Promise<void> {
  for (const name of ['pending_acks', 'pending_routes']) {
    const legacy = mongoose.connection.db!.collection<{ _id: string; since: Date }>(name);
    const markers = await legacy.find({}).toArray();
    if (markers.length === 0) continue;
    await insertOnce(PendingOpeningModel.collection, markers.map((m) => ({ _id: m._id, since: m.since })));
    await legacy.deleteMany({ _id: { $in: markers.map((m) => m._id) } });
  }
}

/**
 * An upgrade from a version that listed an incident's cases in it (and its last case's
 * arrival): its cases name it, so the lists go, and with them the ids erasure used to
 * remove from them. One read of a small collection once done.
 */
async function dropIncidentCaseLists(): Promise<void> {
  await IncidentModel.collection.updateMany({ caseIds: { $exists: true } }, { $unset: { caseIds: '', lastAt: '' } });
}

export function redactMongo(url: string): string {
  return url.replace(/\/\/([^:/@]*):[^@/]*@/, '//$1:***@');
}

export function mongoState(): string {
  return ['disconnected', 'connected', 'connecting', 'disconnecting'][mongoose.connection.readyState] ?? 'unknown';
}
