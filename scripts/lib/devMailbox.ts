// Talking to the local development mail server as a person would: deliver a mail
// into someone's mailbox (LMTP, as an MTA does, or SMTP through the relay), and read
// a mailbox over IMAP. Used by the demo, the tests and the benchmark.
import nodemailer, { type SendMailOptions } from 'nodemailer';
import { ImapFlow, type FetchMessageObject } from 'imapflow';
import { simpleParser, type ParsedMail } from 'mailparser';

export const DEV = {
  domain: 'example.test',
  password: 'dev-password',
  imapPort: 1143,
  lmtpPort: 2424,
  smtpPort: 2525,
} as const;

export const addr = (user: string) => `${user}@${DEV.domain}`;

const LMTP = { host: '127.0.0.1', port: DEV.lmtpPort, lmtp: true } as const;
const lmtp = nodemailer.createTransport(LMTP);
const smtp = nodemailer.createTransport({ host: '127.0.0.1', port: DEV.smtpPort });

/** Delivers raw RFC 5322 bytes straight into the recipients' mailboxes over LMTP. */
export async function deliverRaw(to: string[], raw: Buffer | string, from = addr('customer')): Promise<void> {
  await lmtp.sendMail({ envelope: { from, to }, raw });
}

/**
 * deliverRaw over up to `connections` LMTP connections kept open until close(), as an MTA
 * keeps its connections to the mail store (deliverRaw opens one per mail).
 */
export function keptOpenLmtp(connections: number) {
  const pooled = nodemailer.createTransport({ ...LMTP, pool: true, maxConnections: connections });
  return {
    deliver: async (to: string[], raw: Buffer | string, from: string): Promise<void> => {
      await pooled.sendMail({ envelope: { from, to }, raw });
    },
    close: () => pooled.close(),
  };
}

export async function deliver(mail: SendMailOptions & { to: string }): Promise<string> {
  const info = await lmtp.sendMail(mail);
  return info.messageId;
}

/** Sends through the local SMTP relay, as a customer's mail client would. */
export async function sendSmtp(mail: SendMailOptions): Promise<string> {
  const info = await smtp.sendMail(mail);
  return info.messageId;
}

async function withMailbox<T>(user: string, fn: (c: ImapFlow) => Promise<T>, mailbox = 'INBOX'): Promise<T> {
  const client = new ImapFlow({ host: '127.0.0.1', port: DEV.imapPort, secure: false, auth: { user: addr(user), pass: DEV.password }, logger: false });
  await client.connect();
  try {
    const lock = await client.getMailboxLock(mailbox);
    try {
      return await fn(client);
    } finally {
      lock.release();
    }
  } finally {
    await client.logout();
  }
}

export interface ReadMail {
  uid: number;
  flags: Set<string>;
  parsed: ParsedMail;
}

export async function readMailbox(user: string, mailbox = 'INBOX'): Promise<ReadMail[]> {
  return withMailbox(
    user,
    async (c) => {
      const out: ReadMail[] = [];
      const exists = (c.mailbox && c.mailbox.exists) || 0;
      if (exists === 0) return out;
      const messages: FetchMessageObject[] = [];
      // A flag change made meanwhile by another session (the poller's \Seen) arrives as an
      // extra FETCH response without the source; skip those.
      for await (const m of c.fetch('1:*', { uid: true, flags: true, source: true })) if (m.source) messages.push(m);
      for (const m of messages) out.push({ uid: m.uid, flags: m.flags ?? new Set(), parsed: await simpleParser(m.source!) });
      return out;
    },
    mailbox,
  );
}

export async function clearMailbox(user: string, mailbox = 'INBOX'): Promise<void> {
  await withMailbox(
    user,
    async (c) => {
      if (c.mailbox && c.mailbox.exists > 0) await c.messageDelete('1:*');
    },
    mailbox,
  ).catch((err: Error) => {
    if (!/nonexistent|doesn't exist|not exist/i.test(err.message)) throw err;
  });
}

/** Polls a mailbox until `until` holds for what it contains, or the time runs out. */
export async function waitForMail(user: string, until: (mails: ReadMail[]) => boolean, timeoutMs = 20_000, mailbox = 'INBOX'): Promise<ReadMail[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const mails = await readMailbox(user, mailbox);
    if (until(mails)) return mails;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for mail in ${user}/${mailbox} (has ${mails.length})`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

export function closeTransports(): void {
  lmtp.close();
  smtp.close();
}
