import { describe, expect, it } from 'vitest';
import { batchKeepingParents, parentsFirst } from '../../src/domain/intake/replyOrder.js';

const m = (uid: number, messageId?: string, inReplyTo?: string) => ({ uid, messageId, inReplyTo });
const uids = (xs: Array<{ uid: number }>) => xs.map((x) => x.uid);

describe('parentsFirst', () => {
  it('keeps UID order when no reply precedes its parent', () => {
    expect(uids(parentsFirst([m(1, '<a@x>'), m(2, '<b@x>', '<a@x>'), m(3, '<c@x>')]))).toEqual([1, 2, 3]);
  });

  it('moves a parent before the reply that got the lower UID, and a grandparent before both', () => {
    const batch = [m(10, '<c@x>', '<b@x>'), m(11, '<z@x>'), m(12, '<a@x>'), m(13, '<b@x>', '<A@X>')];
    expect(uids(parentsFirst(batch))).toEqual([12, 13, 10, 11]);
  });

  it('ignores parents outside the batch, missing ids and reference loops', () => {
    const batch = [m(1, '<a@x>', '<b@x>'), m(2, '<b@x>', '<a@x>'), m(3, undefined, '<gone@x>'), m(4)];
    const out = parentsFirst(batch);
    expect(uids(out).sort()).toEqual([1, 2, 3, 4]);
    expect(uids(out).slice(2)).toEqual([3, 4]);
  });
});

describe('batchKeepingParents', () => {
  it('cuts at the size when no reply in the batch has its parent further on', () => {
    expect(batchKeepingParents([m(1, '<a@x>'), m(2, '<b@x>', '<a@x>'), m(3, '<c@x>', '<b@x>')], 2)).toBe(2);
    expect(batchKeepingParents([m(1, '<a@x>')], 200)).toBe(1);
  });

  it('reaches as far as the parent of a reply that got the lower UID, and that parent\'s parent', () => {
    const items = [m(1, '<a@x>'), m(2, '<r@x>', '<P@X>'), m(3, '<z@x>'), m(4, '<p@x>', '<g@x>'), m(5, '<y@x>'), m(6, '<g@x>'), m(7, '<w@x>')];
    expect(batchKeepingParents(items, 2)).toBe(6);
  });

  it('ignores parents that are not among the items', () => {
    expect(batchKeepingParents([m(1, '<a@x>', '<gone@x>'), m(2, '<b@x>')], 1)).toBe(1);
  });
});
