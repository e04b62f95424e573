// The screening job (P-7 to P-11) for one case: decide once (in a worker thread, within a
// time limit past which the case goes to triage flagged too-complex), store the decisions
// with their reasons (and the incident the case joins) on the case, send the
// acknowledgement and the routing mail (notify/openingMails), whose outcomes go on the
// timeline in one insert with the decisions, and record the incident and its other new
// members meanwhile. Every step is idempotent, so a retry after a crash anywhere finishes
// the work without deciding twice: the first stored screening wins.
import type { Logger } from 'pino';
import { tooComplexScreening } from '../../domain/classify/tooComplex.js';
import { bucketKeys, incidentFor, similarPeers, type Signature } from '../../domain/incident/incidentMatch.js';
import { dueTimes } from '../../domain/sla/priorityPolicy.js';
import { withinBudget } from '../../domain/text/budget.js';
import type { CaseSnapshot } from '../case/caseSnapshot.js';
import type { CaseEvent } from '../../domain/case/timelineEvents.js';
import { decisionEvents } from './decisionEvents.js';
import { casePhrases } from '../../domain/report/phrases.js';
import { ScreeningTimeout, type IncidentBuckets, type IncidentStore, type ScreeningStore, type TextScreener } from './ports.js';
import type { ScreeningRuntime, Training } from './screeningRuntime.js';
import type { ScreenedText } from './screenText.js';

export interface ScreenDeps {
  store: ScreeningStore;
  buckets: IncidentBuckets;
  incidents: IncidentStore;
  runtime: ScreeningRuntime;
  /** Runs the CPU-bound screening off the event loop, within a time limit. */
  screener: TextScreener;
  /**
   * Sends the case's acknowledgement and routing mail, each unless done before; given
   * the case as this job's screening wrote it, without reading it again, and the
   * screening's timeline events, written with the mails' outcomes (or alone).
   */
  sendOpeningMails: (caseId: string, screened: CaseSnapshot | null, decisions: CaseEvent[]) => Promise<void>;
  log: Logger;
  now: () => Date;
}

export async function screenCase(caseId: string, deps: ScreenDeps): Promise<void> {
  const ctx = await deps.store.context(caseId);
  if (!ctx) {
    deps.log.warn({ event: 'screen.no_case', caseId }, 'screening for a case that does not exist');
    return;
  }
  let stored = ctx.screening;
  // A case found too complex once is not screened again: its retry would only wait as long.
  const text = stored?.flags.includes('too-complex') ? null : await screenWithin(deps, ctx, await deps.runtime.training());
  // The incident is decided in Redis before the screening is stored, so that the case's
  // own link goes into the same write (one locked case update fewer per case).
  let incident: Incident | null;
  let onCase = ctx.incidentId !== null;
  let screened: CaseSnapshot | null = null;
  if (!stored) {
    const { config } = await deps.runtime.training();
    const s = text?.screening ?? tooComplexScreening(config, deps.screener.limitMs);
    const product = text?.product ?? 'general';
    incident = text ? await matchIncident(deps, ctx, product, text.signature) : null;
    const saved = await deps.store.save(
      caseId,
      {
        category: s.category.category,
        confidence: s.category.confidence,
        categorySource: s.category.source,
        categoryRules: s.category.ruleHits.map((h) => `${h.rule.id} ("${h.matched}")`),
        model: s.category.model,
        priority: s.priority,
        priorityReasons: s.priorityReasons,
        sentiment: { label: s.sentiment.label, score: s.sentiment.score, cues: s.sentiment.cues },
        flags: s.flags,
        flagReasons: s.flagReasons,
        sensitive: s.sensitive,
        department: s.department,
        alsoDepartments: s.alsoDepartments,
        product,
        due: dueTimes(ctx.receivedAt, s.priority, config.priorityPolicy),
        at: deps.now(),
      },
      incident?.incidentId ?? null,
      ctx.snapshot,
    );
    stored = saved.screening;
    screened = saved.snapshot;
    // Written with the screening, or (when the case was a peer's incident member already) there before it.
    onCase ||= saved.written && incident !== null;
  } else incident = text ? await matchIncident(deps, ctx, stored.product, text.signature) : null;
  deps.log.info(
    { event: 'case.screened', case: ctx.caseNumber, category: stored.category, confidence: stored.confidence, priority: stored.priority, sentiment: stored.sentiment.label, flags: stored.flags, department: stored.department },
    'case screened',
  );
  // The customer and the department need not wait for the incident's own document and
  // the peers' links, nor these for them; a failure in either retries this job.
  const decisions = decisionEvents(caseId, stored, incident && { id: incident.incidentId, at: deps.now() }, casePhrases(ctx.subject, ctx.text));
  const opening = deps.sendOpeningMails(caseId, screened, decisions);
  const linking = incident
    ? // The case's own link is on its timeline already (with the decisions), and on the case where the save wrote it.
      deps.incidents.link(
        incident.incidentId,
        stored.product,
        incident.members.map((m) => ({ ...m, onCase: m.caseId === caseId && onCase, onTimeline: m.caseId === caseId })),
        deps.now(),
        incident.opens,
      )
    : null;
  for (const r of await Promise.allSettled([opening, linking])) if (r.status === 'rejected') throw r.reason;
}

/**
 * The case's screening, decided on the first TEXT_BUDGET characters (a mail of megabytes
 * costs no more than that) in a worker thread; null when it ran past the time limit.
 */
async function screenWithin(deps: ScreenDeps, ctx: { caseNumber: string; subject: string; text: string }, training: Training): Promise<ScreenedText | null> {
  const started = performance.now();
  try {
    return await deps.screener.screen(training, withinBudget(ctx.subject), withinBudget(ctx.text));
  } catch (err) {
    if (!(err instanceof ScreeningTimeout)) throw err;
    deps.log.warn(
      { event: 'case.too_complex', case: ctx.caseNumber, limitMs: err.limitMs, ms: Math.round(performance.now() - started), chars: ctx.text.length },
      'screening ran past its time limit: the case goes to triage flagged too-complex',
    );
    return null;
  }
}

// The earliest similar peers considered. The earliest decides the incident; the others
// matter only while they are in none yet (each is then linked too), which in a burst is
// true of its first few cases alone.
const MAX_PEERS = 10;

interface Incident {
  incidentId: string;
  /** The case and the peers that joined the incident with it. */
  members: Array<{ caseId: string; at: Date }>;
  /**
   * This case records the incident: it opened it now, or was in it before this run (a
   * retry, which finishes what a crash cut short, or a peer linked by another case). A
   * case that joins an incident that was there records nothing of it: in a surge of
   * complaints, every one of them rewrote one shared document before.
   */
  opens: boolean;
}

/** The incident the case is in (joined now, or before), or null when it has no similar peer. */
async function matchIncident(
  deps: ScreenDeps,
  ctx: { caseId: string; caseNumber: string; customerEmail: string; receivedAt: Date },
  product: string,
  sig: Signature,
): Promise<Incident | null> {
  const config = await deps.runtime.config();
  const self = { caseId: ctx.caseId, caseNumber: ctx.caseNumber, at: ctx.receivedAt, customer: ctx.customerEmail.toLowerCase(), signature: sig };
  const { windowHours, similarity } = config.incident;
  // The buckets are looked up for this window and the next: kept a little longer than two.
  const keepMs = (2 * windowHours + 1) * 3600_000;
  const others = await deps.buckets.addAndList(bucketKeys(product, ctx.receivedAt, windowHours, sig), self, keepMs);
  const similar = similarPeers(self, others, windowHours, similarity).slice(0, MAX_PEERS);
  if (similar.length === 0) return null;
  // The case, and its similar cases not yet in an incident, join one: decided in Redis
  // first (a concurrent screening may have joined some of them since the listing), so
  // that a retry after a crash before the database link finds the same incident.
  const proposed = incidentFor(self, similar)!;
  const { incidentId, joined } = await deps.buckets.joinIncident(similar.map((p) => p.caseId), self.caseId, proposed, keepMs);
  // The case itself always, and the peers it put in, now or in a run that a crash cut
  // short: a retry finishes the links its first attempt began (and dates the incident by
  // all of them).
  const members = [self, ...similar.filter((p) => joined.includes(p.caseId))];
  const opened = !similar[0]!.incidentId && incidentId === proposed;
  return { incidentId, members: members.map((m) => ({ caseId: m.caseId, at: m.at })), opens: opened || !joined.includes(self.caseId) };
}
