// One IMAP mailbox, read incrementally: UIDs above the stored cursor, or, when the
// cursor is new or UIDVALIDITY changed, every unprocessed message (dedupe at intake
// keeps that from doubling anything). New mail is noticed through IDLE (imapflow
// idles whenever no command runs); a timer polls as a fallback. A message is marked
// on the server (\Seen or moved) only after intake has stored it, and the cursor
// moves only after the mark.
import { ImapFlow } from 'imapflow';
import type { Logger } from 'pino';
import type { MailboxConfig } from '../../config/env.js';
import type { MailboxCursor } from '../mongo/cursorStore.js';
import type { MailSource } from '../../pipeline/intake/ingestMail.js';

export interface PollerDeps {
  box: MailboxConfig;
  cursors: { get(key: string): Promise<MailboxCursor | null>; save(key: string, c: MailboxCursor): Promise<void> };
  /** Stores the message durably (case, join or quarantine); throws if it could not. */
  ingest: (raw: Buffer, source: MailSource) => Promise<unknown>;
  /** Records a message too large to download. */
  rejectOversize: (source: MailSource, size: number, summary: { from?: string; subject?: string; messageId?: string }) => Promise<void>;
  maxBytes: number;
  pollMs: number;
  log: Logger;
}

export interface PollerState {
  mailbox: string;
  status: 'starting' | 'idle' | 'syncing' | 'reconnecting' | 'stopped';
  lastSyncAt: string | null;
  lastError: string | null;
  processed: number;
}

export class MailboxPoller {
  readonly state: PollerState;
  private client: ImapFlow | null = null;
  private stopping = false;
  private dirty = true;
  private wake: (() => void) | null = null;
  private loopDone: Promise<void> | null = null;

  constructor(private readonly deps: PollerDeps) {
    this.state = { mailbox: deps.box.key, status: 'starting', lastSyncAt: null, lastError: null, processed: 0 };
  }

  start(): void {
    this.stopping = false;
    this.dirty = true;
    this.loopDone = this.loop();
  }

  /** Finishes the message in hand, then logs out. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.wake?.();
    await this.loopDone;
    this.state.status = 'stopped';
  }

  private async loop(): Promise<void> {
    let backoff = 1000;
    while (!this.stopping) {
      try {
        await this.connect();
        backoff = 1000;
        while (!this.stopping && this.client?.usable) {
          if (this.dirty) {
            this.dirty = false;
            await this.sync();
          }
          await this.waitForMail();
        }
      } catch (err) {
        this.state.lastError = `${new Date().toISOString()} ${(err as Error).message}`;
        this.deps.log.error({ event: 'imap.error', mailbox: this.deps.box.key, error: (err as Error).message }, 'mailbox poller error; reconnecting');
      }
      await this.disconnect();
      if (this.stopping) break;
      this.state.status = 'reconnecting';
      this.dirty = true;
      await this.sleep(backoff);
      backoff = Math.min(backoff * 2, 30_000);
    }
  }

  private async connect(): Promise<void> {
    const { box } = this.deps;
    const client = new ImapFlow({
      host: box.host,
      port: box.port,
      secure: box.secure,
      auth: { user: box.user, pass: box.pass },
      logger: false,
      connectionTimeout: 15_000,
      maxIdleTime: 5 * 60_000, // re-issue IDLE now and then: some servers drop long IDLEs silently
      // imapflow waits 15 s before it enters IDLE; a sync holds the mailbox lock for its whole
      // batch, so IDLE can start right away without splitting our commands.
      autoIdleDelay: 200,
    });
    client.on('exists', () => this.notify());
    client.on('close', () => this.wake?.());
    client.on('error', (err: Error) => {
      this.state.lastError = `${new Date().toISOString()} ${err.message}`;
    });
    this.client = client;
    try {
      await client.connect();
    } catch (err) {
      const e = err as Error & { authenticationFailed?: boolean };
      throw new Error(
        e.authenticationFailed
          ? `IMAP login failed for ${box.user} at ${box.host}:${box.port}: check the user and password in IMAP_URL`
          : `cannot connect to IMAP ${box.host}:${box.port}: ${e.message}`,
        { cause: err },
      );
    }
    await client.mailboxOpen(box.mailbox).catch((err: Error) => {
      throw new Error(`cannot open mailbox "${box.mailbox}" of ${box.user}: ${err.message}; check the path in IMAP_URL`);
    });
    if (box.processed.kind === 'move') {
      await client.mailboxCreate(box.processed.folder).catch(() => undefined); // exists already
    }
    this.state.lastError = null;
    this.deps.log.info({ event: 'imap.connected', mailbox: box.key, idle: client.capabilities.has('IDLE') }, 'mailbox connected');
  }

  private async disconnect(): Promise<void> {
    const client = this.client;
    this.client = null;
    if (!client) return;
    if (client.usable) await client.logout().catch(() => client.close());
    else client.close();
  }

  private notify(): void {
    this.dirty = true;
    this.wake?.();
  }

  private waitForMail(): Promise<void> {
    if (this.dirty || this.stopping) return Promise.resolve();
    this.state.status = 'idle';
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.dirty = true; // the fallback poll
        done();
      }, this.deps.pollMs);
      const done = () => {
        clearTimeout(timer);
        this.wake = null;
        resolve();
      };
      this.wake = done;
    });
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }

  private async sync(): Promise<void> {
    const client = this.client!;
    const { box, cursors, log } = this.deps;
    this.state.status = 'syncing';
    const lock = await client.getMailboxLock(box.mailbox);
    try {
      const mailbox = client.mailbox;
      if (!mailbox) throw new Error('mailbox not open');
      const uidValidity = String(mailbox.uidValidity);
      let cursor = await cursors.get(box.key);
      let uids: number[];
      if (cursor && cursor.uidValidity === uidValidity) {
        const found = (await client.search({ uid: `${cursor.lastUid + 1}:*` }, { uid: true })) || [];
        uids = found.filter((u) => u > cursor!.lastUid);
      } else {
        if (cursor) log.warn({ event: 'imap.resync', mailbox: box.key, old: cursor.uidValidity, new: uidValidity }, 'UIDVALIDITY changed: resyncing the mailbox');
        const query = box.processed.kind === 'seen' ? { seen: false } : { all: true };
        uids = (await client.search(query, { uid: true })) || [];
        cursor = { uidValidity, lastUid: 0 };
      }
      uids.sort((a, b) => a - b);
      log.debug({ event: 'imap.sync', mailbox: box.key, uidValidity, from: cursor.lastUid, count: uids.length }, 'sync');
      for (const uid of uids) {
        if (this.stopping) break;
        await this.processOne(uid);
        cursor = { uidValidity, lastUid: Math.max(cursor.lastUid, uid) };
        await cursors.save(box.key, cursor);
        this.state.processed++;
      }
      this.state.lastSyncAt = new Date().toISOString();
    } finally {
      lock.release();
    }
  }

  private async processOne(uid: number): Promise<void> {
    const client = this.client!;
    const { box } = this.deps;
    const meta = await client.fetchOne(String(uid), { uid: true, size: true, internalDate: true, envelope: true }, { uid: true });
    if (!meta) return; // expunged meanwhile
    const source: MailSource = {
      channel: box.channel,
      mailboxKey: box.key,
      uid,
      receivedAt: meta.internalDate ? new Date(meta.internalDate) : new Date(),
    };
    const size = meta.size ?? 0;
    if (size > this.deps.maxBytes) {
      const env = meta.envelope;
      await this.deps.rejectOversize(source, size, {
        ...(env?.from?.[0]?.address ? { from: env.from[0].address } : {}),
        ...(env?.subject ? { subject: env.subject } : {}),
        ...(env?.messageId ? { messageId: env.messageId } : {}),
      });
    } else {
      const msg = await client.fetchOne(String(uid), { source: true }, { uid: true });
      if (!msg || !msg.source) return;
      const outcome = await this.deps.ingest(msg.source, source);
      this.deps.log.debug({ event: 'imap.ingested', mailbox: box.key, uid, outcome }, 'ingested');
    }
    if (box.processed.kind === 'seen') await client.messageFlagsAdd(String(uid), ['\\Seen'], { uid: true });
    else await client.messageMove(String(uid), box.processed.folder, { uid: true });
  }
}
