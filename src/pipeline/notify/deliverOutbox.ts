// Sends one stored outbox entry at most once. A sender claims the entry with a lease
// before talking SMTP; once the server answers 250 it writes a send receipt (a Redis
// SET, under a millisecond) and the mark on the entry (a database update, slower)
// together, and never releases the entry for another send. A retry finds the entry
// sent, or finds the receipt and marks it sent, and sends nothing. Only a crash after the
// last line of the mail and before the receipt can send twice (the server may have
// queued the mail without our knowing: SMTP's own gap, RFC 1047); the copy
// carries the same Message-ID, so mail clients show it once. Measured before the
// receipt existed: a SIGKILL during the mark, which takes 50-300 ms under load on
// FerretDB, did send twice. An entry another worker holds makes this throw
// OutboxBusyError, so the job is retried after that worker is done.
import type { Logger } from 'pino';
import { MailerError, type ClaimedEntry, type Mailer, type OutboxEntry, type OutboxStore, type SendReceipts } from './ports.js';
import { noticeElsewhere, type OtherChannelDeps } from './otherChannels.js';

export type Delivery = 'sent' | 'failed';

export class OutboxBusyError extends Error {
  override name = 'OutboxBusyError';
}

export interface DeliverDeps {
  outbox: OutboxStore;
  mailer: Mailer;
  receipts: SendReceipts;
  log: Logger;
  now: () => Date;
  leaseMs?: number;
  /** The customer's notices by SMS or app too, when configured. */
  otherChannels?: OtherChannelDeps;
}

const LEASE_MS = 120_000;

export async function deliverOutbox(id: string, deps: DeliverDeps): Promise<Delivery> {
  const entry = await deps.outbox.claim(id, deps.now(), deps.leaseMs ?? LEASE_MS);
  if (!entry) {
    const state = await deps.outbox.state(id);
    if (state === 'sent' || state === 'failed') return state;
    if (state === null) throw new Error(`outbox entry ${id} does not exist`);
    throw new OutboxBusyError(`${id} is being sent by another worker`);
  }
  return sendClaimed(entry, deps);
}

/**
 * Stores a new mail and delivers it once. It is stored already claimed by this sender,
 * which saves the claim's read and write; if it was stored before (the job's retry: the
 * first rendering wins), that one is delivered as deliverOutbox would.
 */
export async function storeAndDeliver(mail: OutboxEntry, deps: DeliverDeps): Promise<Delivery> {
  const entry = await deps.outbox.insertClaimed(mail, deps.now(), deps.leaseMs ?? LEASE_MS);
  return entry ? sendClaimed(entry, deps) : deliverOutbox(mail.id, deps);
}

async function sendClaimed(entry: ClaimedEntry, deps: DeliverDeps): Promise<Delivery> {
  const { id } = entry;
  // A first claim follows no send: only a later attempt can find a receipt.
  const accepted = entry.attempt > 1 ? await deps.receipts.find(id) : null;
  if (accepted !== null) {
    await deps.outbox.markSent(entry, accepted, deps.now());
    deps.log.warn({ event: 'mail.sent_before', outbox: id, to: entry.to }, 'the server had accepted this mail before its sender stopped; marked sent, not sent again');
    return 'sent';
  }
  let response: string;
  try {
    ({ response } = await deps.mailer.send(entry));
  } catch (err) {
    const message = (err as Error).message;
    if (err instanceof MailerError && err.permanent) {
      await deps.outbox.markFailed(id, message);
      deps.log.error({ event: 'mail.failed', outbox: id, to: entry.to, error: message }, 'mail rejected for good');
      return 'failed';
    }
    await deps.outbox.release(id, message);
    throw err;
  }
  await noteAccepted(entry, response, deps);
  deps.log.info({ event: 'mail.sent', outbox: id, to: entry.to, kind: entry.kind }, 'mail sent');
  if (deps.otherChannels) await noticeElsewhere(entry, deps.otherChannels);
  return 'sent';
}

// Either note alone stops a second send, so both are written at once and a failure of
// one is only logged; if the durable mark fails the job's retry (after the claim's lease)
// finds the receipt and completes the mark. When both fail the database is down, and
// only this sender knows the mail is out: it keeps trying the mark for half the lease,
// in which no other sender can take the entry; otherwise a database that goes away just
// after the 250 would let the retry after the lease send the mail again.
async function noteAccepted(entry: OutboxEntry, response: string, deps: DeliverDeps): Promise<void> {
  const [receipt, mark] = await Promise.allSettled([
    deps.receipts.record(entry.id, response),
    deps.outbox.markSent(entry, response, deps.now()),
  ]);
  if (mark.status === 'fulfilled') {
    if (receipt.status === 'rejected') {
      deps.log.warn({ event: 'mail.receipt_failed', outbox: entry.id, error: (receipt.reason as Error).message }, 'could not write the send receipt; the durable mark alone guards this mail');
    }
    return;
  }
  if (receipt.status === 'fulfilled') throw mark.reason;
  const leaseMs = deps.leaseMs ?? LEASE_MS;
  const giveUpAt = Date.now() + leaseMs / 2;
  const pause = Math.min(1000, leaseMs / 20);
  let error = mark.reason as Error;
  while (Date.now() + pause < giveUpAt) {
    deps.log.warn({ event: 'mail.mark_retry', outbox: entry.id, error: error.message }, 'mail sent but not yet marked sent; retrying the mark');
    await new Promise((r) => setTimeout(r, pause));
    try {
      await deps.outbox.markSent(entry, response, deps.now());
      return;
    } catch (err) {
      error = err as Error;
    }
  }
  throw error;
}
