// One IMAP mailbox, read incrementally: UIDs above the stored cursor, or, when the
// cursor is new or UIDVALIDITY changed, every unprocessed message (dedupe at intake
// keeps that from doubling anything). New mail is noticed through IDLE (imapflow
// idles whenever no command runs); a timer polls as a fallback. A message is marked
// on the server (\Seen or moved) only after intake has stored it, and the cursor
// moves only past messages that are marked, with no gap before them. It is read from
// the store at a connection's first pass (later passes go on from where the last one got
// to) and written behind the messages in flight (see cursorWriter).
// Several messages are stored at once (mail of one sender in order, a reply after its
// parent: see orderedPool and replyOrder); their downloads share FETCH commands and
// their marks share STORE (or MOVE) commands (see coalesce).
// With a lease, only its holder reads the mailbox; the others wait on standby and take
// over when the holder's lease runs out (it crashed, or lost Redis).
import { ImapFlow, type FetchMessageObject } from 'imapflow';
import type { Logger } from 'pino';
import type { MailboxConfig } from '../../config/env.js';
import type { MailboxCursor } from '../mongo/cursorStore.js';
import type { MailboxLease } from '../redis/mailboxLease.js';
import type { AccessTokens } from '../oauth2/tokenSource.js';
import type { MailSource } from '../../pipeline/intake/ingestMail.js';
import { runOrdered } from './orderedPool.js';
import { CursorWriter } from './cursorWriter.js';
import { CHUNKED_ABOVE_BYTES, FETCH_BATCH_BYTES, fetchLarge, fetchSources, markProcessed } from './messageCommands.js';
import { Coalescer } from '../coalesce.js';
import { batchKeepingParents, parentsFirst } from '../../domain/intake/replyOrder.js';

// A backlog of any size is stored in batches of about this many messages, with the
// envelopes of up to two batches fetched ahead.
const SLICE = 200;
const CURSOR_WRITE_EVERY_MS = 1000;

const threaded = (m: FetchMessageObject) => ({ messageId: m.envelope?.messageId, inReplyTo: m.envelope?.inReplyTo });

export interface PollerDeps {
  box: MailboxConfig;
  cursors: { get(key: string): Promise<MailboxCursor | null>; fence(key: string): Promise<number>; save(key: string, c: MailboxCursor, fence?: number): Promise<void> };
  /** The mailbox's OAuth2 access tokens; absent: it signs in with its password. */
  tokens?: AccessTokens;
  /** Absent: this process reads the mailbox without asking (one poller per mailbox). */
  lease?: MailboxLease;
  /** Stores the message durably (case, join or quarantine); throws if it could not. */
  ingest: (raw: Buffer, source: MailSource) => Promise<unknown>;
  /** Records a message too large to download. */
  rejectOversize: (source: MailSource, size: number, summary: { from?: string; subject?: string; messageId?: string }) => Promise<void>;
  maxBytes: number;
  pollMs: number;
  /** Messages stored at once. */
  concurrency: number;
  log: Logger;
}

export interface PollerState {
  mailbox: string;
  /** standby: another process holds the mailbox's lease; this one takes over if it lapses. */
  status: 'starting' | 'standby' | 'idle' | 'syncing' | 'reconnecting' | 'stopped';
  lastSyncAt: string | null;
  lastError: string | null;
  processed: number;
}

export class MailboxPoller {
  readonly state: PollerState;
  private client: ImapFlow | null = null;
  /** The connection's shared FETCH of small messages' sources and STORE/MOVE of marks. */
  private sources: Coalescer<{ uid: number; size: number }, Buffer | null> | null = null;
  private marks: Coalescer<number, boolean> | null = null;
  private stopping = false;
  private dirty = true;
  private wake: (() => void) | null = null;
  private loopDone: Promise<void> | null = null;
  private renewTimer: NodeJS.Timeout | null = null;
  private readonly cursor: CursorWriter;
  /**
   * Where this connection's passes have got to (written or not yet): read from the store
   * at a connection's first pass only, since while it lasts this process holds the lease
   * and no one else moves the cursor.
   */
  private position: MailboxCursor | null = null;

  constructor(private readonly deps: PollerDeps) {
    this.state = { mailbox: deps.box.key, status: 'starting', lastSyncAt: null, lastError: null, processed: 0 };
    // Written under the fence of the lease held at the time of each write.
    this.cursor = new CursorWriter((c) => deps.cursors.save(deps.box.key, c, deps.lease?.fence), CURSOR_WRITE_EVERY_MS);
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

  /** Whether this process may read the mailbox now. */
  private get mine(): boolean {
    return !this.deps.lease || this.deps.lease.held;
  }

  private async loop(): Promise<void> {
    let backoff = 1000;
    while (!this.stopping) {
      if (!(await this.takeLease())) {
        await this.sleep(1000);
        continue;
      }
      try {
        await this.connect();
        backoff = 1000;
        while (!this.stopping && this.client?.usable && this.mine) {
          if (this.dirty) {
            this.dirty = false;
            await this.sync();
          }
          await this.waitForMail();
        }
      } catch (err) {
        this.state.lastError = `${new Date().toISOString()} ${(err as Error).message}`;
        // A message refused for a lost lease is no error: the loop goes on standby below.
        if (this.mine) this.deps.log.error({ event: 'imap.error', mailbox: this.deps.box.key, error: (err as Error).message }, 'mailbox poller error; reconnecting');
      }
      await this.disconnect();
      if (this.stopping) break;
      this.dirty = true;
      if (!this.mine) {
        this.deps.log.warn({ event: 'imap.lease_lost', mailbox: this.deps.box.key }, 'lost the mailbox lease; on standby');
        this.dropLease();
        continue;
      }
      this.state.status = 'reconnecting';
      await this.sleep(backoff);
      backoff = Math.min(backoff * 2, 30_000);
    }
    await this.giveUpLease();
  }

  /** True when this process may read the mailbox: it has no lease to take, or has taken it. */
  private async takeLease(): Promise<boolean> {
    const { lease, box, log } = this.deps;
    if (!lease || lease.held) return true;
    // The cursor's fence is read only when the lease is free: a standby process asks every second.
    let dbError: Error | null = null;
    const floorOf = () => this.deps.cursors.fence(box.key).catch((err: Error) => Promise.reject((dbError = err)));
    const fence = await lease.tryAcquire(floorOf).catch((err: Error) => {
      const what = err === dbError ? "cannot read the mailbox's cursor from the database" : 'cannot reach Redis for the mailbox lease';
      this.state.lastError = `${new Date().toISOString()} ${what}: ${err.message}`;
      return null;
    });
    if (fence === null) {
      this.state.status = 'standby';
      return false;
    }
    log.info({ event: 'imap.lease_taken', mailbox: box.key, fence }, 'took the mailbox lease');
    // Renewed three times per lease; a failed renewal wakes the loop, which stops reading.
    this.renewTimer = setInterval(() => {
      void lease
        .renew()
        .catch(() => false)
        .then((ok) => {
          if (!ok || !lease.held) this.wake?.();
        });
    }, lease.ttlMs / 3);
    return true;
  }

  private dropLease(): void {
    if (this.renewTimer) clearInterval(this.renewTimer);
    this.renewTimer = null;
  }

  /** On a clean stop the lease is handed back, so a standby process takes over at once. */
  private async giveUpLease(): Promise<void> {
    this.dropLease();
    if (this.deps.lease?.held) await this.deps.lease.release().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    const { box, tokens } = this.deps;
    let token = tokens ? (await tokens.current()).token : null;
    let client = (this.client = this.newClient(token));
    try {
      await client.connect();
    } catch (err) {
      if (!token || !(err as { authenticationFailed?: boolean }).authenticationFailed) throw connectError(err, box, false);
      // Revoked or expired early: one more try with a fresh token.
      client.close();
      token = (await tokens!.renew(token)).token;
      client = this.client = this.newClient(token);
      await client.connect().catch((retryErr: unknown) => {
        throw connectError(retryErr, box, true);
      });
    }
    // A new connection starts from the stored cursor.
    this.position = null;
    this.sources = new Coalescer({ send: (items) => fetchSources(client, items.map((i) => i.uid)), maxWeight: FETCH_BATCH_BYTES, weightOf: (i) => i.size });
    this.marks = new Coalescer({
      send: async (uids) => {
        const done = await markProcessed(client, box, uids);
        return uids.map(() => done);
      },
    });
    await client.mailboxOpen(box.mailbox).catch((err: Error) => {
      throw new Error(`cannot open mailbox "${box.mailbox}" of ${box.user}: ${err.message}; check the path in IMAP_URL`);
    });
    if (box.processed.kind === 'move') {
      await client.mailboxCreate(box.processed.folder).catch(() => undefined); // exists already
    }
    this.state.lastError = null;
    this.deps.log.info({ event: 'imap.connected', mailbox: box.key, idle: client.capabilities.has('IDLE') }, 'mailbox connected');
  }

  private newClient(accessToken: string | null): ImapFlow {
    const { box } = this.deps;
    const client = new ImapFlow({
      host: box.host,
      port: box.port,
      secure: box.secure,
      auth: accessToken ? { user: box.user, accessToken } : { user: box.user, pass: box.pass },
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
    return client;
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
      this.cursor.takeError(); // a failure of an earlier pass ended that pass
      const cursor = this.position ?? (await cursors.get(box.key));
      let uids: number[];
      if (cursor && cursor.uidValidity === uidValidity) {
        const found = (await client.search({ uid: `${cursor.lastUid + 1}:*` }, { uid: true })) || [];
        uids = found.filter((u) => u > cursor.lastUid);
      } else {
        if (cursor) log.warn({ event: 'imap.resync', mailbox: box.key, old: cursor.uidValidity, new: uidValidity }, 'UIDVALIDITY changed: resyncing the mailbox');
        const query = box.processed.kind === 'seen' ? { seen: false } : { all: true };
        uids = (await client.search(query, { uid: true })) || [];
      }
      uids.sort((a, b) => a - b);
      log.debug({ event: 'imap.sync', mailbox: box.key, uidValidity, from: cursor?.lastUid ?? 0, count: uids.length }, 'sync');
      // Two slices' envelopes in view: a reply near the end of one slice whose parent got a
      // higher UID is stored in one batch with that parent, after it (see replyOrder); cut
      // at the slice, it opened a case of its own (1 of 2,000 mails in a bench burst).
      let ahead: FetchMessageObject[] = [];
      let fetched = 0;
      while ((ahead.length || fetched < uids.length) && !this.stopping) {
        if (ahead.length < 2 * SLICE && fetched < uids.length) {
          const more = uids.slice(fetched, fetched + 2 * SLICE - ahead.length);
          fetched += more.length;
          // Expunged meanwhile: not fetched, and nothing to do.
          const found = await client.fetchAll(more.join(','), { uid: true, size: true, internalDate: true, envelope: true }, { uid: true });
          ahead = ahead.concat(found).sort((a, b) => a.uid - b.uid);
        }
        const metas = ahead.splice(0, batchKeepingParents(ahead.map(threaded), SLICE));
        if (!metas.length) continue;
        // Started parents first (see replyOrder); the cursor still moves in UID order.
        const rank = new Map(metas.map((m, i) => [m.uid, i]));
        const order = parentsFirst(metas.map((m) => ({ meta: m, ...threaded(m) }))).map((t) => t.meta);
        try {
          await runOrdered(
            order,
            {
              limit: this.deps.concurrency,
              keyOf: (m) => m.envelope?.from?.[0]?.address?.toLowerCase() ?? '',
              shouldStop: () => this.stopping || !this.mine || !client.usable,
              onPrefix: (done) => this.cursor.move((this.position = { uidValidity, lastUid: metas[done - 1]!.uid })),
              rankOf: (m) => rank.get(m.uid)!,
            },
            (m) => this.processOne(m),
          );
        } finally {
          await this.cursor.flush();
        }
        const cursorError = this.cursor.takeError();
        if (cursorError) throw cursorError;
        if (!this.mine) return;
      }
      this.state.lastSyncAt = new Date().toISOString();
    } finally {
      lock.release();
    }
  }

  private async processOne(meta: FetchMessageObject): Promise<void> {
    const client = this.client!;
    const { box } = this.deps;
    const uid = meta.uid;
    // Queued behind a sender's earlier mail while the lease lapsed: left to the new holder.
    if (!this.mine) throw new Error(`mailbox ${box.key}: the lease lapsed before message ${uid}`);
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
      const raw = size <= CHUNKED_ABOVE_BYTES ? await this.sources!.add({ uid, size }) : await fetchLarge(client, uid, size);
      if (!raw) return; // expunged meanwhile
      const outcome = await this.deps.ingest(raw, source);
      this.deps.log.debug({ event: 'imap.ingested', mailbox: box.key, uid, outcome }, 'ingested');
    }
    // imapflow reports a failed STORE or MOVE (the server refused, or the connection
    // dropped mid-command) as false, not as an error. Taken as done, the cursor moved past
    // a message left unflagged (after an IMAP connection cut). Thrown, the
    // cursor stays before it and the next pass finds it stored and marks it.
    if (!(await this.marks!.add(uid))) {
      const what = box.processed.kind === 'seen' ? 'flagged \\Seen' : `moved to ${box.processed.folder}`;
      throw new Error(`mailbox ${box.key}: message ${uid} is stored but could not be ${what} (the server refused, or the connection dropped); the next pass marks it`);
    }
    this.state.processed++;
  }
}

function connectError(err: unknown, box: MailboxConfig, freshToken: boolean): Error {
  const e = err as Error & { authenticationFailed?: boolean; oauthError?: unknown };
  if (!e.authenticationFailed) return new Error(`cannot connect to IMAP ${box.host}:${box.port}: ${e.message}`, { cause: err });
  if (!box.oauth2) return new Error(`IMAP login failed for ${box.user} at ${box.host}:${box.port}: check the user and password in IMAP_URL`, { cause: err });
  const said = e.oauthError ? ` (the server said ${JSON.stringify(e.oauthError)})` : '';
  return new Error(
    `IMAP OAuth2 login failed for ${box.user} at ${box.host}:${box.port}${freshToken ? ' with a freshly issued access token' : ''}${said}: check that the app was granted IMAP access (Google: https://mail.google.com/, Microsoft: IMAP.AccessAsUser.All), that IMAP is enabled for the mailbox, and that the refresh token belongs to ${box.user}`,
    { cause: err },
  );
}
