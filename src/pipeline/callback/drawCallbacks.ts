// The monthly call-back sample (003: 回訪): on the 1st the scheduler draws, at the
// configured rate, a random sample of the cases closed in the month just ended, and
// lists them for customer service (the console's call-backs page). A month is drawn
// once: a second run (a retry, two schedulers) finds its sample and draws nothing.
import { drawSample, sampleSize } from '../../domain/case/callbackSample.js';
import { localDay, previousPeriod, type Period } from '../../domain/report/period.js';

export interface CallbackStore {
  /** Whether the month's sample was drawn. */
  drawn(month: string): Promise<boolean>;
  /** The ids of the cases closed within the period's days, on the business clock. */
  closedIn(period: Period, timeZone: string): Promise<string[]>;
  /** Stores the month's sample (once per case) and marks the month drawn. */
  save(month: string, caseIds: string[], population: number, rate: number, at: Date): Promise<void>;
}

export interface CallbackDeps {
  store: CallbackStore;
  rate: () => Promise<number>;
  timeZone: () => Promise<string>;
  now: () => Date;
  random: () => number;
  log: { info: (o: object, msg: string) => void };
}

/** Draws last month's sample unless drawn; returns how many cases it holds (0 when drawn before). */
export async function drawCallbacks(deps: CallbackDeps): Promise<number> {
  const tz = await deps.timeZone();
  const month = previousPeriod('month', localDay(deps.now(), tz));
  if (await deps.store.drawn(month.label)) return 0;
  const [closed, rate] = await Promise.all([deps.store.closedIn(month, tz), deps.rate()]);
  const sample = drawSample(closed, sampleSize(closed.length, rate), deps.random);
  await deps.store.save(month.label, sample, closed.length, rate, deps.now());
  deps.log.info({ event: 'callbacks.drawn', month: month.label, closed: closed.length, rate, sampled: sample.length }, 'call-back sample drawn');
  return sample.length;
}
