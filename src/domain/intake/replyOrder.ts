// The order in which a batch of new messages is stored: the mailbox's UID order, except
// that a reply comes after the message it answers when both are in the batch. UIDs need
// not follow arrival (Maildir numbers new files in directory order; a relay may deliver
// out of order), and a reply stored before its parent cannot find its case: it would open
// a case of its own and get a second acknowledgement.

export interface Threaded {
  messageId?: string | undefined;
  inReplyTo?: string | undefined;
}

const norm = (id: string | undefined) => id?.trim().toLowerCase() || undefined;

/** Where each Message-ID first occurs among the items. */
function positions(items: readonly Threaded[]): Map<string, number> {
  const at = new Map<string, number>();
  items.forEach((item, i) => {
    const id = norm(item.messageId);
    if (id && !at.has(id)) at.set(id, i);
  });
  return at;
}

/** The position of the item's parent among the items, if it is there. */
const parentOf = (item: Threaded, at: Map<string, number>) => at.get(norm(item.inReplyTo) ?? '');

/** The items (given in UID order) with every in-batch parent moved before its replies; stable otherwise. */
export function parentsFirst<T extends Threaded>(items: readonly T[]): T[] {
  const at = positions(items);
  const out: T[] = [];
  const placed = new Set<T>();
  const place = (item: T, chain: Set<T>) => {
    if (placed.has(item) || chain.has(item)) return; // placed already, or a reference loop
    chain.add(item);
    const parent = parentOf(item, at);
    if (parent !== undefined && items[parent] !== item) place(items[parent]!, chain);
    placed.add(item);
    out.push(item);
  };
  for (const item of items) place(item, new Set());
  return out;
}

/**
 * How many of `items` (in UID order) to store as one batch: at least `size` (or all),
 * and more while a reply in the batch has its parent further on, so that a parent that
 * got a higher UID than its reply is in the reply's batch and stored first. The batch is
 * always a UID-ordered prefix: the mailbox cursor can still move over it.
 */
export function batchKeepingParents<T extends Threaded>(items: readonly T[], size: number): number {
  const at = positions(items);
  let end = Math.min(size, items.length);
  for (let i = 0; i < end; i++) {
    const parent = parentOf(items[i]!, at);
    if (parent !== undefined && parent >= end) end = parent + 1;
  }
  return end;
}
