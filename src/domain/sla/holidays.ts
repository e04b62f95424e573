// Public holidays per region from date-holidays, a maintained table of the world's
// holidays (computed, no I/O). A region is a country code ("TW") or a country and
// state ("US-NY"); the business-hours calendar skips these days as it skips the
// configured list of dates.
import Holidays from 'date-holidays';

const countries = new Holidays().getCountries();

/** Null when date-holidays knows the region; otherwise what is wrong. */
export function regionProblem(region: string): string | null {
  const [country = '', state] = region.split('-');
  if (!countries[country]) return `"${region}" is not a country code date-holidays knows (like TW, CN, US or US-NY)`;
  if (state && !new Holidays().getStates(country)?.[state]) return `"${state}" is not a state of ${country} that date-holidays knows`;
  return null;
}

const cache = new Map<string, Set<string>>();

/** The region's public holidays in the year, as YYYY-MM-DD. */
export function regionHolidays(region: string, year: number): Set<string> {
  const key = `${region}|${year}`;
  let days = cache.get(key);
  if (!days) {
    const [country = '', state] = region.split('-');
    const table = state ? new Holidays(country, state) : new Holidays(country);
    days = new Set(table.getHolidays(year).filter((h) => h.type === 'public').map((h) => h.date.slice(0, 10)));
    cache.set(key, days);
  }
  return days;
}
