// The IMAP commands the poller reads and marks messages with: small messages' sources
// fetched several to a command, a large one in chunks, and marks as \Seen or a move.
import type { ImapFlow } from 'imapflow';
import type { MailboxConfig } from '../../config/env.js';

// Above this size a message is fetched in chunks of CHUNK_BYTES into one buffer of its
// size: fetched whole, the client collects the literal in pieces and joins them, so a
// 34 MB message (a 25 MB attachment) was held twice for a moment. Below it, messages are
// fetched several at once, up to FETCH_BATCH_BYTES (by their RFC822.SIZE) per command.
export const CHUNKED_ABOVE_BYTES = 4 * 1024 * 1024;
const CHUNK_BYTES = 1024 * 1024;
export const FETCH_BATCH_BYTES = 8 * 1024 * 1024;

/** The messages' raw bytes, in order; null for one gone (expunged meanwhile). */
export async function fetchSources(client: ImapFlow, uids: number[]): Promise<Array<Buffer | null>> {
  const found = await client.fetchAll(uids.join(','), { uid: true, source: true }, { uid: true });
  const byUid = new Map(found.map((m) => [m.uid, m.source ?? null]));
  return uids.map((uid) => byUid.get(uid) ?? null);
}

/** Flags the messages \Seen or moves them, as the mailbox is configured; false if the server did not. */
export async function markProcessed(client: ImapFlow, box: MailboxConfig, uids: number[]): Promise<boolean> {
  const set = uids.join(',');
  const done = box.processed.kind === 'seen' ? await client.messageFlagsAdd(set, ['\\Seen'], { uid: true }) : await client.messageMove(set, box.processed.folder, { uid: true });
  return !!done;
}

/** A large message's raw bytes, in chunks; null when it is gone (expunged meanwhile). */
export async function fetchLarge(client: ImapFlow, uid: number, size: number): Promise<Buffer | null> {
  const download = await client.download(String(uid), undefined, { uid: true, chunkSize: CHUNK_BYTES });
  if (!download.content) return null;
  let buf = Buffer.allocUnsafe(size);
  let length = 0;
  for await (const chunk of download.content as AsyncIterable<Buffer>) {
    // The server's RFC822.SIZE was short of the bytes it sends: room for the rest.
    if (length + chunk.length > buf.length) buf = Buffer.concat([buf.subarray(0, length)], Math.max(2 * buf.length, length + chunk.length));
    chunk.copy(buf, length);
    length += chunk.length;
  }
  return buf.subarray(0, length);
}
