// The facts every stage reads first about a case, from its stored document.
import type { Customer } from '../../domain/case/case.js';
import type { Locale } from '../../domain/intake/language.js';

interface CaseDoc {
  number: string;
  subject?: string | null;
  locale?: string | null;
  customer: { email: string; name?: string | null };
  receivedAt: Date;
}

export function caseHead(caseId: string, c: CaseDoc): { caseId: string; caseNumber: string; subject: string; locale: Locale; customer: Customer; receivedAt: Date } {
  return {
    caseId,
    caseNumber: c.number,
    subject: c.subject ?? '',
    locale: (c.locale ?? 'en') as Locale,
    customer: { email: c.customer.email, name: c.customer.name ?? '' },
    receivedAt: c.receivedAt,
  };
}
