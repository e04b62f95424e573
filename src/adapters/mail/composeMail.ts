// Turns a form or API submission into an RFC 5322 message (nodemailer's MailComposer),
// so that it enters the same intake as email: parsing, dedupe, threading, screening.
import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import { createHash, randomBytes } from 'node:crypto';

export interface ComposedInput {
  from: { address: string; name: string };
  to: string;
  subject: string;
  text: string;
  channel: string;
  attachments: Array<{ filename: string; contentType: string; content: Buffer }>;
  /**
   * The client's idempotency key: the Message-ID is made from it, so a retried submission
   * is the same message to the intake's dedupe (a lookup by _id) and finds the first case.
   */
  idempotencyKey?: string;
}

export function composeMail(input: ComposedInput): Promise<Buffer> {
  const domain = input.to.split('@')[1] ?? 'localhost';
  return new MailComposer({
    from: { address: input.from.address, name: input.from.name },
    to: input.to,
    subject: input.subject,
    text: input.text,
    messageId: input.idempotencyKey
      ? `<${input.channel}.key.${createHash('sha256').update(`${input.channel}\n${input.idempotencyKey}`).digest('hex').slice(0, 40)}@${domain}>`
      : `<${input.channel}.${Date.now().toString(36)}.${randomBytes(8).toString('hex')}@${domain}>`,
    headers: { 'X-Feedback-Channel': input.channel },
    attachments: input.attachments.map((a) => ({ filename: a.filename, contentType: a.contentType, content: a.content })),
  })
    .compile()
    .build();
}
