// Outbound mail over SMTP with nodemailer (pooled connections). The Message-ID comes
// from the outbox entry, so a resend of the same entry is recognisably the same mail.
// The message is built whole before it is handed over: streamed from its MIME parts, a
// mail went to the socket in about eight writes, each a system call (11 writes per mail
// in all, 3 this way; in a 300-mail burst the worker wrote to the SMTP server about as
// often as to Redis or the database before).
import nodemailer, { type Transporter } from 'nodemailer';
import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import type { SmtpConfig } from '../../config/env.js';
import type { AccessTokens } from '../oauth2/tokenSource.js';
import { MailerError, type Mailer, type OutboxEntry } from '../../pipeline/notify/ports.js';
import { fileContent } from '../mongo/gridfs.js';

export class SmtpMailer implements Mailer {
  private readonly transport: Transporter;
  state: { ok: boolean; detail: string } = { ok: true, detail: 'not used yet' };

  /** `tokens`: the SMTP user signs in with OAuth2 access tokens instead of a password. */
  constructor(
    private readonly config: SmtpConfig,
    tokens?: AccessTokens,
  ) {
    this.transport = nodemailer.createTransport({
      host: config.host,
      port: config.port,
      secure: config.secure,
      pool: true,
      maxConnections: 4,
      connectionTimeout: 15_000,
      greetingTimeout: 15_000,
      socketTimeout: 60_000,
      ...(config.user ? { auth: tokens ? { type: 'OAuth2' as const, user: config.user } : { user: config.user, pass: config.pass ?? '' } } : {}),
    });
    // Nodemailer asks for a token per connection, and once more (renew) when the server
    // refuses one; a failed refresh fails the send with the provider's reason.
    if (tokens) {
      this.transport.set('oauth2_provision_cb', (_user: string, renew: boolean, done: (err: Error | null, token?: string, expires?: number) => void) => {
        (renew ? tokens.renew() : tokens.current()).then(
          (t) => done(null, t.token, t.expiresAt),
          (err: Error) => done(err),
        );
      });
    }
  }

  async send(e: OutboxEntry): Promise<{ response: string }> {
    try {
      const attachments = await this.files(e);
      const message = new MailComposer({
        from: e.from,
        to: e.to,
        ...(e.replyTo ? { replyTo: e.replyTo } : {}),
        subject: e.subject,
        text: e.text,
        ...(e.html ? { html: e.html } : {}),
        messageId: e.messageId,
        ...(e.inReplyTo ? { inReplyTo: e.inReplyTo } : {}),
        references: e.references,
        headers: e.headers,
        ...(attachments.length ? { attachments } : {}),
      }).compile();
      const info = await this.transport.sendMail({ envelope: message.getEnvelope(), raw: await message.build() });
      this.state = { ok: true, detail: `last send ok (${new Date().toISOString()})` };
      return { response: info.response ?? '250 accepted' };
    } catch (err) {
      const { responseCode: code, code: kind } = err as { responseCode?: number; code?: string };
      // A refused sign-in is our configuration, not the message: it waits for the fix.
      const signIn = kind === 'EAUTH';
      const hint = !signIn ? '' : this.config.oauth2 ? '; the server refused a freshly issued OAuth2 token: check that the app was granted SMTP (Google: https://mail.google.com/, Microsoft: SMTP.Send) and that SMTP AUTH is enabled for the mailbox' : '; check the user and password in SMTP_URL';
      const message = `SMTP ${this.config.host}:${this.config.port}: ${(err as Error).message}${hint}`;
      const permanent = !signIn && code !== undefined && code >= 500;
      this.state = { ok: permanent, detail: message };
      throw new MailerError(message, permanent);
    }
  }

  /** The entry's stored files; one erased since the mail was made is left out. */
  private async files(e: OutboxEntry): Promise<Array<{ filename: string; contentType: string; content: Buffer }>> {
    const files = [];
    for (const a of e.attachments ?? []) {
      const content = await fileContent('attachments', a.fileId);
      if (content) files.push({ filename: a.filename, contentType: a.contentType, content });
    }
    return files;
  }

  close(): void {
    this.transport.close();
  }
}
