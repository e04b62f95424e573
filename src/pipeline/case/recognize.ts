// The author of an adopted suggestion agrees (or not) to be recognised publicly
// (公開表彰): by replying 「同意」 / "agree" to the outcome mail, or by its link (with the
// name they want shown). Agreeing puts the suggestion on the public page under that
// name; declining or withdrawing takes it off. Each answer is a timeline event.
import { event } from '../../domain/case/timelineEvents.js';
import { maskSensitive } from '../../domain/classify/sensitiveData.js';
import { initialsOf, type PublicRecognition, type Recognition, type RecognitionState } from '../../domain/case/recognition.js';
import type { SuggestionOutcome } from '../../domain/case/staffUpdate.js';
import type { CaseWorkStore } from './ports.js';

export interface RecognitionStore {
  /** The case's adopted outcome (null when not adopted), its recognition, and the author's name. */
  suggestionOf(caseId: string): Promise<{ outcome: SuggestionOutcome | null; recognition: Recognition | null; customerName: string } | null>;
  /** Stores the case's recognition; `listed` is its public entry (null: none). */
  set(caseId: string, recognition: Recognition, listed: PublicRecognition | null): Promise<void>;
  /** The public page's entries, the latest adopted first. */
  list(limit: number): Promise<PublicRecognition[]>;
}

export interface RecognizeDeps {
  work: Pick<CaseWorkStore, 'recordEvents'>;
  recognitions: RecognitionStore;
  now: () => Date;
  log: { info: (o: object, msg: string) => void };
}

/** Records the author's answer; false when the case has no adopted suggestion. */
export async function recordRecognition(caseId: string, key: string, state: RecognitionState, typedName: string | null, via: 'reply' | 'link', deps: RecognizeDeps): Promise<boolean> {
  const s = await deps.recognitions.suggestionOf(caseId);
  if (!s?.outcome) return false;
  const now = deps.now();
  // By reply, or with no name typed: the initials of the name they wrote under.
  const name = state === 'agreed' ? typedName || initialsOf(s.customerName) : '';
  const recognition: Recognition = { state, name, at: now, via };
  const listed = state === 'agreed' ? { caseId, name, plan: maskSensitive(s.outcome.text), adoptedAt: s.outcome.at } : null;
  await deps.recognitions.set(caseId, recognition, listed);
  await deps.work.recordEvents(caseId, [{ id: `${key}:recognition`, at: now, actor: 'customer', ...event(`recognition.${state}`, { name, via, message: key }) }]);
  deps.log.info({ event: 'suggestion.recognition', caseId, state, via }, 'suggestion author answered about public recognition');
  return true;
}
