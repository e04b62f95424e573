import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config/env.js';

describe('loadConfig', () => {
  it('defaults to the local services', () => {
    const c = loadConfig({});
    expect(c.MONGODB_URL).toBe('mongodb://127.0.0.1:27027/feedback');
    expect(c.IMAP_URL).toEqual([
      expect.objectContaining({ user: 'support@example.test', host: '127.0.0.1', port: 1143, mailbox: 'INBOX', channel: 'email', processed: { kind: 'seen' } }),
    ]);
    expect(c.SMTP_URL).toMatchObject({ host: '127.0.0.1', port: 2525, secure: false });
  });

  it('reads several mailboxes with channels and a processed folder', () => {
    const c = loadConfig({
      IMAP_URL: 'imaps://help%40shop.example:pw@imap.shop.example/INBOX?channel=email, imap://vip%40shop.example:pw@imap.shop.example:143/Support/VIP?channel=vip&processed=Done',
    });
    expect(c.IMAP_URL.map((b) => [b.user, b.secure, b.port, b.mailbox, b.channel, b.processed])).toEqual([
      ['help@shop.example', true, 993, 'INBOX', 'email', { kind: 'seen' }],
      ['vip@shop.example', false, 143, 'Support/VIP', 'vip', { kind: 'move', folder: 'Done' }],
    ]);
  });

  it('lists every bad variable with how to fix it, and never echoes passwords', () => {
    let error: ConfigError | undefined;
    try {
      loadConfig({ MONGODB_URL: 'mongodb://localhost', IMAP_URL: 'pop3://u:secret@h/INBOX', SMTP_URL: 'http://x', SUPPORT_ADDRESS: 'nope', HTTP_PORT: 'abc' });
    } catch (err) {
      error = err as ConfigError;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect(error!.problems).toHaveLength(5);
    expect(error!.message).toMatch(/MONGODB_URL: .*database name/);
    expect(error!.message).toMatch(/IMAP_URL: .*imap:\/\/ or imaps:\/\//);
    expect(error!.message).toMatch(/SMTP_URL: /);
    expect(error!.message).toMatch(/SUPPORT_ADDRESS: /);
    expect(error!.message).toMatch(/HTTP_PORT: /);
    expect(error!.message).not.toContain('secret');
  });
});

describe('loadConfig: OAuth2 sign-in', () => {
  const gmail = { IMAP_URL: 'imaps://help%40shop.example@imap.gmail.com/INBOX', IMAP_OAUTH2_PROVIDER: 'google', IMAP_OAUTH2_CLIENT_ID: 'id.apps.googleusercontent.com', IMAP_OAUTH2_CLIENT_SECRET: 'GOCSPX-secret', IMAP_OAUTH2_REFRESH_TOKEN: '1//refresh' };
  const problems = (env: Record<string, string>) => {
    try {
      loadConfig(env);
      return [];
    } catch (err) {
      return (err as ConfigError).problems;
    }
  };

  it("signs a mailbox without a password in with the provider's token endpoint, SMTP with the same app", () => {
    const c = loadConfig({ ...gmail, SMTP_URL: 'smtp://help%40shop.example@smtp.gmail.com:587' });
    expect(c.IMAP_URL[0]).toMatchObject({ user: 'help@shop.example', oauth2: true });
    expect(c.IMAP_OAUTH2).toEqual({ provider: 'google', tokenUrl: 'https://oauth2.googleapis.com/token', clientId: gmail.IMAP_OAUTH2_CLIENT_ID, clientSecret: 'GOCSPX-secret', refreshToken: '1//refresh', envPrefix: 'IMAP_OAUTH2' });
    expect(c.SMTP_OAUTH2).toMatchObject({ provider: 'google', refreshToken: '1//refresh', envPrefix: 'SMTP_OAUTH2' });
  });

  it('asks Microsoft for the scope of each protocol', () => {
    const c = loadConfig({ ...gmail, IMAP_OAUTH2_PROVIDER: 'microsoft', IMAP_OAUTH2_CLIENT_SECRET: '', SMTP_URL: 'smtp://help%40shop.example@smtp.office365.com:587' });
    expect(c.IMAP_OAUTH2).toMatchObject({ tokenUrl: 'https://login.microsoftonline.com/common/oauth2/v2.0/token', scope: 'https://outlook.office.com/IMAP.AccessAsUser.All offline_access' });
    expect(c.SMTP_OAUTH2!.scope).toBe('https://outlook.office.com/SMTP.Send offline_access');
    expect(c.IMAP_OAUTH2!.clientSecret).toBeUndefined();
  });

  it('names each missing or contradictory setting, never a secret', () => {
    expect(problems({ IMAP_URL: gmail.IMAP_URL })).toEqual([expect.stringMatching(/^IMAP_URL: mailbox help@shop.example.* has no password: .*IMAP_OAUTH2_PROVIDER/)]);
    expect(problems({ ...gmail, IMAP_OAUTH2_PROVIDER: 'custom', IMAP_OAUTH2_REFRESH_TOKEN: '' })).toEqual([
      expect.stringMatching(/^IMAP_OAUTH2_REFRESH_TOKEN: is required with IMAP_OAUTH2_PROVIDER=custom/),
      expect.stringMatching(/^IMAP_OAUTH2_TOKEN_URL: is required/),
    ]);
    expect(problems({ ...gmail, IMAP_URL: 'imap://u:pw@h/INBOX' })).toEqual([expect.stringMatching(/^IMAP_OAUTH2_PROVIDER: is set, but every mailbox in IMAP_URL has a password/)]);
    expect(problems({ ...gmail, IMAP_URL: `${gmail.IMAP_URL}, imaps://other%40shop.example@imap.gmail.com/INBOX` })).toEqual([expect.stringMatching(/one refresh token .* signs in one account/)]);
    expect(problems({ SMTP_URL: 'smtp://me%40shop.example@smtp.gmail.com:587' })).toEqual([expect.stringMatching(/^SMTP_URL: has the user me@shop.example but no password/)]);
    expect(problems({ ...gmail, IMAP_OAUTH2_PROVIDER: 'yahoo' }).join('\n')).not.toMatch(/GOCSPX|1\/\/refresh/);
  });
});
