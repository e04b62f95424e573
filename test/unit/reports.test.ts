// The report core without I/O: histograms, phrases, what each event adds, the report
// arithmetic, the CSV and the periods.
import { describe, expect, it } from 'vitest';
import { bucketOf, percentile } from '../../src/domain/report/histogram.js';
import { casePhrases, topPhrases } from '../../src/domain/report/phrases.js';
import { isReported, projectEvent, type CaseHead } from '../../src/domain/report/rollupFacts.js';
import { buildReport, sumRollups, type Rollup } from '../../src/domain/report/report.js';
import { reportCsv } from '../../src/domain/report/reportCsv.js';
import { periodFromQuery, periodOf, previousPeriod } from '../../src/domain/report/period.js';
import { periodsEndedBefore } from '../../src/pipeline/report/mailReports.js';

const H = 3600_000;

describe('histograms', () => {
  it('read a percentile within 2.5 % of the exact value', () => {
    const values = Array.from({ length: 1000 }, (_, i) => (i + 1) * 7 * 60_000); // 7 min … ~117 h
    const h: Record<string, number> = {};
    for (const v of values) h[bucketOf(v)] = (h[bucketOf(v)] ?? 0) + 1;
    const exact = values[899]!;
    expect(Math.abs(percentile(h, 0.9)! - exact) / exact).toBeLessThan(0.025);
    expect(percentile({}, 0.9)).toBeNull();
  });
});

describe('phrases', () => {
  it('takes English word pairs without stop words and Chinese runs, both scripts as one', () => {
    expect(casePhrases('Battery life', 'The battery life is terrible, it drains overnight.')).toContain('battery life');
    const hant = casePhrases('', '這支手機的電池續航太短');
    const hans = casePhrases('', '这支手机的电池续航太短');
    expect(hant).toContain('电池续航');
    expect(hant).toEqual(hans);
  });

  it('keeps the phrase that explains a count, not its fragments', () => {
    const counts = { '电池续航': 10, '电池': 12, '续航': 11, '池续': 10, '手机电池': 4, 'battery life': 20, 'life short': 3 };
    const top = topPhrases(counts, 50);
    expect(top.map((p) => p.phrase)).toEqual(['battery life', '电池续航', 'life short']);
    expect(top[0]!.share).toBeCloseTo(0.4);
  });
});

const head = (over: Partial<CaseHead> = {}): CaseHead => ({
  caseId: 'c1',
  receivedAt: new Date('2026-07-01T04:00:00Z'),
  channel: 'email',
  category: 'quality',
  priority: 'high',
  department: 'quality',
  due: { acknowledgeBy: new Date('2026-07-01T04:10:00Z'), firstResponseBy: new Date('2026-07-01T08:00:00Z'), resolveBy: new Date('2026-07-02T04:00:00Z') },
  metrics: {},
  ...over,
});
const ev = (type: string, at: string, data: Record<string, unknown> = {}, id = `${type}-${at}`) => ({ id, type, at: new Date(at), data });

describe('what an event adds to the rollups', () => {
  it('queues only events that can add a fact: of the mails sent, the measured customer mails', () => {
    const sent = (kind: string) => ev('mail.sent', '2026-07-01T04:05:00Z', { kind });
    for (const kind of ['acknowledgement', 'acknowledgement-high', 'progress', 'question', 'resolution', 'survey']) expect(isReported(sent(kind)), kind).toBe(true);
    for (const kind of ['routing', 'routing-reminder', 'supervisor-legal', 'delay']) {
      expect(isReported(sent(kind)), kind).toBe(false);
      expect(projectEvent(sent(kind), head(), 'Asia/Taipei').facts).toEqual([]);
    }
    expect(isReported(ev('screening.category', '2026-07-01T04:01:00Z'))).toBe(true);
    expect(isReported(ev('screening.priority', '2026-07-01T04:01:00Z'))).toBe(false);
  });

  it('counts the acknowledgement once, on the day the case came in, with its SLA', () => {
    const first = projectEvent(ev('mail.sent', '2026-07-01T04:05:00Z', { kind: 'acknowledgement' }), head(), 'Asia/Taipei');
    expect(first.facts).toEqual([{ key: 'ack:c1', day: '2026-07-01', counts: { acked: 1, ackMs: 5 * 60_000, ackDue: 1, ackMet: 1 }, hist: { ack: bucketOf(5 * 60_000) } }]);
    const again = projectEvent(ev('mail.sent', '2026-07-01T05:00:00Z', { kind: 'acknowledgement' }), head({ metrics: first.metrics }), 'Asia/Taipei');
    expect(again.facts).toEqual([]);
  });

  it('counts a late resolution as missed, every re-open, and the first answer only', () => {
    const late = projectEvent(ev('status.changed', '2026-07-03T04:00:00Z', { to: 'resolved' }), head(), 'Asia/Taipei');
    expect(late.facts[0]!.counts).toEqual({ resolved: 1, resolveMs: 48 * H, resolveDue: 1, resolveMet: 0 });
    const r1 = projectEvent(ev('status.changed', '2026-07-04T00:00:00Z', { to: 'reopened' }, 'e1'), head({ metrics: late.metrics }), 'Asia/Taipei');
    const r2 = projectEvent(ev('status.changed', '2026-07-05T00:00:00Z', { to: 'reopened' }, 'e2'), head({ metrics: r1.metrics }), 'Asia/Taipei');
    expect([...r1.facts, ...r2.facts].map((f) => f.key)).toEqual(['reopen:e1:c1', 'reopen:e2:c1']);
    expect(r2.metrics.reopenedBy).toEqual(['e1', 'e2']);
    expect(projectEvent(ev('status.changed', '2026-07-05T00:00:00Z', { to: 'reopened' }, 'e2'), head({ metrics: r2.metrics }), 'Asia/Taipei').facts).toEqual([]);
    const a1 = projectEvent(ev('survey.answered', '2026-07-06T00:00:00Z', { kind: 'score', score: 4 }), head(), 'Asia/Taipei');
    expect(a1.facts[0]!.counts).toEqual({ answered: 1, scored: 1, scoreSum: 4, score4: 1 });
    expect(projectEvent(ev('survey.answered', '2026-07-07T00:00:00Z', { kind: 'score', score: 1 }), head({ metrics: a1.metrics }), 'Asia/Taipei').facts).toEqual([]);
  });

  it('uses the business time zone for the day', () => {
    const p = projectEvent(ev('screening.category', '2026-06-30T17:00:00Z'), head({ receivedAt: new Date('2026-06-30T17:00:00Z') }), 'Asia/Taipei');
    expect(p.facts[0]!.day).toBe('2026-07-01');
  });
});

describe('the report arithmetic', () => {
  const day = (d: string, dep: string, received: number, resolved: number, resolveMs: number): Rollup => ({
    period: d,
    department: dep,
    totals: { received, resolved, resolveMs, resolveDue: resolved, resolveMet: resolved - 1, scored: 2, scoreSum: 9, score4: 1, score5: 1, surveysSent: 4, answered: 2 },
    by: { channel: { email: { received } }, category: { quality: { received } }, priority: { high: { received, resolveDue: resolved, resolveMet: resolved - 1 } } },
    hist: {},
    phrases: {},
  });

  it('adds days up and computes rates, averages and attainment', () => {
    const sum = sumRollups([day('2026-07-01', '*', 10, 4, 4 * H * 4), day('2026-07-02', '*', 10, 6, 6 * H * 2)]);
    const r = buildReport(periodOf('quarter', '2026-07-01'), null, sum, {}, ['high', 'medium', 'low']);
    expect(r.received).toBe(20);
    expect(r.resolutionRate).toBe(0.5);
    expect(r.handling.resolve.average).toBe((16 + 12) * H / 10);
    expect(r.sla[0]!.resolve).toEqual({ due: 10, met: 8, rate: 0.8 });
    expect(r.satisfaction.average).toBe(4.5);
    expect(r.satisfaction.responseRate).toBe(0.5);
    expect(r.byChannel).toEqual([{ name: 'email', count: 20, share: 1 }]);
  });

  it('writes CSV that a spreadsheet cannot run as a formula', () => {
    const sum = sumRollups([]);
    sum.phrases = { quality: { '=HYPERLINK("x")': 5, 'a,b': 5 } };
    sum.by.category.quality = { received: 10 };
    const csv = reportCsv(buildReport(periodOf('month', '2026-07-01'), null, sum, {}, ['high']));
    expect(csv).toContain(`quality,"'=HYPERLINK(""x"")",5,0.5000`);
    expect(csv).toContain('quality,"a,b",5,0.5000');
  });
});

describe('periods', () => {
  it('knows weeks, months, quarters, ranges and which reports are due', () => {
    expect(periodOf('week', '2026-11-22')).toMatchObject({ from: '2026-11-16', to: '2026-11-22' });
    expect(periodOf('quarter', '2026-08-15')).toEqual({ from: '2026-07-01', to: '2026-09-30', label: '2026 Q3' });
    expect(previousPeriod('month', '2026-01-01')).toMatchObject({ from: '2025-12-01', to: '2025-12-31' });
    expect(periodFromQuery({ period: 'range', from: '2026-01-05', to: '2026-02-01' }, '2026-11-22')).toMatchObject({ from: '2026-01-05', to: '2026-02-01' });
    expect(periodFromQuery({ period: 'range', from: 'x', to: '2026-02-01' }, '2026-11-22').label).toBe('2026 Q4');
    expect(periodsEndedBefore('2026-10-01', true, true).map((p) => p.period.label)).toEqual(['2026-09', '2026 Q3']);
    expect(periodsEndedBefore('2026-11-01', true, true).map((p) => p.period.label)).toEqual(['2026-10']);
  });
});

describe('masking in reports', () => {
  it('never makes a phrase of an address, a link or a number', () => {
    const p = casePhrases('Refund for order A12345678', 'Write to john.smith@gmail.com or call +886 912 345 678, see https://shop.example/x?id=99. My battery life is short.');
    expect(p).toContain('battery life');
    expect(p.join(' ')).not.toMatch(/john|smith|gmail|886|912|shop|a12345678/);
  });
});
