// A report as people read it: rates as percentages, durations in minutes, hours or
// days, shares next to counts. The console page, the CSV and the mailed report all
// show this one view, so they always agree.
import type { Attainment, GroupFigures, Report } from './report.js';
import { causeLabel } from '../case/processCommands.js';

export const percent = (r: number | null): string => (r === null ? '–' : `${(r * 100).toFixed(1)} %`);

export function duration(ms: number | null): string {
  if (ms === null) return '–';
  const minutes = ms / 60_000;
  if (minutes < 60) return `${Math.round(minutes)} min`;
  if (minutes < 48 * 60) return `${(minutes / 60).toFixed(1)} h`;
  return `${(minutes / 1440).toFixed(1)} d`;
}

const amount = (x: number) => String(Math.round(x * 100) / 100);
const group = (g: GroupFigures) => ({
  name: g.name,
  cases: g.cases,
  resolved: g.resolved,
  averageResolve: duration(g.averageResolve),
  resolveSla: percent(g.resolveSla),
  satisfaction: g.satisfaction === null ? '–' : g.satisfaction.toFixed(2),
  adopted: g.adopted,
});

const rate = (a: Attainment) => ({ rate: percent(a.rate), detail: `${a.met}/${a.due}` });

export function reportView(r: Report) {
  const share = (s: { name: string; count: number; share: number }) => ({ name: s.name, count: s.count, share: percent(s.share) });
  return {
    label: r.period.label,
    from: r.period.from,
    to: r.period.to,
    department: r.department,
    received: r.received,
    resolutionRate: percent(r.resolutionRate),
    reopenRate: percent(r.reopenRate),
    handling: {
      acknowledgeAverage: duration(r.handling.acknowledge.average),
      acknowledgeP90: duration(r.handling.acknowledge.p90),
      firstUpdateAverage: duration(r.handling.firstUpdate.average),
      resolveAverage: duration(r.handling.resolve.average),
      resolveP90: duration(r.handling.resolve.p90),
    },
    channels: r.byChannel.map(share),
    categories: r.byCategory.map(share),
    sla: r.sla.map((s) => ({ priority: s.priority, received: s.received, acknowledge: rate(s.acknowledge), firstUpdate: rate(s.firstUpdate), resolve: rate(s.resolve) })),
    satisfaction: {
      average: r.satisfaction.average === null ? '–' : r.satisfaction.average.toFixed(2),
      answered: r.satisfaction.answered,
      surveysSent: r.satisfaction.surveysSent,
      responseRate: percent(r.satisfaction.responseRate),
      distribution: r.satisfaction.distribution.map((count, i) => ({ score: i + 1, count })),
    },
    phrases: r.topPhrases.map((c) => ({ category: c.category, cases: c.cases, phrases: c.phrases.map((p) => ({ phrase: p.phrase, count: p.count, share: percent(p.share) })) })),
    departments: r.departments.map((d) => ({
      department: d.department,
      received: d.received,
      resolved: d.resolved,
      averageResolve: duration(d.averageResolve),
      resolveSla: percent(d.resolveSla),
      satisfaction: d.satisfaction === null ? '–' : d.satisfaction.toFixed(2),
    })),
    causes: r.causes.map((c) => ({ kind: causeLabel(c.kind), count: c.count })),
    prevented: r.prevented,
    measures: r.measures.map((m) => ({ cause: m.cause ? causeLabel(m.cause) : '–', text: m.text })),
    suggestions: r.suggestions,
    products: r.products.map(group),
    modules: r.modules.map(group),
    handlers: r.handlers.map(group),
    compensation: r.compensation.map((c) => ({ kind: c.kind.replace('_', ' '), currency: c.currency ?? '', count: c.count, amount: c.amount ? `${amount(c.amount)}${c.currency ? ` ${c.currency}` : ''}` : '–' })),
  };
}

export type ReportView = ReturnType<typeof reportView>;
