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
import { CaseNumberModel, MessageIdModel, PendingAckModel, PendingRouteModel } from './models/lookupModels.js';

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
    [CaseModel, MessageModel, EventModel, OutboxModel, MailboxCursorModel, QuarantineModel, CaseNumberModel, MessageIdModel, PendingAckModel, PendingRouteModel].map(
      (m) => m.createIndexes(),
    ),
  );
  const info = await mongoose.connection.db!.admin().command({ buildInfo: 1 });
  return { ferretdb: typeof info.ferretdbVersion === 'string' };
}

export function redactMongo(url: string): string {
  return url.replace(/\/\/([^:/@]*):[^@/]*@/, '//$1:***@');
}

export function mongoState(): string {
  return ['disconnected', 'connected', 'connecting', 'disconnecting'][mongoose.connection.readyState] ?? 'unknown';
}
