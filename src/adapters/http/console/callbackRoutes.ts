// The call-backs page (003: 回訪): the month's random sample of closed cases for
// customer service to call or mail, each with the outcome recorded (reached, not
// reached, a note), and the month's counts. Role: admins, supervisors, and the staff of
// the customer-service (triage) department; the list shows customers' contact details.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { CALLBACK_OUTCOMES, type CallbackOutcome } from '../../../domain/case/callbackSample.js';
import type { ConsoleUser } from '../../../domain/console/access.js';
import { localDay, previousPeriod } from '../../../domain/report/period.js';
import { formatTime } from '../../../pipeline/notify/formatTime.js';
import type { CallbackPort } from './ports.js';
import { forRole } from './consoleGuard.js';
import { consolePage } from './consolePage.js';
import { words } from '../../../domain/words/catalogue.js';

export interface CallbackSite {
  store: CallbackPort;
  /** The customer-service department (the triage department of the configuration). */
  customerService: () => Promise<string>;
  timeZone: () => Promise<string>;
  company: string;
  now: () => Date;
}

export function registerCallbacks(app: FastifyInstance, site: CallbackSite): void {
  const page = consolePage(site.company);
  const allowed = async (user: ConsoleUser) => user.role !== 'staff' || user.departments.includes(await site.customerService());
  const refuse = (req: FastifyRequest, reply: FastifyReply) => {
    const t = words('console', req.consoleLocale ?? 'en');
    return page(req, reply, 403, 'message', t.notAllowed, { heading: t.notAllowed, text: words('callbacks', req.consoleLocale ?? 'en').onlyService, error: true });
  };

  app.get<{ Querystring: { month?: string; saved?: string } }>('/callbacks', forRole('signed-in'), async (req, reply) => {
    if (!(await allowed(req.consoleUser!))) return refuse(req, reply);
    const ct = words('callbacks', req.consoleLocale ?? 'en');
    const tz = await site.timeZone();
    const month = /^\d{4}-\d{2}$/.test(req.query.month ?? '') ? req.query.month! : previousPeriod('month', localDay(site.now(), tz)).label;
    const sample = await site.store.month(month);
    const rows = sample?.rows ?? [];
    const count = (o: CallbackOutcome | null) => rows.filter((r) => r.outcome === o).length;
    const [y, m] = month.split('-').map(Number) as [number, number];
    const shift = (by: number) => new Date(Date.UTC(y, m - 1 + by, 1)).toISOString().slice(0, 7);
    return page(req, reply, 200, 'callbacks', ct.title, {
      ct,
      month,
      previousMonth: shift(-1),
      nextMonth: shift(1),
      csrf: req.csrf,
      saved: !!req.query.saved,
      drawn: !!sample,
      summary: sample ? ct.summary(rows.length, sample.population, (sample.rate * 100).toFixed(1), count('reached'), count('not_reached'), count(null)) : ct.notDrawn(month),
      rows: rows.map((r) => ({
        ...r,
        closedAt: r.closedAt ? formatTime(r.closedAt, tz) : '',
        outcomes: CALLBACK_OUTCOMES.map((value) => ({ value, label: ct[value], selected: r.outcome === value })),
        outcomeLabel: r.outcome ? ct[r.outcome] : ct.pending,
      })),
    });
  });

  app.post<{ Body: { id?: string; outcome?: string; note?: string; month?: string } }>('/callbacks', forRole('signed-in'), async (req, reply) => {
    if (!(await allowed(req.consoleUser!))) return refuse(req, reply);
    const outcome = String(req.body.outcome ?? '') as CallbackOutcome;
    const month = String(req.body.month ?? '').replace(/[^0-9-]/g, '');
    if (!CALLBACK_OUTCOMES.includes(outcome)) {
      const t = words('console', req.consoleLocale ?? 'en');
      return page(req, reply, 422, 'message', t.notAllowed, { heading: words('callbacks', req.consoleLocale ?? 'en').title, text: words('callbacks', req.consoleLocale ?? 'en').pickOutcome, error: true });
    }
    const done = await site.store.record(String(req.body.id ?? ''), outcome, String(req.body.note ?? '').trim().slice(0, 2000), req.consoleUser!.email, site.now());
    if (!done) return page(req, reply, 404, 'message', words('console', req.consoleLocale ?? 'en').notFound, { heading: words('callbacks', req.consoleLocale ?? 'en').title, text: words('callbacks', req.consoleLocale ?? 'en').noSuchCall, error: true });
    return reply.redirect(`/console/callbacks?month=${month}&saved=1`, 303);
  });
}
