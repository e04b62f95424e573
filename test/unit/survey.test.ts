// Survey links, the form token, and reading a customer's answer after the resolution.
import { describe, expect, it } from 'vitest';
import { signSurveyLink, verifySurveyLink } from '../../src/domain/survey/surveyLink.js';
import { outcomeOf, readAnswer } from '../../src/domain/survey/feedback.js';
import { checkFormToken, issueFormToken } from '../../src/domain/intake/formToken.js';

const SECRET = 'unit-test-secret-0123456789';
const NOW = new Date('2026-11-23T02:00:00Z');

describe('survey links', () => {
  const link = { caseNumber: 'CS-2026-000123', score: 4, expiresAt: new Date(NOW.getTime() + 86400_000) };
  const token = signSurveyLink(link, SECRET);

  it('verify with the right key until they expire', () => {
    expect(verifySurveyLink(token, [SECRET], NOW)).toEqual({ ok: true, link: { ...link, expiresAt: new Date(Math.floor(link.expiresAt.getTime() / 1000) * 1000) } });
    expect(verifySurveyLink(token, [SECRET], new Date(NOW.getTime() + 2 * 86400_000))).toEqual({ ok: false, reason: 'expired' });
  });

  it('refuse another key, another score or case, and garbage', () => {
    expect(verifySurveyLink(token, ['another-secret-0123456789'], NOW)).toEqual({ ok: false, reason: 'forged' });
    const [body, mac] = token.split('.');
    const changed = Buffer.from(Buffer.from(body!, 'base64url').toString().replace('.4.', '.1.')).toString('base64url');
    expect(verifySurveyLink(`${changed}.${mac}`, [SECRET], NOW)).toEqual({ ok: false, reason: 'forged' });
    expect(verifySurveyLink('abc', [SECRET], NOW)).toEqual({ ok: false, reason: 'forged' });
    expect(verifySurveyLink(`${token}.x`, [SECRET], NOW)).toEqual({ ok: false, reason: 'forged' });
  });
});

describe('readAnswer', () => {
  it('reads scores, "not fixed" and "solved" in English and Chinese', () => {
    expect(readAnswer('2')).toEqual({ kind: 'score', score: 2 });
    expect(readAnswer('5/5 great\nthanks')).toBeNull(); // a score must stand alone on its line
    expect(readAnswer('4分')).toEqual({ kind: 'score', score: 4 });
    expect(readAnswer('Not fixed, it crashes again')).toEqual({ kind: 'not-fixed' });
    expect(readAnswer('還是沒解決')).toEqual({ kind: 'not-fixed' });
    expect(readAnswer('没有解决')).toEqual({ kind: 'not-fixed' });
    expect(readAnswer('否')).toEqual({ kind: 'not-fixed' });
    expect(readAnswer('Yes, solved.')).toEqual({ kind: 'fixed' });
    expect(readAnswer('已解決，謝謝')).toEqual({ kind: 'fixed' });
    expect(readAnswer('Thanks for your help')).toBeNull();
    expect(readAnswer('6')).toBeNull();
  });

  it('re-opens on 1-2 and "not fixed", closes on 3-5 and "fixed"', () => {
    expect([1, 2, 3, 4, 5].map((score) => outcomeOf({ kind: 'score', score }))).toEqual(['reopen', 'reopen', 'close', 'close', 'close']);
    expect(outcomeOf({ kind: 'not-fixed' })).toBe('reopen');
    expect(outcomeOf({ kind: 'fixed' })).toBe('close');
  });
});

describe('form token', () => {
  it('accepts a form sent after a few seconds, refuses instant, stale and forged ones', () => {
    const token = issueFormToken(NOW, SECRET);
    expect(checkFormToken(token, new Date(NOW.getTime() + 5000), [SECRET])).toBe('ok');
    expect(checkFormToken(token, new Date(NOW.getTime() + 500), [SECRET])).toBe('too-fast');
    expect(checkFormToken(token, new Date(NOW.getTime() + 2 * 86400_000), [SECRET])).toBe('stale');
    expect(checkFormToken(token.replace(/.$/, (c) => (c === 'a' ? 'b' : 'a')), new Date(NOW.getTime() + 5000), [SECRET])).toBe('forged');
    expect(checkFormToken(undefined, NOW, [SECRET])).toBe('forged');
  });
});
