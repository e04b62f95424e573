// Which pipeline stage runs each job of the case queue. A job that finds itself early
// (the app's clock is behind the queue's) goes back to wait the difference.
import { DelayedError, type Job } from 'bullmq';
import { JOB, type JobData, type JobName } from '../adapters/redis/caseJobs.js';
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
import type { AfterResolutionStep, SilenceStep } from '../pipeline/case/ports.js';
import { deliverOutbox } from '../pipeline/notify/deliverOutbox.js';
import { afterResolution } from '../pipeline/survey/afterResolution.js';
import { applyAnswer } from '../pipeline/survey/applyAnswer.js';
import { lateCustomerMail } from '../pipeline/survey/lateCustomerMail.js';
import type { SurveyDeps } from '../pipeline/survey/ports.js';
import { mailReports, type ReportMailDeps } from '../pipeline/report/mailReports.js';
import { applyRetention, type RetentionDeps } from '../pipeline/retention/applyRetention.js';
import { drawCallbacks, type CallbackDeps } from '../pipeline/callback/drawCallbacks.js';

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

export function caseJobHandler(d: StageDeps): (job: Job, token?: string) => Promise<unknown> {
  const later = async (job: Job, token: string | undefined, notBefore: Date) => {
    await job.moveToDelayed(Date.now() + Math.max(1000, notBefore.getTime() - d.now().getTime()), token);
    throw new DelayedError();
  };
  return async (job, token) => {
    const { caseId = '', messageKey = '', due = 0, outboxId = '', step, at, answerId = '' } = job.data as JobData;
    switch (job.name as JobName) {
      case JOB.screen:
        return screenCase(caseId, d.screen);
      case JOB.acknowledge:
        return acknowledgeCase(caseId, d.acknowledge);
      case JOB.route:
        return routeCase(caseId, d.route);
      case JOB.remind:
      case JOB.escalate: {
        const early = await checkConfirmation(caseId, job.name === JOB.remind ? 'remind' : 'escalate', d.route);
        return early ? later(job, token, early.notBefore) : undefined;
      }
      case JOB.apply:
        return applyStaffReply(caseId, messageKey, d.work);
      case JOB.forward:
        return forwardCustomerReply(caseId, messageKey, d.work);
      case JOB.deadline: {
        const early = await checkDeadline(caseId, due, d.work);
        return early ? later(job, token, early.notBefore) : undefined;
      }
      case JOB.firstResponse: {
        const early = await checkFirstResponse(caseId, due, d.work);
        return early ? later(job, token, early.notBefore) : undefined;
      }
      case JOB.silence: {
        const early = await customerSilence(step as SilenceStep, caseId, due, new Date(at ?? due), d.work);
        return early ? later(job, token, early.notBefore) : undefined;
      }
      case JOB.deliver:
        await deliverOutbox(outboxId, d.route);
        return;
      case JOB.afterResolution: {
        const early = await afterResolution(step as AfterResolutionStep, caseId, due, new Date(at ?? due), d.survey);
        return early ? later(job, token, early.notBefore) : undefined;
      }
      case JOB.answer:
        // The answer job also applies the answers given by a consent link (their own ids).
        return isLinkAnswer(answerId) ? applyLinkAnswer(caseId, answerId, d.work) : applyAnswer(caseId, answerId, d.survey);
      case JOB.lateMail:
        return lateCustomerMail(caseId, messageKey, d.survey);
      case JOB.reportMail:
        await mailReports(d.now(), d.reportMail);
        return;
      case JOB.retention:
        await applyRetention(d.retention);
        return;
      case JOB.callbacks:
        await drawCallbacks(d.callbacks);
        return;
      default:
        throw new Error(`unknown job ${job.name}`);
    }
  };
}
