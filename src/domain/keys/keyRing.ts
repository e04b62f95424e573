// The keys that sign one kind of token (reply addresses, survey links, form tokens): the
// current key signs and verifies; a previous key still verifies until its grace period
// ends, so links and addresses already sent keep working through a rotation.
export interface KeyRing {
  current: string;
  previous: Array<{ key: string; until: Date }>;
}

/** The keys a token may be signed with at `now`: the current one first. */
export function verifyingKeys(ring: KeyRing, now: Date): string[] {
  return [ring.current, ...ring.previous.filter((p) => p.until > now).map((p) => p.key)];
}
