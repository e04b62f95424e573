// Intake (P-1, P-2, P-4, P-12): one received message becomes a new case, joins its case
// (a customer's follow-up, or a department's reply), or is quarantined with a reason
// (and a refused staff mail's sender is told why).
// Safe to run again on the same bytes at any point: the message's dedupe key is checked
// first and its insert is the commit point, and everything before the commit is
// idempotent (the case is keyed by its first message, attachments by message and
// position), so a crash anywhere is finished by a re-run.
import type { Logger } from 'pino';
import { detectAutomated, opensCase } from '../../domain/intake/automated.js';
import { dedupeKey } from '../../domain/intake/dedupe.js';
import { detectLocale } from '../../domain/intake/language.js';
import { isOwnAddress } from '../../domain/intake/ownAddress.js';
import { caseNumbersInSubject, chooseThread, referencedMessageIds } from '../../domain/intake/threading.js';
import { DEFAULT_PRIORITY } from '../../domain/sla/priorityPolicy.js';
import { searchTermsOf } from '../../domain/board/boardIndex.js';
import type { InboundMail } from '../../domain/intake/inboundMail.js';
import { isIncidentId, updateKey } from '../../domain/incident/incidentUpdate.js';
import type { AttachmentStore, CaseRef, IntakeStore, QuarantineStore, ReplyJobs, ScreenQueue, StaffDirectory } from './ports.js';
import { explainRefusal, type RefusalDeps, type RefusalReason } from './explainRefusal.js';

export interface MailSource {
  channel: string;
  mailboxKey: string | null;
  uid: number | null;
  receivedAt: Date;
  /**
   * A form or API submission: its address and subject are whatever anyone typed, so it
   * always opens a new case (a customer continues a case by replying to our mail) and
   * never counts as a department's mail.
   */
  submitted?: boolean;
}

export type IngestOutcome =
  | { kind: 'opened'; caseNumber: string }
  | { kind: 'joined'; caseNumber: string }
  | { kind: 'staff-reply'; caseNumber: string; department: string }
  | { kind: 'duplicate'; caseNumber: string }
  | { kind: 'quarantined'; reason: string };

export interface IntakeDeps {
  store: IntakeStore;
  attachments: AttachmentStore;
  quarantine: QuarantineStore;
  jobs: ScreenQueue & ReplyJobs;
  staff: StaffDirectory;
  refusals: RefusalDeps;
  /** Days after closing in which a customer's mail re-opens the case (else a new, linked case opens). */
  reopenWindowDays: () => Promise<number>;
  now: () => Date;
  parse: (raw: Buffer) => Promise<InboundMail>;
  casePrefix: string;
  ownAddresses: readonly string[];
  log: Logger;
}

export async function ingestMail(raw: Buffer, source: MailSource, deps: IntakeDeps): Promise<IngestOutcome> {
  let mail: InboundMail;
  try {
    mail = await deps.parse(raw);
  } catch (err) {
    return quarantine(deps, source, raw, { reason: 'unparseable', detail: (err as Error).message });
  }
  const key = dedupeKey(mail.messageId, mail.from?.address ?? null, raw);
  const summary = { from: mail.from?.address, subject: mail.subject.slice(0, 200), messageId: mail.messageId ?? undefined };

  const stored = await deps.store.caseOfMessage(key);
  if (stored) {
    // Stored before; the work that follows it may not be queued yet.
    if (stored.direction === 'staff') await deps.jobs.applyStaffReply(stored.ref.caseId, key);
    else await finishCase(deps, stored.ref, key, detectAutomated(mail));
    return { kind: 'duplicate', caseNumber: stored.ref.caseNumber };
  }
  if (!mail.from) {
    return quarantine(deps, source, raw, { key, reason: 'no-sender', detail: 'the From header is missing or has no valid address', ...summary });
  }

  const automated = detectAutomated(mail);
  const token = source.submitted ? ({ kind: 'none' } as const) : deps.staff.readToken(recipients(mail));
  const refused = { key, raw, mail, source, automated, summary };
  if (token.kind === 'invalid') {
    return refuse(deps, refused, null, 'bad-reply-token', `${token.address} is not a reply address this system made (wrong code for the case)`);
  }
  const staffOf = source.submitted ? [] : await deps.staff.departmentsOf(mail.from.address);
  if (token.kind === 'valid' && isIncidentId(token.caseNumber)) return ingestIncidentReply(deps, refused, token.caseNumber, staffOf);
  const byToken = token.kind === 'valid' ? ((await deps.store.casesByNumbers([token.caseNumber]))[0] ?? null) : null;
  if (token.kind === 'valid' && !byToken) {
    return refuse(deps, refused, token.caseNumber, 'unknown-case', `reply address names case ${token.caseNumber}, which does not exist`);
  }
  const { byRef, bySubject } = source.submitted ? { byRef: [], bySubject: [] } : await threadCandidates(deps, mail);
  if (byToken) return ingestStaffReply(deps, { ...refused, ref: byToken, staffOf });
  // Staff writing about a case without its reply address (or someone using a staff
  // address as the sender): nothing changes, and the real owner of the address is told.
  const staffCase = staffOf.length ? (byRef[0] ?? bySubject[0] ?? null) : null;
  if (staffCase && staffCase.customerEmail.toLowerCase() !== mail.from.address.toLowerCase()) {
    return refuse(deps, refused, staffCase.caseNumber, 'no-reply-token', `${mail.from.address} wrote about case ${staffCase.caseNumber} to ${recipients(mail)[0] ?? 'us'}, not to the case's reply address`);
  }

  const chosen = chooseThread(mail.from.address, byRef, bySubject);
  // A case closed longer ago than the re-open window is not re-opened: a new case continues it.
  const stale = chosen?.status === 'closed' && chosen.closedAt && deps.now().getTime() - chosen.closedAt.getTime() > (await deps.reopenWindowDays()) * 86400_000;
  const thread = stale ? null : chosen;
  if (!thread) {
    if (automated && !opensCase(automated.kind)) {
      return quarantine(deps, source, raw, { key, reason: automated.kind, detail: `${automated.reason}; it belongs to no case`, ...summary });
    }
    if (isOwnAddress(mail.from.address, deps.ownAddresses)) {
      return quarantine(deps, source, raw, { key, reason: 'own-address', detail: `sent from our own address ${mail.from.address} (mail loop)`, ...summary });
    }
  }

  const { ref, created } = thread
    ? { ref: thread, created: false }
    : await deps.store.openCase({
        originKey: key,
        prefix: deps.casePrefix,
        channel: source.channel,
        mailboxKey: source.mailboxKey,
        customer: { email: mail.from.address, name: mail.from.name },
        subject: mail.subject,
        searchTerms: searchTermsOf(mail.subject, mail.text),
        locale: detectLocale(`${mail.subject}\n${mail.text}`),
        priority: DEFAULT_PRIORITY,
        receivedAt: source.receivedAt,
        ...(stale ? { linkedCase: chosen.caseNumber } : {}),
      });
  const attachments = await deps.attachments.save(key, ref.caseId, mail.attachments);
  await deps.store.addMessage({
    dedupeKey: key,
    caseRef: ref,
    channel: source.channel,
    mailboxKey: source.mailboxKey,
    uid: source.uid,
    receivedAt: source.receivedAt,
    mail,
    automated,
    attachments,
    ...(ref.originKey === key ? { opened: stale ? { linkedCase: chosen.caseNumber } : {} } : {}),
  });
  await finishCase(deps, ref, key, automated);
  deps.log.info({ event: created || ref.originKey === key ? 'case.opened' : 'case.message_joined', case: ref.caseNumber, from: mail.from.address, automated: automated?.kind }, 'message stored');
  return ref.originKey === key ? { kind: 'opened', caseNumber: ref.caseNumber } : { kind: 'joined', caseNumber: ref.caseNumber };
}

/**
 * The work that follows a stored customer message; repeated on every re-run until it is
 * done. Screening runs once per case and starts the acknowledgement and the routing; a
 * later message of a routed case goes to its department (P-12: the customer's answers).
 */
async function finishCase(deps: IntakeDeps, ref: CaseRef, key: string, automated: ReturnType<typeof detectAutomated>): Promise<void> {
  if (ref.ackState === 'pending' || ref.routedTo.length === 0) await deps.jobs.screen(ref.caseId);
  else if (key === ref.originKey || automated) return;
  else if (ref.status === 'resolved' || ref.status === 'closed') await deps.jobs.lateCustomerMail(ref.caseId, key);
  else await deps.jobs.forwardCustomerReply(ref.caseId, key);
}

/**
 * A department's reply through the case's reply address: stored on the case as staff
 * mail, the first one confirms receipt (P-12), and its commands are applied by a job
 * (P-13). Only the staff and supervisors of the departments the case was routed to may
 * write to it.
 */
async function ingestStaffReply(deps: IntakeDeps, r: Refused & { ref: CaseRef; staffOf: string[] }): Promise<IngestOutcome> {
  const from = r.mail.from!.address;
  const allowed = r.ref.routedTo.length ? r.staffOf.filter((d) => r.ref.routedTo.includes(d)) : r.staffOf;
  if (allowed.length === 0) {
    const to = r.ref.routedTo.join(', ') || 'no department yet';
    return refuse(deps, r, r.ref.caseNumber, 'not-staff', `${from} wrote to case ${r.ref.caseNumber} but is not on the staff of its departments (${to}); add the address to departments[].members in the screening configuration`);
  }
  const department = allowed[0]!;
  // The From header alone proves nothing: the mail must show its domain sent it.
  const unproven = await deps.staff.originUnproven(r.raw, from, department);
  if (unproven) return refuse(deps, r, r.ref.caseNumber, 'unproven-sender', `a mail from ${from} to case ${r.ref.caseNumber} was not applied: ${unproven}`);
  // An out-of-office answer is kept on the case but confirms nothing.
  if (!r.automated) await deps.staff.confirm(r.ref.caseId, from, department, r.source.receivedAt);
  const attachments = await deps.attachments.save(r.key, r.ref.caseId, r.mail.attachments);
  await deps.store.addMessage({
    dedupeKey: r.key,
    caseRef: r.ref,
    channel: r.source.channel,
    mailboxKey: r.source.mailboxKey,
    uid: r.source.uid,
    receivedAt: r.source.receivedAt,
    mail: r.mail,
    automated: r.automated,
    attachments,
    department,
  });
  await deps.jobs.applyStaffReply(r.ref.caseId, r.key);
  deps.log.info({ event: 'case.staff_reply', case: r.ref.caseNumber, from, department, automated: r.automated?.kind }, 'department reply stored');
  return { kind: 'staff-reply', caseNumber: r.ref.caseNumber, department };
}

/**
 * A department's reply to an incident's reply address (P-10): stored on each open case of
 * the incident that the sender's departments were routed, under a key made from the mail
 * and the case, and applied there as a reply to that case would be. A re-run stores and
 * applies nothing twice.
 */
async function ingestIncidentReply(deps: IntakeDeps, r: Refused, incidentId: string, staffOf: string[]): Promise<IngestOutcome> {
  const from = r.mail.from!.address;
  const cases = await deps.store.casesOfIncident(incidentId);
  if (cases.length === 0) return refuse(deps, r, null, 'unknown-case', `reply address names incident ${incidentId}, which does not exist`);
  const mine = cases.filter((c) => staffOf.some((d) => c.routedTo.includes(d)));
  if (mine.length === 0) {
    const to = [...new Set(cases.flatMap((c) => c.routedTo))].join(', ') || 'no department yet';
    return refuse(deps, r, null, 'not-staff', `${from} wrote to incident ${incidentId} but is not on the staff of its cases' departments (${to}); add the address to departments[].members in the screening configuration`);
  }
  // As for a case's reply address, the From header alone proves nothing.
  const unproven = await deps.staff.originUnproven(r.raw, from, staffOf.find((d) => mine[0]!.routedTo.includes(d))!);
  if (unproven) return refuse(deps, r, null, 'unproven-sender', `a mail from ${from} to incident ${incidentId} was not applied: ${unproven}`);
  const open = mine.filter((c) => c.status !== 'resolved' && c.status !== 'closed');
  for (const ref of open) {
    const key = updateKey(r.key, ref.caseId);
    const department = staffOf.find((d) => ref.routedTo.includes(d))!;
    if (!r.automated) await deps.staff.confirm(ref.caseId, from, department, r.source.receivedAt);
    const attachments = await deps.attachments.save(key, ref.caseId, r.mail.attachments);
    await deps.store.addMessage({ dedupeKey: key, caseRef: ref, channel: r.source.channel, mailboxKey: r.source.mailboxKey, uid: r.source.uid, receivedAt: r.source.receivedAt, mail: r.mail, automated: r.automated, attachments, department });
    await deps.jobs.applyStaffReply(ref.caseId, key);
  }
  const department = staffOf.find((d) => mine[0]!.routedTo.includes(d))!;
  deps.log.info({ event: 'incident.staff_reply', incident: incidentId, from, department, cases: open.map((c) => c.caseNumber), automated: r.automated?.kind }, 'department reply to an incident stored on its open cases');
  return { kind: 'staff-reply', caseNumber: incidentId, department };
}

interface Refused {
  key: string;
  raw: Buffer;
  mail: InboundMail;
  source: MailSource;
  automated: ReturnType<typeof detectAutomated>;
  summary: Record<string, string | undefined>;
}

/** A mail that may not change the case it names: quarantined, and its sender told why. */
async function refuse(deps: IntakeDeps, r: Refused, caseNumber: string | null, reason: RefusalReason, detail: string): Promise<IngestOutcome> {
  const outcome = await quarantine(deps, r.source, r.raw, { key: r.key, reason, detail, ...r.summary });
  await explainRefusal(
    { key: r.key, to: r.mail.from!.address, caseNumber, reason, detail, locale: detectLocale(`${r.mail.subject}\n${r.mail.text}`), automated: r.automated, subject: r.mail.subject },
    deps.refusals,
  );
  return outcome;
}

function recipients(mail: InboundMail): string[] {
  const headers = ['delivered-to', 'x-original-to'].flatMap((h) => (mail.headers[h] ?? '').split('\n'));
  return [...mail.to.map((a) => a.address), ...mail.cc.map((a) => a.address), ...headers].map((a) => a.trim()).filter(Boolean);
}

/** The cases a mail's references and the case numbers in its subject name. */
async function threadCandidates(deps: IntakeDeps, mail: InboundMail): Promise<{ byRef: CaseRef[]; bySubject: CaseRef[] }> {
  const ids = referencedMessageIds(mail.inReplyTo, mail.references);
  const numbers = caseNumbersInSubject(deps.casePrefix, mail.subject);
  const [byRef, bySubject] = await Promise.all([
    ids.length ? deps.store.casesByMessageIds(ids) : [],
    numbers.length ? deps.store.casesByNumbers(numbers) : [],
  ]);
  return { byRef, bySubject };
}

async function quarantine(
  deps: IntakeDeps,
  source: MailSource,
  raw: Buffer,
  r: { key?: string; reason: string; detail: string; from?: string | undefined; subject?: string; messageId?: string | undefined },
): Promise<IngestOutcome> {
  const key = r.key ?? dedupeKey(null, null, raw);
  await deps.quarantine.put(
    {
      key,
      reason: r.reason,
      detail: r.detail,
      channel: source.channel,
      mailboxKey: source.mailboxKey,
      uid: source.uid,
      ...(r.from ? { from: r.from } : {}),
      ...(r.subject ? { subject: r.subject } : {}),
      ...(r.messageId ? { messageId: r.messageId } : {}),
      size: raw.length,
    },
    raw,
  );
  deps.log.warn({ event: 'mail.quarantined', reason: r.reason, detail: r.detail, from: r.from, mailbox: source.mailboxKey, uid: source.uid }, 'message quarantined');
  return { kind: 'quarantined', reason: `${r.reason}: ${r.detail}` };
}

/** A message over the size limit is not downloaded; it is recorded with what the envelope says. */
export async function rejectOversize(
  source: MailSource,
  size: number,
  summary: { from?: string; subject?: string; messageId?: string },
  maxBytes: number,
  deps: Pick<IntakeDeps, 'quarantine' | 'log'>,
): Promise<void> {
  const reason = 'too-large';
  const detail = `${(size / 1048576).toFixed(1)} MB is over the ${(maxBytes / 1048576).toFixed(0)} MB limit (MAX_MESSAGE_MB); it was marked processed on the server without being downloaded`;
  await deps.quarantine.put({
    key: `oversize:${source.mailboxKey}:${summary.messageId ?? `uid-${source.uid}-${source.receivedAt.getTime()}`}`,
    reason,
    detail,
    channel: source.channel,
    mailboxKey: source.mailboxKey,
    uid: source.uid,
    ...summary,
    size,
  });
  deps.log.warn({ event: 'mail.quarantined', reason, detail, from: summary.from, mailbox: source.mailboxKey, uid: source.uid }, 'message quarantined');
}
