// What every role of a process shares: the connections, the queue, the configuration in
// use and the stores more than one role reads. Built once by startApp (compose.ts).
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { Config } from '../config/env.js';
import type { BullCaseJobs, JobQueues } from '../adapters/redis/caseJobs.js';
import type { RedisAutoReplyCounts } from '../adapters/redis/autoReplyCounts.js';
import type { HandlebarsRenderer } from '../adapters/templates/handlebarsRenderer.js';
import type { MongoTemplateStore } from '../adapters/mongo/templateStore.js';
import type { MongoSettingsStore } from '../adapters/mongo/settingsStore.js';
import type { MongoRoutingStore } from '../adapters/mongo/routingStore.js';
import type { MongoOutboxStore } from '../adapters/mongo/outboxStore.js';
import type { MongoAnswerStore } from '../adapters/mongo/answerStore.js';
import type { MongoRollupStore } from '../adapters/mongo/rollupStore.js';
import type { MongoFaqStore } from '../adapters/mongo/faqStore.js';
import type { ScreeningRuntime } from '../pipeline/classify/screeningRuntime.js';
import type { IntakeDeps } from '../pipeline/intake/ingestMail.js';
import type { ReportDeps } from '../pipeline/report/ports.js';
import type { AppMetrics } from '../adapters/metrics/appMetrics.js';
import type { KeyRing } from '../domain/keys/keyRing.js';
import type { ConsentLink } from '../domain/case/consentLink.js';
import type { DNSResolver } from 'mailauth';

export interface SigningKeys {
  reply: KeyRing;
  survey: KeyRing;
  form: KeyRing;
}

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
  /** How often a worker files the cases written since on the board (adapters/redis/boardFeed). */
  boardEveryMs?: number;
  /** The DNS lookups that find senders' DKIM keys (tests answer them without the network). */
  dnsResolver?: DNSResolver;
}

export interface Core {
  config: Config;
  opts: ComposeOptions;
  log: Logger;
  now: () => Date;
  redis: Redis;
  /** The prefix of the Redis keys derived from case ids and numbers (adapters/mongo/databaseTag). */
  dataPrefix: string;
  /** The job queues by what they carry (pipeline/jobs/jobKinds). */
  queues: JobQueues;
  jobs: BullCaseJobs;
  templates: HandlebarsRenderer;
  templateStore: MongoTemplateStore;
  /** Puts the admins' template edits in use now (each process also looks every second or two). */
  reloadTemplates: () => Promise<void>;
  settings: MongoSettingsStore;
  /** The screening configuration and classifier in use. */
  screening: ScreeningRuntime;
  routingStore: MongoRoutingStore;
  outbox: MongoOutboxStore;
  answers: MongoAnswerStore;
  rollups: MongoRollupStore;
  faqs: MongoFaqStore;
  reportDeps: ReportDeps;
  /** Mail, the feedback form and the intake API all enter through this intake. */
  intake: IntakeDeps;
  support: { address: string; name: string; company: string };
  /** Our own addresses, lower-cased: mail from them is never answered. */
  ownAddresses: string[];
  /** Automatic replies sent to each address today (the reply-loop guard). */
  autoReplies: RedisAutoReplyCounts;
  /** The business time zone (the reports' days and months, the schedules). */
  timeZone: () => Promise<string>;
  surveyLink: (caseNumber: string, score: number, expiresAt: Date) => string;
  /** The signed link of a customer's consent (pages at /c/), under the survey links' keys. */
  consentLink: (link: ConsentLink) => string;
  /** The process's figures on /metrics; each role counts its own work. */
  metrics: AppMetrics;
  /** This install's signing keys (configured, or generated and kept in the database). */
  keys: SigningKeys;
}

/** A role's part of the process: what it runs, and how it finishes in-flight work and stops. */
export interface RoleHandle {
  stop(): Promise<void>;
}
