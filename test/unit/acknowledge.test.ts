// The acknowledgement asks the outbox whether it was stored before only when it can have
// been: not for a case the sending job screened itself a moment ago. Either way a mail
// stored meanwhile by a concurrent job is found by the insert and never sent twice.
import { readFileSync } from 'node:fs';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { parseScreeningConfig } from '../../src/domain/settings/screeningConfig.js';
import { sendAcknowledgement, type AcknowledgeDeps } from '../../src/pipeline/notify/acknowledgeCase.js';
import { OutboxBusyError } from '../../src/pipeline/notify/deliverOutbox.js';
import type { AckContext, OutboxState } from '../../src/pipeline/notify/ports.js';

const config = parseScreeningConfig(JSON.parse(readFileSync('config/screening.json', 'utf8')));
const at = new Date('2026-12-04T10:00:00Z');

const ctx = (screenedNow: boolean): AckContext => ({
  caseId: 'c1',
  caseNumber: 'CS-2026-000001',
  ackState: 'pending',
  customer: { email: 'amy@example.test', name: 'Amy' },
  subject: 'Charged twice',
  locale: 'en',
  priority: 'medium',
  department: config.departments[0]!.id,
  category: null,
  text: 'I was charged twice for my order.',
  firstResponseBy: null,
  receivedAt: at,
  origin: { messageId: 'm1@example.test', references: [], automated: null },
  submitted: false,
  screenedNow,
});

/** An outbox holding `stored` (null: nothing) and a log of who asked it and what was sent. */
function world(stored: OutboxState | null) {
  let state = stored;
  const log: string[] = [];
  const deps: AcknowledgeDeps = {
    store: { ackContext: async () => null, setAck: async () => {}, noteSuggestion: async () => {}, clearOpeningMarker: async () => {} },
    templates: { render: () => ({ subject: 'We have your message', text: 'Hello', html: '' }), has: () => false },
    config: async () => config,
    jobs: { screen: async () => {} },
    faq: async () => [],
    support: { address: 'support@example.test', name: 'Support', company: 'Example' },
    ownAddresses: ['support@example.test'],
    autoReplies: { count: async () => 1 },
    autoReplyCapPerDay: 5,
    log: pino({ level: 'silent' }),
    now: () => at,
    outbox: {
      insertIfAbsent: async () => {},
      state: async () => (log.push('outbox asked'), state),
      insertClaimed: async (e) => (state === null ? ((state = 'sending'), { ...e, attempt: 1 }) : null),
      claim: async () => null,
      markSent: async () => void (state = 'sent'),
      release: async () => {},
      markFailed: async () => {},
    },
    mailer: { send: async (e) => (log.push(`sent ${e.id}`), { response: '250 ok' }) },
    receipts: { record: async () => {}, find: async () => null },
  };
  return { deps, log };
}

describe('sendAcknowledgement', () => {
  it('sends without asking the outbox for a case this job screened', async () => {
    const w = world(null);
    expect((await sendAcknowledgement(ctx(true), w.deps)).state).toBe('sent');
    expect(w.log).toEqual(['sent ack:CS-2026-000001']);
  });

  it('asks the outbox first for a case screened before, and delivers what it holds', async () => {
    const w = world('sent');
    expect((await sendAcknowledgement(ctx(false), w.deps)).state).toBe('sent');
    expect(w.log).toEqual(['outbox asked', 'outbox asked']);
  });

  it('sends nothing when a concurrent job stored the acknowledgement first', async () => {
    const w = world('sending');
    await expect(sendAcknowledgement(ctx(true), w.deps)).rejects.toThrow(OutboxBusyError);
    expect(w.log).toEqual(['outbox asked']);
  });
});
