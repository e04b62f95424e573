// Loopback SMTP server for local development and tests: accepts mail for the local
// mail domain and hands it to Dovecot over LMTP, so that what the app sends lands in
// real mailboxes that tests and the demo read back over IMAP. Not for production.
// Like a real MTA it answers 250 once the mail is in its queue (a spool file, synced),
// and delivers afterwards. Answering only after Dovecot's delivery would stretch the
// moment in which a sender killed after its last line cannot know the mail went out
// (SMTP's own limit, RFC 1047) to the length of a delivery into a loaded Dovecot, long
// enough for a killed sender to send a mail twice now and then.
import { mkdirSync, readdirSync, readFileSync, unlinkSync } from 'node:fs';
import { open } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SMTPServer } from 'smtp-server';
import nodemailer from 'nodemailer';

const port = Number(process.env.SMTP_PORT ?? 2525);
const lmtpPort = Number(process.env.LMTP_PORT ?? 2424);
const domain = (process.env.MAIL_DOMAIN ?? 'example.test').toLowerCase();
const spool = process.env.SMTP_SPOOL_DIR ?? path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../.local/smtp-spool');
mkdirSync(spool, { recursive: true });

const lmtp = nodemailer.createTransport({ host: '127.0.0.1', port: lmtpPort, lmtp: true, pool: true, maxConnections: 4 });

const server = new SMTPServer({
  // Open to loopback only, with no login: a client that offers one would be refused.
  disabledCommands: ['STARTTLS', 'AUTH'],
  size: 64 * 1024 * 1024,
  banner: 'feedback-desk development relay',
  onRcptTo(address, _session, callback) {
    if (!address.address.toLowerCase().endsWith(`@${domain}`)) {
      const err = Object.assign(new Error(`relay denied: only @${domain} is delivered locally`), { responseCode: 550 });
      return callback(err);
    }
    callback();
  },
  onData(stream, session, callback) {
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer) => chunks.push(c));
    stream.on('end', () => {
      const from = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
      const to = session.envelope.rcptTo.map((r) => r.address);
      const file = path.join(spool, `${Date.now()}-${session.id}-${session.transaction}.json`);
      queue(file, JSON.stringify({ from, to, raw: Buffer.concat(chunks).toString('base64') }))
        .then(() => {
          callback();
          void deliver(file);
        })
        .catch((err: Error) => callback(Object.assign(new Error(`could not queue the mail: ${err.message}`), { responseCode: 451 })));
    });
  },
});

async function queue(file: string, content: string): Promise<void> {
  const fh = await open(file, 'w');
  try {
    await fh.writeFile(content);
    await fh.sync();
  } finally {
    await fh.close();
  }
}

/** Delivers a queued mail into Dovecot; a refused one is dropped, a failed one tried again. */
async function deliver(file: string, attempt = 1): Promise<void> {
  const { from, to, raw } = JSON.parse(readFileSync(file, 'utf8')) as { from: string; to: string[]; raw: string };
  try {
    await lmtp.sendMail({ envelope: { from, to }, raw: Buffer.from(raw, 'base64') });
  } catch (err) {
    const e = err as Error & { responseCode?: number };
    if ((e.responseCode ?? 451) < 500 && attempt < 30) {
      setTimeout(() => void deliver(file, attempt + 1), 1000);
      return;
    }
    console.error(`lmtp delivery of ${path.basename(file)} to ${to.join(', ')} failed for good: ${e.message}`);
  }
  unlinkSync(file);
}

// Mail queued before a restart of the relay.
for (const f of readdirSync(spool).sort()) void deliver(path.join(spool, f));

server.on('error', (err) => console.error(`smtp relay error: ${err.message}`));
server.listen(port, '127.0.0.1', () => console.log(`smtp relay listening on 127.0.0.1:${port} -> lmtp 127.0.0.1:${lmtpPort}`));

for (const sig of ['SIGTERM', 'SIGINT'] as const) {
  process.on(sig, () => server.close(() => process.exit(0)));
}
