// Attachments in GridFS (bucket "attachments"), with name, type, size and SHA-256.
// A file's id is "<message key>:<position>": a re-run after a crash reuses what was stored.
import type { InboundAttachment } from '../../domain/intake/inboundMail.js';
import type { AttachmentStore, StoredAttachment } from '../../pipeline/intake/ports.js';
import { putFile } from './gridfs.js';

export class GridFsAttachmentStore implements AttachmentStore {
  async save(messageKey: string, caseId: string, attachments: InboundAttachment[]): Promise<StoredAttachment[]> {
    const stored: StoredAttachment[] = [];
    for (const [index, a] of attachments.entries()) {
      const fileId = `${messageKey}:${index}`;
      await putFile('attachments', fileId, a.filename, a.content, { caseId, contentType: a.contentType, sha256: a.sha256 });
      stored.push({ fileId, filename: a.filename, contentType: a.contentType, size: a.size, sha256: a.sha256 });
    }
    return stored;
  }
}
