// What one timeline event adds to the report rollups, and to the case's own metrics.
// Pure: the projector reads the event and the case's head, stores both results.
//
// Each fact is counted once per case: what the case already had counted is kept in its
// metrics, so an event seen twice (a retried write, a rebuild) adds nothing.
//
// Every measure is counted on the day the case was received (a cohort): a quarter's
// report speaks of the cases received in that quarter, their acknowledgement, first
// update, resolution and survey, whenever those happened. So each day's figures only
// grow as its cases progress, and a report never mixes one case into two periods.
import { bucketOf } from './histogram.js';
import { localDay } from './period.js';
import { CAUSE_KINDS, type CauseKind } from '../case/processCommands.js';
import { isEventKind, REPORTED_EVENTS, type EventKind } from '../case/timelineEvents.js';
import { mailMeasure } from '../mail/mailKinds.js';

export { REPORTED_EVENTS };

export const MEASURES = [
  'received',
  'acked', 'ackMs', 'ackDue', 'ackMet',
  'updated', 'updateMs', 'updateDue', 'updateMet',
  'resolved', 'resolveMs', 'resolveDue', 'resolveMet',
  'reopened', 'surveysSent', 'answered', 'scored', 'scoreSum',
  'score1', 'score2', 'score3', 'score4', 'score5',
  'causeOperatorError', 'causeSystemFault', 'causeProductDefect', 'causeService', 'causeThirdParty', 'prevented',
  'suggestionsAdopted', 'suggestionsDeclined',
  'productCases', 'compensations', 'compensationAmount',
] as const;
export type Measure = (typeof MEASURES)[number];
export type Counts = Partial<Record<Measure, number>>;

/** The measure that counts the cases of each cause. */
export const CAUSE_MEASURE: Record<CauseKind, Measure> = {
  operator_error: 'causeOperatorError',
  system_fault: 'causeSystemFault',
  product_defect: 'causeProductDefect',
  service: 'causeService',
  third_party: 'causeThirdParty',
};

/** What the case has already had counted, and its durations (kept on the case). */
export interface CaseMetrics {
  received?: boolean;
  ackMs?: number;
  ackMet?: boolean;
  updateMs?: number;
  updateMet?: boolean;
  resolveMs?: number;
  resolveMet?: boolean;
  /** The re-open events counted (a case re-opens rarely; the list stays short). */
  reopenedBy?: string[];
  surveySent?: boolean;
  surveyed?: boolean;
  score?: number;
  /** The cause counted (a corrected cause moves the case from one count to the other). */
  cause?: CauseKind;
  prevented?: boolean;
  suggestion?: 'adopted' | 'declined';
  /** The product and module counted ("name" or "name / module"): a correction moves the case. */
  product?: string;
}

/**
 * The dimensions beside channel, category and priority: the case's product and module
 * (from `product:`), its handler (who resolved it, else its assignee), and for a
 * compensation fact its kind and currency.
 */
export const EXTRA_DIMENSIONS = ['product', 'module', 'handler', 'compensation'] as const;
export type ExtraDimension = (typeof EXTRA_DIMENSIONS)[number];
export type ExtraDimensions = Partial<Record<ExtraDimension, string>>;

/** The product and module as the reports key them. */
export const productKey = (p: { name: string; module: string | null }) => (p.module ? `${p.name} / ${p.module}` : p.name);

export interface CaseHead {
  caseId: string;
  receivedAt: Date;
  channel: string;
  category: string | null;
  priority: string;
  department: string | null;
  due: { acknowledgeBy?: Date | null; firstResponseBy?: Date | null; resolveBy?: Date | null };
  metrics: CaseMetrics;
  product?: { name: string; module: string | null } | null;
  /** Who handles the case: who resolved it, else its assignee. */
  handler?: string | null;
  /** Candidate phrases (only needed when the case is first counted). */
  phrases?: string[];
}

/** A stored event as read back: its data is not trusted to fit its kind (older versions wrote less). */
export interface TimelineEvent {
  id: string;
  type: string;
  at: Date;
  data: Record<string, unknown>;
}

/**
 * Whether the event can change a report figure: only those are queued for the projector.
 * Of the mails sent, the customer's that are measured (acknowledgement, update, survey):
 * the departments' mails, reminders and alerts are most of them and count for nothing.
 */
export function isReported(e: { type: string; data?: object }): boolean {
  if (!isEventKind(e.type) || !REPORTED_EVENTS.has(e.type)) return false;
  return e.type !== 'mail.sent' || mailMeasure(String((e.data as { kind?: unknown } | undefined)?.kind ?? '')) !== null;
}

export interface RollupFact {
  /** Unique per fact: a rollup document counts it once. */
  key: string;
  day: string;
  counts: Counts;
  hist?: { ack?: number; resolve?: number };
  phrases?: string[];
  /** Preventive measures recorded, listed in the report under their cause. */
  measures?: PreventiveMeasure[];
  /** Dimensions of this fact other than the case's own (a product the case left, a compensation's kind). */
  dims?: ExtraDimensions;
}

/** The case's extra dimensions, as its facts are counted under them. */
export function caseDimensions(c: Pick<CaseHead, 'product' | 'handler'>): ExtraDimensions {
  return {
    ...(c.product ? { product: c.product.name, module: productKey(c.product) } : {}),
    ...(c.handler ? { handler: c.handler } : {}),
  };
}

export interface PreventiveMeasure {
  cause: CauseKind | null;
  text: string;
}

export interface Projection {
  facts: RollupFact[];
  /** The case's metrics after the event. */
  metrics: CaseMetrics;
}


export function projectEvent(e: TimelineEvent, c: CaseHead, timeZone: string): Projection {
  const m: CaseMetrics = { ...c.metrics };
  const day = localDay(c.receivedAt, timeZone);
  const facts: RollupFact[] = [];
  const fact = (key: string, counts: Counts, extra: Partial<RollupFact> = {}) => facts.push({ key: `${key}:${c.caseId}`, day, counts, ...extra });
  const took = (due: Date | null | undefined) => ({ ms: Math.max(0, e.at.getTime() - c.receivedAt.getTime()), due: due ? 1 : 0, met: due && e.at <= due ? 1 : 0 });

  const kind: EventKind | null = isEventKind(e.type) ? e.type : null;
  switch (kind) {
    // A case enters the figures once it is classified (its category and priority are known).
    case 'screening.category':
      if (!m.received) {
        m.received = true;
        fact('received', { received: 1 }, { phrases: c.phrases ?? [] });
      }
      break;
    case 'mail.sent': {
      const measure = mailMeasure(String(e.data.kind ?? ''));
      if (measure === 'ack' && m.ackMs === undefined) {
        const t = took(c.due.acknowledgeBy);
        [m.ackMs, m.ackMet] = [t.ms, t.met === 1];
        fact('ack', { acked: 1, ackMs: t.ms, ackDue: t.due, ackMet: t.met }, { hist: { ack: bucketOf(t.ms) } });
      }
      if (measure === 'update' && m.updateMs === undefined) {
        const t = took(c.due.firstResponseBy);
        [m.updateMs, m.updateMet] = [t.ms, t.met === 1];
        fact('update', { updated: 1, updateMs: t.ms, updateDue: t.due, updateMet: t.met });
      }
      if (measure === 'survey' && !m.surveySent) {
        m.surveySent = true;
        fact('survey-sent', { surveysSent: 1 });
      }
      break;
    }
    case 'status.changed': {
      const to = String(e.data.to ?? '');
      if (to === 'resolved' && m.resolveMs === undefined) {
        const t = took(c.due.resolveBy);
        [m.resolveMs, m.resolveMet] = [t.ms, t.met === 1];
        fact('resolve', { resolved: 1, resolveMs: t.ms, resolveDue: t.due, resolveMet: t.met }, { hist: { resolve: bucketOf(t.ms) } });
      }
      if (to === 'reopened' && !m.reopenedBy?.includes(e.id)) {
        m.reopenedBy = [...(m.reopenedBy ?? []), e.id];
        fact(`reopen:${e.id}`, { reopened: 1 });
      }
      break;
    }
    case 'survey.answered':
      if (!m.surveyed) {
        m.surveyed = true;
        const score = e.data.kind === 'score' ? Number(e.data.score) : NaN;
        if (Number.isInteger(score) && score >= 1 && score <= 5) {
          m.score = score;
          fact('answer', { answered: 1, scored: 1, scoreSum: score, [`score${score}`]: 1 });
        } else fact('answer', { answered: 1 });
      }
      break;
    case 'cause.set': {
      const cause = String(e.data.kind ?? '') as CauseKind;
      if (CAUSE_KINDS.includes(cause) && m.cause !== cause) {
        fact(`cause:${e.id}`, { [CAUSE_MEASURE[cause]]: 1, ...(m.cause ? { [CAUSE_MEASURE[m.cause]]: -1 } : {}) });
        m.cause = cause;
      }
      break;
    }
    case 'prevention.set': {
      const cause = CAUSE_KINDS.includes(e.data.cause as CauseKind) ? (e.data.cause as CauseKind) : null;
      fact(`prevent:${e.id}`, m.prevented ? {} : { prevented: 1 }, { measures: [{ cause, text: String(e.data.text ?? '') }] });
      m.prevented = true;
      break;
    }
    case 'suggestion.adopted':
    case 'suggestion.declined':
      if (!m.suggestion) {
        m.suggestion = kind === 'suggestion.adopted' ? 'adopted' : 'declined';
        fact('suggestion', { [m.suggestion === 'adopted' ? 'suggestionsAdopted' : 'suggestionsDeclined']: 1 });
      }
      break;
    case 'product.set': {
      const name = String(e.data.product ?? '');
      const key = name ? productKey({ name, module: e.data.module ? String(e.data.module) : null }) : '';
      if (key && m.product !== key) {
        // The case leaves its former product's count and joins the new one's.
        if (m.product) {
          const [was, mod] = m.product.split(' / ');
          fact(`product-out:${e.id}`, { productCases: -1 }, { dims: { product: was!, module: mod ? m.product : was! } });
        }
        fact(`product:${e.id}`, { productCases: 1 }, { dims: { product: name, module: key } });
        m.product = key;
      }
      break;
    }
    case 'compensation.recorded': {
      const compensation = String(e.data.kind ?? '');
      const amount = Number(e.data.amount);
      const currency = e.data.currency ? String(e.data.currency) : '';
      if (compensation) fact(`comp:${e.id}`, { compensations: 1, ...(Number.isFinite(amount) && amount > 0 ? { compensationAmount: amount } : {}) }, { dims: { compensation: currency ? `${compensation} ${currency}` : compensation } });
      break;
    }
    default:
      // The other kinds change no figure (and are never queued); an unknown one is ignored.
      break;
  }
  return { facts, metrics: m };
}
