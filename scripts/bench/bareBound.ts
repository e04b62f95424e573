// The bare bound: how fast this machine can take mail off the IMAP server at all, with
// nothing of the pipeline in between. The same mails as the run, already delivered; one
// loop fetches each message's source over IMAP, parses it with the app's parser and
// inserts one document per mail. The pipeline's throughput is compared with this.
import { ImapFlow } from 'imapflow';
import mongoose from 'mongoose';
import { parseMail } from '../../src/adapters/mail/parseMail.js';
import { addr, clearMailbox, DEV, deliverRaw } from '../lib/devMailbox.js';
import type { BenchMail } from './corpus.js';
import { cpuPerMail, startCpuMeter } from './cpuMeter.js';

export async function measureBareBound(mails: BenchMail[], user: string, redisUrl: string, cores: number) {
  await clearMailbox(user);
  for (const m of mails) await deliverRaw([addr(user)], m.raw, m.from);
  const collection = mongoose.connection.db!.collection<{ _id: string; [field: string]: unknown }>('bare_bound');
  const client = new ImapFlow({ host: '127.0.0.1', port: DEV.imapPort, secure: false, auth: { user: addr(user), pass: DEV.password }, logger: false });
  const stopMeter = await startCpuMeter(redisUrl);
  const started = Date.now();
  await client.connect();
  const lock = await client.getMailboxLock('INBOX');
  try {
    const uids = (await client.search({ all: true }, { uid: true })) || [];
    for (const uid of uids) {
      const msg = await client.fetchOne(String(uid), { source: true }, { uid: true });
      if (!msg || !msg.source) throw new Error(`message ${uid} vanished during the bare-bound run`);
      const mail = await parseMail(msg.source);
      await collection.insertOne({ _id: `${uid}`, messageId: mail.messageId, from: mail.from?.address, subject: mail.subject, text: mail.text });
    }
  } finally {
    lock.release();
    await client.logout();
  }
  const seconds = (Date.now() - started) / 1000;
  const cpu = cpuPerMail(await stopMeter(), mails.length, cores);
  await collection.drop();
  await clearMailbox(user);
  return { mailsPerSecond: +(mails.length / seconds).toFixed(1), seconds: +seconds.toFixed(2), cpuMsPerMail: cpu };
}
