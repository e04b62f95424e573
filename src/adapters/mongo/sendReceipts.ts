// Send receipts (see SendReceipts) as one insert by _id: durable like the outbox itself,
// and cheap on FerretDB, where updating the outbox entry scans its collection.
import type { SendReceipts } from '../../pipeline/notify/ports.js';
import { isDuplicateKey } from './events.js';
import { SendReceiptModel } from './models/lookupModels.js';

export class MongoSendReceipts implements SendReceipts {
  async record(id: string, response: string): Promise<void> {
    try {
      await SendReceiptModel.create({ _id: id, response: response || '250', at: new Date() });
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
    }
  }

  async find(id: string): Promise<string | null> {
    return (await SendReceiptModel.findById(id, { response: 1 }).lean())?.response ?? null;
  }
}
