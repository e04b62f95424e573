// The published results (P-24, 003: 公開反饋與投訴處理情況): the quarter's figures a
// customer may read: volume, share by category, handling times, resolution and
// on-time rates, satisfaction. Only aggregate counts; never the customers' phrases, the
// departments' measures or anything about one case.
import { percent, duration } from './reportView.js';
import type { Report } from './report.js';
import type { Period } from './period.js';
import { periodOf } from './period.js';

/** "2026-Q4" as the quarter's period, or null when it is not one. */
export function quarterOf(value: string): Period | null {
  const m = /^(\d{4})-?Q([1-4])$/i.exec(value.trim());
  if (!m) return null;
  return periodOf('quarter', `${m[1]}-${String((Number(m[2]) - 1) * 3 + 1).padStart(2, '0')}-01`);
}

/** The quarter's name in the page's form ("2026-Q4"). */
export function quarterName(p: Period): string {
  return p.label.replace(' ', '-');
}

export function publicResults(r: Report, categoryName: (id: string) => string) {
  const due = r.sla.reduce((n, s) => n + s.resolve.due, 0);
  const met = r.sla.reduce((n, s) => n + s.resolve.met, 0);
  return {
    received: r.received,
    resolutionRate: percent(r.resolutionRate),
    onTime: percent(due ? met / due : null),
    acknowledgeAverage: duration(r.handling.acknowledge.average),
    resolveAverage: duration(r.handling.resolve.average),
    satisfaction: r.satisfaction.average === null ? '–' : r.satisfaction.average.toFixed(2),
    answered: r.satisfaction.answered,
    distribution: r.satisfaction.distribution.map((count, i) => ({ score: i + 1, count })),
    categories: r.byCategory.map((c) => ({ name: categoryName(c.name), count: c.count, share: percent(c.share) })),
    suggestionsAdopted: r.suggestions.adopted,
  };
}
