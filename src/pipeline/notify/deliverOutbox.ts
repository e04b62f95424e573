// Sends one stored outbox entry at most once. A sender claims the entry with a lease
// before talking SMTP and marks it sent right after the server's 250; a retry of the
// job finds it sent and does nothing. Only a crash in the instant between the
// server's 250 and the mark can send twice, and the copy carries the same
// Message-ID, so mail clients show it once. An entry another worker holds makes this
// throw OutboxBusyError, so the job is retried after that worker is done.
import type { Logger } from 'pino';
import { MailerError, type Mailer, type OutboxStore } from './ports.js';

export type Delivery = 'sent' | 'failed';

export class OutboxBusyError extends Error {
  override name = 'OutboxBusyError';
}

export interface DeliverDeps {
  outbox: OutboxStore;
  mailer: Mailer;
  log: Logger;
  now: () => Date;
  leaseMs?: number;
}

export async function deliverOutbox(id: string, deps: DeliverDeps): Promise<Delivery> {
  const entry = await deps.outbox.claim(id, deps.now(), deps.leaseMs ?? 120_000);
  if (!entry) {
    const state = await deps.outbox.state(id);
    if (state === 'sent' || state === 'failed') return state;
    if (state === null) throw new Error(`outbox entry ${id} does not exist`);
    throw new OutboxBusyError(`${id} is being sent by another worker`);
  }
  try {
    const { response } = await deps.mailer.send(entry);
    await deps.outbox.markSent(entry, response, deps.now());
    deps.log.info({ event: 'mail.sent', outbox: id, to: entry.to, kind: entry.kind }, 'mail sent');
    return 'sent';
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
}
