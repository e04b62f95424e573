// The process's figures in Prometheus text format (prom-client), one registry per
// running app. Counters move as work is done; the gauges are read at each scrape from
// what is cheap to read: BullMQ's job counts and the outbox backlog set in Redis, and the
// process's own health. Nothing here reads the database (on FerretDB a count is a scan).
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export interface MetricSources {
  /** Jobs of each queue by state (BullMQ's getJobCounts), by queue. */
  queueCounts(): Promise<Record<string, Record<string, number>>>;
  /** Mails whose send failed and which wait for a retry. */
  outboxBacklog(): Promise<number>;
  /** Whether every connection of the process is up. */
  healthy(): Promise<boolean>;
}

export const QUEUE_STATES = ['waiting', 'prioritized', 'active', 'delayed', 'failed'] as const;
const MINUTES = [1, 5, 15, 30, 60, 120, 300, 600, 1800, 3600, 4 * 3600];

export class AppMetrics {
  readonly registry = new Registry();
  private readonly r = [this.registry];

  readonly mailsFetched = new Counter({ name: 'fd_mails_fetched_total', help: 'Mails read from a mailbox (or refused there as too large), by channel', labelNames: ['channel'], registers: this.r });
  readonly mailsStored = new Counter({ name: 'fd_mails_stored_total', help: 'Mails stored by intake, by outcome (opened, joined, staff-reply, duplicate)', labelNames: ['outcome'], registers: this.r });
  readonly mailsQuarantined = new Counter({ name: 'fd_mails_quarantined_total', help: 'Mails put in quarantine, by reason', labelNames: ['reason'], registers: this.r });
  readonly intakeLag = new Histogram({ name: 'fd_intake_lag_seconds', help: "From a mail's arrival in the mailbox to its being stored", buckets: MINUTES, registers: this.r });
  readonly jobsCompleted = new Counter({ name: 'fd_jobs_completed_total', help: 'Jobs done, by job kind', labelNames: ['job'], registers: this.r });
  readonly jobsFailed = new Counter({ name: 'fd_jobs_failed_total', help: 'Job attempts that failed (retried while attempts remain), by job kind', labelNames: ['job'], registers: this.r });
  readonly mailsSent = new Counter({ name: 'fd_mails_sent_total', help: 'Mails accepted by the SMTP server, by kind', labelNames: ['kind'], registers: this.r });
  readonly sendFailures = new Counter({ name: 'fd_mail_send_failures_total', help: 'Sends refused or failed, by kind; permanent="true": refused for good (5xx), not retried', labelNames: ['kind', 'permanent'], registers: this.r });
  readonly ackLatency = new Histogram({ name: 'fd_acknowledgement_latency_seconds', help: "From a case's first mail arriving to its acknowledgement being accepted by the SMTP server", buckets: MINUTES, registers: this.r });
  readonly slaBreaches = new Counter({ name: 'fd_sla_breaches_total', help: 'Cases whose expected answer time passed while open (customer and supervisor told)', registers: this.r });

  constructor(sources: MetricSources) {
    collectDefaultMetrics({ register: this.registry, prefix: 'fd_' });
    new Gauge({
      name: 'fd_queue_jobs',
      help: 'Jobs of each queue, by state',
      labelNames: ['queue', 'state'],
      registers: this.r,
      async collect() {
        for (const [queue, counts] of Object.entries(await sources.queueCounts())) {
          for (const state of QUEUE_STATES) this.set({ queue, state }, counts[state] ?? 0);
        }
      },
    });
    new Gauge({
      name: 'fd_outbox_backlog',
      help: 'Mails whose send failed and which wait for a retry',
      registers: this.r,
      async collect() {
        this.set(await sources.outboxBacklog());
      },
    });
    new Gauge({
      name: 'fd_up',
      help: "1 when every connection of this process is up (its /healthz says ok), else 0",
      registers: this.r,
      async collect() {
        this.set((await sources.healthy()) ? 1 : 0);
      },
    });
  }

  /** Counts a mail intake has dealt with: stored (how) or quarantined (why), and its lag. */
  stored(outcome: { kind: string; reason?: string }, receivedAt: Date, now: Date): void {
    if (outcome.kind === 'quarantined') this.mailsQuarantined.inc({ reason: (outcome.reason ?? 'unknown').split(':')[0]! });
    else this.mailsStored.inc({ outcome: outcome.kind });
    if (outcome.kind !== 'duplicate') this.intakeLag.observe(Math.max(0, (now.getTime() - receivedAt.getTime()) / 1000));
  }
}
