// Who may see what in the console (P-26, P-5): admins and supervisors see every
// department's cases, staff only their departments'; a restricted (personal data) case
// opens only for its handlers: its owning department's people and its assignee. Only
// admins reach the admin pages.
export const ROLES = ['admin', 'supervisor', 'staff'] as const;
export type Role = (typeof ROLES)[number];

export interface ConsoleUser {
  email: string;
  name: string;
  role: Role;
  /** The departments the user works in (staff) or supervises. */
  departments: string[];
}

export interface CaseAccessFacts {
  department: string | null;
  departments: string[];
  restricted: boolean;
  assignee: string | null;
}

/** Whether the case appears on the user's board at all. */
export function listsCase(user: ConsoleUser, c: CaseAccessFacts): boolean {
  if (user.role !== 'staff') return true;
  return [c.department, ...c.departments].some((d) => d !== null && user.departments.includes(d));
}

/** Whether the user may open the case (its messages and personal data). */
export function opensCase(user: ConsoleUser, c: CaseAccessFacts): boolean {
  if (!listsCase(user, c)) return false;
  if (!c.restricted) return true;
  return c.assignee === user.email || (c.department !== null && user.departments.includes(c.department));
}

export function isAdmin(user: ConsoleUser): boolean {
  return user.role === 'admin';
}
