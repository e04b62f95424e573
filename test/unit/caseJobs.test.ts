// The enqueue side of the job contract: each job goes to the queue of its kind, with its
// idempotent id, and a kind that is written down is written down before it is queued.
import type { Queue } from 'bullmq';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { BullCaseJobs, type JobMarkers, type JobQueues } from '../../src/adapters/redis/caseJobs.js';
import { JOB_QUEUES } from '../../src/pipeline/jobs/jobKinds.js';

function world() {
  const steps: string[] = [];
  const label = (name: string, opts: { jobId: string; delay?: number }) => `${name} ${opts.jobId}${opts.delay ? ` +${opts.delay}` : ''}`;
  const queue = (name: string) =>
    ({
      add: async (_kind: string, _data: unknown, opts: { jobId: string; delay?: number }) => void steps.push(label(name, opts)),
      addBulk: async (jobs: Array<{ opts: { jobId: string; delay?: number } }>) => void steps.push(`${name} bulk: ${jobs.map((j) => label('', j.opts).trim()).join(', ')}`),
    }) as unknown as Queue;
  const queues = Object.fromEntries(JOB_QUEUES.map((q) => [q, queue(q)])) as JobQueues;
  const markers: JobMarkers = { put: async (id) => void steps.push(`marker ${id}`), remove: async () => undefined, due: async () => [] };
  const now = new Date('2026-12-07T08:00:00Z');
  return { steps, jobs: new BullCaseJobs(queues, markers, () => now, pino({ level: 'silent' })), now };
}

describe('BullCaseJobs', () => {
  it('puts each kind in its queue; the written-down ones are written down first', async () => {
    const { steps, jobs, now } = world();
    await jobs.screen('c1');
    await jobs.applyStaffReply('c1', 'm1');
    await jobs.deliver('ack:c1');
    await jobs.scheduleFirstResponse('c1', new Date(now.getTime() + 60_000));
    expect(steps).toEqual([
      'cases screen-c1',
      'marker apply-reply-m1',
      'cases apply-reply-m1',
      'marker deliver-mail-ack.c1',
      'outgoing-mail deliver-mail-ack.c1',
      `marker sla-first-response-c1-${now.getTime() + 60_000}`,
      `cases sla-first-response-c1-${now.getTime() + 60_000} +60000`,
    ]);
  });

  it('schedules the checks a routing starts with one add per queue, written down first', async () => {
    const { steps, jobs, now } = world();
    const at = (min: number) => new Date(now.getTime() + min * 60_000);
    await jobs.scheduleAfterRouting('c1', { remindAt: at(1), escalateAt: at(2), firstResponseBy: at(3), expectedBy: at(4) });
    const t = (min: number) => now.getTime() + min * 60_000;
    expect(steps.filter((s) => s.startsWith('marker')).sort()).toEqual([`marker sla-deadline-c1-${t(4)}`, `marker sla-first-response-c1-${t(3)}`]);
    expect(steps.slice(2)).toEqual([`cases bulk: confirm-remind-c1 +60000, confirm-escalate-c1 +120000, sla-first-response-c1-${t(3)} +180000, sla-deadline-c1-${t(4)} +240000`]);
  });
});
