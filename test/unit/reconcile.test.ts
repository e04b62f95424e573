// The reconciler's choice for a case whose acknowledgement or routing is still marked
// pending: the screening job sends both mails, so their own jobs run only after a
// screening job that completed; a case whose screening job waits in the queue gets nothing.
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { reconcileCases, type CaseJobName, type RequeueResult } from '../../src/pipeline/recovery/reconcileCases.js';

/** Cases marked pending, with their screening job in the given state. */
function world(screenJobs: Record<string, RequeueResult>) {
  const calls: string[] = [];
  const run = () =>
    reconcileCases(
      {
        pending: async () => Object.keys(screenJobs),
        unscreened: async (ids: string[]) => new Set(ids.filter((id) => id.startsWith('unscreened'))),
        requeue: async (job: CaseJobName, caseId: string, opts?: { rerunCompleted?: boolean }) => {
          calls.push(`${job} ${caseId}${opts?.rerunCompleted ? ' rerun' : ''}`);
          if (job === 'screen' && opts?.rerunCompleted && screenJobs[caseId] === 'completed') return 'requeued';
          return job === 'screen' ? screenJobs[caseId]! : 'requeued';
        },
        requeueWrittenDown: async () => 0,
        now: () => new Date('2026-12-04T10:00:00Z'),
        log: pino({ level: 'silent' }),
      },
      0,
    );
  return { calls, run };
}

describe('reconcileCases', () => {
  it('leaves a case whose screening job is queued or running to that job', async () => {
    const w = world({ waiting: 'in-queue' });
    expect(await w.run()).toBe(0);
    expect(w.calls).toEqual(['screen waiting']);
  });

  it('puts back a lost or failed screening job and nothing beside it', async () => {
    const w = world({ lost: 'requeued' });
    expect(await w.run()).toBe(1);
    expect(w.calls).toEqual(['screen lost']);
  });

  it("runs the two mails' own jobs again after a completed screening job", async () => {
    const w = world({ done: 'completed' });
    expect(await w.run()).toBe(1);
    expect(w.calls).toEqual(['screen done', 'acknowledge done rerun', 'route done rerun']);
  });

  it('runs a completed screening job again when the case has no screening stored (Redis ahead of the database)', async () => {
    const w = world({ unscreened: 'completed' });
    expect(await w.run()).toBe(1);
    expect(w.calls).toEqual(['screen unscreened rerun']);
  });
});
