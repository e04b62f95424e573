// The expected completion time (P-18): the department's ETA, else the priority's
// resolution target; when it passes unresolved, the next one is the delay extension
// of the priority, counted in business hours from the moment it was missed.
import type { ScreeningConfig } from '../settings/screeningConfig.js';
import { addBusinessHours } from './businessHours.js';
import type { Priority } from './priorityPolicy.js';

export function nextExpectedAfterMiss(missedAt: Date, priority: Priority, config: ScreeningConfig): Date {
  return addBusinessHours(missedAt, config.delay.extendHours[priority], config.priorityPolicy.businessHours);
}
