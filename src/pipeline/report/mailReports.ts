// The monthly and quarterly reports by mail (P-23): on the first day of a month the
// scheduler runs this for the month just ended, and after a quarter's last month for
// the quarter too. Each recipient's mail is an outbox entry named after the period,
// so a second run (a retry, two schedulers) sends nothing twice.
import type { Locale } from '../../domain/intake/language.js';
import { localDay, previousPeriod, type Period, type PeriodKind } from '../../domain/report/period.js';
import { reportView } from '../../domain/report/reportView.js';
import type { OutboxStore, TemplateRenderer } from '../notify/ports.js';
import { readReport, type RollupReader } from './readReport.js';
import { reportMail } from '../mail/otherMails.js';

export interface ReportMailDeps {
  rollups: RollupReader;
  templates: TemplateRenderer;
  outbox: OutboxStore;
  deliver: (outboxId: string) => Promise<void>;
  settings: () => Promise<{ timeZone: string; departments: string[]; recipients: string[]; monthly: boolean; quarterly: boolean; locale: Locale }>;
  support: { address: string; name: string; company: string };
  publicUrl: string;
}

/** The periods that ended just before `at`: last month, and last quarter when it ended too. */
export function periodsEndedBefore(day: string, monthly: boolean, quarterly: boolean): Array<{ kind: PeriodKind; period: Period }> {
  const month = previousPeriod('month', day);
  const quarter = previousPeriod('quarter', day);
  return [
    ...(monthly ? [{ kind: 'month' as const, period: month }] : []),
    ...(quarterly && quarter.to === month.to ? [{ kind: 'quarter' as const, period: quarter }] : []),
  ];
}

export async function mailReports(at: Date, deps: ReportMailDeps): Promise<number> {
  const s = await deps.settings();
  if (!s.recipients.length) return 0;
  const ended = periodsEndedBefore(localDay(at, s.timeZone), s.monthly, s.quarterly);
  let sent = 0;
  for (const { kind, period } of ended) {
    const report = await readReport(period, null, deps.rollups, s.departments);
    const reportUrl = `${deps.publicUrl.replace(/\/$/, '')}/console/reports?period=${kind}&day=${period.to}`;
    const mail = deps.templates.render('report', s.locale, { ...reportView(report), companyName: deps.support.company, reportUrl });
    for (const to of s.recipients) {
      const id = `report:${period.label.replace(/\s/g, '-')}:${to}`;
      await deps.outbox.insertIfAbsent(reportMail(id, to, mail, deps.support));
      await deps.deliver(id);
      sent++;
    }
  }
  return sent;
}
