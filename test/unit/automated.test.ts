import { describe, expect, it } from 'vitest';
import { detectAutomated, opensCase } from '../../src/domain/intake/automated.js';

const mail = (headers: Record<string, string>, subject = 'Hello', from = 'a@b.com', contentType = 'text/plain') => ({
  headers,
  subject,
  from: { address: from, name: '' },
  contentType,
});

describe('detectAutomated (RFC 3834 and kin)', () => {
  it('lets a person\'s mail through', () => {
    expect(detectAutomated(mail({}, 'My order never arrived'))).toBeNull();
    expect(detectAutomated(mail({ 'auto-submitted': 'no' }))).toBeNull();
    expect(detectAutomated(mail({ 'auto-submitted': 'No; comment' }))).toBeNull();
    // A Return-Path further down came with the message: the delivering server's is on top.
    expect(detectAutomated(mail({ 'return-path': '<a@b.com>\n<>' }))).toBeNull();
  });

  it('recognises auto-replies by header', () => {
    expect(detectAutomated(mail({ 'auto-submitted': 'auto-replied' }))?.kind).toBe('auto-reply');
    expect(detectAutomated(mail({ 'auto-submitted': 'auto-generated' }))?.kind).toBe('auto-reply');
    expect(detectAutomated(mail({ 'auto-submitted': 'notify-only' }))?.kind).toBe('auto-reply');
    expect(detectAutomated(mail({ 'x-autoreply': 'yes' }))?.kind).toBe('auto-reply');
    expect(detectAutomated(mail({ 'x-auto-response-suppress': 'All' }))?.kind).toBe('auto-reply');
    expect(detectAutomated(mail({ precedence: 'auto_reply' }))?.kind).toBe('auto-reply');
  });

  it('recognises out-of-office subjects in English and Chinese', () => {
    expect(detectAutomated(mail({}, 'Out of Office: back on Monday'))?.kind).toBe('auto-reply');
    expect(detectAutomated(mail({}, 'Automatic reply: Your case'))?.kind).toBe('auto-reply');
    expect(detectAutomated(mail({}, '自動回覆：休假中'))?.kind).toBe('auto-reply');
    expect(detectAutomated(mail({}, '自动回复: 我在休假'))?.kind).toBe('auto-reply');
  });

  it('recognises bounces', () => {
    expect(detectAutomated(mail({}, 'x', 'a@b.com', 'multipart/report; report-type=delivery-status; boundary="x"'))?.kind).toBe('bounce');
    expect(detectAutomated(mail({}, 'Abuse report', 'a@b.com', 'multipart/report; report-type=feedback-report; boundary="x"'))?.kind).toBe('bounce');
    expect(detectAutomated(mail({}, 'Read: your mail', 'a@b.com', 'multipart/report; report-type=disposition-notification'))?.kind).toBe('auto-reply');
    expect(detectAutomated(mail({ 'x-ms-exchange-message-is-ndr': '' }, 'Undeliverable: hi', 'a@b.com'))?.kind).toBe('bounce');
    expect(detectAutomated(mail({}, 'Undelivered Mail Returned to Sender', 'MAILER-DAEMON@mx.example.com'))?.kind).toBe('bounce');
    expect(detectAutomated(mail({ 'return-path': '<>' }, 'Delivery Status Notification (Failure)'))?.kind).toBe('bounce');
  });

  it('never answers a null Return-Path (RFC 3834 §2), yet opens a case for it', () => {
    const helpdesk = detectAutomated(mail({ 'return-path': '<>' }, 'Re: your request [#48213]', 'support@other-helpdesk.example'));
    expect(helpdesk?.kind).toBe('null-sender');
    expect(opensCase(helpdesk!.kind)).toBe(true);
    expect(detectAutomated(mail({ 'return-path': '< >' }))?.kind).toBe('null-sender');
  });

  it('recognises mailing lists and bulk mail, which may still open a case', () => {
    const list = detectAutomated(mail({ 'list-id': '<users.lists.example.com>' }));
    expect(list?.kind).toBe('list');
    expect(opensCase(list!.kind)).toBe(true);
    expect(detectAutomated(mail({ precedence: 'bulk' }))?.kind).toBe('bulk');
    expect(detectAutomated(mail({ precedence: 'junk' }))?.kind).toBe('bulk');
    expect(detectAutomated(mail({ precedence: 'list' }))?.kind).toBe('list');
    expect(detectAutomated(mail({ 'list-unsubscribe': '<mailto:u@lists.example.com>' }))?.kind).toBe('list');
    expect(opensCase('bounce')).toBe(false);
    expect(opensCase('auto-reply')).toBe(false);
  });
});
