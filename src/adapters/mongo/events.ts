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
