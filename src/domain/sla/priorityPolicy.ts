// Priority targets (P-8). These are the defaults from the process documents; the
// screening stage will make them configurable and pick the priority per case.

export const PRIORITIES = ['high', 'medium', 'low'] as const;
export type Priority = (typeof PRIORITIES)[number];

export interface PriorityTargets {
  /** Hours until the customer must have an acknowledgement. */
  acknowledgeHours: number;
  /** Hours until a first workaround, answer or progress update. */
  firstResponseHours: number;
  /** Hours until the case should be resolved. */
  resolveHours: number;
}

export const DEFAULT_PRIORITY_POLICY: Record<Priority, PriorityTargets> = {
  high: { acknowledgeHours: 2, firstResponseHours: 24, resolveHours: 72 },
  medium: { acknowledgeHours: 24, firstResponseHours: 24, resolveHours: 5 * 24 },
  low: { acknowledgeHours: 48, firstResponseHours: 14 * 24, resolveHours: 14 * 24 },
};

/** Until screening classifies cases, every case starts at this priority. */
export const DEFAULT_PRIORITY: Priority = 'medium';
