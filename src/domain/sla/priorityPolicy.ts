// Priorities and their targets (P-8). The targets are configured (config/screening.json)
// and counted in business hours; screening picks the priority of each case.
import type { BusinessHours, ScreeningConfig } from '../settings/screeningConfig.js';
import { addBusinessHours } from './businessHours.js';

export const PRIORITIES = ['high', 'medium', 'low'] as const;
export type Priority = (typeof PRIORITIES)[number];

/** Every case starts at this priority until screening has decided. */
export const DEFAULT_PRIORITY: Priority = 'medium';

/** One step more urgent; high stays high. */
export function raisePriority(p: Priority): Priority {
  return PRIORITIES[Math.max(0, PRIORITIES.indexOf(p) - 1)]!;
}

/** The more urgent of two priorities. */
export function mostUrgent(a: Priority, b: Priority): Priority {
  return PRIORITIES.indexOf(a) <= PRIORITIES.indexOf(b) ? a : b;
}

export interface DueTimes {
  acknowledgeBy: Date;
  firstResponseBy: Date;
  resolveBy: Date;
}

const ALL_WEEK = [1, 2, 3, 4, 5, 6, 7];

/**
 * The clock a priority's targets run on: the business hours, or (high by default) around
 * the clock in the same time zone, every day, holidays included.
 */
export function calendarOf(priority: Priority, policy: ScreeningConfig['priorityPolicy']): BusinessHours {
  const bh = policy.businessHours;
  return policy.calendars[priority] === 'around-the-clock' ? { timeZone: bh.timeZone, days: ALL_WEEK, start: '00:00', end: '24:00', holidays: [] } : bh;
}

/** The acknowledgement, first-response and resolution deadlines of a case received at `receivedAt`. */
export function dueTimes(receivedAt: Date, priority: Priority, policy: ScreeningConfig['priorityPolicy']): DueTimes {
  const targets = policy.targets[priority];
  const bh = calendarOf(priority, policy);
  return {
    acknowledgeBy: addBusinessHours(receivedAt, targets.acknowledgeHours, bh),
    firstResponseBy: addBusinessHours(receivedAt, targets.firstResponseHours, bh),
    resolveBy: addBusinessHours(receivedAt, targets.resolveHours, bh),
  };
}
