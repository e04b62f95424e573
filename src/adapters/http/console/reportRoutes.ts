// The reports page (P-23, P-24): a week, month, quarter or any range, for all
// departments or one, with charts (Chart.js, our only other script, served from our
// own origin) and the same figures as CSV. Admins and supervisors see every
// department; staff see their own departments' reports.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { localDay, periodFromQuery } from '../../../domain/report/period.js';
import { reportCsv } from '../../../domain/report/reportCsv.js';
import { reportView } from '../../../domain/report/reportView.js';
import type { Report } from '../../../domain/report/report.js';
import { readReport, type RollupReader } from '../../../pipeline/report/readReport.js';
import type { ConsoleUser } from '../../../domain/console/access.js';
import { forRole } from './consoleGuard.js';
import { consolePage } from './consolePage.js';
import { consoleText, type ConsoleText } from './consoleText.js';
import { figureText, processText } from './processText.js';

const require = createRequire(import.meta.url);
// Chart.js's browser build sits next to its main file (the package exports no path to it).
const CHART_JS = readFileSync(path.join(path.dirname(require.resolve('chart.js')), 'chart.umd.min.js'), 'utf8');
const CHARTS = readFileSync(new URL('../static/report-charts.js', import.meta.url), 'utf8');

export interface ReportSite {
  reader: RollupReader;
  departments: () => Promise<string[]>;
  timeZone: () => Promise<string>;
  company: string;
  now: () => Date;
}

type Query = { period?: string; day?: string; from?: string; to?: string; department?: string };

export function registerReports(app: FastifyInstance, site: ReportSite): void {
  const page = consolePage(site.company);
  const script = (body: string) => async (_req: FastifyRequest, reply: FastifyReply) =>
    reply.header('content-type', 'text/javascript; charset=utf-8').header('cache-control', 'public, max-age=86400').send(body);
  app.get('/static/chart.umd.min.js', forRole('signed-in'), script(CHART_JS));
  app.get('/static/report-charts.js', forRole('signed-in'), script(CHARTS));

  /** The department a user may see the report of (null: all), or false when none. */
  const scope = (user: ConsoleUser, asked: string | undefined): string | null | false => {
    if (user.role !== 'staff') return asked || null;
    if (asked) return user.departments.includes(asked) ? asked : false;
    return user.departments[0] ?? false;
  };

  const load = async (req: FastifyRequest<{ Querystring: Query }>) => {
    const department = scope(req.consoleUser!, req.query.department);
    if (department === false) return null;
    const period = periodFromQuery(req.query, localDay(site.now(), await site.timeZone()));
    return readReport(period, department, site.reader, await site.departments());
  };

  app.get<{ Querystring: Query }>('/reports', forRole('signed-in'), async (req, reply) => {
    const t = consoleText(req.consoleLocale ?? 'en');
    const report = await load(req);
    if (!report) return page(req, reply, 403, 'message', t.notAllowed, { heading: t.notAllowed, text: t.cannotOpen(t.reports), error: true });
    const user = req.consoleUser!;
    const departments = user.role === 'staff' ? user.departments : await site.departments();
    const q = req.query;
    const csv = new URLSearchParams(Object.entries(q).filter(([k, v]) => v && k !== 'lang') as Array<[string, string]>).toString();
    const r = reportView(report);
    const pt = processText(req.consoleLocale ?? 'en');
    return page(req, reply, 200, 'reports', t.reports, {
      r,
      pt,
      ft: figureText(req.consoleLocale ?? 'en'),
      preventedLine: pt.preventedLine(r.prevented),
      suggestionsLine: pt.suggestionsLine(r.suggestions.adopted, r.suggestions.declined),
      satisfactionLine: t.satisfactionLine(r.satisfaction.average, r.satisfaction.answered, r.satisfaction.surveysSent, r.satisfaction.responseRate),
      empty: report.received === 0,
      charts: charts(report, t),
      query: { ...q, period: q.period ?? 'quarter' },
      periods: ['week', 'month', 'quarter', 'range'].map((p) => ({ value: p, label: t[p as 'week'], selected: (q.period ?? 'quarter') === p })),
      departments: [
        ...(user.role === 'staff' ? [] : [{ value: '', label: t.allDepartments, selected: !q.department }]),
        ...departments.map((d) => ({ value: d, label: d, selected: report.department === d })),
      ],
      csvHref: `/console/reports.csv${csv ? `?${csv}` : ''}`,
    }, { script: true });
  });

  app.get<{ Querystring: Query }>('/reports.csv', forRole('signed-in'), async (req, reply) => {
    const report = await load(req);
    if (!report) return reply.code(403).send('not allowed');
    const name = `report-${report.period.label.replace(/[^\w-]+/g, '-')}${report.department ? `-${report.department}` : ''}.csv`;
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${name}"`)
      .header('cache-control', 'no-store')
      .send(`\ufeff${reportCsv(report)}`); // the BOM makes spreadsheets read the Chinese right
  });
}

/** What each chart draws, as data for report-charts.js (never code). */
function charts(r: Report, t: ConsoleText) {
  const pct = (x: number | null) => (x === null ? null : Math.round(x * 1000) / 10);
  return {
    channels: JSON.stringify({ type: 'doughnut', labels: r.byChannel.map((s) => s.name), datasets: [{ label: t.cases, data: r.byChannel.map((s) => s.count) }] }),
    categories: JSON.stringify({ type: 'bar', labels: r.byCategory.map((s) => s.name), datasets: [{ label: t.cases, data: r.byCategory.map((s) => s.count) }] }),
    sla: JSON.stringify({
      type: 'bar',
      percent: true,
      labels: r.sla.map((s) => s.priority),
      datasets: [
        { label: t.acknowledgement, data: r.sla.map((s) => pct(s.acknowledge.rate)) },
        { label: t.firstUpdate, data: r.sla.map((s) => pct(s.firstUpdate.rate)) },
        { label: t.resolution, data: r.sla.map((s) => pct(s.resolve.rate)) },
      ],
    }),
    scores: JSON.stringify({ type: 'bar', labels: ['1', '2', '3', '4', '5'], datasets: [{ label: t.scores, data: r.satisfaction.distribution }] }),
    departments: JSON.stringify({ type: 'bar', labels: r.departments.map((d) => d.department), datasets: [{ label: t.cases, data: r.departments.map((d) => d.received) }, { label: t.resolved, data: r.departments.map((d) => d.resolved) }] }),
  };
}
