// The case page's timeline in words, in the console's three languages.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { describeEvent, type TimelineNames } from '../../src/domain/console/timelineWords.js';
import type { Locale } from '../../src/domain/intake/language.js';
import { parseScreeningConfig } from '../../src/domain/settings/screeningConfig.js';
import { formatTime } from '../../src/pipeline/notify/formatTime.js';

const config = parseScreeningConfig(JSON.parse(readFileSync('config/screening.json', 'utf8')));
const names = (locale: Locale): TimelineNames => ({
  locale,
  category: (id) => config.categories.find((c) => c.id === id)?.name[locale] ?? id,
  department: (id) => config.departments.find((d) => d.id === id)?.name[locale] ?? id,
  time: (at) => formatTime(at, 'Asia/Taipei'),
});
const words = (type: string, data: Record<string, unknown>, locale: Locale = 'en') => describeEvent({ type, actor: 'system', data }, names(locale));

describe('describeEvent', () => {
  it('tells the screening decisions and their reasons', () => {
    expect(words('screening.category', { category: 'technical', confidence: 0.999, decidedBy: 'rules', rules: ['crash'] })).toBe('Screening: category Technical problem (rules: crash)');
    expect(words('screening.category', { category: 'quality', confidence: 0.82, decidedBy: 'model', rules: [] })).toBe('Screening: category Product quality (model, 82% sure)');
    expect(words('screening.priority', { priority: 'high', reasons: ['data loss', 'security risk'] })).toBe('Screening: priority high because data loss, security risk');
    expect(words('screening.department', { department: 'tech', also: ['legal'], why: 'routing table: technical -> tech' })).toBe('Screening: sent to Technical Support and Legal (routing table: technical -> tech)');
    expect(words('screening.category', { category: 'technical', confidence: 0.999, decidedBy: 'rules', rules: ['crash'] }, 'zh-Hant')).toBe('篩選：類別為技術問題（規則：crash）');
    expect(words('screening.priority', { priority: 'high', reasons: ['data loss'] }, 'zh-Hans')).toBe('筛选：优先级 high，原因：data loss');
  });

  it('tells the work on the case, with times on the company clock', () => {
    expect(words('status.changed', { from: 'acknowledged', to: 'in_progress' })).toBe('Status: acknowledged → in progress');
    expect(words('eta.set', { eta: new Date('2026-12-01T10:00:00Z') })).toBe(`Expected completion set to ${formatTime(new Date('2026-12-01T10:00:00Z'), 'Asia/Taipei')}`);
    expect(words('case.closed', { reason: 'duplicate', duplicateOf: 'CS-2026-000001' })).toBe('Closed as a duplicate of CS-2026-000001');
    expect(words('case.closed', { reason: 'spam' }, 'zh-Hant')).toBe('以垃圾郵件結案');
    expect(words('compensation.recorded', { kind: 'fee_waiver', amount: null, currency: null })).toBe('Compensation: fee waiver');
  });

  it("folds the wording into Simplified Chinese but leaves people's own words as written", () => {
    expect(words('note.added', { text: '已聯絡客戶' }, 'zh-Hans')).toBe('内部备注：已聯絡客戶');
  });

  it('shows an event without words by its type, and survives missing data', () => {
    expect(words('something.new', { a: 1 })).toBe('something.new');
    expect(words('case.routed', {})).toBe('Routed to ; to be confirmed by ');
  });
});
