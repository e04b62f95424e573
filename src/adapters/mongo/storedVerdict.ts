// A message's stored automated verdict ({ kind, reason } with both optional in the schema) as the domain's.
import type { AutomatedKind, AutomatedVerdict } from '../../domain/intake/automated.js';

export function automatedVerdict(stored: { kind?: string | null; reason?: string | null } | null | undefined): AutomatedVerdict | null {
  return stored?.kind ? { kind: stored.kind as AutomatedKind, reason: stored.reason ?? '' } : null;
}
