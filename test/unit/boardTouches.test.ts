// Which case writes the board's feeder is told of: those that can change a card or the
// case's search terms, not the many that write other fields (the report figures, the
// acknowledgement's state, the screening's reasons).
import { describe, expect, it } from 'vitest';
import { touchesBoard } from '../../src/adapters/mongo/boardIndex.js';

describe('touchesBoard', () => {
  it('is told of writes to what a card shows, its parents and children', () => {
    expect(touchesBoard(['status', 'updatedAt'])).toBe(true);
    expect(touchesBoard(['routing.departments', 'routing.sentAt'])).toBe(true);
    expect(touchesBoard(['routing'])).toBe(true);
    expect(touchesBoard(['sla.expectedBy'])).toBe(true);
    expect(touchesBoard(['due'])).toBe(true);
    expect(touchesBoard(['subject', 'anonymisedAt'])).toBe(true);
    expect(touchesBoard(null)).toBe(true);
  });

  it('is not told of writes to anything else', () => {
    expect(touchesBoard(['metrics'])).toBe(false);
    expect(touchesBoard(['ack.state', 'ack.sentAt', 'updatedAt'])).toBe(false);
    expect(touchesBoard(['routing.sentAt', 'routing.confirmBy'])).toBe(false);
    expect(touchesBoard(['sla.delayNotices', 'rev', 'appliedMessages'])).toBe(false);
    expect(touchesBoard([])).toBe(false);
  });
});
