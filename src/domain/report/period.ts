// Report periods as calendar days in the business time zone: a week (Monday to
// Sunday), a month, a quarter, or any range of days. Days are 'YYYY-MM-DD' strings,
// which sort and compare as dates.
const dayFormat = new Map<string, Intl.DateTimeFormat>();

/** The calendar day of an instant in a time zone. */
export function localDay(at: Date, timeZone: string): string {
  let f = dayFormat.get(timeZone);
  if (!f) dayFormat.set(timeZone, (f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })));
  return f.format(at);
}

export interface Period {
  from: string;
  /** Inclusive. */
  to: string;
  label: string;
}

export type PeriodKind = 'week' | 'month' | 'quarter';

const iso = (d: Date) => d.toISOString().slice(0, 10);
const utc = (day: string) => new Date(`${day}T00:00:00Z`);

/** The week, month or quarter holding a day. */
export function periodOf(kind: PeriodKind, day: string): Period {
  const d = utc(day);
  const [y, m] = [d.getUTCFullYear(), d.getUTCMonth()];
  if (kind === 'week') {
    const monday = new Date(d.getTime() - ((d.getUTCDay() + 6) % 7) * 86_400_000);
    const from = iso(monday);
    return { from, to: iso(new Date(monday.getTime() + 6 * 86_400_000)), label: `week of ${from}` };
  }
  if (kind === 'month') return { from: iso(new Date(Date.UTC(y, m, 1))), to: iso(new Date(Date.UTC(y, m + 1, 0))), label: `${y}-${String(m + 1).padStart(2, '0')}` };
  const q = Math.floor(m / 3);
  return { from: iso(new Date(Date.UTC(y, q * 3, 1))), to: iso(new Date(Date.UTC(y, q * 3 + 3, 0))), label: `${y} Q${q + 1}` };
}

/** The period before the one holding a day (last month, last quarter, last week). */
export function previousPeriod(kind: PeriodKind, day: string): Period {
  const start = utc(periodOf(kind, day).from);
  return periodOf(kind, iso(new Date(start.getTime() - 86_400_000)));
}

/** Every day of a period, in order. */
export function daysOf(p: { from: string; to: string }): string[] {
  const out: string[] = [];
  for (let t = utc(p.from).getTime(); t <= utc(p.to).getTime(); t += 86_400_000) out.push(iso(new Date(t)));
  return out;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const MAX_RANGE_DAYS = 3 * 366;

/**
 * The period a report page asks for: ?period=week|month|quarter&day=… (the one holding
 * that day, today by default) or ?period=range&from=…&to=… (at most three years).
 */
export function periodFromQuery(q: { period?: string; day?: string; from?: string; to?: string }, today: string): Period {
  if (q.period === 'range' && q.from && q.to && DAY.test(q.from) && DAY.test(q.to) && q.from <= q.to && daysBetween(q.from, q.to) < MAX_RANGE_DAYS) {
    return { from: q.from, to: q.to, label: `${q.from} – ${q.to}` };
  }
  const kind: PeriodKind = q.period === 'week' || q.period === 'month' ? q.period : 'quarter';
  return periodOf(kind, q.day && DAY.test(q.day) && !Number.isNaN(utc(q.day).getTime()) ? q.day : today);
}

function daysBetween(a: string, b: string): number {
  return Math.round((utc(b).getTime() - utc(a).getTime()) / 86_400_000);
}

/**
 * The fewest rollup periods that make up a range of days: whole months as 'YYYY-MM',
 * the days of the months it covers only in part as 'YYYY-MM-DD'.
 */
export function coverOf(from: string, to: string): string[] {
  const out: string[] = [];
  let day = from;
  while (day <= to) {
    const month = periodOf('month', day);
    if (day === month.from && month.to <= to) {
      out.push(day.slice(0, 7));
      day = iso(new Date(utc(month.to).getTime() + 86_400_000));
    } else {
      out.push(day);
      day = iso(new Date(utc(day).getTime() + 86_400_000));
    }
  }
  return out;
}
