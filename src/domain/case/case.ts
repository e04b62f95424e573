// The case: what the customer reported and where it stands (P-2).

import type { Locale } from '../intake/language.js';
import type { Priority } from '../sla/priorityPolicy.js';

export const CASE_STATUSES = ['new', 'acknowledged', 'in_progress', 'in_test', 'resolved', 'closed', 'reopened'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export type AckState = 'pending' | 'sent' | 'suppressed' | 'failed';

export interface Customer {
  email: string;
  name: string;
}

export interface CaseRecord {
  number: string;
  channel: string;
  customer: Customer;
  subject: string;
  locale: Locale;
  status: CaseStatus;
  priority: Priority;
  receivedAt: Date;
  ack: { state: AckState; reason?: string; sentAt?: Date };
}
