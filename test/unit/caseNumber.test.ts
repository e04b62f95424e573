import { describe, expect, it } from 'vitest';
import { findCaseNumbers, formatCaseNumber } from '../../src/domain/case/caseNumber.js';
import { chooseThread, referencedMessageIds } from '../../src/domain/intake/threading.js';

describe('case numbers', () => {
  it('formats and finds them', () => {
    expect(formatCaseNumber('CS', 2026, 123)).toBe('CS-2026-000123');
    expect(formatCaseNumber('CS', 2026, 1234567)).toBe('CS-2026-1234567');
    expect(findCaseNumbers('CS', 'Re: [CS-2026-000123] 還是沒解決 CS-2026-000123, see CS-2025-000007')).toEqual(['CS-2026-000123', 'CS-2025-000007']);
    expect(findCaseNumbers('CS', 'ABCS-2026-000123 or CS-26-1')).toEqual([]);
  });
});

describe('threading', () => {
  const mine = { caseId: '1', caseNumber: 'CS-2026-000001', customerEmail: 'alice@example.test' };
  const theirs = { caseId: '2', caseNumber: 'CS-2026-000002', customerEmail: 'bob@example.test' };

  it('joins the sender\'s own case, by reference before subject', () => {
    expect(chooseThread('Alice@Example.test', [mine], [])).toBe(mine);
    expect(chooseThread('alice@example.test', [], [theirs, mine])).toBe(mine);
  });

  it('never joins a stranger\'s case', () => {
    expect(chooseThread('mallory@example.test', [mine], [theirs])).toBeNull();
    expect(chooseThread(null, [mine], [])).toBeNull();
  });

  it('lists referenced ids, the direct parent first, normalised', () => {
    expect(referencedMessageIds(['<C@x>'], ['<A@x>', '<B@X>'])).toEqual(['c@x', 'b@x', 'a@x']);
  });
});
