// Staff answer an incident's customers at once (P-10): from the incident page, or by a
// department's reply to the incident's reply address. Each open case the sender may work
// gets the update as a staff message with a key made from the update and the case, and
// the case's own job applies it (the outbox entry of its mail is keyed by that message),
// so a retried update stores, applies and sends nothing twice. Resolving the incident
// resolves its cases through the same path as `resolve:` on one case.
import { isOpen } from '../../domain/case/lifecycle.js';
import type { CaseStatus } from '../../domain/case/case.js';
import { incidentCommand, textFor, updateKey, type IncidentUpdateKind, type UpdateTexts } from '../../domain/incident/incidentUpdate.js';
import type { Locale } from '../../domain/intake/language.js';

export interface IncidentCase {
  caseId: string;
  caseNumber: string;
  locale: Locale;
  status: CaseStatus;
  subject: string;
  customerEmail: string;
  department: string | null;
  departments: string[];
  restricted: boolean;
  assignee: string | null;
}

export interface IncidentInfo {
  id: string;
  product: string;
  firstAt: Date;
  resolvedAt: Date | null;
  resolvedBy: string | null;
}

export interface IncidentWork {
  incident(incidentId: string): Promise<IncidentInfo | null>;
  cases(incidentId: string): Promise<IncidentCase[]>;
  /** Stores the text on the case as a staff message under `key`; nothing when stored before. */
  addStaffMessage(c: IncidentCase, key: string, from: string, text: string, at: Date): Promise<void>;
  markResolved(incidentId: string, by: string, at: Date): Promise<void>;
}

export interface IncidentUpdateDeps {
  work: IncidentWork;
  applyStaffReply(caseId: string, messageKey: string): Promise<void>;
  now: () => Date;
}

export interface IncidentUpdate {
  /** Chosen once per update (the form's, or the mail's key): retries reuse it. */
  id: string;
  by: string;
  kind: IncidentUpdateKind;
  texts: UpdateTexts;
  /** Whether the sender may work this case (staff: their departments' cases). */
  may: (c: IncidentCase) => boolean;
}

export interface IncidentUpdateOutcome {
  sent: string[];
  /** Cases left out: closed already, or not the sender's to work. */
  skipped: Array<{ caseNumber: string; why: 'not-open' | 'not-allowed' }>;
}

export async function sendIncidentUpdate(incidentId: string, u: IncidentUpdate, deps: IncidentUpdateDeps): Promise<IncidentUpdateOutcome> {
  if (!Object.values(u.texts).some((t) => t?.trim())) throw new Error('the update has no text; write it in at least one language');
  const cases = await deps.work.cases(incidentId);
  const at = deps.now();
  const outcome: IncidentUpdateOutcome = { sent: [], skipped: [] };
  for (const c of cases) {
    if (!isOpen(c.status)) outcome.skipped.push({ caseNumber: c.caseNumber, why: 'not-open' });
    else if (!u.may(c)) outcome.skipped.push({ caseNumber: c.caseNumber, why: 'not-allowed' });
    else {
      const key = updateKey(u.id, c.caseId);
      await deps.work.addStaffMessage(c, key, u.by, incidentCommand(u.kind, textFor(c.locale, u.texts)!), at);
      await deps.applyStaffReply(c.caseId, key);
      outcome.sent.push(c.caseNumber);
    }
  }
  // An incident is resolved when staff resolved every case of it they could.
  if (u.kind === 'resolve' && outcome.skipped.every((s) => s.why === 'not-open')) await deps.work.markResolved(incidentId, u.by, at);
  return outcome;
}
