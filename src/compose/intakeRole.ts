// The intake role: one poller per configured mailbox, each under its Redis lease, so that
// several intake processes share the mailboxes without reading one twice.
import { hostname } from 'node:os';
import { MailboxPoller } from '../adapters/imap/mailboxPoller.js';
import { MongoCursorStore } from '../adapters/mongo/cursorStore.js';
import { MailboxLease } from '../adapters/redis/mailboxLease.js';
import { OAuth2TokenSource } from '../adapters/oauth2/tokenSource.js';
import { ingestMail, rejectOversize } from '../pipeline/intake/ingestMail.js';
import type { Core, RoleHandle } from './core.js';

export function startIntakeRole({ config, intake, redis, log, metrics, now }: Core): RoleHandle & { pollers: MailboxPoller[] } {
  const cursors = new MongoCursorStore();
  const maxBytes = config.MAX_MESSAGE_MB * 1024 * 1024;
  // One account (the configuration allows no more), so its pollers share the tokens.
  const tokens = config.IMAP_OAUTH2 ? new OAuth2TokenSource(config.IMAP_OAUTH2, log) : undefined;
  const pollers = config.IMAP_URL.map(
    (box) =>
      new MailboxPoller({
        box,
        ...(box.oauth2 && tokens ? { tokens } : {}),
        cursors,
        ingest: async (raw, source) => {
          metrics.mailsFetched.inc({ channel: source.channel });
          const outcome = await ingestMail(raw, source, intake);
          metrics.stored(outcome, source.receivedAt, now());
          return outcome;
        },
        rejectOversize: async (source, size, summary) => {
          metrics.mailsFetched.inc({ channel: source.channel });
          await rejectOversize(source, size, summary, maxBytes, intake);
          metrics.stored({ kind: 'quarantined', reason: 'too-large' }, source.receivedAt, now());
        },
        maxBytes,
        pollMs: config.IMAP_POLL_SECONDS * 1000,
        concurrency: config.INTAKE_CONCURRENCY,
        lease: new MailboxLease(redis, `${config.QUEUE_PREFIX}:mailbox-lease:${box.key}`, { ttlMs: config.IMAP_LEASE_SECONDS * 1000, holder: `${hostname()}:${process.pid}` }),
        log,
      }),
  );
  for (const poller of pollers) poller.start();
  return {
    pollers,
    stop: async () => {
      await Promise.all(pollers.map((p) => p.stop()));
    },
  };
}
