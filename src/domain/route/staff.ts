// Who may write to a department's cases: its shared address, its listed members, and its
// supervisor (who also approves high-priority solutions, P-14).
import type { ScreeningConfig } from '../settings/screeningConfig.js';

/** The ids of the departments whose staff or supervisor this address is. */
export function departmentsOf(address: string, config: ScreeningConfig): string[] {
  const a = address.toLowerCase();
  return config.departments
    .filter((d) => d.email.toLowerCase() === a || d.supervisor.toLowerCase() === a || d.members.some((m) => m.toLowerCase() === a))
    .map((d) => d.id);
}

/** Whether the address supervises one of these departments. */
export function supervises(address: string, departments: string[], config: ScreeningConfig): boolean {
  const a = address.toLowerCase();
  return config.departments.some((d) => departments.includes(d.id) && d.supervisor.toLowerCase() === a);
}
