// Which pipeline stage runs each kind of job (pipeline/jobs/jobKinds): one entry per kind,
// given its kind's checked data; the compiler refuses a table that leaves a kind out.
import { screenCase, type ScreenDeps } from '../pipeline/classify/screenCase.js';
import { acknowledgeCase, type AcknowledgeDeps } from '../pipeline/notify/acknowledgeCase.js';
import { routeCase, type RouteDeps } from '../pipeline/route/routeCase.js';
import { checkConfirmation } from '../pipeline/route/checkConfirmation.js';
import { applyStaffReply } from '../pipeline/case/applyStaffReply.js';
import { forwardCustomerReply } from '../pipeline/case/forwardCustomerReply.js';
import type { CaseWorkDeps } from '../pipeline/case/caseWorkDeps.js';
import { applyLinkAnswer, isLinkAnswer, type LinkAnswerStore } from '../pipeline/case/linkAnswers.js';
import { checkDeadline } from '../pipeline/sla/checkDeadline.js';
import { checkFirstResponse } from '../pipeline/sla/checkFirstResponse.js';
import { customerSilence } from '../pipeline/sla/customerSilence.js';
import { deliverOutbox } from '../pipeline/notify/deliverOutbox.js';
import { afterResolution } from '../pipeline/survey/afterResolution.js';
import { applyAnswer } from '../pipeline/survey/applyAnswer.js';
import { lateCustomerMail } from '../pipeline/survey/lateCustomerMail.js';
import type { SurveyDeps } from '../pipeline/survey/ports.js';
import { mailReports, type ReportMailDeps } from '../pipeline/report/mailReports.js';
import { applyRetention, type RetentionDeps } from '../pipeline/retention/applyRetention.js';
import { drawCallbacks, type CallbackDeps } from '../pipeline/callback/drawCallbacks.js';
import type { JobHandlers } from '../pipeline/jobs/jobKinds.js';

export interface StageDeps {
  screen: ScreenDeps;
  acknowledge: AcknowledgeDeps;
  route: RouteDeps;
  work: CaseWorkDeps & { links: LinkAnswerStore };
  survey: SurveyDeps;
  reportMail: ReportMailDeps;
  retention: RetentionDeps;
  callbacks: CallbackDeps;
  now: () => Date;
}

export function jobHandlers(d: StageDeps): JobHandlers {
  return {
    screen: ({ caseId }) => screenCase(caseId, d.screen),
    acknowledge: ({ caseId }) => acknowledgeCase(caseId, d.acknowledge),
    route: ({ caseId }) => routeCase(caseId, d.route),
    'confirm-remind': ({ caseId }) => checkConfirmation(caseId, 'remind', d.route),
    'confirm-escalate': ({ caseId }) => checkConfirmation(caseId, 'escalate', d.route),
    'apply-reply': ({ caseId, messageKey }) => applyStaffReply(caseId, messageKey, d.work),
    'forward-reply': ({ caseId, messageKey }) => forwardCustomerReply(caseId, messageKey, d.work),
    'late-mail': ({ caseId, messageKey }) => lateCustomerMail(caseId, messageKey, d.survey),
    // The answer job also applies the answers given by a consent link (their own ids).
    'apply-answer': ({ caseId, answerId }) => (isLinkAnswer(answerId) ? applyLinkAnswer(caseId, answerId, d.work) : applyAnswer(caseId, answerId, d.survey)),
    'sla-deadline': ({ caseId, due }) => checkDeadline(caseId, due, d.work),
    'sla-first-response': ({ caseId, due }) => checkFirstResponse(caseId, due, d.work),
    'customer-silence': ({ caseId, due, step, at }) => customerSilence(step, caseId, due, new Date(at), d.work),
    'after-resolution': ({ caseId, due, step, at }) => afterResolution(step, caseId, due, new Date(at), d.survey),
    'deliver-mail': async ({ outboxId }) => {
      await deliverOutbox(outboxId, d.route);
    },
    'report-mail': async () => {
      await mailReports(d.now(), d.reportMail);
    },
    retention: async () => {
      await applyRetention(d.retention);
    },
    'callback-sample': async () => {
      await drawCallbacks(d.callbacks);
    },
  };
}
