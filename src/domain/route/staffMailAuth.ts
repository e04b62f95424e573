// How a department's mail proves it was sent by the department (docs/security.md):
// require: a DKIM signature aligned with the From domain; trust-receiver: our receiving
// server's Authentication-Results; off: nothing checked (development only).
export const STAFF_MAIL_AUTH_MODES = ['require', 'trust-receiver', 'off'] as const;
export type StaffMailAuthMode = (typeof STAFF_MAIL_AUTH_MODES)[number];
