// One key per distinct message, however often and wherever it is seen: re-delivery,
// a restart before the server flag, a UIDVALIDITY reset, the same mail in two mailboxes.
import { createHash } from 'node:crypto';

/**
 * Message-ID plus sender when there is a Message-ID (a stranger reusing someone's
 * Message-ID must not suppress their own mail); else a hash of the raw bytes.
 */
export function dedupeKey(messageId: string | null, fromAddress: string | null, raw: Buffer): string {
  const h = createHash('sha256');
  if (messageId) {
    h.update(`mid\n${normalizeMessageId(messageId)}\n${(fromAddress ?? '').toLowerCase()}`);
  } else {
    h.update('raw\n').update(raw);
  }
  return h.digest('hex');
}

export function normalizeMessageId(id: string): string {
  return id.trim().replace(/^<|>$/g, '').toLowerCase();
}
