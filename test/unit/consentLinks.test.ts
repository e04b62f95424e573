// The consent links, public recognition's names and replies, and the product command.
import { describe, expect, it } from 'vitest';
import { signConsentLink, verifyConsentLink } from '../../src/domain/case/consentLink.js';
import { displayName, initialsOf, readRecognitionReply } from '../../src/domain/case/recognition.js';
import { problemText } from '../../src/domain/words/staffProblems.js';
import { parseStaffReply } from '../../src/domain/case/staffCommands.js';

const now = new Date('2026-12-07T08:00:00Z');
const later = new Date('2027-01-07T08:00:00Z');

describe('consent links', () => {
  it('verifies its own links, refuses changed, foreign, survey-keyed or expired ones, and stays short', () => {
    const link = { purpose: 'proposal', caseNumber: 'CS-2026-000123', choice: 'accept', stamp: 1796000000, expiresAt: later } as const;
    const token = signConsentLink(link, 'key-1');
    expect(token.length).toBeLessThanOrEqual(100);
    expect(verifyConsentLink(token, ['key-1'], now)).toEqual({ ok: true, link });
    expect(verifyConsentLink(token, ['key-2'], now)).toEqual({ ok: false, reason: 'forged' });
    expect(verifyConsentLink(token, ['key-2', 'key-1'], now).ok).toBe(true);
    expect(verifyConsentLink(token, ['key-1'], later)).toEqual({ ok: false, reason: 'expired' });
    const [body, mac] = token.split('.');
    const refused = Buffer.from(Buffer.from(body!, 'base64url').toString().replace('.a.', '.r.')).toString('base64url');
    expect(verifyConsentLink(`${refused}.${mac}`, ['key-1'], now).ok).toBe(false);
    const credit = signConsentLink({ purpose: 'credit', caseNumber: 'CS-2026-000123', choice: 'withdraw', stamp: 1, expiresAt: later }, 'key-1');
    expect(verifyConsentLink(credit, ['key-1'], now)).toMatchObject({ ok: true, link: { purpose: 'credit', choice: 'withdraw' } });
  });
});

describe('public recognition', () => {
  it('offers initials, never an address, and reads only agree / disagree', () => {
    expect(initialsOf('Wang Xiaoming')).toBe('W. X.');
    expect(initialsOf('王小明')).toBe('王**');
    expect(initialsOf('')).toBe('');
    expect(displayName('  小林\n<b>')).toBe('小林 b');
    expect(displayName('me@example.test')).toBe('');
    expect(readRecognitionReply('同意\n謝謝')).toBe('agreed');
    expect(readRecognitionReply('I agree!')).toBe('agreed');
    expect(readRecognitionReply('不同意')).toBe('declined');
    expect(readRecognitionReply('yes')).toBeNull();
    expect(readRecognitionReply('5')).toBeNull();
  });
});

describe('product:', () => {
  const ctx = { now, timeZone: 'Asia/Taipei', closingTime: '18:00', categories: [] };
  it('reads the product and its module, in English or Chinese', () => {
    expect(parseStaffReply('product: App / Login', ctx).commands).toEqual([{ name: 'product', product: { name: 'App', module: 'Login' } }]);
    expect(parseStaffReply('產品：App／登入', ctx).commands).toEqual([{ name: 'product', product: { name: 'App', module: '登入' } }]);
    expect(parseStaffReply('产品模块：Router', ctx).commands).toEqual([{ name: 'product', product: { name: 'Router', module: null } }]);
    expect(problemText(parseStaffReply('product: a / b / c', ctx).problems[0]!, 'en')).toContain('product: App / Login');
  });
});
