// Recomputes the rollups from the cases' timelines: every event pending again, no
// case counted, the rollups emptied, then the projector counts everything once more.
// For a changed counting rule, or rollups lost or doubted. Runs under the projector's
// lock, so the live projector waits rather than counting into half-emptied rollups.
import { projectAll } from './projectEvents.js';
import type { ReportDeps } from './ports.js';

export interface RebuildDeps extends ReportDeps {
  /** Every event pending, every case's metrics gone. */
  resetSource: () => Promise<void>;
  clearRollups: () => Promise<void>;
}

export async function rebuildRollups(deps: RebuildDeps): Promise<number> {
  await deps.resetSource();
  await deps.clearRollups();
  return projectAll(deps);
}
