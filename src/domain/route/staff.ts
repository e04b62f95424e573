// Who counts as a department's staff: its shared address and its listed members.
import type { ScreeningConfig } from '../settings/screeningConfig.js';

/** The ids of the departments whose staff includes this address. */
export function departmentsOf(address: string, config: ScreeningConfig): string[] {
  const a = address.toLowerCase();
  return config.departments.filter((d) => d.email.toLowerCase() === a || d.members.some((m) => m.toLowerCase() === a)).map((d) => d.id);
}
