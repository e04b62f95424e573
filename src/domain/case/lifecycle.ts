// The case lifecycle (P-13): which status may follow which. Staff move a case with
// `status:` and `resolve:`; the acknowledgement moves it from new to acknowledged; only
// the customer (or a survey answer) re-opens a resolved or closed case.
import type { CaseStatus } from './case.js';
import { staffProblem, type StaffProblem } from '../words/staffProblems.js';

/** The statuses a department may set with `status:`. */
export const STAFF_STATUSES = ['pending', 'in_progress', 'in_test', 'resolved', 'closed'] as const;
export type StaffStatus = (typeof STAFF_STATUSES)[number];

const WORKING: CaseStatus[] = ['pending', 'in_progress', 'in_test'];
const OPEN: CaseStatus[] = ['new', 'acknowledged', 'reopened', ...WORKING];

const NEXT: Record<CaseStatus, CaseStatus[]> = {
  new: ['acknowledged', ...WORKING, 'resolved'],
  acknowledged: [...WORKING, 'resolved'],
  pending: WORKING.concat('resolved'),
  in_progress: WORKING.concat('resolved'),
  in_test: WORKING.concat('resolved'),
  resolved: ['closed', 'reopened'],
  closed: ['reopened'],
  reopened: [...WORKING, 'resolved'],
};

export function isOpen(status: CaseStatus): boolean {
  return OPEN.includes(status);
}

/** Null when `from` may become `to`; otherwise why not, and what is allowed. */
export function transitionProblem(from: CaseStatus, to: CaseStatus): StaffProblem | null {
  if (NEXT[from].includes(to)) return null;
  const allowed = NEXT[from].filter((s) => (STAFF_STATUSES as readonly string[]).includes(s));
  // Null: a resolved case goes back to work only when its customer re-opens it.
  return staffProblem('transition', from, to, to === 'reopened' || (from === 'resolved' && WORKING.includes(to)) ? null : allowed);
}

export function label(status: CaseStatus): string {
  return status.replace('_', ' ');
}
