// Who may do what with an incident in the console (P-10, P-26), from the rules for one
// case: a user sees an incident when they see one of its cases; they send an update to
// the cases they may work (staff: their departments' cases; supervisors and admins: all).
// Customers' addresses are masked on the incident page, as personal data on lists is.
import { listsCase, opensCase, type CaseAccessFacts, type ConsoleUser } from '../console/access.js';

export function seesIncident(user: ConsoleUser, cases: CaseAccessFacts[]): boolean {
  return cases.some((c) => listsCase(user, c));
}

export function worksOnCase(user: ConsoleUser, c: CaseAccessFacts): boolean {
  if (!opensCase(user, c)) return false;
  return user.role !== 'staff' || (c.department !== null && user.departments.includes(c.department));
}

/** "alice@example.com" → "a***@example.com": enough to tell customers apart, not to write to them. */
export function maskAddress(address: string): string {
  const at = address.lastIndexOf('@');
  if (at < 1) return '***';
  return `${address[0]}***${address.slice(at)}`;
}
