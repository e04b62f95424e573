// Where each mailbox's reading stands: UIDVALIDITY and the last UID processed.
import { MailboxCursorModel } from './models/mailboxCursorModel.js';

export interface MailboxCursor {
  uidValidity: string;
  lastUid: number;
}

export class MongoCursorStore {
  async get(key: string): Promise<MailboxCursor | null> {
    const doc = await MailboxCursorModel.findById(key).lean();
    return doc ? { uidValidity: doc.uidValidity, lastUid: doc.lastUid } : null;
  }

  async save(key: string, cursor: MailboxCursor): Promise<void> {
    await MailboxCursorModel.updateOne({ _id: key }, { $set: cursor }, { upsert: true });
  }
}
