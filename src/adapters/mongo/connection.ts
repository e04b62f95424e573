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
import { AutoReplyCountModel, CaseNumberModel, MessageIdModel, PendingAckModel } from './models/lookupModels.js';

export async function connectMongo(url: string): Promise<mongoose.Connection> {
  mongoose.set('strictQuery', true);
  try {
    await mongoose.connect(url, { autoIndex: false, serverSelectionTimeoutMS: 10_000, maxPoolSize: 20 });
  } catch (err) {
    throw new Error(`cannot reach MongoDB at ${redactMongo(url)}: ${(err as Error).message}. Start it with 'npm run services', or fix MONGODB_URL.`, { cause: err });
  }
  await Promise.all(
    [CaseModel, MessageModel, EventModel, OutboxModel, MailboxCursorModel, QuarantineModel, CaseNumberModel, MessageIdModel, AutoReplyCountModel, PendingAckModel].map(
      (m) => m.createIndexes(),
    ),
  );
  return mongoose.connection;
}

export function redactMongo(url: string): string {
  return url.replace(/\/\/([^:/@]*):[^@/]*@/, '//$1:***@');
}

export function mongoState(): string {
  return ['disconnected', 'connected', 'connecting', 'disconnecting'][mongoose.connection.readyState] ?? 'unknown';
}
