// What the case-work jobs (staff replies, customer answers, deadlines) share: the routing
// stage's deps (what building a mail needs, the outbox), plus the case store, the lock
// and the clock jobs.
import type { LearnDeps } from '../classify/learnCorrection.js';
import type { RouteDeps } from '../route/routeCase.js';
import type { CaseWorkStore } from './ports.js';
import type { RecognitionStore } from './recognize.js';

export interface CaseWorkDeps extends RouteDeps {
  work: CaseWorkStore;
  /** One job at a time per case: a reply's plan is made and applied with no other in between. */
  lock: <T>(caseId: string, fn: () => Promise<T>) => Promise<T>;
  /** The new text of a reply, without quoted history and signature. */
  replyText: (text: string) => string;
  learn: LearnDeps;
  /** The signed link by which the customer answers a proposal (accept or refuse); the proposal's stamp says which. */
  consentLink?: (caseNumber: string, choice: 'accept' | 'refuse', stamp: number) => string;
  /** The signed link by which an adopted suggestion's author agrees to be named publicly, or withdraws. */
  creditLink?: (caseNumber: string, choice: 'agree' | 'withdraw', stamp: number) => string;
  /** Public recognition of adopted suggestions; without it the outcome mail asks nothing. */
  recognitions?: RecognitionStore;
}
