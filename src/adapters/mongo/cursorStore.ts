// Where each mailbox's reading stands: UIDVALIDITY and the last UID processed. A poller
// that holds the mailbox's lease writes with its fence; a write with a smaller fence than
// the stored one (a former holder that stalled past its lease) is refused.
import { MailboxCursorModel } from './models/mailboxCursorModel.js';
import { isDuplicateKey } from './events.js';
import { writeIf } from './documentLocks.js';

export interface MailboxCursor {
  uidValidity: string;
  lastUid: number;
}

export class FencedOutError extends Error {
  constructor(key: string, fence: number) {
    super(`mailbox ${key}: a newer poller holds it (our fence ${fence} is stale); this one stops reading it`);
  }
}

export class MongoCursorStore {
  async get(key: string): Promise<MailboxCursor | null> {
    const doc = await MailboxCursorModel.findById(key).lean();
    return doc ? { uidValidity: doc.uidValidity, lastUid: doc.lastUid } : null;
  }

  /** The fence of the cursor's last write (0 if none): a new holder's fence must be above it. */
  async fence(key: string): Promise<number> {
    const doc = await MailboxCursorModel.findById(key, { fence: 1 }).lean();
    return doc?.fence ?? 0;
  }

  /** Throws FencedOutError when a newer holder has written the cursor. */
  async save(key: string, cursor: MailboxCursor, fence?: number): Promise<void> {
    if (fence === undefined) {
      await MailboxCursorModel.updateOne({ _id: key }, { $set: cursor }, { upsert: true });
      return;
    }
    const collection = MailboxCursorModel.collection;
    const guard = { $or: [{ fence: { $lte: fence } }, { fence: { $exists: false } }] };
    try {
      const written = await writeIf(collection, key, guard, (filter) => collection.updateOne(filter as never, { $set: { ...cursor, fence, updatedAt: new Date() } }, { upsert: true }), { upsert: true });
      if (!written) throw new FencedOutError(key, fence);
    } catch (err) {
      // MongoDB: the guard did not match an existing cursor, so the upsert tried to insert it.
      if (isDuplicateKey(err)) throw new FencedOutError(key, fence);
      throw err;
    }
  }
}
