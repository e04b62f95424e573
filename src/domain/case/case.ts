// The case's states and the facts about its customer (P-2).

export const CASE_STATUSES = ['new', 'acknowledged', 'pending', 'in_progress', 'in_test', 'resolved', 'closed', 'reopened'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export type AckState = 'pending' | 'sent' | 'suppressed' | 'failed';

export interface Customer {
  email: string;
  name: string;
}
