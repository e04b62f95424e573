// The composition root: the one place that builds adapters and hands them to the
// pipeline stages. A process runs any set of roles from here: the IMAP pollers
// (intake), the notify worker (acknowledgements), and the HTTP server.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import mongoose from 'mongoose';
import { Queue, Worker } from 'bullmq';
import type { Logger } from 'pino';
import type { Config } from './config/env.js';
import { connectMongo, mongoState } from './adapters/mongo/connection.js';
import { MongoIntakeStore } from './adapters/mongo/intakeStore.js';
import { GridFsAttachmentStore } from './adapters/mongo/attachmentStore.js';
import { MongoQuarantineStore } from './adapters/mongo/quarantineStore.js';
import { MongoCursorStore } from './adapters/mongo/cursorStore.js';
import { MongoNotifyStore, pendingAckCaseIds } from './adapters/mongo/notifyStore.js';
import { MongoOutboxStore } from './adapters/mongo/outboxStore.js';
import { createRedis, checkRedis } from './adapters/redis/connection.js';
import { ACK_JOB, BullAckQueue, NOTIFY_QUEUE } from './adapters/redis/ackQueue.js';
import { MailboxPoller } from './adapters/imap/mailboxPoller.js';
import { SmtpMailer } from './adapters/smtp/smtpMailer.js';
import { parseMail } from './adapters/mail/parseMail.js';
import { HandlebarsRenderer } from './adapters/templates/handlebarsRenderer.js';
import { startHttp, type Health } from './adapters/http/server.js';
import { ingestMail, rejectOversize, type IntakeDeps } from './pipeline/intake/ingestMail.js';
import { acknowledgeCase, type AcknowledgeDeps } from './pipeline/notify/acknowledgeCase.js';
import { reconcileAcks } from './pipeline/notify/reconcileAcks.js';

export type Role = 'intake' | 'notify' | 'http';
export const ALL_ROLES: Role[] = ['intake', 'notify', 'http'];

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export interface RunningApp {
  pollers: MailboxPoller[];
  health(): Promise<Health>;
  /** Finishes in-flight work, then closes every connection. */
  stop(): Promise<void>;
}

export interface ComposeOptions {
  templatesDir?: string;
  now?: () => Date;
  reconcileEveryMs?: number;
}

export async function startApp(config: Config, roles: Role[], log: Logger, opts: ComposeOptions = {}): Promise<RunningApp> {
  const now = opts.now ?? (() => new Date());
  const templates = await HandlebarsRenderer.load(opts.templatesDir ?? path.join(ROOT, 'templates'));
  await connectMongo(config.MONGODB_URL);
  const redis = createRedis(config.REDIS_URL);
  await checkRedis(redis, config.REDIS_URL, log);

  const notifyQueue = new Queue(NOTIFY_QUEUE, { connection: redis, prefix: config.QUEUE_PREFIX });
  const acks = new BullAckQueue(notifyQueue);
  const ownAddresses = [config.SUPPORT_ADDRESS, ...config.IMAP_URL.map((b) => b.user).filter((u) => u.includes('@')), ...config.OWN_ADDRESSES].map((a) => a.toLowerCase());
  const stoppers: Array<() => Promise<void>> = [];
  const pollers: MailboxPoller[] = [];
  let mailer: SmtpMailer | null = null;
  let worker: Worker | null = null;

  if (roles.includes('intake')) {
    const intake: IntakeDeps = {
      store: new MongoIntakeStore(),
      attachments: new GridFsAttachmentStore(),
      quarantine: new MongoQuarantineStore(),
      acks,
      parse: (raw) => parseMail(raw),
      casePrefix: config.CASE_PREFIX,
      ownAddresses,
      log,
    };
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
        log,
      });
      poller.start();
      pollers.push(poller);
    }
    stoppers.push(() => Promise.all(pollers.map((p) => p.stop())).then(() => undefined));
  }

  if (roles.includes('notify')) {
    mailer = new SmtpMailer(config.SMTP_URL);
    const deps: AcknowledgeDeps = {
      store: new MongoNotifyStore(),
      outbox: new MongoOutboxStore(),
      mailer,
      templates,
      support: { address: config.SUPPORT_ADDRESS, name: config.SUPPORT_NAME, company: config.COMPANY_NAME },
      ownAddresses,
      autoReplyCapPerDay: config.AUTO_REPLY_CAP_PER_DAY,
      log,
      now,
    };
    worker = new Worker(
      NOTIFY_QUEUE,
      async (job) => {
        if (job.name === ACK_JOB) return acknowledgeCase((job.data as { caseId: string }).caseId, deps);
        throw new Error(`unknown job ${job.name}`);
      },
      { connection: createRedis(config.REDIS_URL), prefix: config.QUEUE_PREFIX, concurrency: config.WORKER_CONCURRENCY },
    );
    worker.on('failed', (job, err) => log.warn({ event: 'job.failed', queue: NOTIFY_QUEUE, job: job?.id, attempt: job?.attemptsMade, error: err.message }, 'job failed'));
    worker.on('error', (err) => log.error({ event: 'worker.error', error: err.message }, 'worker error'));
    const reconcile = () =>
      reconcileAcks({ pendingAcks: pendingAckCaseIds, requeue: (id) => acks.requeue(id), now, log }).catch((err: Error) =>
        log.error({ event: 'ack.reconcile_failed', error: err.message }, 'reconcile failed'),
      );
    const timer = setInterval(reconcile, opts.reconcileEveryMs ?? 60_000);
    stoppers.push(async () => {
      clearInterval(timer);
      await worker!.close();
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
      pollers.every((p) => p.state.status === 'idle' || p.state.status === 'syncing') &&
      (!worker || worker.isRunning());
    return { ok, components };
  };

  if (roles.includes('http')) {
    const http = await startHttp(config.HTTP_PORT, config.HTTP_HOST, health);
    stoppers.unshift(() => http.close());
  }

  log.info({ event: 'app.started', roles, mailboxes: config.IMAP_URL.map((b) => `${b.key} (${b.channel})`), smtp: config.SMTP_URL.url }, 'started');
  return {
    pollers,
    health,
    async stop() {
      for (const stop of stoppers) await stop();
      await notifyQueue.close();
      redis.disconnect();
      await mongoose.disconnect();
      log.info({ event: 'app.stopped' }, 'stopped');
    },
  };
}
