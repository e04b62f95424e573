// The facts of a case's two opening mails, the acknowledgement (P-16) and the routing
// mail (P-11), and their outcomes. Sent together after screening, they are made from the
// case as the screening job wrote it and the first message it read (a CaseSnapshot), or,
// when the job did not write it (a retry), from one case read and one message read; they
// are recorded with one round of timeline events, one guarded write of the case and the
// reconciler's marker dropped. Each store that handles one of them alone (notifyStore,
// routingStore) uses the same pieces.
import type { AckState } from '../../domain/case/case.js';
import { automatedVerdict } from './storedVerdict.js';
import type { Priority } from '../../domain/sla/priorityPolicy.js';
import type { StoredScreening } from '../../pipeline/classify/ports.js';
import type { CaseSnapshot } from '../../pipeline/case/caseSnapshot.js';
import type { AckContext, AckOutcome, OpeningStore } from '../../pipeline/notify/ports.js';
import type { RoutingContext, RoutingRecord, StoredFile } from '../../pipeline/route/ports.js';
import { CaseModel } from './models/caseModel.js';
import { MessageModel } from './models/messageModel.js';
import { PendingOpeningModel } from './models/lookupModels.js';
import { caseHead } from './caseHead.js';
import { recordEvents, type EventInput } from './events.js';
import { event, type CaseEvent } from '../../domain/case/timelineEvents.js';
import { writeEachIf, type Known } from './documentLocks.js';
import { deleteById } from './deleteById.js';

// The documents as lean() reads them; read through the driver (mongoose's query building
// was a cost of its own on this path, every case's screening).
const _leanCase = (caseId: string) => CaseModel.findById(caseId).lean();
const _leanOrigin = (caseId: string, fields: Record<string, 1>) => MessageModel.findById(caseId, fields).lean();
type CaseDoc = NonNullable<Awaited<ReturnType<typeof _leanCase>>>;
type OriginDoc = Awaited<ReturnType<typeof _leanOrigin>>;

const readCase = (caseId: string) => CaseModel.collection.findOne({ _id: caseId as never }) as Promise<CaseDoc | null>;
/** The first message's fields either mail needs (the case's first message shares its _id). */
const readOrigin = (caseId: string, fields: Record<string, 1>) => MessageModel.collection.findOne({ _id: caseId as never }, { projection: fields }) as Promise<OriginDoc>;

export const ACK_ORIGIN = { messageId: 1, references: 1, automated: 1, text: 1 } as const;
export const ROUTING_ORIGIN = { text: 1, attachments: 1 } as const;
export const OPENING_ORIGIN = { ...ACK_ORIGIN, ...ROUTING_ORIGIN } as const;

/**
 * What a CaseSnapshot holds in these adapters: the case and its first message's
 * OPENING_ORIGIN fields, and the case's lock version taken before it was read or left by
 * the write that returned it (documentLocks: a guarded write while it is current needs
 * no read).
 */
interface Snapshot {
  c: CaseDoc;
  origin: OriginDoc;
  version: string | null;
}

export const snapshotOf = (c: CaseDoc, origin: OriginDoc, version: string | null = null): CaseSnapshot => ({ c, origin, version }) as Snapshot as unknown as CaseSnapshot;
const openSnapshot = (s: CaseSnapshot): Snapshot => s as unknown as Snapshot;
/** The snapshot with the case as written since, and the version that write left. */
export const withCase = (s: CaseSnapshot, c: CaseDoc, version: string | null): CaseSnapshot => snapshotOf(c, openSnapshot(s).origin, version);
/** The snapshot's case, for a guarded write (documentLocks Known). */
export function knownCase(s: CaseSnapshot): Known {
  const { c, version } = openSnapshot(s);
  return { doc: c as unknown as Known['doc'], version };
}

export function ackContextOf(caseId: string, c: CaseDoc, origin: OriginDoc, screenedNow: boolean): AckContext {
  return {
    ...caseHead(caseId, c),
    ackState: (c.ack?.state ?? 'pending') as AckState,
    priority: c.priority as Priority,
    department: c.department ?? null,
    category: c.category ?? null,
    text: origin?.text ?? '',
    firstResponseBy: c.due?.firstResponseBy ?? null,
    origin: {
      messageId: origin?.messageId ?? null,
      references: origin?.references ?? [],
      automated: automatedVerdict(origin?.automated),
    },
    submitted: !c.mailboxKey,
    screenedNow,
  };
}

export function routingContextOf(caseId: string, c: CaseDoc, origin: OriginDoc): RoutingContext {
  return {
    ...caseHead(caseId, c),
    text: origin?.text ?? '',
    attachments: storedFiles(origin?.attachments),
    incidentId: c.incidentId ?? null,
    flags: c.flags ?? [],
    screening: (c.screening as StoredScreening | undefined) ?? null,
    routing: c.routing ?? {},
    expectedBy: c.sla?.expectedBy ?? null,
  };
}

/** A case and its first message, read with the fields `fields` names; null if the case does not exist. */
export async function readCaseWithOrigin(caseId: string, fields: Record<string, 1>): Promise<{ c: CaseDoc; origin: OriginDoc } | null> {
  const c = await readCase(caseId);
  return c ? { c, origin: await readOrigin(caseId, fields) } : null;
}

/**
 * Records either outcome or both (or neither: `also` alone), with the events `also` in
 * the same insert as theirs: the timeline events first, then the case's fields,
 * each set once (guarded by its own state, so a repeat changes nothing; the status moves
 * new -> acknowledged only from "new", later stages are never undone), then the
 * reconciler's marker goes if both are done. Events first, as for a sent mail (outbox
 * markSent): a crash between the two leaves the case unmarked and the retry, which
 * skips what the case shows done, writes the fields (its events are there already). The
 * other order can lose the event: a database that goes away between the two writes
 * leaves a case acknowledged with no acknowledgement event.
 */
export async function recordOpening(caseId: string, ack: AckOutcome | null, routing: RoutingRecord | null, also: EventInput[] = [], known?: Known): Promise<void> {
  const parts: Parameters<typeof writeEachIf>[2] = [];
  const events: EventInput[] = [...also];
  if (ack) {
    const set: Record<string, unknown> = { 'ack.state': ack.state };
    if (ack.reason) set['ack.reason'] = ack.reason;
    if (ack.state === 'sent') set['ack.sentAt'] = ack.at;
    parts.push({ guard: { 'ack.state': 'pending' }, update: { $set: set } });
    if (ack.state === 'sent') parts.push({ guard: { status: 'new' }, update: { $set: { status: 'acknowledged' } } });
    events.push({ id: `ack:${caseId}`, caseId, at: ack.at, ...event(`ack.${ack.state}`, { reason: ack.reason, outbox: ack.outboxId }) });
  }
  if (routing) {
    const { departments, sentAt, confirmBy, escalateAt } = routing;
    parts.push({ guard: { 'routing.sentAt': { $exists: false } }, update: { $set: { 'routing.departments': departments, 'routing.sentAt': sentAt, 'routing.confirmBy': confirmBy, 'routing.escalateAt': escalateAt } } });
    events.push({ id: `routed:${caseId}`, caseId, at: sentAt, ...event('case.routed', { departments, confirmBy, escalateAt }) });
  }
  await recordEvents(events);
  if (!ack && !routing) return;
  await writeEachIf(CaseModel.collection, caseId, parts, (filter, update) => CaseModel.updateOne(filter, update), known);
  // Both recorded now (the screening job's usual write): done without reading anything.
  if (ack && routing) await deleteById(PendingOpeningModel.collection, caseId);
  else await clearOpeningMarker(caseId);
}

/** Drops the reconciler's marker of a case (or of one that is gone) whose acknowledgement and routing are both recorded. */
export async function clearOpeningMarker(caseId: string): Promise<void> {
  const c = await CaseModel.findById(caseId, { 'ack.state': 1, 'routing.sentAt': 1 }).lean();
  if (!c || ((c.ack?.state ?? 'pending') !== 'pending' && c.routing?.sentAt)) await PendingOpeningModel.deleteOne({ _id: caseId });
}

export class MongoOpeningStore implements OpeningStore {
  async contexts(caseId: string, screened: CaseSnapshot | null): Promise<{ ack: AckContext; route: RoutingContext } | null> {
    const read = screened ? openSnapshot(screened) : await readCaseWithOrigin(caseId, OPENING_ORIGIN);
    return read && { ack: ackContextOf(caseId, read.c, read.origin, !!screened), route: routingContextOf(caseId, read.c, read.origin) };
  }

  record(caseId: string, ack: AckOutcome | null, routing: RoutingRecord | null, events: CaseEvent[] = [], screened: CaseSnapshot | null = null): Promise<void> {
    return recordOpening(caseId, ack, routing, events, screened ? knownCase(screened) : undefined);
  }

  clearMarker(caseId: string): Promise<void> {
    return clearOpeningMarker(caseId);
  }
}

/** A message's stored attachments as the pipeline reads them. */
export function storedFiles(list: Array<{ fileId?: string | null; filename?: string | null; contentType?: string | null; size?: number | null }> | null | undefined): StoredFile[] {
  return (list ?? []).flatMap((a) => (a.fileId ? [{ fileId: a.fileId, filename: a.filename ?? 'attachment', contentType: a.contentType ?? 'application/octet-stream', size: a.size ?? 0 }] : []));
}
