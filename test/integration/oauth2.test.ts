// OAuth2 (XOAUTH2 / OAUTHBEARER) sign-in over a real Dovecot: a Dovecot of the test's
// own (the shared one is left alone) with the oauth2 passdb, asking a provider stand-in
// in this process whether a token is active. SMTP over an smtp-server that asks the same
// stand-in. The provider's endpoints are the only stand-in.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Writable } from 'node:stream';
import { ImapFlow } from 'imapflow';
import { SMTPServer } from 'smtp-server';
import type { AddressInfo } from 'node:net';
import { loadConfig, type Config } from '../../src/config/env.js';
import { createLogger } from '../../src/log.js';
import { OAuth2Error, OAuth2TokenSource } from '../../src/adapters/oauth2/tokenSource.js';
import { MailboxPoller } from '../../src/adapters/imap/mailboxPoller.js';
import { SmtpMailer } from '../../src/adapters/smtp/smtpMailer.js';
import type { MailboxCursor } from '../../src/adapters/mongo/cursorStore.js';
import { startFakeProvider, type FakeProvider } from '../support/oauth2Provider.js';
import { startOAuthDovecot, type OAuthDovecot } from '../support/oauthDovecot.js';
import { sleep, waitFor } from '../support/testApp.js';

const USER = 'support@example.test';
let provider: FakeProvider;
let dovecot: OAuthDovecot;
const logged: string[] = [];
const log = createLogger('debug', 'oauth2-test', new Writable({ write: (chunk: Buffer, _enc, done) => (logged.push(chunk.toString()), done()) }));

function oauthConfig(extra: Record<string, string> = {}): Config {
  return loadConfig({
    IMAP_URL: `imap://${encodeURIComponent(USER)}@127.0.0.1:${dovecot.port}/INBOX`,
    IMAP_OAUTH2_PROVIDER: 'custom',
    IMAP_OAUTH2_TOKEN_URL: provider.tokenUrl,
    IMAP_OAUTH2_CLIENT_ID: provider.clientId,
    IMAP_OAUTH2_CLIENT_SECRET: provider.clientSecret,
    IMAP_OAUTH2_REFRESH_TOKEN: provider.refreshToken,
    ...extra,
  });
}

const imapLogin = async (accessToken: string) => {
  const client = new ImapFlow({ host: '127.0.0.1', port: dovecot.port, secure: false, auth: { user: USER, accessToken }, logger: false });
  await client.connect();
  return client;
};

/** A poller over the test Dovecot that collects what it reads. */
function poller(config: Config, tokens: OAuth2TokenSource) {
  const cursors = new Map<string, MailboxCursor>();
  const read: Buffer[] = [];
  const p = new MailboxPoller({
    box: config.IMAP_URL[0]!,
    tokens,
    cursors: { get: async (k) => cursors.get(k) ?? null, fence: async () => 0, save: async (k, c) => void cursors.set(k, c) },
    ingest: async (raw) => read.push(raw),
    rejectOversize: async () => undefined,
    maxBytes: 1_000_000,
    pollMs: 60_000,
    concurrency: 2,
    log,
  });
  return { p, read };
}

beforeAll(async () => {
  provider = await startFakeProvider(USER, 3600);
  dovecot = await startOAuthDovecot(provider.introspectionUrl);
});

afterAll(async () => {
  dovecot?.stop();
  await provider?.close();
  // Nothing secret in any log line: no access token, no refresh token, no client secret.
  const all = logged.join('');
  for (const secret of [...provider.issued, provider.refreshToken, provider.clientSecret]) expect(all).not.toContain(secret);
});

describe('OAuth2 sign-in to IMAP (real Dovecot, oauth2 passdb)', () => {
  it('reads the mailbox with an access token issued for the refresh token', async () => {
    const config = oauthConfig();
    expect(config.IMAP_URL[0]).toMatchObject({ user: USER, oauth2: true, pass: '' });
    const tokens = new OAuth2TokenSource(config.IMAP_OAUTH2!, log);
    const writer = await imapLogin((await tokens.current()).token);
    await writer.append('INBOX', `From: a@example.org\r\nTo: ${USER}\r\nSubject: over oauth2\r\nMessage-ID: <oauth2-1@example.org>\r\n\r\nhello\r\n`);
    await writer.logout();
    const { p, read } = poller(config, tokens);
    p.start();
    try {
      await waitFor('the poller to read the message', async () => read.length === 1 && p.state.status === 'idle', 15_000);
      expect(read[0]!.toString()).toContain('Subject: over oauth2');
      expect(p.state.lastError).toBeNull();
      expect(provider.issued).toHaveLength(1); // the poller used the cached token
    } finally {
      await p.stop();
    }
  });

  it('refreshes a token before it expires, and the new one signs in', async () => {
    provider.lifetimeSeconds = 4; // refreshed a quarter of its lifetime early: after 3 s
    const tokens = new OAuth2TokenSource(oauthConfig().IMAP_OAUTH2!, log);
    const first = await tokens.current();
    expect((await tokens.current()).token).toBe(first.token);
    await sleep(3_200);
    expect(provider.isActive(first.token)).toBe(true); // not expired yet
    const second = await tokens.current();
    expect(second.token).not.toBe(first.token);
    await (await imapLogin(second.token)).logout();
    provider.lifetimeSeconds = 3600;
  });

  it('takes a fresh token when Dovecot refuses the cached one (revoked), once', async () => {
    const config = oauthConfig();
    const tokens = new OAuth2TokenSource(config.IMAP_OAUTH2!, log);
    const revoked = (await tokens.current()).token;
    provider.revoke(revoked); // still cached by the source, which believes it good for an hour
    const issuedBefore = provider.issued.length;
    const { p } = poller(config, tokens);
    p.start();
    try {
      await waitFor('the poller to sign in again', async () => p.state.status === 'idle', 15_000);
      expect(provider.issued.length).toBe(issuedBefore + 1);
      expect(p.state.lastError).toBeNull();
    } finally {
      await p.stop();
    }
  });

  it('says clearly that the refresh token was refused, and names the variable to fix', async () => {
    const config = oauthConfig();
    const tokens = new OAuth2TokenSource({ ...config.IMAP_OAUTH2!, refreshToken: 'rt-not-the-one' }, log);
    const err = await tokens.current().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OAuth2Error);
    expect((err as Error).message).toMatch(/refused the refresh token \(invalid_grant: Token has been expired or revoked\.\).*IMAP_OAUTH2_REFRESH_TOKEN/);
    expect((err as Error).message).not.toContain('rt-not-the-one');
    const { p } = poller(config, tokens);
    p.start();
    try {
      const lastError = await waitFor('the poller to report the refusal', async () => p.state.lastError, 10_000);
      expect(lastError).toMatch(/refused the refresh token/);
    } finally {
      await p.stop();
    }
  });
});

describe('OAuth2 sign-in to SMTP (XOAUTH2)', () => {
  let server: SMTPServer;
  let port: number;
  const accepted: string[] = [];
  beforeAll(async () => {
    // Accepts a token the provider calls active for USER; otherwise answers as Gmail does
    // (334 with the error JSON, then 535), which makes a client renew its token.
    server = new SMTPServer({
      authMethods: ['XOAUTH2'],
      disabledCommands: ['STARTTLS'],
      allowInsecureAuth: true,
      logger: false,
      onAuth: (auth, _session, done) => {
        void fetch(provider.introspectionUrl, { method: 'POST', body: new URLSearchParams({ token: auth.accessToken ?? '' }) })
          .then((r) => r.json() as Promise<{ active?: boolean; username?: string }>)
          .then((info) => (info.active && info.username === auth.username ? done(null, { user: auth.username }) : done(null, { data: { status: '401', schemes: 'bearer', scope: 'https://mail.google.com/' } })));
      },
      onData: (stream, _session, done) => {
        let text = '';
        stream.on('data', (c: Buffer) => (text += c.toString()));
        stream.on('end', () => (accepted.push(text), done()));
      },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const smtpConfig = () => oauthConfig({ SMTP_URL: `smtp://${encodeURIComponent(USER)}@127.0.0.1:${port}` });
  const mail = (n: number) => ({ id: `o${n}`, caseId: '', kind: 'template-test' as const, auto: true, from: USER, to: 'customer@example.org', subject: `smtp ${n}`, text: 'hi', html: '', messageId: `<smtp-${n}@example.test>`, references: [], headers: {} });

  it('sends with a token, and renews it once when the server refuses it', async () => {
    const config = smtpConfig();
    expect(config.SMTP_URL).toMatchObject({ user: USER, oauth2: true });
    expect(config.SMTP_OAUTH2).toMatchObject({ envPrefix: 'SMTP_OAUTH2', tokenUrl: provider.tokenUrl }); // from IMAP_OAUTH2_*
    const tokens = new OAuth2TokenSource(config.SMTP_OAUTH2!, log);
    const first = new SmtpMailer(config.SMTP_URL, tokens);
    await first.send(mail(1));
    first.close();
    provider.revoke(provider.issued.at(-1)!);
    const issuedBefore = provider.issued.length;
    const second = new SmtpMailer(config.SMTP_URL, tokens);
    await second.send(mail(2));
    second.close();
    expect(provider.issued.length).toBe(issuedBefore + 1);
    expect(accepted.map((m) => /Subject: (.*)/.exec(m)?.[1])).toEqual(['smtp 1', 'smtp 2']);
  });

  it('fails a send, not for good, with the reason when the refresh token is refused', async () => {
    const config = smtpConfig();
    const mailer = new SmtpMailer(config.SMTP_URL, new OAuth2TokenSource({ ...config.SMTP_OAUTH2!, refreshToken: 'rt-revoked' }, log));
    const err = await mailer.send(mail(3)).catch((e: unknown) => e);
    mailer.close();
    expect(err).toMatchObject({ permanent: false });
    expect((err as Error).message).toMatch(/refused the refresh token.*SMTP_OAUTH2_REFRESH_TOKEN/);
  });
});
