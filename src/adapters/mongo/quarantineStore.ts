// Quarantined mail: the reason, a summary, and the raw bytes up to a limit.
import type { QuarantineRecord, QuarantineStore } from '../../pipeline/intake/ports.js';
import { QuarantineModel } from './models/quarantineModel.js';
import { putFile } from './gridfs.js';

const MAX_RAW_KEPT = 25 * 1024 * 1024;

export class MongoQuarantineStore implements QuarantineStore {
  async put(r: QuarantineRecord, raw?: Buffer): Promise<void> {
    if (await QuarantineModel.exists({ _id: r.key })) return;
    const rawFileId = raw && raw.length <= MAX_RAW_KEPT ? r.key : undefined;
    if (rawFileId) await putFile('quarantine', rawFileId, `${r.key}.eml`, raw!, {});
    await QuarantineModel.updateOne(
      { _id: r.key },
      { $setOnInsert: { ...r, _id: r.key, rawFileId, at: new Date() } },
      { upsert: true },
    );
  }
}
