// The quarterly-review figures (P-23, P-24) from summed daily rollups: volume and share
// by channel and category, handling times (average and 90th percentile), SLA attainment
// per priority, resolution and re-open rates, satisfaction, the most frequent phrases per
// category, and each department's performance. Pure arithmetic over counts, so a report
// costs the same however many cases the period holds.
import { addHistograms, percentile, type Histogram } from './histogram.js';
import { topPhrases, type TopPhrase } from './phrases.js';
import { CAUSE_MEASURE, EXTRA_DIMENSIONS, type Counts, type ExtraDimension, type Measure, type PreventiveMeasure } from './rollupFacts.js';
import { CAUSE_KINDS, type CauseKind } from '../case/processCommands.js';
import type { Period } from './period.js';

export type Dimension = 'channel' | 'category' | 'priority' | ExtraDimension;
const DIMENSIONS: readonly Dimension[] = ['channel', 'category', 'priority', ...EXTRA_DIMENSIONS];

/** One day's or month's rollup ('YYYY-MM-DD', 'YYYY-MM') for all departments ('*') or one. */
export interface Rollup {
  period: string;
  department: string;
  totals: Counts;
  by: Partial<Record<Dimension, Record<string, Counts>>>;
  hist: { ack?: Histogram; resolve?: Histogram };
  phrases: Record<string, Record<string, number>>;
  measures?: PreventiveMeasure[];
}

export interface RollupSum {
  totals: Counts;
  by: Record<Dimension, Record<string, Counts>>;
  hist: { ack: Histogram; resolve: Histogram };
  phrases: Record<string, Record<string, number>>;
  measures: PreventiveMeasure[];
}

function addCounts(into: Counts, from: Counts | undefined): Counts {
  for (const [k, n] of Object.entries(from ?? {})) into[k as Measure] = (into[k as Measure] ?? 0) + (n ?? 0);
  return into;
}

export function sumRollups(docs: Rollup[]): RollupSum {
  const sum: RollupSum = { totals: {}, by: Object.fromEntries(DIMENSIONS.map((d) => [d, {}])) as RollupSum['by'], hist: { ack: {}, resolve: {} }, phrases: {}, measures: [] };
  for (const d of docs) {
    addCounts(sum.totals, d.totals);
    for (const dim of DIMENSIONS) {
      for (const [value, counts] of Object.entries(d.by?.[dim] ?? {})) addCounts((sum.by[dim][value] ??= {}), counts);
    }
    sum.measures.push(...(d.measures ?? []));
    addHistograms(sum.hist.ack, d.hist?.ack);
    addHistograms(sum.hist.resolve, d.hist?.resolve);
    for (const [category, counts] of Object.entries(d.phrases ?? {})) {
      const into = (sum.phrases[category] ??= {});
      for (const [p, n] of Object.entries(counts)) into[p] = (into[p] ?? 0) + n;
    }
  }
  return sum;
}

export interface Share {
  name: string;
  count: number;
  share: number;
}

export interface Attainment {
  due: number;
  met: number;
  /** met / due, or null when nothing was due. */
  rate: number | null;
}

export interface Report {
  period: Period;
  department: string | null;
  received: number;
  byChannel: Share[];
  byCategory: Share[];
  handling: {
    acknowledge: { average: number | null; p90: number | null };
    firstUpdate: { average: number | null };
    resolve: { average: number | null; p90: number | null };
  };
  sla: Array<{ priority: string; received: number; acknowledge: Attainment; firstUpdate: Attainment; resolve: Attainment }>;
  resolutionRate: number | null;
  reopenRate: number | null;
  satisfaction: { average: number | null; distribution: number[]; answered: number; surveysSent: number; responseRate: number | null };
  topPhrases: Array<{ category: string; cases: number; phrases: TopPhrase[] }>;
  departments: Array<{ department: string; received: number; resolved: number; averageResolve: number | null; resolveSla: number | null; satisfaction: number | null }>;
  /** Complaints by their analysed cause (002), and the preventive measures recorded. */
  causes: Array<{ kind: CauseKind; count: number }>;
  prevented: number;
  measures: PreventiveMeasure[];
  suggestions: { adopted: number; declined: number };
  /** Cases by product and by product module (`product:`), and how they went. */
  products: GroupFigures[];
  modules: GroupFigures[];
  /** Each handler (who resolved the case, else its assignee): volume, speed, SLA met, satisfaction. */
  handlers: GroupFigures[];
  /** Compensation given, by kind and currency: how many, and the amounts summed. */
  compensation: Array<{ kind: string; currency: string | null; count: number; amount: number }>;
}

export interface GroupFigures {
  name: string;
  /** Cases tagged with the product (products and modules); cases resolved (handlers). */
  cases: number;
  resolved: number;
  averageResolve: number | null;
  resolveSla: number | null;
  satisfaction: number | null;
  adopted: number;
}

function groups(byValue: Record<string, Counts>, volume: Measure): GroupFigures[] {
  return Object.entries(byValue)
    .map(([name, c]) => ({
      name,
      cases: n(c, volume),
      resolved: n(c, 'resolved'),
      averageResolve: ratio(n(c, 'resolveMs'), n(c, 'resolved')),
      resolveSla: ratio(n(c, 'resolveMet'), n(c, 'resolveDue')),
      satisfaction: ratio(n(c, 'scoreSum'), n(c, 'scored')),
      adopted: n(c, 'suggestionsAdopted'),
    }))
    .filter((g) => g.cases > 0 || g.resolved > 0)
    .sort((a, b) => b.cases - a.cases || a.name.localeCompare(b.name));
}

const ratio = (a: number | undefined, b: number | undefined): number | null => (b ? (a ?? 0) / b : null);
const n = (c: Counts, m: Measure) => c[m] ?? 0;
const attainment = (c: Counts, due: Measure, met: Measure): Attainment => ({ due: n(c, due), met: n(c, met), rate: ratio(n(c, met), n(c, due)) });

function shares(byValue: Record<string, Counts>, total: number): Share[] {
  return Object.entries(byValue)
    .map(([name, c]) => ({ name, count: n(c, 'received'), share: total ? n(c, 'received') / total : 0 }))
    .filter((s) => s.count > 0)
    .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));
}

export function buildReport(period: Period, department: string | null, sum: RollupSum, perDepartment: Record<string, RollupSum>, priorities: readonly string[]): Report {
  const t = sum.totals;
  const received = n(t, 'received');
  return {
    period,
    department,
    received,
    byChannel: shares(sum.by.channel, received),
    byCategory: shares(sum.by.category, received),
    handling: {
      acknowledge: { average: ratio(n(t, 'ackMs'), n(t, 'acked')), p90: percentile(sum.hist.ack, 0.9) },
      firstUpdate: { average: ratio(n(t, 'updateMs'), n(t, 'updated')) },
      resolve: { average: ratio(n(t, 'resolveMs'), n(t, 'resolved')), p90: percentile(sum.hist.resolve, 0.9) },
    },
    sla: priorities.map((priority) => {
      const c = sum.by.priority[priority] ?? {};
      return { priority, received: n(c, 'received'), acknowledge: attainment(c, 'ackDue', 'ackMet'), firstUpdate: attainment(c, 'updateDue', 'updateMet'), resolve: attainment(c, 'resolveDue', 'resolveMet') };
    }),
    resolutionRate: ratio(n(t, 'resolved'), received),
    reopenRate: ratio(n(t, 'reopened'), n(t, 'resolved')),
    satisfaction: {
      average: ratio(n(t, 'scoreSum'), n(t, 'scored')),
      distribution: [1, 2, 3, 4, 5].map((s) => n(t, `score${s}` as Measure)),
      answered: n(t, 'answered'),
      surveysSent: n(t, 'surveysSent'),
      responseRate: ratio(n(t, 'answered'), n(t, 'surveysSent')),
    },
    topPhrases: Object.entries(sum.phrases)
      .map(([category, counts]) => {
        const cases = n(sum.by.category[category] ?? {}, 'received');
        return { category, cases, phrases: topPhrases(counts, cases) };
      })
      .filter((c) => c.phrases.length)
      .sort((a, b) => b.cases - a.cases || a.category.localeCompare(b.category)),
    departments: Object.entries(perDepartment)
      .map(([dep, s]) => ({
        department: dep,
        received: n(s.totals, 'received'),
        resolved: n(s.totals, 'resolved'),
        averageResolve: ratio(n(s.totals, 'resolveMs'), n(s.totals, 'resolved')),
        resolveSla: ratio(n(s.totals, 'resolveMet'), n(s.totals, 'resolveDue')),
        satisfaction: ratio(n(s.totals, 'scoreSum'), n(s.totals, 'scored')),
      }))
      .sort((a, b) => b.received - a.received || a.department.localeCompare(b.department)),
    causes: CAUSE_KINDS.map((kind) => ({ kind, count: n(t, CAUSE_MEASURE[kind]) })),
    prevented: n(t, 'prevented'),
    measures: sum.measures,
    suggestions: { adopted: n(t, 'suggestionsAdopted'), declined: n(t, 'suggestionsDeclined') },
    products: groups(sum.by.product, 'productCases'),
    modules: groups(sum.by.module, 'productCases').filter((g) => g.name.includes(' / ')),
    handlers: groups(sum.by.handler, 'resolved'),
    compensation: Object.entries(sum.by.compensation)
      .map(([key, c]) => {
        const [kind = key, currency = null] = key.split(' ');
        return { kind, currency, count: n(c, 'compensations'), amount: n(c, 'compensationAmount') };
      })
      .filter((x) => x.count > 0)
      .sort((a, b) => a.kind.localeCompare(b.kind) || (a.currency ?? '').localeCompare(b.currency ?? '')),
  };
}
