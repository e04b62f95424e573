// The sending cost: the CPU that sending the run's mails (its outbox: acknowledgements,
// routing mails, forwards) costs on its own, with no pipeline. Each is sent again to
// its recipients through SMTP with the app's mailer, in as many lanes as the app's jobs;
// the machine's CPU over that (this process, the SMTP relay, Dovecot's deliveries) per
// mail of the run. The bare bound (fetch, parse, insert) plus this is the least work a
// pipeline that answers this mail does, so the cores divided by it is the most mails/s
// any such pipeline could reach on this machine, even if the rest cost nothing.
import type { SmtpConfig } from '../../src/config/env.js';
import { SmtpMailer } from '../../src/adapters/smtp/smtpMailer.js';
import type { OutboxEntry } from '../../src/pipeline/notify/ports.js';
import { cpuPerMail, startCpuMeter } from './cpuMeter.js';

const LANES = 8; // the app's default worker concurrency

/** CPU ms per mail of the run (`mails`) for sending `sent` again. */
export async function measureSendingCost(sent: OutboxEntry[], mails: number, smtp: SmtpConfig, redisUrl: string, cores: number) {
  const mailer = new SmtpMailer(smtp);
  const stopMeter = await startCpuMeter(redisUrl);
  const started = Date.now();
  try {
    let next = 0;
    const lane = async () => {
      while (next < sent.length) await mailer.send(sent[next++]!);
    };
    await Promise.all(Array.from({ length: LANES }, lane));
  } finally {
    mailer.close();
  }
  const seconds = (Date.now() - started) / 1000;
  const cpu = cpuPerMail(await stopMeter(), mails, cores);
  return { sentMails: sent.length, seconds: +seconds.toFixed(2), cpuMsPerMail: { mailer: cpu.app, relayAndDovecot: cpu.other, total: cpu.total } };
}
