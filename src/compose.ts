// The composition root: the one place that builds adapters and hands them to the
// pipeline stages. A process runs any set of roles from here: the IMAP pollers
// (intake), the case worker ("notify": screening, acknowledgements, routing, the
// confirmation deadlines, staff replies, customer answers, the SLA clock, mail
// delivery), and the HTTP server.
import { hostname } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import mongoose from 'mongoose';
import { DelayedError, Queue, Worker, type Job } from 'bullmq';
import type { Logger } from 'pino';
import type { Config } from './config/env.js';
import { connectMongo, mongoState } from './adapters/mongo/connection.js';
import { useDocumentLocks } from './adapters/mongo/documentLocks.js';
import { MongoIntakeStore } from './adapters/mongo/intakeStore.js';
import { GridFsAttachmentStore } from './adapters/mongo/attachmentStore.js';
import { MongoQuarantineStore } from './adapters/mongo/quarantineStore.js';
import { MongoCursorStore } from './adapters/mongo/cursorStore.js';
import { MongoNotifyStore } from './adapters/mongo/notifyStore.js';
import { MongoOpeningStore } from './adapters/mongo/openingStore.js';
import { MongoOutboxStore } from './adapters/mongo/outboxStore.js';
import { createRedis, checkRedis } from './adapters/redis/connection.js';
import { BullCaseJobs, CASE_QUEUE, JOB, type JobData, type JobName } from './adapters/redis/caseJobs.js';
import { withMutex } from './adapters/redis/mutex.js';
import { MongoJobMarkers } from './adapters/mongo/pendingJobStore.js';
import { MongoCaseWorkStore } from './adapters/mongo/caseWorkStore.js';
import { replyText } from './adapters/mail/replyText.js';
import { MailboxPoller } from './adapters/imap/mailboxPoller.js';
import { MailboxLease } from './adapters/redis/mailboxLease.js';
import { RedisIncidentBuckets } from './adapters/redis/incidentBuckets.js';
import { RedisSendReceipts } from './adapters/redis/sendReceipts.js';
import { RedisAutoReplyCounts } from './adapters/redis/autoReplyCounts.js';
import { SmtpMailer } from './adapters/smtp/smtpMailer.js';
import { parseMail } from './adapters/mail/parseMail.js';
import { HandlebarsRenderer } from './adapters/templates/handlebarsRenderer.js';
import { startHttp, type Health } from './adapters/http/server.js';
import { MongoSettingsStore } from './adapters/mongo/settingsStore.js';
import { MongoIncidentStore, MongoScreeningStore } from './adapters/mongo/screeningStore.js';
import { MongoRoutingStore } from './adapters/mongo/routingStore.js';
import { pendingCaseIds } from './adapters/mongo/models/lookupModels.js';
import { readReplyToken } from './domain/route/replyToken.js';
import { departmentsOf } from './domain/route/staff.js';
import { ingestMail, rejectOversize, type IntakeDeps } from './pipeline/intake/ingestMail.js';
import type { StaffDirectory } from './pipeline/intake/ports.js';
import { ScreeningRuntime } from './pipeline/classify/screeningRuntime.js';
import { screenCase, type ScreenDeps } from './pipeline/classify/screenCase.js';
import { acknowledgeCase, sendAcknowledgement, type AcknowledgeDeps } from './pipeline/notify/acknowledgeCase.js';
import { routeCase, scheduleAfterRouting, sendRouting, type RouteDeps } from './pipeline/route/routeCase.js';
import { sendOpeningMails, type OpeningDeps } from './pipeline/notify/openingMails.js';
import { checkConfirmation } from './pipeline/route/checkConfirmation.js';
import { applyStaffReply } from './pipeline/case/applyStaffReply.js';
import { forwardCustomerReply } from './pipeline/case/forwardCustomerReply.js';
import type { CaseWorkDeps } from './pipeline/case/caseWorkDeps.js';
import { checkDeadline } from './pipeline/sla/checkDeadline.js';
import { deliverOutbox } from './pipeline/notify/deliverOutbox.js';
import type { RefusalDeps } from './pipeline/intake/explainRefusal.js';
import { MongoAnswerStore, surveyCase } from './adapters/mongo/answerStore.js';
import { composeMail } from './adapters/mail/composeMail.js';
import type { PublicSite } from './adapters/http/publicRoutes.js';
import type { ConsoleSite } from './adapters/http/console/consoleRoutes.js';
import { Accounts } from './adapters/http/console/accounts.js';
import { MongoTemplateStore } from './adapters/mongo/templateStore.js';
import { signSurveyLink } from './domain/survey/surveyLink.js';
import { afterResolution } from './pipeline/survey/afterResolution.js';
import { applyAnswer } from './pipeline/survey/applyAnswer.js';
import { lateCustomerMail } from './pipeline/survey/lateCustomerMail.js';
import type { SurveyDeps } from './pipeline/survey/ports.js';
import { MongoRollupStore } from './adapters/mongo/rollupStore.js';
import { MongoFaqStore } from './adapters/mongo/faqStore.js';
import { MongoReportSource } from './adapters/mongo/reportSource.js';
import { ifMutexFree } from './adapters/redis/mutex.js';
import { projectAll } from './pipeline/report/projectEvents.js';
import { localDay } from './domain/report/period.js';
import type { ReportDeps } from './pipeline/report/ports.js';
import { mailReports, type ReportMailDeps } from './pipeline/report/mailReports.js';
import { applyRetention, type RetentionDeps } from './pipeline/retention/applyRetention.js';
import { closedCasesBefore, eraseCases } from './adapters/mongo/erasure.js';
import { reconcileCases } from './pipeline/recovery/reconcileCases.js';

export type Role = 'intake' | 'notify' | 'http';
export const ALL_ROLES: Role[] = ['intake', 'notify', 'http'];

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export interface ComposeOptions {
  templatesDir?: string;
  now?: () => Date;
  reconcileEveryMs?: number;
  /** How long case work may stay pending before the reconciler re-enqueues it (default a minute). */
  reconcileGraceMs?: number;
  /** How often a worker looks for a changed configuration or new labelled examples. */
  settingsRefreshMs?: number;
  /** How often a worker counts new timeline events into the report rollups. */
  reportEveryMs?: number;
}

export interface RunningApp {
  pollers: MailboxPoller[];
  /** The configuration and classifier in use (and the way to reload them). */
  screening: ScreeningRuntime;
  settings: MongoSettingsStore;
  queue: Queue;
  health(): Promise<Health>;
  /** Finishes in-flight work, then closes every connection. */
  stop(): Promise<void>;
}

export async function startApp(config: Config, roles: Role[], log: Logger, opts: ComposeOptions = {}): Promise<RunningApp> {
  const now = opts.now ?? (() => new Date());
  const templates = await HandlebarsRenderer.load(opts.templatesDir ?? path.join(ROOT, 'templates'));
  const mongo = await connectMongo(config.MONGODB_URL, config.MONGODB_POOL_SIZE);
  // Admins' template edits are used by every process; each looks for new ones every second or two.
  const templateStore = new MongoTemplateStore();
  const reloadTemplates = async () => templates.useOverrides(await templateStore.inUse());
  await reloadTemplates();
  const templateTimer = setInterval(() => void reloadTemplates().catch(() => undefined), Math.max(250, opts.settingsRefreshMs ?? 2000));
  const redis = createRedis(config.REDIS_URL, log);
  await checkRedis(redis, config.REDIS_URL, log);
  useDocumentLocks(mongo.ferretdb ? redis : null, config.QUEUE_PREFIX);

  const queue = new Queue(CASE_QUEUE, { connection: redis, prefix: config.QUEUE_PREFIX });
  const jobs = new BullCaseJobs(queue, new MongoJobMarkers(), now);
  const fromRoot = (file: string) => path.resolve(ROOT, file);
  const settings = new MongoSettingsStore({ configFile: fromRoot(config.SCREENING_CONFIG_FILE), examplesFile: fromRoot(config.CLASSIFIER_SEED_FILE) });
  await settings.seedIfEmpty(now());
  const screening = new ScreeningRuntime(settings, log, opts.settingsRefreshMs);
  await screening.classifier(); // an invalid stored configuration stops the start, naming the field
  const routingStore = new MongoRoutingStore();
  const support = { address: config.SUPPORT_ADDRESS, name: config.SUPPORT_NAME, company: config.COMPANY_NAME };
  const ownAddresses = [config.SUPPORT_ADDRESS, ...config.IMAP_URL.map((b) => b.user).filter((u) => u.includes('@')), ...config.OWN_ADDRESSES].map((a) => a.toLowerCase());
  const outbox = new MongoOutboxStore();
  const stoppers: Array<() => Promise<void>> = [];
  const pollers: MailboxPoller[] = [];
  let mailer: SmtpMailer | null = null;
  let worker: Worker | null = null;

  // Mail, the feedback form and the intake API all enter through the same intake.
  const autoReplies = new RedisAutoReplyCounts(redis, config.QUEUE_PREFIX);
  const refusals: RefusalDeps = { templates, outbox, jobs, support, ownAddresses, autoReplies, autoReplyCapPerDay: config.AUTO_REPLY_CAP_PER_DAY, now, log };
  const intake: IntakeDeps = {
    store: new MongoIntakeStore(),
    attachments: new GridFsAttachmentStore(),
    quarantine: new MongoQuarantineStore(),
    jobs,
    staff: staffDirectory(config, screening, routingStore),
    refusals,
    reopenWindowDays: async () => (await screening.config()).survey.reopenWindowDays,
    now,
    parse: (raw) => parseMail(raw),
    casePrefix: config.CASE_PREFIX,
    ownAddresses,
    log,
  };
  const answers = new MongoAnswerStore();
  const rollups = new MongoRollupStore();
  const faqs = new MongoFaqStore();
  const timeZone = async () => (await screening.config()).priorityPolicy.businessHours.timeZone;
  const reportDeps: ReportDeps = { source: new MongoReportSource(), rollups, timeZone };
  const surveyLink = (caseNumber: string, score: number, expiresAt: Date) => `${config.PUBLIC_URL}/s/${signSurveyLink({ caseNumber, score, expiresAt }, config.SURVEY_SECRET)}`;

  if (roles.includes('intake')) {
    const cursors = new MongoCursorStore();
    const maxBytes = config.MAX_MESSAGE_MB * 1024 * 1024;
    for (const box of config.IMAP_URL) {
      const poller = new MailboxPoller({
        box,
        cursors,
        ingest: (raw, source) => ingestMail(raw, source, intake),
        rejectOversize: (source, size, summary) => rejectOversize(source, size, summary, maxBytes, intake),
        maxBytes,
        pollMs: config.IMAP_POLL_SECONDS * 1000,
        concurrency: config.INTAKE_CONCURRENCY,
        lease: new MailboxLease(redis, `${config.QUEUE_PREFIX}:mailbox-lease:${box.key}`, { ttlMs: config.IMAP_LEASE_SECONDS * 1000, holder: `${hostname()}:${process.pid}` }),
        log,
      });
      poller.start();
      pollers.push(poller);
    }
    stoppers.push(() => Promise.all(pollers.map((p) => p.stop())).then(() => undefined));
  }

  if (roles.includes('notify')) {
    mailer = new SmtpMailer(config.SMTP_URL);
    const receipts = new RedisSendReceipts(redis, config.QUEUE_PREFIX);
    const ackDeps: AcknowledgeDeps = {
      store: new MongoNotifyStore(),
      faq: (category) => faqs.answers(category),
      outbox,
      mailer,
      receipts,
      templates,
      config: () => screening.config(),
      jobs,
      support,
      ownAddresses,
      autoReplies,
      autoReplyCapPerDay: config.AUTO_REPLY_CAP_PER_DAY,
      log,
      now,
    };
    const routeDeps: RouteDeps = {
      store: routingStore,
      runtime: screening,
      templates,
      jobs,
      confirmations: jobs,
      deadlines: jobs,
      outbox,
      mailer,
      receipts,
      support,
      replyTokenSecret: config.REPLY_TOKEN_SECRET,
      log,
      now,
    };
    const openingDeps: OpeningDeps = {
      store: new MongoOpeningStore(),
      acknowledge: (ctx) => sendAcknowledgement(ctx, ackDeps),
      route: (ctx) => sendRouting(ctx, routeDeps),
      afterRouting: (ctx, routed) => scheduleAfterRouting(ctx, routed, routeDeps),
    };
    const screeningStore = new MongoScreeningStore();
    const incidentBuckets = new RedisIncidentBuckets(redis, config.QUEUE_PREFIX);
    const screenDeps: ScreenDeps = {
      store: screeningStore,
      buckets: incidentBuckets,
      incidents: new MongoIncidentStore(),
      runtime: screening,
      sendOpeningMails: (caseId, screened) => sendOpeningMails(caseId, openingDeps, screened),
      log,
      now,
    };
    const workDeps: CaseWorkDeps = {
      ...routeDeps,
      work: new MongoCaseWorkStore(),
      lock: (caseId, fn) => withMutex(redis, `${config.QUEUE_PREFIX}:case-work:${caseId}`, { leaseMs: 120_000, waitMs: 130_000, what: `the work lock of case ${caseId}` }, fn),
      replyText,
      learn: { texts: screeningStore, examples: settings, runtime: screening, now },
    };
    const surveyDeps: SurveyDeps = { ...workDeps, answers, surveyLink };
    const retentionDeps: RetentionDeps = {
      policy: async () => (await screening.config()).retention,
      closedCasesBefore,
      erase: async (caseIds, action) => {
        await incidentBuckets.forget(caseIds);
        return eraseCases(caseIds, action, await timeZone());
      },
      now,
      log,
    };
    const reportMailDeps: ReportMailDeps = {
      rollups,
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
    // An early delayed job (the app's clock is behind the queue's) waits the difference.
    const later = async (job: Job, token: string | undefined, notBefore: Date) => {
      await job.moveToDelayed(Date.now() + Math.max(1000, notBefore.getTime() - now().getTime()), token);
      throw new DelayedError();
    };
    // The worker's own connection (it blocks waiting for jobs); BullMQ leaves a connection
    // it was given open on close, so stop() closes it.
    const workerRedis = createRedis(config.REDIS_URL, log);
    worker = new Worker(
      CASE_QUEUE,
      async (job, token) => {
        const { caseId = '', messageKey = '', due = 0, outboxId = '', step, at, answerId = '' } = job.data as JobData;
        switch (job.name as JobName) {
          case JOB.screen:
            return screenCase(caseId, screenDeps);
          case JOB.acknowledge:
            return acknowledgeCase(caseId, ackDeps);
          case JOB.route:
            return routeCase(caseId, routeDeps);
          case JOB.remind:
          case JOB.escalate: {
            const early = await checkConfirmation(caseId, job.name === JOB.remind ? 'remind' : 'escalate', routeDeps);
            return early ? later(job, token, early.notBefore) : undefined;
          }
          case JOB.apply:
            return applyStaffReply(caseId, messageKey, workDeps);
          case JOB.forward:
            return forwardCustomerReply(caseId, messageKey, workDeps);
          case JOB.deadline: {
            const early = await checkDeadline(caseId, due, workDeps);
            return early ? later(job, token, early.notBefore) : undefined;
          }
          case JOB.deliver:
            await deliverOutbox(outboxId, routeDeps);
            return;
          case JOB.afterResolution: {
            const early = await afterResolution(step!, caseId, due, new Date(at ?? due), surveyDeps);
            return early ? later(job, token, early.notBefore) : undefined;
          }
          case JOB.answer:
            return applyAnswer(caseId, answerId, surveyDeps);
          case JOB.lateMail:
            return lateCustomerMail(caseId, messageKey, surveyDeps);
          case JOB.reportMail:
            await mailReports(now(), reportMailDeps);
            return;
          case JOB.retention:
            await applyRetention(retentionDeps);
            return;
          default:
            throw new Error(`unknown job ${job.name}`);
        }
      },
      { connection: workerRedis, prefix: config.QUEUE_PREFIX, concurrency: config.WORKER_CONCURRENCY },
    );
    worker.on('completed', (job) => void jobs.completed(job).catch((err: Error) => log.warn({ event: 'job.uncrossed', job: job.id, error: err.message }, 'could not cross off a done job; the reconciler will')));
    worker.on('failed', (job, err) => log.warn({ event: 'job.failed', queue: CASE_QUEUE, job: job?.id, attempt: job?.attemptsMade, error: err.message }, 'job failed'));
    worker.on('error', (err) => log.error({ event: 'worker.error', error: err.message }, 'worker error'));
    // The monthly (and quarterly) reports go out at 07:00 on the 1st, business time; the
    // retention policy (P-6) runs every night at 03:00. Registered at start (in the
    // business time zone of the moment); each reconcile pass registers a missing one
    // again (a Redis that lost its data has lost them) and leaves an existing one alone
    // (upserting it again can be refused: its next run's job id exists).
    const schedules = [
      { id: 'report-mail', pattern: '0 7 1 * *', name: JOB.reportMail },
      { id: 'retention', pattern: '0 3 * * *', name: JOB.retention },
    ];
    const schedule = async (onlyMissing: boolean) => {
      const tz = await timeZone();
      for (const { id, pattern, name } of schedules) {
        if (onlyMissing && (await queue.getJobScheduler(id))) continue;
        await queue.upsertJobScheduler(id, { pattern, tz }, { name, data: {}, opts: { attempts: 5, backoff: { type: 'exponential', delay: 60_000 } } });
      }
    };
    const reconcile = () =>
      Promise.all([
        schedule(true).catch((err: Error) => log.error({ event: 'schedule.failed', error: err.message }, 'could not register the scheduled jobs; the next reconcile pass retries')),
        reconcileCases({ pending: pendingCaseIds, requeue: (name, id, opts) => jobs.requeue(JOB[name], id, { caseId: id }, opts), requeueWrittenDown: (olderThan, limit) => jobs.requeueWrittenDown(olderThan, limit), now, log }, opts.reconcileGraceMs).catch((err: Error) =>
          log.error({ event: 'case.reconcile_failed', error: err.message }, 'reconcile failed'),
        ),
      ]);
    const timer = setInterval(reconcile, opts.reconcileEveryMs ?? 60_000);
    // Timeline events into the report rollups, by one worker at a time (any may do it).
    let projecting: Promise<unknown> | null = null;
    const project = () =>
      ifMutexFree(redis, `${config.QUEUE_PREFIX}:report-projector`, 300_000, async () => {
        await projectAll(reportDeps, localDay(now(), await timeZone()));
      }).catch((err: Error) =>
        log.error({ event: 'report.project_failed', error: err.message }, 'could not count events into the reports; the next run retries'),
      );
    // Every 5 s, not every second: each run writes the touched rollups and cases once, so
    // under a burst fewer, larger runs save writes (in the bench, about two per case).
    const reportTimer = setInterval(() => {
      projecting ??= project().finally(() => (projecting = null));
    }, opts.reportEveryMs ?? 5000);
    await schedule(false);
    stoppers.push(async () => {
      clearInterval(timer);
      clearInterval(reportTimer);
      await projecting;
      await worker!.close();
      workerRedis.disconnect();
      mailer!.close();
    });
  }

  const health = async (): Promise<Health> => {
    const components: Record<string, unknown> = {
      mongo: mongoState(),
      redis: redis.status,
    };
    if (roles.includes('intake')) components.mailboxes = pollers.map((p) => p.state);
    if (worker) components.worker = { running: worker.isRunning(), smtp: mailer!.state };
    const ok =
      mongoState() === 'connected' &&
      redis.status === 'ready' &&
      pollers.every((p) => ['idle', 'syncing', 'standby'].includes(p.state.status)) &&
      (!worker || worker.isRunning());
    return { ok, components };
  };

  if (roles.includes('http')) {
    const site: PublicSite = {
      company: config.COMPANY_NAME,
      formSecret: config.SURVEY_SECRET,
      apiKeys: config.INTAKE_API_KEYS,
      now,
      survey: {
        secret: config.SURVEY_SECRET,
        caseByNumber: surveyCase,
        answers,
        applyAnswer: (caseId, answerId) => jobs.applyAnswer(caseId, answerId),
        now,
      },
      allow: async (ip) => {
        const key = `${config.QUEUE_PREFIX}:form-limit:${ip}:${Math.floor(now().getTime() / 3600_000)}`;
        const n = await redis.incr(key);
        if (n === 1) await redis.expire(key, 3600);
        return n <= config.FORM_LIMIT_PER_HOUR;
      },
      submit: async (s) => {
        const raw = await composeMail({ from: { address: s.email, name: s.name }, to: config.SUPPORT_ADDRESS, subject: s.subject, text: s.text, channel: s.channel, attachments: s.attachments });
        const outcome = await ingestMail(raw, { channel: s.channel, mailboxKey: null, uid: null, receivedAt: now() }, intake);
        return outcome.kind === 'opened' || outcome.kind === 'joined' || outcome.kind === 'duplicate' ? outcome.caseNumber : null;
      },
    };
    const consoleSite: ConsoleSite = {
      accounts: new Accounts(redis, config.QUEUE_PREFIX, now),
      company: config.COMPANY_NAME,
      secureCookies: config.PUBLIC_URL.startsWith('https:'),
      departments: async () => (await screening.config()).departments.map((d) => d.id),
      timeZone: async () => (await screening.config()).priorityPolicy.businessHours.timeZone,
      now,
      admin: { settings, queue, company: config.COMPANY_NAME, now },
      faq: { store: faqs, company: config.COMPANY_NAME, now },
      reports: { reader: rollups, departments: async () => (await screening.config()).departments.map((d) => d.id), timeZone, company: config.COMPANY_NAME, now },
      applyCommands: (caseId, messageKey) => jobs.applyStaffReply(caseId, messageKey),
      templates: {
        renderer: templates,
        store: templateStore,
        reload: reloadTemplates,
        company: config.COMPANY_NAME,
        now,
        sendTest: async (to, mail, id) => {
          const domain = config.SUPPORT_ADDRESS.split('@')[1];
          await outbox.insertIfAbsent({ id, caseId: '', kind: 'template-test', auto: true, from: `"${config.SUPPORT_NAME.replace(/"/g, '')}" <${config.SUPPORT_ADDRESS}>`, to, ...mail, subject: `[TEST] ${mail.subject}`, messageId: `<${id.replace(/[^A-Za-z0-9-]/g, '.')}@${domain}>`, references: [], headers: { 'Auto-Submitted': 'auto-generated' } });
          await jobs.deliver(id);
        },
      },
    };
    const http = await startHttp(config.HTTP_PORT, config.HTTP_HOST, health, site, consoleSite);
    stoppers.unshift(() => http.close());
  }

  log.info({ event: 'app.started', roles, mailboxes: config.IMAP_URL.map((b) => `${b.key} (${b.channel})`), smtp: config.SMTP_URL.url }, 'started');
  return {
    pollers,
    screening,
    settings,
    queue,
    health,
    async stop() {
      clearInterval(templateTimer);
      for (const stop of stoppers) await stop();
      await queue.close();
      redis.disconnect();
      await mongoose.disconnect();
      log.info({ event: 'app.stopped' }, 'stopped');
    },
  };
}

/** Staff replies: reply addresses signed with our key, staff lists from the configuration. */
function staffDirectory(config: Config, screening: ScreeningRuntime, routing: MongoRoutingStore): StaffDirectory {
  return {
    readToken: (recipients) => readReplyToken(recipients, config.SUPPORT_ADDRESS, config.REPLY_TOKEN_SECRET),
    departmentsOf: async (address) => departmentsOf(address, await screening.config()),
    confirm: (caseId, by, department, at) => routing.confirm(caseId, by, department, at),
  };
}
