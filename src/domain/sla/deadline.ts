// The expected completion time (P-18): the department's ETA, else the priority's
// resolution target; when it passes unresolved, the next one is the delay extension
// of the priority, counted on the priority's clock from the moment it was missed.
import type { ScreeningConfig } from '../settings/screeningConfig.js';
import { addBusinessHours } from './businessHours.js';
import { calendarOf, type Priority } from './priorityPolicy.js';

export function nextExpectedAfterMiss(missedAt: Date, priority: Priority, config: ScreeningConfig): Date {
  return addBusinessHours(missedAt, config.delay.extendHours[priority], calendarOf(priority, config.priorityPolicy));
}

/**
 * The expected time once the customer answered: the SLA clock stood still while the case
 * waited for them, so the time moves on by the wait.
 */
export function resumeAfterWaiting(expectedBy: Date, waitingSince: Date, answeredAt: Date): Date {
  return new Date(expectedBy.getTime() + Math.max(0, answeredAt.getTime() - waitingSince.getTime()));
}
