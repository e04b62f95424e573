// The Message-ID of a mail we send: the outbox entry's id (readable in a mail's source,
// and the same for every resend of the entry) plus a random part, so that an id reused
// after an erasure or in another installation never collides with an earlier mail.
import { randomBytes } from 'node:crypto';

export function outgoingMessageId(entryId: string, supportAddress: string): string {
  const domain = supportAddress.split('@')[1];
  return `<${entryId.replace(/[^A-Za-z0-9-]/g, '.').slice(0, 120)}.${randomBytes(6).toString('hex')}@${domain}>`;
}
