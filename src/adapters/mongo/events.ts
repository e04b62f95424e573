// Writes timeline events once: the _id is derived from the cause, a repeat is ignored.
import { EventModel } from './models/eventModel.js';

export async function recordEvent(id: string, caseId: string, type: string, at: Date, data: Record<string, unknown> = {}, actor = 'system'): Promise<void> {
  try {
    await EventModel.create({ _id: id, caseId, type, at, actor, data });
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
  }
}

export function isDuplicateKey(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: number }).code === 11000;
}

export interface EventInput {
  id: string;
  caseId: string;
  type: string;
  at: Date;
  data?: Record<string, unknown>;
  actor?: string;
}

/** Several events in one round trip; those already recorded are skipped. */
export async function recordEvents(events: EventInput[]): Promise<void> {
  try {
    await EventModel.insertMany(
      events.map((e) => ({ _id: e.id, caseId: e.caseId, type: e.type, at: e.at, actor: e.actor ?? 'system', data: e.data ?? {} })),
      { ordered: false },
    );
  } catch (err) {
    const writeErrors = (err as { writeErrors?: Array<{ code?: number; err?: { code?: number } }> }).writeErrors;
    if (!writeErrors?.every((w) => (w.code ?? w.err?.code) === 11000)) throw err;
  }
}
