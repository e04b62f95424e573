// The job contract: each kind's data is checked where a job leaves its queue; a job that
// does not fit is refused for good with the kind and the field named, never run with
// blanks. The handler table must name every kind (tsc checks the lines marked below).
import { DelayedError, UnrecoverableError, type Job } from 'bullmq';
import { describe, expect, it, vi } from 'vitest';
import { JOB_KINDS, JobContractError, keyOf, parseJob, type JobHandlers, type JobKind } from '../../src/pipeline/jobs/jobKinds.js';
import { idOf } from '../../src/adapters/redis/caseJobs.js';
import { jobProcessor } from '../../src/adapters/redis/jobProcessor.js';

const refusal = (name: string, data: unknown) => {
  try {
    parseJob(name, data);
  } catch (err) {
    expect(err).toBeInstanceOf(JobContractError);
    return (err as Error).message;
  }
  throw new Error('accepted');
};

/** A table whose handlers record what they were given. */
function recordingHandlers(calls: Array<[JobKind, unknown]>, outcome: { notBefore: Date } | null = null): JobHandlers {
  const entries = (Object.keys(JOB_KINDS) as JobKind[]).map((kind) => [kind, async (data: unknown) => (calls.push([kind, data]), outcome)]);
  return Object.fromEntries(entries) as JobHandlers;
}

const fakeJob = (name: string, data: unknown) => ({ name, data, moveToDelayed: vi.fn(async () => undefined) }) as unknown as Job & { moveToDelayed: ReturnType<typeof vi.fn> };

describe('parseJob', () => {
  it('gives the kind with its data, extra fields dropped', () => {
    expect(parseJob('apply-reply', { caseId: 'c1', messageKey: 'm1', stale: 1 })).toEqual({ kind: 'apply-reply', data: { caseId: 'c1', messageKey: 'm1' } });
    expect(parseJob('customer-silence', { caseId: 'c1', due: 1000, step: 'remind', at: 2000 })).toEqual({ kind: 'customer-silence', data: { caseId: 'c1', due: 1000, step: 'remind', at: 2000 } });
    expect(parseJob('retention', {})).toEqual({ kind: 'retention', data: {} });
  });

  it('refuses a missing or empty field, naming the kind and the field', () => {
    expect(refusal('apply-reply', { caseId: 'c1' })).toMatch(/^job "apply-reply": messageKey: /);
    expect(refusal('screen', { caseId: '' })).toMatch(/^job "screen": caseId: /);
    expect(refusal('sla-deadline', { caseId: 'c1', due: '1000' })).toMatch(/^job "sla-deadline": due: /);
    expect(refusal('after-resolution', { caseId: 'c1', due: 1, step: 'remind', at: 2 })).toMatch(/^job "after-resolution": step: /);
    expect(refusal('deliver-mail', null)).toMatch(/^job "deliver-mail": data: /);
  });

  it('refuses a kind it does not know', () => {
    expect(refusal('notify-all', {})).toBe('job "notify-all": no such kind of job');
    expect(refusal('toString', {})).toBe('job "toString": no such kind of job');
  });
});

describe('job ids', () => {
  it('are the ids of earlier versions, so a job added again meets the one queued before', () => {
    expect(idOf({ kind: 'screen', data: { caseId: 'c1' } })).toBe('screen-c1');
    expect(idOf({ kind: 'sla-deadline', data: { caseId: 'c1', due: 5 } })).toBe('sla-deadline-c1-5');
    expect(idOf({ kind: 'after-resolution', data: { caseId: 'c1', due: 5, step: 'follow-up', at: 9 } })).toBe('after-resolution-c1-5-follow-up');
    expect(idOf({ kind: 'deliver-mail', data: { outboxId: 'ack:c1' } })).toBe('deliver-mail-ack.c1');
    expect(keyOf({ kind: 'report-mail', data: {} })).toBeNull();
  });

  it('every kind written down has a key: the reconciler finds its job by it', () => {
    for (const [kind, def] of Object.entries(JOB_KINDS)) if (def.marked) expect(def.key, kind).not.toBeNull();
  });
});

describe('jobProcessor', () => {
  it('runs the handler of the kind with its checked data', async () => {
    const calls: Array<[JobKind, unknown]> = [];
    await jobProcessor('cases', recordingHandlers(calls), () => new Date())(fakeJob('forward-reply', { caseId: 'c1', messageKey: 'm1' }));
    expect(calls).toEqual([['forward-reply', { caseId: 'c1', messageKey: 'm1' }]]);
  });

  it('fails a job that does not fit for good (no retries), with the field in the error, and runs nothing', async () => {
    const calls: Array<[JobKind, unknown]> = [];
    const run = jobProcessor('cases', recordingHandlers(calls), () => new Date());
    const err = await run(fakeJob('apply-answer', { caseId: 'c1' })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UnrecoverableError);
    expect((err as Error).message).toMatch(/^job "apply-answer": answerId: /);
    expect(calls).toEqual([]);
  });

  it('fails a job found in the queue of other kinds', async () => {
    const run = jobProcessor('cases', recordingHandlers([]), () => new Date());
    const err = await run(fakeJob('deliver-mail', { outboxId: 'o1' })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UnrecoverableError);
    expect((err as Error).message).toBe('job "deliver-mail": belongs in the outgoing-mail queue, not cases');
  });

  it('puts back a job that came early, to wait the difference on the app clock', async () => {
    const now = new Date('2026-12-07T08:00:00Z');
    const job = fakeJob('sla-deadline', { caseId: 'c1', due: now.getTime() });
    const run = jobProcessor('cases', recordingHandlers([], { notBefore: new Date(now.getTime() + 60_000) }), () => now);
    const before = Date.now();
    await expect(run(job, 'token')).rejects.toBeInstanceOf(DelayedError);
    const [at, token] = job.moveToDelayed.mock.calls[0]! as [number, string];
    expect(at - before).toBeGreaterThanOrEqual(60_000);
    expect(token).toBe('token');
  });
});

describe('the handler table (checked by tsc, not at run time)', () => {
  it('must name every kind and read only fields its kind has', () => {
    const noop = async (_: unknown) => undefined;
    const { 'deliver-mail': _left, ...withoutMail } = recordingHandlers([]);
    // @ts-expect-error a table without 'deliver-mail' does not compile
    const missing: JobHandlers = withoutMail;
    // @ts-expect-error a deliver-mail job has no caseId
    const wrongField: Pick<JobHandlers, 'deliver-mail'> = { 'deliver-mail': (data) => noop(data.caseId) };
    expect(missing && wrongField).toBeTruthy();
  });
});
