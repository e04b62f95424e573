// The board's feeder: a case write marks the case (one SADD, in the write's own time) and
// the feeder files the marked cases on the board a batch at a time (refreshBoards: each
// bucket, directory and term document touched gets one write for the whole batch, where
// a refresh at every write cost a locked read and a dozen to a hundred locked writes per
// case write). One feeder runs at a time in a deployment. A batch is moved to a key of
// its own before it is filed and deleted after, so marks made meanwhile wait for the next
// batch and a feeder that died leaves its batch to the next one. A board read first
// waits for the cases marked so far (flushed), so a page loaded after a change shows it.
import type { Redis } from 'ioredis';
import { ifMutexFree, withMutex } from './mutex.js';

// The marked set becomes the batch, unless a batch is left over from a feeder that died.
const TAKE = `if redis.call('exists', KEYS[2]) == 0 and redis.call('exists', KEYS[1]) == 1 then redis.call('rename', KEYS[1], KEYS[2]) end
return redis.call('smembers', KEYS[2])`;
const LEASE_MS = 60_000;
const FLUSH_WAIT_MS = 5_000;
// Refreshed together, at most (their reads go out at once).
const PER_REFRESH = 200;
// Batches one run files at most, so a run under a steady flow of marks ends.
const BATCHES_PER_RUN = 5;

export class BoardFeed {
  private readonly marked: string;
  private readonly batch: string;
  private readonly lock: string;

  constructor(
    private readonly redis: Redis,
    prefix: string,
    private readonly refresh: (caseIds: string[]) => Promise<void>,
  ) {
    this.marked = `${prefix}:board:marked`;
    this.batch = `${prefix}:board:batch`;
    this.lock = `${prefix}:board:feeder`;
  }

  /** The case changed (or is gone): file it in the next batch. */
  async mark(caseId: string): Promise<void> {
    await this.redis.sadd(this.marked, caseId);
  }

  /** Files the marked cases unless another feeder is at it (the timer's run). */
  async feed(): Promise<void> {
    await ifMutexFree(this.redis, this.lock, LEASE_MS, () => this.fileMarked());
  }

  /**
   * Files every case marked so far, waiting for a feeder at work (before a board read).
   * A feeder that died holding the lock holds it for its lease: the read then goes on
   * after FLUSH_WAIT_MS with the board as it is, rather than fail.
   */
  async flushed(): Promise<void> {
    if ((await this.redis.exists(this.marked, this.batch)) === 0) return;
    await withMutex(this.redis, this.lock, { leaseMs: LEASE_MS, waitMs: FLUSH_WAIT_MS, what: "the board's feeder" }, () => this.fileMarked()).catch((err: Error) => {
      if (!err.message.startsWith('timed out')) throw err;
    });
  }

  private async fileMarked(): Promise<void> {
    for (let run = 0; run < BATCHES_PER_RUN; run++) {
      const ids = (await this.redis.eval(TAKE, 2, this.marked, this.batch)) as string[];
      if (ids.length === 0) return;
      for (let i = 0; i < ids.length; i += PER_REFRESH) await this.refresh(ids.slice(i, i + PER_REFRESH));
      await this.redis.del(this.batch);
    }
  }
}
