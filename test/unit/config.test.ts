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
