// Loopback SMTP server for local development and tests: accepts mail for the local
// mail domain and hands it to Dovecot over LMTP, so that what the app sends lands in
// real mailboxes that tests and the demo read back over IMAP. Not for production.
import { SMTPServer } from 'smtp-server';
import nodemailer from 'nodemailer';

const port = Number(process.env.SMTP_PORT ?? 2525);
const lmtpPort = Number(process.env.LMTP_PORT ?? 2424);
const domain = (process.env.MAIL_DOMAIN ?? 'example.test').toLowerCase();

const lmtp = nodemailer.createTransport({ host: '127.0.0.1', port: lmtpPort, lmtp: true, pool: true, maxConnections: 4 });

const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
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
      const raw = Buffer.concat(chunks);
      const from = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
      const to = session.envelope.rcptTo.map((r) => r.address);
      lmtp
        .sendMail({ envelope: { from, to }, raw })
        .then(() => callback())
        .catch((err: Error & { responseCode?: number }) => {
          console.error(`lmtp delivery failed: ${err.message}`);
          callback(Object.assign(new Error(`local delivery failed: ${err.message}`), { responseCode: err.responseCode ?? 451 }));
        });
    });
  },
});

server.on('error', (err) => console.error(`smtp relay error: ${err.message}`));
server.listen(port, '127.0.0.1', () => console.log(`smtp relay listening on 127.0.0.1:${port} -> lmtp 127.0.0.1:${lmtpPort}`));

for (const sig of ['SIGTERM', 'SIGINT'] as const) {
  process.on(sig, () => server.close(() => process.exit(0)));
}
