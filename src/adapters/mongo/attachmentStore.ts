// Attachments in GridFS (bucket "attachments"), with name, type, size and SHA-256.
// Keyed by (message, position): a re-run after a crash reuses what was stored.
import type { InboundAttachment } from '../../domain/intake/inboundMail.js';
import type { AttachmentStore, StoredAttachment } from '../../pipeline/intake/ports.js';
import { bucket, putFile } from './gridfs.js';

export class GridFsAttachmentStore implements AttachmentStore {
  async save(messageKey: string, caseId: string, attachments: InboundAttachment[]): Promise<StoredAttachment[]> {
    if (attachments.length === 0) return [];
    const existing = await bucket('attachments').find({ 'metadata.messageKey': messageKey }).toArray();
    const byIndex = new Map(existing.map((f) => [f.metadata?.index as number, f._id]));
    const stored: StoredAttachment[] = [];
    for (const [index, a] of attachments.entries()) {
      const fileId =
        byIndex.get(index) ??
        (await putFile('attachments', a.filename, a.content, { messageKey, index, caseId, contentType: a.contentType, sha256: a.sha256 }));
      stored.push({ fileId: String(fileId), filename: a.filename, contentType: a.contentType, size: a.size, sha256: a.sha256 });
    }
    return stored;
  }
}
