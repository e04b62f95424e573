// The case worker ("notify" role): the pipeline stages after intake, run as jobs of the
// three queues (pipeline/jobs/jobKinds): cases (screening, acknowledgement, routing,
// confirmation deadlines, staff replies, customer answers, the SLA clock), outgoing mail
// (delivery) and periodic (reports, retention, call-back sample); plus the timers: the
// reconciler that re-enqueues lost work and drains the queue of earlier versions, the
// scheduled jobs and the report projector.
import { Worker } from 'bullmq';
import { createRedis } from '../adapters/redis/connection.js';
import { ifMutexFree, withMutex } from '../adapters/redis/mutex.js';
import { RedisIncidentBuckets } from '../adapters/redis/incidentBuckets.js';
import { RedisSendReceipts } from '../adapters/redis/sendReceipts.js';
import { SmtpMailer } from '../adapters/smtp/smtpMailer.js';
import { OAuth2TokenSource } from '../adapters/oauth2/tokenSource.js';
import { replyText } from '../adapters/mail/replyText.js';
import { MongoNotifyStore } from '../adapters/mongo/notifyStore.js';
import { MongoOpeningStore } from '../adapters/mongo/openingStore.js';
import { MongoCaseWorkStore } from '../adapters/mongo/caseWorkStore.js';
import { MongoIncidentStore, MongoScreeningStore, unscreenedCases } from '../adapters/mongo/screeningStore.js';
import { ScreeningPool } from '../adapters/worker/screeningPool.js';
import { pendingCaseIds } from '../adapters/mongo/models/lookupModels.js';
import { closedCasesBefore, eraseCases } from '../adapters/mongo/erasure.js';
import { sendAcknowledgement, type AcknowledgeDeps } from '../pipeline/notify/acknowledgeCase.js';
import { scheduleAfterRouting, sendRouting, type RouteDeps } from '../pipeline/route/routeCase.js';
import { sendOpeningMails, type OpeningDeps } from '../pipeline/notify/openingMails.js';
import type { ScreenDeps } from '../pipeline/classify/screenCase.js';
import type { CaseWorkDeps } from '../pipeline/case/caseWorkDeps.js';
import type { LinkAnswerStore } from '../pipeline/case/linkAnswers.js';
import type { SurveyDeps } from '../pipeline/survey/ports.js';
import type { ReportMailDeps } from '../pipeline/report/mailReports.js';
import type { RetentionDeps } from '../pipeline/retention/applyRetention.js';
import type { CallbackDeps } from '../pipeline/callback/drawCallbacks.js';
import { MongoCallbackStore } from '../adapters/mongo/callbackStore.js';
import { MongoContactStore } from '../adapters/mongo/contactStore.js';
import { MongoLinkAnswerStore } from '../adapters/mongo/linkAnswerStore.js';
import { MongoRecognitionStore } from '../adapters/mongo/recognitionStore.js';
import { WebhookNotifier } from '../adapters/notify/webhookNotifier.js';
import { projectAll } from '../pipeline/report/projectEvents.js';
import { reconcileCases } from '../pipeline/recovery/reconcileCases.js';
import { localDay } from '../domain/report/period.js';
import { jobHandlers } from './jobHandlers.js';
import { jobProcessor } from '../adapters/redis/jobProcessor.js';
import { JOB_QUEUES, type JobKind, type JobQueue } from '../pipeline/jobs/jobKinds.js';
import type { AppMetrics } from '../adapters/metrics/appMetrics.js';
import { MailerError, type Mailer } from '../pipeline/notify/ports.js';
import type { Core, RoleHandle } from './core.js';

/** How long the accept / refuse links of a proposal work. */
const CONSENT_LINK_DAYS = 60;
/** How long an adopted suggestion's author may agree to, or withdraw, public recognition by link (then by reply). */
const CREDIT_LINK_DAYS = 5 * 365;

export interface NotifyRole extends RoleHandle {
  workers: Worker[];
  mailer: SmtpMailer;
}

export async function startNotifyRole(core: Core): Promise<NotifyRole> {
  const { config, opts, log, now, redis, queues, jobs, templates, screening, outbox, support, ownAddresses, autoReplies, timeZone, metrics } = core;
  const smtp = new SmtpMailer(config.SMTP_URL, config.SMTP_OAUTH2 ? new OAuth2TokenSource(config.SMTP_OAUTH2, log) : undefined);
  const mailer = countedMailer(smtp, metrics);
  const receipts = new RedisSendReceipts(redis, core.dataPrefix);
  const otherChannels = config.NOTIFY_WEBHOOK_URL ? { notifier: new WebhookNotifier(config.NOTIFY_WEBHOOK_URL), contacts: new MongoContactStore(), log } : undefined;
  const acknowledge: AcknowledgeDeps = {
    store: new MongoNotifyStore(),
    faq: (category) => core.faqs.answers(category),
    outbox,
    mailer,
    receipts,
    otherChannels,
    templates,
    config: () => screening.config(),
    jobs,
    support,
    ownAddresses,
    autoReplies,
    autoReplyCapPerDay: config.AUTO_REPLY_CAP_PER_DAY,
    log,
    now,
    acknowledged: (receivedAt, sentAt) => metrics.ackLatency.observe(Math.max(0, (sentAt.getTime() - receivedAt.getTime()) / 1000)),
  };
  const route: RouteDeps = {
    store: core.routingStore,
    runtime: screening,
    templates,
    jobs,
    confirmations: jobs,
    deadlines: jobs,
    outbox,
    mailer,
    receipts,
    otherChannels,
    support,
    replyTokenSecret: core.keys.reply.current,
    attachmentsOut: { maxBytes: config.ATTACHMENTS_OUT_MAX_MB * 1024 * 1024, caseUrl: (caseNumber) => `${config.PUBLIC_URL}/console/cases/${caseNumber}` },
    log,
    now,
  };
  const opening: OpeningDeps = {
    store: new MongoOpeningStore(),
    acknowledge: (ctx) => sendAcknowledgement(ctx, acknowledge),
    route: (ctx) => sendRouting(ctx, route),
    afterRouting: (ctx, routed) => scheduleAfterRouting(ctx, routed, route),
  };
  const screeningStore = new MongoScreeningStore();
  const incidentBuckets = new RedisIncidentBuckets(redis, core.dataPrefix);
  const screener = new ScreeningPool(config.SCREEN_THREADS, config.SCREEN_TIME_LIMIT_MS, (key, ms) => log.info({ event: 'classifier.trained', key, ms }, 'classifier trained in a screening thread'));
  screener.prepare(await screening.training());
  const screen: ScreenDeps = {
    store: screeningStore,
    buckets: incidentBuckets,
    incidents: new MongoIncidentStore(),
    runtime: screening,
    screener,
    sendOpeningMails: (caseId, screened, decisions) => sendOpeningMails(caseId, opening, screened, decisions),
    log,
    now,
  };
  const work: CaseWorkDeps & { links: LinkAnswerStore } = {
    ...route,
    work: countedBreaches(new MongoCaseWorkStore(), metrics),
    lock: (caseId, fn) => withMutex(redis, `${config.QUEUE_PREFIX}:case-work:${caseId}`, { leaseMs: 120_000, waitMs: 130_000, what: `the work lock of case ${caseId}` }, fn),
    replyText,
    learn: { texts: screeningStore, examples: core.settings, runtime: screening, now },
    // A proposal's links work as long as the case may wait for the customer's answer.
    consentLink: (caseNumber, choice, stamp) => core.consentLink({ purpose: 'proposal', caseNumber, choice, stamp, expiresAt: new Date(now().getTime() + CONSENT_LINK_DAYS * 86400_000) }),
    creditLink: (caseNumber, choice, stamp) => core.consentLink({ purpose: 'credit', caseNumber, choice, stamp, expiresAt: new Date(now().getTime() + CREDIT_LINK_DAYS * 86400_000) }),
    recognitions: new MongoRecognitionStore(),
    links: new MongoLinkAnswerStore(),
  };
  const survey: SurveyDeps = { ...work, answers: core.answers, surveyLink: core.surveyLink };
  const retention: RetentionDeps = {
    policy: async () => (await screening.config()).retention,
    closedCasesBefore,
    erase: async (caseIds, action) => {
      await core.reportDeps.erasures.mark(caseIds);
      await incidentBuckets.forget(caseIds);
      return eraseCases(caseIds, action, await timeZone(), core.reportDeps.erasures);
    },
    now,
    log,
  };
  const callbacks: CallbackDeps = { store: new MongoCallbackStore(), rate: async () => (await screening.config()).callbacks.rate, timeZone, now, random: Math.random, log };
  const reportMail: ReportMailDeps = {
    rollups: core.rollups,
    templates,
    outbox,
    deliver: (id) => jobs.deliver(id),
    settings: async () => {
      const c = await screening.config();
      return { timeZone: await timeZone(), departments: c.departments.map((d) => d.id), ...c.reports };
    },
    support,
    publicUrl: config.PUBLIC_URL,
  };

  // The workers' own connection (each blocks waiting for jobs); BullMQ leaves a connection
  // it was given open on close, so stop() closes it. Case work and mail delivery run
  // WORKER_CONCURRENCY jobs each (a mail waiting on SMTP holds no case work back); the
  // periodic runs are heavy and rare, one at a time.
  const workerRedis = createRedis(config.REDIS_URL, log);
  const handlers = jobHandlers({ screen, acknowledge, route, work, survey, reportMail, retention, callbacks, now });
  const concurrency: Record<JobQueue, number> = { cases: config.WORKER_CONCURRENCY, 'outgoing-mail': config.WORKER_CONCURRENCY, periodic: 1 };
  // A job whose worker died (a crash, a deploy, a lost Redis) is taken up again; BullMQ's
  // default fails it at its second such stall, so two restarts during one job failed it
  // (until the reconciler revived it). A job that itself kills its process still ends
  // failed, after this many.
  const MAX_STALLS = 3;
  const workers = JOB_QUEUES.map((q) => {
    const queue = queues[q];
    const worker = new Worker(queue.name, jobProcessor(q, handlers, now), { connection: workerRedis, prefix: config.QUEUE_PREFIX, concurrency: concurrency[q], maxStalledCount: MAX_STALLS });
    worker.on('completed', (job) => metrics.jobsCompleted.inc({ job: job.name }));
    worker.on('failed', (job) => metrics.jobsFailed.inc({ job: job?.name ?? 'unknown' }));
    worker.on('completed', (job) => void jobs.completed(job).catch((err: Error) => log.warn({ event: 'job.uncrossed', job: job.id, error: err.message }, 'could not cross off a done job; the reconciler will')));
    worker.on('failed', (job, err) => log.warn({ event: 'job.failed', queue: queue.name, job: job?.id, attempt: job?.attemptsMade, error: err.message }, 'job failed'));
    worker.on('error', (err) => log.error({ event: 'worker.error', queue: queue.name, error: err.message }, 'worker error'));
    return worker;
  });

  // The monthly (and quarterly) reports go out at 07:00 on the 1st, business time; the
  // retention policy (P-6) runs every night at 03:00; the call-back sample of the month
  // just ended is drawn at 06:00 on the 1st. Registered at start (in the
  // business time zone of the moment); each reconcile pass registers a missing one
  // again (a Redis that lost its data has lost them) and leaves an existing one alone
  // (upserting it again can be refused: its next run's job id exists).
  const schedules: Array<{ id: string; pattern: string; name: JobKind }> = [
    { id: 'report-mail', pattern: '0 7 1 * *', name: 'report-mail' },
    { id: 'retention', pattern: '0 3 * * *', name: 'retention' },
    { id: 'callback-sample', pattern: '0 6 1 * *', name: 'callback-sample' },
  ];
  const periodic = queues.periodic;
  const schedule = async (onlyMissing: boolean) => {
    const tz = await timeZone();
    for (const { id, pattern, name } of schedules) {
      if (onlyMissing && (await periodic.getJobScheduler(id))) continue;
      await periodic.upsertJobScheduler(id, { pattern, tz }, { name, data: {}, opts: { attempts: 5, backoff: { type: 'exponential', delay: 60_000 } } });
    }
  };
  const drainLegacy = () => jobs.drainLegacy().catch((err: Error) => log.error({ event: 'job.legacy_failed', error: err.message }, 'could not move the jobs of an earlier version; the next reconcile pass retries'));
  const reconcile = () =>
    Promise.all([
      schedule(true).catch((err: Error) => log.error({ event: 'schedule.failed', error: err.message }, 'could not register the scheduled jobs; the next reconcile pass retries')),
      drainLegacy(),
      reconcileCases({ pending: pendingCaseIds, unscreened: unscreenedCases, requeue: (kind, caseId, o) => jobs.requeue({ kind, data: { caseId } }, o), requeueWrittenDown: (olderThan, limit) => jobs.requeueWrittenDown(olderThan, limit), now, log }, opts.reconcileGraceMs).catch((err: Error) =>
        log.error({ event: 'case.reconcile_failed', error: err.message }, 'reconcile failed'),
      ),
    ]);
  const timer = setInterval(reconcile, opts.reconcileEveryMs ?? 60_000);
  // Timeline events into the report rollups, by one worker at a time (any may do it).
  let projecting: Promise<unknown> | null = null;
  const project = () =>
    ifMutexFree(redis, `${config.QUEUE_PREFIX}:report-projector`, 300_000, async () => {
      await projectAll(core.reportDeps, localDay(now(), await timeZone()));
    }).catch((err: Error) => log.error({ event: 'report.project_failed', error: err.message }, 'could not count events into the reports; the next run retries'));
  // Every 5 s, not every second: each run writes the touched rollups and cases once, so
  // under a burst fewer, larger runs save writes (in the bench, about two per case).
  const reportTimer = setInterval(() => {
    projecting ??= project().finally(() => (projecting = null));
  }, opts.reportEveryMs ?? 5000);
  await schedule(false);
  await drainLegacy();

  return {
    workers,
    mailer: smtp,
    stop: async () => {
      clearInterval(timer);
      clearInterval(reportTimer);
      await projecting;
      await Promise.all(workers.map((w) => w.close()));
      await screener.close();
      workerRedis.disconnect();
      smtp.close();
    },
  };
}

/** The mailer, counting what it sends and what fails. */
function countedMailer(mailer: SmtpMailer, metrics: AppMetrics): Mailer {
  return {
    send: async (entry) => {
      try {
        const sent = await mailer.send(entry);
        metrics.mailsSent.inc({ kind: entry.kind });
        return sent;
      } catch (err) {
        metrics.sendFailures.inc({ kind: entry.kind, permanent: String(err instanceof MailerError && err.permanent) });
        throw err;
      }
    },
  };
}

/** The case store, counting each missed expected time (an SLA breach) as it is recorded. */
function countedBreaches(store: MongoCaseWorkStore, metrics: AppMetrics): MongoCaseWorkStore {
  const markMissed = store.markMissed.bind(store);
  store.markMissed = async (...args) => {
    await markMissed(...args);
    metrics.slaBreaches.inc();
  };
  return store;
}
