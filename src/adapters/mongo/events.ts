// Writes timeline events once: the _id is derived from the cause, a repeat is ignored.
// The events that change a report figure are also queued for the report projector
// (report_queue), after the timeline: a crash between the two is mended by the writer's
// retry, and a queued event seen twice counts once (see domain/report/rollupFacts).
import { isReported } from '../../domain/report/rollupFacts.js';
import type { CaseEvent, TimelineEntry } from '../../domain/case/timelineEvents.js';
import { EventModel } from './models/eventModel.js';
import { ReportQueueModel } from './models/reportQueueModel.js';
import { insertOnce } from './insertOnce.js';

export async function recordEvent(id: string, caseId: string, entry: TimelineEntry, at: Date, actor = 'system'): Promise<void> {
  await recordEvents([{ id, caseId, at, actor, ...entry }]);
}

/** A duplicate _id, or a bulk insert whose every failure is one. */
export function isDuplicateKey(err: unknown): boolean {
  if (typeof err !== 'object' || err === null) return false;
  const e = err as { code?: number; writeErrors?: Array<{ code?: number; err?: { code?: number } }> };
  if (e.writeErrors?.length) return e.writeErrors.every((w) => (w.code ?? w.err?.code) === 11000);
  return e.code === 11000;
}

export type EventInput = CaseEvent & { actor?: string };

/** Several events in one round trip (shared with other jobs'); those already recorded are skipped. */
export async function recordEvents(events: EventInput[]): Promise<void> {
  await insertOnce(EventModel.collection, events.map((e) => ({ _id: e.id, caseId: e.caseId, type: e.type, at: e.at, actor: e.actor ?? 'system', data: e.data })));
  const reported = events.filter(isReported);
  if (reported.length) await insertOnce(ReportQueueModel.collection, reported.map((e) => ({ _id: e.id, caseId: e.caseId, type: e.type, at: e.at, data: e.data, ...(e.phrases ? { phrases: e.phrases } : {}) })));
}
