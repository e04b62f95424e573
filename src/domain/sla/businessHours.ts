// Due times counted in business hours (P-8): the clock runs only on working days,
// between the opening and closing time, in the company's time zone, skipping holidays
// (the configured dates and the public holidays of the configured regions).
// Pure: time zones come from Intl, which carries the IANA database.
import type { BusinessHours } from '../settings/screeningConfig.js';
import { regionHolidays } from './holidays.js';

interface LocalTime {
  date: string; // YYYY-MM-DD
  weekday: number; // 1 = Monday ... 7 = Sunday
  minutes: number; // since local midnight
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', weekday: 'short' });
    formatters.set(timeZone, f);
  }
  return f;
}

/**
 * What a wall clock in timeZone shows at `at`, as two-digit strings (year four) and the
 * short weekday. One formatter per zone, made once: building one costs far more than
 * formatting with it (measured: the biggest item of the mail wording's CPU time).
 */
export function wallClock(at: Date, timeZone: string): Record<'year' | 'month' | 'day' | 'hour' | 'minute' | 'second' | 'weekday', string> {
  const p: Record<string, string> = {};
  for (const x of formatter(timeZone).formatToParts(at)) p[x.type] = x.value;
  return p as ReturnType<typeof wallClock>;
}

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

// local() is pure and most of its calls repeat across cases: the noons and midnights the
// day loop below steps through are the same for every case due in the same days, and
// a case's three due times read the wall clock 69 times (0.5 ms of CPU, the largest item
// of our own code in the worker's profile; with this memo, about 1.4 times). So results
// are kept, per zone and instant, up to a bound at which the memo starts afresh.
const MEMO_MAX = 10_000;
const memo = new Map<string, LocalTime & { offsetMs: number }>();

function local(at: Date, timeZone: string): LocalTime & { offsetMs: number } {
  const key = `${timeZone}|${at.getTime()}`;
  let t = memo.get(key);
  if (!t) {
    if (memo.size >= MEMO_MAX) memo.clear();
    memo.set(key, (t = readLocal(at, timeZone)));
  }
  return t;
}

function readLocal(at: Date, timeZone: string): LocalTime & { offsetMs: number } {
  const p = wallClock(at, timeZone);
  const wall = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second));
  return {
    date: `${p.year}-${p.month}-${p.day}`,
    weekday: WEEKDAYS.indexOf(p.weekday) + 1,
    minutes: Number(p.hour) * 60 + Number(p.minute) + Number(p.second) / 60,
    offsetMs: wall - Math.floor(at.getTime() / 1000) * 1000,
  };
}

/** The instant at which the wall clock in timeZone shows `date` (YYYY-MM-DD) + `minutes`. */
export function instant(date: string, minutes: number, timeZone: string): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const wall = Date.UTC(y, m - 1, d) + minutes * 60_000;
  let guess = wall - local(new Date(wall), timeZone).offsetMs;
  guess = wall - local(new Date(guess), timeZone).offsetMs; // again, in case the guess crossed a DST change
  return new Date(guess);
}

const toMinutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** `hours` business hours after `start`. */
export function addBusinessHours(start: Date, hours: number, bh: BusinessHours): Date {
  const open = toMinutes(bh.start);
  const close = toMinutes(bh.end);
  const holidays = new Set(bh.holidays);
  const regions = bh.holidayRegions ?? [];
  const dayOff = (date: string) => holidays.has(date) || regions.some((r) => regionHolidays(r, Number(date.slice(0, 4))).has(date));
  let remaining = hours * 60;
  let cursor = start;
  for (let day = 0; day < 3 * 366; day++) {
    const t = local(cursor, bh.timeZone);
    if (bh.days.includes(t.weekday) && !dayOff(t.date) && t.minutes < close) {
      const from = Math.max(t.minutes, open);
      const available = close - from;
      if (remaining <= available) return instant(t.date, from + remaining, bh.timeZone);
      remaining -= available;
    }
    // Next local midnight (noon first, so a DST day of 23 or 25 hours cannot skip a date).
    const noon = instant(t.date, 12 * 60, bh.timeZone);
    cursor = instant(local(new Date(noon.getTime() + 24 * 3600_000), bh.timeZone).date, 0, bh.timeZone);
  }
  throw new Error('business hours: no working time within three years; check days and holidays');
}
