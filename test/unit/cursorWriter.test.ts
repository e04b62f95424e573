// The mailbox cursor written behind the messages in flight: at most one write per interval
// and one at a time, the latest position winning, the rest written by flush, and a failed
// write reported once without stopping later ones.
import { describe, expect, it } from 'vitest';
import { CursorWriter } from '../../src/adapters/imap/cursorWriter.js';
import type { MailboxCursor } from '../../src/adapters/mongo/cursorStore.js';

const at = (lastUid: number): MailboxCursor => ({ uidValidity: '7', lastUid });

function recorder(opts: { fail?: (uid: number) => boolean } = {}) {
  let clock = 10_000;
  const saved: number[] = [];
  const release: Array<() => void> = [];
  const writer = new CursorWriter(
    (c) =>
      new Promise<void>((resolve, reject) => {
        saved.push(c.lastUid);
        release.push(() => (opts.fail?.(c.lastUid) ? reject(new Error(`cannot save ${c.lastUid}`)) : resolve()));
      }),
    1000,
    () => clock,
  );
  const settle = async () => {
    while (release.length) release.shift()!();
    await new Promise((r) => setImmediate(r));
  };
  return { writer, saved, settle, advance: (ms: number) => (clock += ms) };
}

describe('cursor writer', () => {
  it('writes the first position at once, then at most once per interval, the latest winning', async () => {
    const { writer, saved, settle, advance } = recorder();
    writer.move(at(1));
    writer.move(at(2)); // a write is in flight: waits
    await settle();
    expect(saved).toEqual([1]);
    writer.move(at(3));
    writer.move(at(4)); // within the interval: waits
    expect(saved).toEqual([1]);
    advance(1000);
    writer.move(at(5));
    await settle();
    expect(saved).toEqual([1, 5]);
  });

  it('flush writes what is pending, and nothing when all is written', async () => {
    const { writer, saved, settle } = recorder();
    writer.move(at(1));
    writer.move(at(9));
    const flushed = writer.flush();
    await settle();
    await settle();
    await flushed;
    expect(saved).toEqual([1, 9]);
    await writer.flush();
    expect(saved).toEqual([1, 9]);
  });

  it('reports a failed write once, and writes later positions after it', async () => {
    const { writer, saved, settle, advance } = recorder({ fail: (uid) => uid === 1 });
    writer.move(at(1));
    writer.move(at(2));
    const flushed = writer.flush();
    await settle();
    await flushed;
    expect(saved).toEqual([1]); // flush does not go on past a failure
    expect(writer.takeError()?.message).toBe('cannot save 1');
    expect(writer.takeError()).toBeNull();
    advance(1000);
    writer.move(at(3));
    await settle();
    expect(saved).toEqual([1, 3]);
    expect(writer.takeError()).toBeNull();
  });
});
