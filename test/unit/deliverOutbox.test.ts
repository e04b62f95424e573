// The outbox sender's at-most-once rule, over in-memory ports: whatever fails after the
// SMTP server's 250, a retry never sends the mail again.
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { deliverOutbox, storeAndDeliver, type DeliverDeps } from '../../src/pipeline/notify/deliverOutbox.js';
import { MailerError, type OutboxEntry, type OutboxState, type OutboxStore } from '../../src/pipeline/notify/ports.js';

const entry: OutboxEntry = {
  id: 'ack:1', caseId: '1', kind: 'acknowledgement', auto: true, from: 'support@example.test', to: 'amy@example.test',
  subject: 'We received your complaint', text: 'Hello', html: '', messageId: '<ack-1@example.test>', references: [], headers: {},
};

/** One entry's life, with switches that make the next write fail. */
function world(initial: OutboxState | null = 'pending') {
  let state: OutboxState | null = initial;
  let claims = 0;
  const receipts = new Map<string, string>();
  const sent: string[] = [];
  // markTimes: the mark fails that many more times (a database coming back).
  const fail = { mark: false, markTimes: 0, receipt: false, smtp: null as MailerError | null };
  const outbox: OutboxStore = {
    insertIfAbsent: async () => {},
    state: async () => state,
    insertClaimed: async () => (state === null ? ((state = 'sending'), { ...entry, attempt: ++claims }) : null),
    claim: async () => (state === 'pending' ? ((state = 'sending'), { ...entry, attempt: ++claims }) : null),
    markSent: async () => {
      if (fail.mark || fail.markTimes-- > 0) throw new Error('database restarting');
      state = 'sent';
    },
    release: async () => void (state = 'pending'),
    markFailed: async () => void (state = 'failed'),
  };
  const deps: DeliverDeps = {
    outbox,
    mailer: {
      send: async (e) => {
        if (fail.smtp) throw fail.smtp;
        sent.push(e.messageId);
        return { response: '250 2.0.0 queued' };
      },
    },
    receipts: {
      record: async (id, response) => {
        if (fail.receipt) throw new Error('receipt insert failed');
        receipts.set(id, response);
      },
      find: async (id) => receipts.get(id) ?? null,
    },
    log: pino({ level: 'silent' }),
    now: () => new Date('2026-11-23T02:00:00Z'),
    leaseMs: 200, // a sender retries the mark for half of it
  };
  /** What a claim lease running out does: the entry can be taken again. */
  const leaseRunsOut = () => void (state = state === 'sending' ? 'pending' : state);
  return { deps, fail, sent, receipts, state: () => state, leaseRunsOut };
}

describe('deliverOutbox', () => {
  it('sends once and a retry of a sent entry does nothing', async () => {
    const w = world();
    expect(await deliverOutbox('ack:1', w.deps)).toBe('sent');
    expect(await deliverOutbox('ack:1', w.deps)).toBe('sent');
    expect(w.sent).toHaveLength(1);
    expect(w.receipts.get('ack:1')).toBe('250 2.0.0 queued');
  });

  it('does not send again when the durable mark failed after the 250: the retry finds the receipt', async () => {
    const w = world();
    w.fail.mark = true;
    await expect(deliverOutbox('ack:1', w.deps)).rejects.toThrow('database restarting');
    expect(w.state()).toBe('sending'); // not released for another send
    w.fail.mark = false;
    w.leaseRunsOut();
    expect(await deliverOutbox('ack:1', w.deps)).toBe('sent');
    expect(w.sent).toHaveLength(1);
    expect(w.state()).toBe('sent');
  });

  it('marks the entry sent when only the receipt could not be written', async () => {
    const w = world();
    w.fail.receipt = true;
    expect(await deliverOutbox('ack:1', w.deps)).toBe('sent');
    expect(w.state()).toBe('sent');
    w.leaseRunsOut();
    expect(await deliverOutbox('ack:1', w.deps)).toBe('sent');
    expect(w.sent).toHaveLength(1);
  });

  it('releases the entry on a temporary SMTP failure and fails it for good on a permanent one', async () => {
    const w = world();
    w.fail.smtp = new MailerError('421 try later', false);
    await expect(deliverOutbox('ack:1', w.deps)).rejects.toThrow('421');
    expect(w.state()).toBe('pending');
    w.fail.smtp = new MailerError('550 no such user', true);
    expect(await deliverOutbox('ack:1', w.deps)).toBe('failed');
    expect(w.sent).toHaveLength(0);
  });

  it('stores a new mail claimed and sends it once; the same mail stored again is not sent again', async () => {
    const w = world(null);
    expect(await storeAndDeliver(entry, w.deps)).toBe('sent');
    expect(await storeAndDeliver(entry, w.deps)).toBe('sent');
    expect(w.sent).toHaveLength(1);
  });

  it('a mail stored claimed whose mark failed after the 250 is not sent again by the retry', async () => {
    const w = world(null);
    w.fail.mark = true;
    await expect(storeAndDeliver(entry, w.deps)).rejects.toThrow('database restarting');
    w.fail.mark = false;
    w.leaseRunsOut();
    expect(await storeAndDeliver(entry, w.deps)).toBe('sent');
    expect(w.sent).toHaveLength(1);
    expect(w.state()).toBe('sent');
  });

  it('keeps marking a sent mail while the database is down, and sends it once', async () => {
    const w = world();
    w.fail.receipt = true;
    w.fail.markTimes = 3;
    expect(await deliverOutbox('ack:1', w.deps)).toBe('sent');
    expect(w.state()).toBe('sent');
    expect(w.sent).toHaveLength(1);
  });
});
