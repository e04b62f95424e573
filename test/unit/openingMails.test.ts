// The opening mails sent together by the screening job: what is done before is skipped,
// a failure of one neither holds up nor undoes the other, and the job's retry sends only
// the one that failed.
import { describe, expect, it } from 'vitest';
import { sendOpeningMails, type OpeningDeps } from '../../src/pipeline/notify/openingMails.js';
import type { AckContext, AckOutcome } from '../../src/pipeline/notify/ports.js';
import type { RoutingContext, RoutingRecord } from '../../src/pipeline/route/ports.js';
import type { Routed } from '../../src/pipeline/route/routeCase.js';
import { event, type CaseEvent } from '../../src/domain/case/timelineEvents.js';

const at = new Date('2026-12-04T10:00:00Z');
const routing: RoutingRecord = { departments: ['billing'], sentAt: at, confirmBy: new Date('2026-12-04T14:00:00Z'), escalateAt: new Date('2026-12-05T10:00:00Z') };

/** One case as stored, and a record of what the step did to it; `smtpDown` fails the next send of that kind. */
function world(start: { acked?: boolean; routed?: boolean } = {}) {
  const state = { acked: !!start.acked, routed: !!start.routed };
  const smtpDown = { ack: false, route: false };
  const log: string[] = [];
  const deps: OpeningDeps = {
    store: {
      contexts: async () => ({
        ack: { caseId: 'c1', ackState: state.acked ? 'sent' : 'pending' } as AckContext,
        route: { caseId: 'c1', routing: state.routed ? routing : {} } as RoutingContext,
      }),
      clearMarker: async () => void log.push('clear marker'),
      record: async (_caseId: string, ack: AckOutcome | null, r: RoutingRecord | null, events: CaseEvent[] = []) => {
        log.push(`record ack=${ack?.state ?? '-'} routing=${r ? 'yes' : '-'}${events.length ? ` events=${events.map((e) => e.id).join(',')}` : ''}`);
        state.acked ||= !!ack;
        state.routed ||= !!r;
      },
    },
    acknowledge: async () => {
      if (smtpDown.ack) throw new Error('SMTP down (ack)');
      log.push('send ack');
      return { state: 'sent', at, outboxId: 'ack:CS-1' };
    },
    route: async (): Promise<Routed> => {
      if (smtpDown.route) throw new Error('SMTP down (route)');
      log.push('send route');
      return { record: routing, first: true };
    },
    afterRouting: async () => void log.push('schedule checks'),
  };
  return { deps, log, smtpDown };
}

describe('sendOpeningMails', () => {
  it('sends both, records both in one write, then schedules the checks', async () => {
    const w = world();
    await sendOpeningMails('c1', w.deps);
    expect(w.log).toEqual(['send ack', 'send route', 'record ack=sent routing=yes', 'schedule checks']);
  });

  it('records the routing when the acknowledgement fails, and fails the job; the retry sends the acknowledgement alone', async () => {
    const w = world();
    w.smtpDown.ack = true;
    await expect(sendOpeningMails('c1', w.deps)).rejects.toThrow('SMTP down (ack)');
    expect(w.log).toEqual(['send route', 'record ack=- routing=yes', 'schedule checks']);

    w.smtpDown.ack = false;
    w.log.length = 0;
    await sendOpeningMails('c1', w.deps);
    expect(w.log).toEqual(['send ack', 'record ack=sent routing=-']);
  });

  it('records the acknowledgement when the routing fails, and fails the job', async () => {
    const w = world();
    w.smtpDown.route = true;
    await expect(sendOpeningMails('c1', w.deps)).rejects.toThrow('SMTP down (route)');
    expect(w.log).toEqual(['send ack', 'record ack=sent routing=-']);
  });

  it('sends nothing for a case whose two mails are done, and clears a marker a crash left', async () => {
    const w = world({ acked: true, routed: true });
    await sendOpeningMails('c1', w.deps);
    expect(w.log).toEqual(['clear marker']);
  });

  const decisions: CaseEvent[] = [{ id: 'screen:c1:sentiment', caseId: 'c1', at, ...event('screening.sentiment', { label: 'neutral', score: 0, cues: [] }) }];

  it("records the screening's events in the write of the outcomes", async () => {
    const w = world();
    await sendOpeningMails('c1', w.deps, null, decisions);
    expect(w.log).toEqual(['send ack', 'send route', 'record ack=sent routing=yes events=screen:c1:sentiment', 'schedule checks']);
  });

  it("records the screening's events alone when both mails fail, or were done before", async () => {
    const w = world();
    w.smtpDown.ack = w.smtpDown.route = true;
    await expect(sendOpeningMails('c1', w.deps, null, decisions)).rejects.toThrow('SMTP down');
    expect(w.log).toEqual(['record ack=- routing=- events=screen:c1:sentiment']);

    const done = world({ acked: true, routed: true });
    await sendOpeningMails('c1', done.deps, null, decisions);
    expect(done.log).toEqual(['record ack=- routing=- events=screen:c1:sentiment', 'clear marker']);
  });
});
