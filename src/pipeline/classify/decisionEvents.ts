// The timeline events of a case's screening and of its link to an incident, each with an
// id made from its cause (screen:<case>:category and so on, incident:<case>), so that a
// retry writes none of them twice.
import { event, type CaseEvent, type EventKind, type TimelineEntry } from '../../domain/case/timelineEvents.js';
import type { StoredScreening } from './ports.js';

/**
 * The screening's decisions, and the incident the case joined with it (if any); the
 * category event, which enters the case in the reports, with the phrases they count.
 */
export function decisionEvents(caseId: string, s: StoredScreening, incident: { id: string; at: Date } | null, phrases: string[]): CaseEvent[] {
  const triage = s.flags.includes('needs_triage');
  const at = (e: TimelineEntry & { type: Extract<EventKind, `screening.${string}`> }): CaseEvent => ({ id: `screen:${caseId}:${e.type.slice('screening.'.length)}`, caseId, at: s.at, ...e });
  return [
    { ...at(event('screening.category', { category: s.category, confidence: s.confidence, decidedBy: s.categorySource, rules: s.categoryRules, model: s.model })), phrases },
    at(event('screening.priority', { priority: s.priority, reasons: s.priorityReasons, due: s.due })),
    at(event('screening.sentiment', s.sentiment)),
    ...(s.flags.length ? [at(event('screening.flags', { flags: s.flags, reasons: s.flagReasons, sensitive: s.sensitive }))] : []),
    at(event('screening.department', {
      department: s.department,
      also: s.alsoDepartments,
      why: triage ? 'triage: category uncertain' : `routing table: ${s.category} -> ${s.department}`,
      ...(s.alsoDepartments.length ? { alsoWhy: 'legal threat' } : {}),
    })),
    ...(incident ? [incidentLinkedEvent(caseId, incident.id, s.product, incident.at)] : []),
  ];
}

/** The timeline event of a case's link to an incident (one per case). */
export function incidentLinkedEvent(caseId: string, incidentId: string, product: string, at: Date): CaseEvent {
  return { id: `incident:${caseId}`, caseId, at, ...event('incident.linked', { incident: incidentId, product, why: 'similar text about the same product, close in time' }) };
}
