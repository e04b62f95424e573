// The typed timeline: every kind is written as {type, data}, has words in each console
// language, and what is read back from older versions (unknown kinds, missing fields)
// is shown and counted safely.
import { describe, expect, it } from 'vitest';
import { EVENT_KINDS, event, isEventKind, withMessage } from '../../src/domain/case/timelineEvents.js';
import { describeEvent, type TimelineNames } from '../../src/domain/console/timelineWords.js';
import { isReported, projectEvent, type CaseHead } from '../../src/domain/report/rollupFacts.js';
import { mailMeasure } from '../../src/domain/mail/mailKinds.js';
import { foldHan } from '../../src/domain/text/hanFold.js';
import type { Locale } from '../../src/domain/intake/language.js';

const names = (locale: Locale): TimelineNames => ({ locale, category: (id) => id, department: (id) => id, time: (at) => at.toISOString() });

describe('timeline events', () => {
  it('are stored in the plain shape, a message key going along where one caused them', () => {
    expect(event('note.added', { text: 'called the customer' })).toEqual({ type: 'note.added', data: { text: 'called the customer' } });
    expect(withMessage(event('eta.set', { eta: new Date(0) }), 'm1')).toEqual({ type: 'eta.set', data: { eta: new Date(0), message: 'm1' } });
  });

  it('each kind has words in every console language, not its bare name', () => {
    for (const kind of EVENT_KINDS) {
      for (const locale of ['en', 'zh-Hant', 'zh-Hans'] as const) {
        const words = describeEvent({ type: kind, actor: 'system', data: {} }, names(locale));
        expect(words, `${kind} in ${locale}`).not.toBe(kind);
        if (locale === 'zh-Hans') expect(foldHan(words), kind).toBe(words);
      }
    }
  });

  it('a stored type this version does not know is shown by its name and counts for nothing', () => {
    expect(isEventKind('case.teleported')).toBe(false);
    expect(describeEvent({ type: 'case.teleported', actor: 'system', data: { x: 1 } }, names('en'))).toBe('case.teleported');
    expect(isReported({ type: 'case.teleported', data: {} })).toBe(false);
    const head: CaseHead = { caseId: 'c1', receivedAt: new Date(0), channel: 'email', category: null, priority: 'medium', department: null, due: {}, metrics: {} };
    expect(projectEvent({ id: 'e1', type: 'case.teleported', at: new Date(1), data: {} }, head, 'UTC').facts).toEqual([]);
    // A known kind with its data missing is read without failing.
    expect(projectEvent({ id: 'e2', type: 'mail.sent', at: new Date(1), data: {} }, head, 'UTC').facts).toEqual([]);
  });

  it('the mails that count in the reports are the measured kinds', () => {
    expect(mailMeasure('acknowledgement')).toBe('ack');
    expect(mailMeasure('acknowledgement-high')).toBe('ack');
    expect(['progress', 'question', 'resolution'].map(mailMeasure)).toEqual(['update', 'update', 'update']);
    expect(mailMeasure('survey')).toBe('survey');
    expect(['routing', 'delay', 'staff-notice', 'follow-up', 'no-such-kind'].map(mailMeasure)).toEqual([null, null, null, null, null]);
  });
});
