// Moves timeline events into the report rollups: every event is written with a
// "pending" mark, and this step (run every 5 s by one worker at a time) reads a
// batch, works out what each adds (domain/report/rollupFacts), counts it into the
// rollups once, stores the cases' metrics, and only then clears the mark. A crash at
// any point leaves the events pending; the next run counts what is missing and nothing
// twice (the rollups remember a fact's key until its event is done).
//
// A case's phrases are its customer's words: an erasure takes them out of the rollups
// (adapters/mongo/erasure). One that starts after this step read the case and ends before
// it saved the case as counted finds nothing counted; so, once the metrics are saved, the
// projector claims the erasure marks of the cases it counted, and takes out the phrases
// of those it got (adapters/redis/erasureMarks: the erasure claims only counted cases).
import { casePhrases } from '../../domain/report/phrases.js';
import { localDay } from '../../domain/report/period.js';
import { caseDimensions, projectEvent, type CaseMetrics } from '../../domain/report/rollupFacts.js';
import type { CountedPhrases, DimensionedFact, ReportDeps } from './ports.js';

const BATCH = 500;

/** One batch; returns how many events it took (0: nothing pending). */
export async function projectPending(deps: ReportDeps, batch = BATCH): Promise<number> {
  const events = await deps.source.pendingEvents(batch);
  if (!events.length) return 0;
  const timeZone = await deps.timeZone();
  const caseIds = [...new Set(events.map((e) => e.caseId))];
  // A case's phrases come with its category event from the screening, which had the text;
  // it is read only for an event queued without them (by a rebuild).
  const needText = new Set(events.filter((e) => e.type === 'screening.category' && !e.phrases).map((e) => e.caseId));
  const heads = await deps.source.caseHeads(caseIds, needText);

  const facts: DimensionedFact[] = [];
  const metrics = new Map<string, CaseMetrics>();
  const phrased = new Map<string, CountedPhrases>();
  for (const e of [...events].sort((a, b) => a.at.getTime() - b.at.getTime())) {
    const head = heads.get(e.caseId);
    if (!head) continue; // not a case's event (a template test) or a case since deleted
    const before = metrics.get(e.caseId) ?? head.metrics;
    // An erased case's text is gone, and its words with it.
    const phrases = e.type === 'screening.category' && !before.received && !head.erased ? (e.phrases ?? casePhrases(head.subject ?? '', head.text ?? '')) : undefined;
    const p = projectEvent(e, { ...head, metrics: before, phrases }, timeZone);
    // Metrics change only with a fact: a case none of whose events added one is not written.
    if (p.facts.length) metrics.set(e.caseId, p.metrics);
    if (phrases?.length && p.metrics.received && !before.received) {
      phrased.set(e.caseId, { day: localDay(head.receivedAt, timeZone), department: head.department, category: head.category, phrases });
    }
    for (const f of p.facts) facts.push({ ...f, department: head.department, channel: head.channel, category: head.category, priority: head.priority, dims: { ...caseDimensions(head), ...f.dims } });
  }

  await deps.rollups.apply(facts);
  await deps.source.saveMetrics([...metrics].map(([caseId, m]) => ({ caseId, metrics: m })));
  for (const caseId of await deps.erasures.claim([...phrased.keys()])) await deps.rollups.removePhrases(phrased.get(caseId)!);
  await deps.source.eventsDone(events.map((e) => e.id));
  await deps.rollups.dropMarks(facts);
  return events.length;
}

/**
 * What is pending, batch after batch while the batches are full (a backlog); then the
 * phrase counts of finished days trimmed. Events that come in during a short batch wait
 * for the next run: a batch writes each rollup document it touches (about 24 a day) twice
 * however few events it holds, and going on until the queue was empty kept the projector
 * busy without a pause at a steady rate, with batches of a few dozen events (measured:
 * 10 rollup commands per case at 10 mails/s, against 1 in a burst).
 */
export async function projectAll(deps: ReportDeps, today?: string): Promise<number> {
  let total = 0;
  let n: number;
  do {
    n = await projectPending(deps, BATCH);
    total += n;
  } while (n === BATCH);
  if (today) await deps.rollups.trimClosed(today);
  return total;
}
