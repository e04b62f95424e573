// Configuration validation, business-hour due times and reply addresses.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { InvalidConfigError, parseScreeningConfig } from '../../src/domain/settings/screeningConfig.js';
import { addBusinessHours } from '../../src/domain/sla/businessHours.js';
import { regionProblem } from '../../src/domain/sla/holidays.js';
import { dueTimes } from '../../src/domain/sla/priorityPolicy.js';
import { readReplyToken, replyAddress } from '../../src/domain/route/replyToken.js';
import { departmentsOf } from '../../src/domain/route/staff.js';

const raw = JSON.parse(readFileSync('config/screening.json', 'utf8'));

function problems(edit: (c: typeof raw) => void): string[] {
  const c = structuredClone(raw);
  edit(c);
  try {
    parseScreeningConfig(c);
    return [];
  } catch (err) {
    expect(err).toBeInstanceOf(InvalidConfigError);
    return (err as InvalidConfigError).problems;
  }
}

describe('screening configuration', () => {
  it('accepts the seed file', () => {
    expect(problems(() => {})).toEqual([]);
  });

  it('refuses invalid configuration, naming the field', () => {
    expect(problems((c) => (c.departments[1].email = 'not-an-address'))).toEqual(['departments[1].email: must be an email address like team@example.com']);
    expect(problems((c) => (c.routing.delivery = 'shipping'))).toEqual(['routing.delivery: "shipping" is not a department in departments']);
    expect(problems((c) => delete c.routing.usage)).toEqual(['routing.usage: category "usage" has no department; add "usage": "<department id>"']);
    expect(problems((c) => (c.rules[0].pattern = '(unclosed'))).toEqual(['rules[0].pattern: is not a valid regular expression']);
    expect(problems((c) => (c.priorityPolicy.businessHours.timeZone = 'Mars/Olympus'))).toEqual(['priorityPolicy.businessHours.timeZone: is not an IANA time zone such as Asia/Taipei']);
    expect(problems((c) => (c.priorityPolicy.targets.high.acknowledgeHours = 0))).toEqual(['priorityPolicy.targets.high.acknowledgeHours: must be more than 0 hours']);
    expect(problems((c) => (c.classifier.confidenceThreshold = 2))).toHaveLength(1);
  });

  it('finds a department by its address or a member\'s', () => {
    const c = parseScreeningConfig(raw);
    expect(departmentsOf('TECH@example.test', c)).toEqual(['tech']);
    expect(departmentsOf('li.wei@example.test', c)).toEqual(['tech']);
    expect(departmentsOf('stranger@example.test', c)).toEqual([]);
  });
});

describe('business hours (P-8)', () => {
  const taipei = { timeZone: 'Asia/Taipei', days: [1, 2, 3, 4, 5], start: '09:00', end: '18:00', holidays: [] };

  it('counts only working time, across the weekend', () => {
    // Friday 17:00 Taipei + 2 h = Monday 10:00 Taipei
    expect(addBusinessHours(new Date('2026-11-20T09:00:00Z'), 2, taipei).toISOString()).toBe('2026-11-23T02:00:00.000Z');
    // Sunday -> Monday 09:00 + 24 h of 9 h days = Wednesday 15:00
    expect(addBusinessHours(new Date('2026-11-22T09:00:00Z'), 24, taipei).toISOString()).toBe('2026-11-25T07:00:00.000Z');
  });

  it('skips holidays and follows daylight saving time', () => {
    const ny = { timeZone: 'America/New_York', days: [1, 2, 3, 4, 5], start: '09:00', end: '17:00', holidays: ['2026-11-26'] };
    expect(addBusinessHours(new Date('2026-11-25T21:30:00Z'), 1, ny).toISOString()).toBe('2026-11-27T14:30:00.000Z');
    // Friday 6 March 2026 16:00 EST + 2 h = Monday 9 March 10:00 EDT (UTC-4)
    expect(addBusinessHours(new Date('2026-03-06T21:00:00Z'), 2, ny).toISOString()).toBe('2026-03-09T14:00:00.000Z');
  });

  it("skips a region's public holidays from date-holidays, next to the listed dates", () => {
    // Thursday 18 June 2026 17:00 Taipei + 2 h: Friday 10:00, unless it is the Dragon Boat Festival.
    const thursday = new Date('2026-06-18T09:00:00Z');
    expect(addBusinessHours(thursday, 2, taipei).toISOString()).toBe('2026-06-19T02:00:00.000Z');
    expect(addBusinessHours(thursday, 2, { ...taipei, holidayRegions: ['TW'] }).toISOString()).toBe('2026-06-22T02:00:00.000Z');
    expect(regionProblem('TW')).toBeNull();
    expect(regionProblem('US-NY')).toBeNull();
    expect(regionProblem('XX')).toMatch(/not a country code/);
  });

  it('runs high priority around the clock by default, the others on business hours', () => {
    const policy = { businessHours: taipei, targets: { high: { acknowledgeHours: 2, firstResponseHours: 24, resolveHours: 72 }, medium: { acknowledgeHours: 24, firstResponseHours: 24, resolveHours: 45 }, low: { acknowledgeHours: 48, firstResponseHours: 90, resolveHours: 90 } }, calendars: { high: 'around-the-clock', medium: 'business-hours', low: 'business-hours' } } as const;
    const fridayNight = new Date('2026-11-20T14:00:00Z'); // Friday 22:00 in Taipei
    const high = dueTimes(fridayNight, 'high', policy);
    expect(high.acknowledgeBy.toISOString()).toBe('2026-11-20T16:00:00.000Z'); // Saturday 00:00, not Monday
    expect(high.firstResponseBy.toISOString()).toBe('2026-11-21T14:00:00.000Z');
    expect(dueTimes(fridayNight, 'medium', policy).acknowledgeBy.toISOString()).toBe('2026-11-25T07:00:00.000Z'); // 24 business hours: Wednesday 15:00
    const allBusiness = { ...policy, calendars: { ...policy.calendars, high: 'business-hours' as const } };
    expect(dueTimes(fridayNight, 'high', allBusiness).acknowledgeBy.toISOString()).toBe('2026-11-23T03:00:00.000Z'); // Monday 11:00
  });
});

describe('reply addresses (P-12)', () => {
  const secret = 'test-secret-of-some-length';
  const address = replyAddress('support@example.test', 'CS-2026-000123', secret);

  it('name the case with a code only we can make', () => {
    expect(address).toMatch(/^support\+CS-2026-000123\.[a-z2-9]{5}@example\.test$/);
    expect(readReplyToken(['someone@else.test', address.toLowerCase()], 'support@example.test', [secret])).toEqual({ kind: 'valid', caseNumber: 'CS-2026-000123' });
  });

  it('refuse a changed case number or code, and ignore other addresses', () => {
    const forged = address.replace('000123', '000124');
    expect(readReplyToken([forged], 'support@example.test', [secret]).kind).toBe('invalid');
    expect(readReplyToken([address], 'support@example.test', ['another-secret-entirely']).kind).toBe('invalid');
    expect(readReplyToken([address], 'support@example.test', ['a-newer-secret-of-some-length', secret]).kind).toBe('valid');
    expect(readReplyToken(['support@example.test', 'support+tag@example.test'], 'support@example.test', [secret])).toEqual({ kind: 'none' });
  });
});
