// The report as CSV (RFC 4180): one section per table, a blank line between. Numbers
// stay numbers (ratios 0..1, durations in minutes) so a spreadsheet can compute with
// them. A cell that a spreadsheet would run as a formula (=, +, -, @ first; phrases
// come from customers' text) is written as text.
import type { Report } from './report.js';

function cell(v: string | number | null): string {
  if (v === null) return '';
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : v.toFixed(4);
  const safe = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

const minutes = (ms: number | null) => (ms === null ? null : ms / 60_000);

export function reportCsv(r: Report): string {
  const rows: Array<Array<string | number | null>> = [
    ['report', r.period.label, r.period.from, r.period.to, r.department ?? 'all departments'],
    [],
    ['measure', 'value'],
    ['received', r.received],
    ['resolution rate', r.resolutionRate],
    ['reopen rate', r.reopenRate],
    ['acknowledge average (min)', minutes(r.handling.acknowledge.average)],
    ['acknowledge p90 (min)', minutes(r.handling.acknowledge.p90)],
    ['first update average (min)', minutes(r.handling.firstUpdate.average)],
    ['resolve average (min)', minutes(r.handling.resolve.average)],
    ['resolve p90 (min)', minutes(r.handling.resolve.p90)],
    ['satisfaction average', r.satisfaction.average],
    ['survey response rate', r.satisfaction.responseRate],
    ...r.satisfaction.distribution.map((n, i) => [`score ${i + 1}`, n]),
    [],
    ['channel', 'cases', 'share'],
    ...r.byChannel.map((s) => [s.name, s.count, s.share]),
    [],
    ['category', 'cases', 'share'],
    ...r.byCategory.map((s) => [s.name, s.count, s.share]),
    [],
    ['priority', 'cases', 'acknowledged in time', 'acknowledge due', 'first update in time', 'first update due', 'resolved in time', 'resolve due'],
    ...r.sla.map((s) => [s.priority, s.received, s.acknowledge.met, s.acknowledge.due, s.firstUpdate.met, s.firstUpdate.due, s.resolve.met, s.resolve.due]),
    [],
    ['category', 'phrase', 'cases', 'share'],
    ...r.topPhrases.flatMap((c) => c.phrases.map((p) => [c.category, p.phrase, p.count, p.share])),
    [],
    ['department', 'cases', 'resolved', 'resolve average (min)', 'resolve SLA', 'satisfaction'],
    ...r.departments.map((d) => [d.department, d.received, d.resolved, minutes(d.averageResolve), d.resolveSla, d.satisfaction]),
    [],
    ['cause', 'cases'],
    ...r.causes.map((c) => [c.kind, c.count]),
    ['cases with a preventive measure', r.prevented],
    ['suggestions adopted', r.suggestions.adopted],
    ['suggestions declined', r.suggestions.declined],
    [],
    ['cause', 'preventive measure'],
    ...r.measures.map((m) => [m.cause, m.text]),
    [],
    ['product', 'module', 'cases', 'resolved', 'resolve average (min)', 'resolve SLA', 'satisfaction', 'suggestions adopted'],
    ...[...r.products.map((g) => ({ ...g, product: g.name, module: '' })), ...r.modules.map((g) => ({ ...g, product: g.name.split(' / ')[0]!, module: g.name.split(' / ').slice(1).join(' / ') }))].map((g) => [g.product, g.module, g.cases, g.resolved, minutes(g.averageResolve), g.resolveSla, g.satisfaction, g.adopted]),
    [],
    ['handler', 'resolved', 'resolve average (min)', 'resolve SLA', 'satisfaction'],
    ...r.handlers.map((g) => [g.name, g.resolved, minutes(g.averageResolve), g.resolveSla, g.satisfaction]),
    [],
    ['compensation', 'currency', 'count', 'amount'],
    ...r.compensation.map((c) => [c.kind, c.currency ?? '', c.count, c.amount]),
  ];
  return rows.map((row) => row.map(cell).join(',')).join('\r\n') + '\r\n';
}
