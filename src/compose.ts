// The composition root: the one place that builds adapters and hands them to the
// pipeline stages. A process runs any set of roles: the IMAP pollers (intake,
// compose/intakeRole), the case worker ("notify": screening, acknowledgements, routing,
// the confirmation deadlines, staff replies, customer answers, the SLA clock, mail
// delivery; compose/notifyRole) and the HTTP server (compose/httpRole). What they share
// is built here (compose/core).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import mongoose from 'mongoose';
import { Queue } from 'bullmq';
import type { Logger } from 'pino';
import type { Config } from './config/env.js';
import { connectMongo, mongoState } from './adapters/mongo/connection.js';
import { useDocumentLocks } from './adapters/mongo/documentLocks.js';
import { watchCaseWrites } from './adapters/mongo/models/caseModel.js';
import { refreshBoards, touchesBoard } from './adapters/mongo/boardIndex.js';
import { beforeBoardReads } from './adapters/mongo/boardStore.js';
import { BoardFeed } from './adapters/redis/boardFeed.js';
import { MongoIntakeStore } from './adapters/mongo/intakeStore.js';
import { GridFsAttachmentStore } from './adapters/mongo/attachmentStore.js';
import { MongoQuarantineStore } from './adapters/mongo/quarantineStore.js';
import { MongoOutboxStore } from './adapters/mongo/outboxStore.js';
import { RedisOutboxBacklog } from './adapters/redis/outboxBacklog.js';
import { AppMetrics, QUEUE_STATES } from './adapters/metrics/appMetrics.js';
import { startMetricsServer } from './adapters/http/metricsServer.js';
import { createRedis, checkRedis } from './adapters/redis/connection.js';
import { BullCaseJobs, LEGACY_QUEUE, queueName, type JobQueues } from './adapters/redis/caseJobs.js';
import { JOB_QUEUES } from './pipeline/jobs/jobKinds.js';
import { databaseTag, taggedPrefix } from './adapters/mongo/databaseTag.js';
import { MongoJobMarkers } from './adapters/mongo/pendingJobStore.js';
import type { MailboxPoller } from './adapters/imap/mailboxPoller.js';
import { RedisAutoReplyCounts } from './adapters/redis/autoReplyCounts.js';
import { parseMail } from './adapters/mail/parseMail.js';
import { HandlebarsRenderer } from './adapters/templates/handlebarsRenderer.js';
import type { Health } from './adapters/http/server.js';
import type { ConsoleRoute } from './adapters/http/console/consoleGuard.js';
import { MongoSettingsStore } from './adapters/mongo/settingsStore.js';
import { MongoRoutingStore } from './adapters/mongo/routingStore.js';
import { MongoAnswerStore } from './adapters/mongo/answerStore.js';
import { MongoTemplateStore } from './adapters/mongo/templateStore.js';
import { MongoRollupStore } from './adapters/mongo/rollupStore.js';
import { MongoFaqStore } from './adapters/mongo/faqStore.js';
import { MongoReportSource } from './adapters/mongo/reportSource.js';
import { RedisErasureMarks } from './adapters/redis/erasureMarks.js';
import { readReplyToken } from './domain/route/replyToken.js';
import { departmentsOf } from './domain/route/staff.js';
import { signSurveyLink } from './domain/survey/surveyLink.js';
import { signConsentLink } from './domain/case/consentLink.js';
import type { IntakeDeps } from './pipeline/intake/ingestMail.js';
import type { StaffDirectory } from './pipeline/intake/ports.js';
import { ScreeningRuntime } from './pipeline/classify/screeningRuntime.js';
import type { Core, ComposeOptions, RoleHandle, SigningKeys } from './compose/core.js';
import { verifyingKeys, type KeyRing } from './domain/keys/keyRing.js';
import { loadKeyRing } from './adapters/mongo/signingKeys.js';
import { senderAuthenticator } from './adapters/mail/senderAuth.js';
import type { DNSResolver } from 'mailauth';
import { startIntakeRole } from './compose/intakeRole.js';
import { startNotifyRole, type NotifyRole } from './compose/notifyRole.js';
import { startHttpRole } from './compose/httpRole.js';

export type { ComposeOptions } from './compose/core.js';
export type Role = 'intake' | 'notify' | 'http';
export const ALL_ROLES: Role[] = ['intake', 'notify', 'http'];

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export interface RunningApp {
  pollers: MailboxPoller[];
  /** The configuration and classifier in use (and the way to reload them). */
  screening: ScreeningRuntime;
  settings: MongoSettingsStore;
  /** The job queues by what they carry (pipeline/jobs/jobKinds). */
  queues: JobQueues;
  health(): Promise<Health>;
  /** http://host:port of the operator's listener (/metrics, /healthz), when METRICS_PORT is set. */
  metricsUrl: string | null;
  /** Every console route with the role it states (empty without the HTTP role). */
  consoleRoutes: ConsoleRoute[];
  /** Finishes in-flight work, then closes every connection. */
  stop(): Promise<void>;
}

export async function startApp(config: Config, roles: Role[], log: Logger, opts: ComposeOptions = {}): Promise<RunningApp> {
  const now = opts.now ?? (() => new Date());
  const templates = await HandlebarsRenderer.load(opts.templatesDir ?? path.join(ROOT, 'templates'));
  const mongo = await connectMongo(config.MONGODB_URL, config.MONGODB_POOL_SIZE);
  const keys = await signingKeys(config, now());
  // Admins' template edits are used by every process; each looks for new ones every second or two.
  const templateStore = new MongoTemplateStore();
  const reloadTemplates = async () => templates.useOverrides(await templateStore.inUse());
  await reloadTemplates();
  templates.onFallback((name, locale, err) => {
    log.error({ event: 'template.fallback', template: `${name}/${locale}`, err: err.message }, 'an edited template failed; the built-in one was sent');
    void templateStore.recordFailure(name, locale, err.message, now()).catch(() => undefined);
  });
  const templateTimer = setInterval(() => void reloadTemplates().catch(() => undefined), Math.max(250, opts.settingsRefreshMs ?? 2000));
  const redis = createRedis(config.REDIS_URL, log);
  await checkRedis(redis, config.REDIS_URL, log);
  useDocumentLocks(mongo.ferretdb ? redis : null, config.QUEUE_PREFIX);

  const tag = await databaseTag();
  // A case write marks the case; a worker files the marked cases on the board a batch at
  // a time, and a board read waits for those marked before it.
  const boardFeed = new BoardFeed(redis, taggedPrefix(config.QUEUE_PREFIX, tag), (ids) => refreshBoards(ids));
  watchCaseWrites({ written: async (id, fields) => (touchesBoard(fields) ? boardFeed.mark(id) : undefined) });
  beforeBoardReads(() => boardFeed.flushed());
  const newQueue = (name: string) => new Queue(name, { connection: redis, prefix: config.QUEUE_PREFIX });
  const queues = Object.fromEntries(JOB_QUEUES.map((q) => [q, newQueue(queueName(q, tag))])) as JobQueues;
  const legacyQueue = newQueue(queueName(LEGACY_QUEUE, tag));
  const jobs = new BullCaseJobs(queues, new MongoJobMarkers(), now, log, legacyQueue);
  const fromRoot = (file: string) => path.resolve(ROOT, file);
  const settings = new MongoSettingsStore({ configFile: fromRoot(config.SCREENING_CONFIG_FILE), examplesFile: fromRoot(config.CLASSIFIER_SEED_FILE) });
  await settings.seed(now());
  const screening = new ScreeningRuntime(settings, log, opts.settingsRefreshMs);
  await screening.training(); // an invalid stored configuration stops the start, naming the field
  const routingStore = new MongoRoutingStore();
  const support = { address: config.SUPPORT_ADDRESS, name: config.SUPPORT_NAME, company: config.COMPANY_NAME };
  const ownAddresses = [config.SUPPORT_ADDRESS, ...config.IMAP_URL.map((b) => b.user).filter((u) => u.includes('@')), ...config.OWN_ADDRESSES].map((a) => a.toLowerCase());
  const backlog = new RedisOutboxBacklog(redis, config.QUEUE_PREFIX);
  const outbox = new MongoOutboxStore(backlog);
  const metrics = new AppMetrics({
    queueCounts: async () => Object.fromEntries(await Promise.all(JOB_QUEUES.map(async (q) => [q, await queues[q].getJobCounts(...QUEUE_STATES)] as const))),
    outboxBacklog: () => backlog.size(),
    healthy: async () => (await health()).ok,
  });
  const autoReplies = new RedisAutoReplyCounts(redis, config.QUEUE_PREFIX);
  const intake: IntakeDeps = {
    store: new MongoIntakeStore(),
    attachments: new GridFsAttachmentStore(),
    quarantine: new MongoQuarantineStore(),
    jobs,
    staff: staffDirectory(config, keys.reply, now, screening, routingStore, opts.dnsResolver),
    refusals: { templates, outbox, jobs, support, ownAddresses, autoReplies, autoReplyCapPerDay: config.AUTO_REPLY_CAP_PER_DAY, now, log },
    reopenWindowDays: async () => (await screening.config()).survey.reopenWindowDays,
    now,
    parse: (raw) => parseMail(raw),
    casePrefix: config.CASE_PREFIX,
    ownAddresses,
    log,
  };
  const rollups = new MongoRollupStore();
  const timeZone = async () => (await screening.config()).priorityPolicy.businessHours.timeZone;
  const core: Core = {
    config,
    opts,
    log,
    now,
    redis,
    dataPrefix: taggedPrefix(config.QUEUE_PREFIX, tag),
    queues,
    jobs,
    templates,
    templateStore,
    reloadTemplates,
    settings,
    screening,
    routingStore,
    outbox,
    answers: new MongoAnswerStore(),
    rollups,
    faqs: new MongoFaqStore(),
    reportDeps: { source: new MongoReportSource(), rollups, erasures: new RedisErasureMarks(redis, taggedPrefix(config.QUEUE_PREFIX, tag)), timeZone },
    intake,
    support,
    ownAddresses,
    autoReplies,
    timeZone,
    keys,
    surveyLink: (caseNumber, score, expiresAt) => `${config.PUBLIC_URL}/s/${signSurveyLink({ caseNumber, score, expiresAt }, keys.survey.current)}`,
    consentLink: (link) => `${config.PUBLIC_URL}/c/${signConsentLink(link, keys.survey.current)}`,
    metrics,
  };

  // Stopped in this order: the HTTP server first (no new work), then the pollers, then the worker.
  const running: RoleHandle[] = [];
  const intakeRole = roles.includes('intake') ? startIntakeRole(core) : null;
  if (intakeRole) running.push(intakeRole);
  const pollers = intakeRole?.pollers ?? [];
  const notify: NotifyRole | null = roles.includes('notify') ? await startNotifyRole(core) : null;
  if (notify) running.push(notify);
  let feeding: Promise<void> | null = null;
  const feedBoard = () =>
    (feeding ??= boardFeed
      .feed()
      .catch((err: Error) => log.error({ event: 'board.feed_failed', error: err.message }, 'could not file the written cases on the board; the next run retries'))
      .finally(() => (feeding = null)));
  // Every 5 s: a larger batch shares more of its bucket and term writes (a board read
  // does not wait for the timer, it files what is marked first).
  const boardTimer = notify ? setInterval(feedBoard, opts.boardEveryMs ?? 5000) : null;

  const health = async (): Promise<Health> => {
    const components: Record<string, unknown> = {
      mongo: mongoState(),
      redis: redis.status,
    };
    if (intakeRole) components.mailboxes = pollers.map((p) => p.state);
    if (notify) components.worker = { running: notify.workers.every((w) => w.isRunning()), smtp: notify.mailer.state };
    const ok =
      mongoState() === 'connected' &&
      redis.status === 'ready' &&
      pollers.every((p) => ['idle', 'syncing', 'standby'].includes(p.state.status)) &&
      (!notify || notify.workers.every((w) => w.isRunning()));
    return { ok, components };
  };

  const http = roles.includes('http') ? await startHttpRole(core, health) : null;
  if (http) running.unshift(http);
  const metricsServer = config.METRICS_PORT === undefined ? null : await startMetricsServer(config.METRICS_PORT, config.METRICS_HOST, metrics.registry, health);
  const metricsAddress = metricsServer?.address();
  const metricsUrl = metricsAddress && typeof metricsAddress === 'object' ? `http://${config.METRICS_HOST}:${metricsAddress.port}` : null;

  if (config.STAFF_MAIL_AUTH === 'off') {
    log.warn({ event: 'staff_mail_auth.off' }, 'staff mail is not checked for DKIM (STAFF_MAIL_AUTH=off): anyone who knows a reply address can write as a department; set STAFF_MAIL_AUTH=require outside development (docs/security.md)');
  }
  log.info({ event: 'app.started', roles, mailboxes: config.IMAP_URL.map((b) => `${b.key} (${b.channel})`), smtp: config.SMTP_URL.url, metrics: metricsUrl }, 'started');
  return {
    pollers,
    screening,
    settings,
    queues,
    health,
    metricsUrl,
    consoleRoutes: http?.consoleRoutes ?? [],
    async stop() {
      clearInterval(templateTimer);
      for (const role of running) await role.stop();
      if (boardTimer) clearInterval(boardTimer);
      await feeding;
      metricsServer?.close();
      await Promise.all([...Object.values(queues), legacyQueue].map((q) => q.close()));
      redis.disconnect();
      await mongoose.disconnect();
      log.info({ event: 'app.stopped' }, 'stopped');
    },
  };
}

/** Staff replies: reply addresses signed with our key, staff lists from the configuration. */
function staffDirectory(config: Config, replyKeys: KeyRing, now: () => Date, screening: ScreeningRuntime, routing: MongoRoutingStore, resolver: DNSResolver | undefined): StaffDirectory {
  const originUnproven = senderAuthenticator({ defaultMode: config.STAFF_MAIL_AUTH, byDepartment: config.STAFF_MAIL_AUTH_BY_DEPARTMENT, trustedReceiver: config.STAFF_MAIL_TRUSTED_RECEIVER, resolver });
  return {
    originUnproven,
    readToken: (recipients) => readReplyToken(recipients, config.SUPPORT_ADDRESS, verifyingKeys(replyKeys, now())),
    departmentsOf: async (address) => departmentsOf(address, await screening.config()),
    confirm: (caseId, by, department, at) => routing.confirm(caseId, by, department, at),
  };
}

/** Each signing key as configured, else generated once for this install and kept in the database. */
async function signingKeys(config: Config, now: Date): Promise<SigningKeys> {
  const ring = (name: string, configured: string | undefined, previous: string | undefined) => loadKeyRing({ name, configured, previous, graceDays: config.KEY_GRACE_DAYS }, now);
  return {
    reply: await ring('reply-token', config.REPLY_TOKEN_SECRET, config.REPLY_TOKEN_SECRET_PREVIOUS),
    survey: await ring('survey', config.SURVEY_SECRET, config.SURVEY_SECRET_PREVIOUS),
    form: await ring('form', config.FORM_SECRET, config.FORM_SECRET_PREVIOUS),
  };
}
