// The bench's mail deliveries, from a process of their own (forked by bench.ts), so that
// the CPU time the bench reports for the app is the app's: delivering over LMTP from the
// app's process cost it 2-3 ms a mail (by its profile), and its event loop with it.
// Builds the same mails as the bench (corpus.ts, by index and run), delivers them in
// `concurrency` lanes, as fast as possible or at `rate` mails/s, and tells the parent when
// each was accepted: { messageId, at }, then { done: true }.
import { keptOpenLmtp } from '../lib/devMailbox.js';
import { benchMail } from './corpus.js';

export interface DelivererArgs {
  total: number;
  to: string;
  run: string;
  concurrency: number;
  /** Mails a second; null: as fast as the mail server takes them. */
  rate: number | null;
}

export type DelivererMessage = { messageId: string; at: number } | { done: true } | { error: string };

const send = (m: DelivererMessage) => new Promise<void>((resolve, reject) => process.send!(m, (err: Error | null) => (err ? reject(err) : resolve())));

async function deliverAll({ total, to, run, concurrency, rate }: DelivererArgs): Promise<void> {
  const mails = Array.from({ length: total }, (_, i) => benchMail(i, to, run));
  // One LMTP connection per lane, kept open as an MTA keeps its connections to the mail
  // store: a connection per mail cost Dovecot and this process ~2.5 ms of CPU a mail more.
  const lmtp = keptOpenLmtp(concurrency);
  const delivered = new Set<string>();
  const started = Date.now();
  let next = 0;
  async function lane(): Promise<void> {
    while (next < mails.length) {
      const m = mails[next++]!;
      // A customer replies only after sending the mail answered; parallel lanes alone would
      // deliver some replies first. (Their UIDs may still come out of order: see replyOrder.)
      while (m.inReplyTo && !delivered.has(m.inReplyTo)) await new Promise((r) => setTimeout(r, 5));
      if (rate) {
        const due = started + (m.index * 1000) / rate;
        if (due > Date.now()) await new Promise((r) => setTimeout(r, due - Date.now()));
      }
      await lmtp.deliver([to], m.raw, m.from);
      delivered.add(m.messageId);
      void send({ messageId: m.messageId, at: Date.now() });
    }
  }
  try {
    await Promise.all(Array.from({ length: concurrency }, lane));
  } finally {
    lmtp.close();
  }
}

process.once('message', (args: DelivererArgs) => {
  deliverAll(args)
    .then(() => send({ done: true }))
    .catch((err: Error) => send({ error: err.message }))
    .finally(() => process.disconnect());
});
