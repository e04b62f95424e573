import { describe, expect, it } from 'vitest';
import { decideAutoReply, withinDailyCap } from '../../src/domain/notify/autoReplyPolicy.js';
import { safeAttachmentName } from '../../src/domain/intake/attachmentName.js';
import { dedupeKey } from '../../src/domain/intake/dedupe.js';

describe('decideAutoReply', () => {
  const base = { to: 'alice@example.test', automated: null, ownAddresses: ['support@example.test'] };

  it('replies to a person', () => {
    expect(decideAutoReply(base)).toEqual({ send: true });
  });

  it('never replies to machines, ourselves or no-reply senders', () => {
    expect(decideAutoReply({ ...base, automated: { kind: 'auto-reply', reason: 'x' } }).send).toBe(false);
    expect(decideAutoReply({ ...base, to: 'support+CS-2026-000001@example.test' }).send).toBe(false);
    expect(decideAutoReply({ ...base, to: 'no-reply@shop.example' }).send).toBe(false);
    expect(decideAutoReply({ ...base, to: 'noreply@shop.example' }).send).toBe(false);
    expect(decideAutoReply({ ...base, to: 'postmaster@shop.example' }).send).toBe(false);
    expect(decideAutoReply({ ...base, to: 'MAILER-DAEMON@mx.shop.example' }).send).toBe(false);
    expect(decideAutoReply({ ...base, to: 'do-not-reply@shop.example' }).send).toBe(false);
    expect(decideAutoReply({ ...base, automated: { kind: 'null-sender', reason: 'x' } }).send).toBe(false);
    expect(decideAutoReply({ ...base, to: 'noreen@shop.example' }).send).toBe(true);
    expect(decideAutoReply({ ...base, to: null }).send).toBe(false);
  });
});

describe('withinDailyCap', () => {
  it('allows up to the cap, counting the reply being decided on', () => {
    expect(withinDailyCap(5, 5)).toEqual({ send: true });
    expect(withinDailyCap(6, 5)).toEqual({ send: false, reason: 'cap of 5 automatic replies per sender per day reached' });
  });
});

describe('safeAttachmentName', () => {
  it('keeps a plain name', () => {
    expect(safeAttachmentName('發票 2026.pdf', 0, 'application/pdf')).toBe('發票 2026.pdf');
  });

  it('strips paths, control characters and leading dots', () => {
    expect(safeAttachmentName('../../etc/passwd', 0, 'text/plain')).toBe('passwd');
    expect(safeAttachmentName('C:\\Windows\\evil.exe', 0, 'application/octet-stream')).toBe('evil.exe');
    expect(safeAttachmentName('a\u0000b\r\n.txt', 0, 'text/plain')).toBe('ab.txt');
    expect(safeAttachmentName('..hidden', 0, 'text/plain')).toBe('hidden');
  });

  it('names nameless parts and bounds long names, keeping the extension', () => {
    expect(safeAttachmentName(undefined, 2, 'image/png')).toBe('attachment-3.png');
    const long = safeAttachmentName(`${'x'.repeat(500)}.jpeg`, 0, 'image/jpeg');
    expect(long.length).toBe(120);
    expect(long.endsWith('.jpeg')).toBe(true);
  });
});

describe('dedupeKey', () => {
  it('is the same for the same Message-ID and sender, whatever the bytes', () => {
    expect(dedupeKey('<A@x>', 'alice@x', Buffer.from('1'))).toBe(dedupeKey('a@x', 'ALICE@x', Buffer.from('2')));
  });

  it('differs for another sender reusing the Message-ID, and hashes bytes without one', () => {
    expect(dedupeKey('<a@x>', 'alice@x', Buffer.from('1'))).not.toBe(dedupeKey('<a@x>', 'mallory@x', Buffer.from('1')));
    expect(dedupeKey(null, null, Buffer.from('1'))).not.toBe(dedupeKey(null, null, Buffer.from('2')));
  });
});
