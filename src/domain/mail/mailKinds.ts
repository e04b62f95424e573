// Every kind of mail the desk sends: the outbox entry's `kind`, the timeline's
// `mail.sent` kind, and what the reports measure by it. A new kind of mail is added
// here (and its builder in pipeline/mail/outgoingMail.ts): the compiler asks for its
// measure.

/** What a sent mail counts as in the report figures (null: not measured). */
export type MailMeasure = 'ack' | 'update' | 'survey' | null;

const MAIL_MEASURES = {
  // To the customer.
  acknowledgement: 'ack',
  progress: 'update',
  question: 'update',
  resolution: 'update',
  'solution-proposal': null,
  'suggestion-outcome': null,
  delay: null,
  'awaiting-reminder': null,
  'awaiting-closed': null,
  survey: 'survey',
  'follow-up': null,
  // To staff.
  routing: null,
  'routing-reminder': null,
  'supervisor-legal': null,
  'supervisor-unconfirmed': null,
  'supervisor-no-first-response': null,
  'supervisor-overdue': null,
  'approval-request': null,
  'staff-notice': null,
  'first-response-reminder': null,
  'customer-reply': null,
  refusal: null,
  // Not about one case.
  report: null,
  'template-test': null,
} as const satisfies Record<string, MailMeasure>;

export type MailKind = keyof typeof MAIL_MEASURES;

/** What a sent mail of this kind counts as, read from a stored event (any string). */
export function mailMeasure(kind: string): MailMeasure {
  if (Object.hasOwn(MAIL_MEASURES, kind)) return MAIL_MEASURES[kind as MailKind];
  // A priority's own acknowledgement template is still an acknowledgement.
  return kind.startsWith('acknowledgement') ? 'ack' : null;
}
