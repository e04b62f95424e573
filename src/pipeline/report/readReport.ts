// A report for a period, overall or for one department: the rollups that cover the
// period read and added up (a quarter is three month documents per department).
import { PRIORITIES } from '../../domain/sla/priorityPolicy.js';
import { buildReport, sumRollups, type Report, type Rollup, type RollupSum } from '../../domain/report/report.js';
import type { Period } from '../../domain/report/period.js';

export interface RollupReader {
  /** The rollups covering a range of days, for these departments ('*': all together); phrases for the first. */
  read(from: string, to: string, departments: string[]): Promise<Rollup[]>;
}

/** The report of one department, or of all (null) with each department's figures. */
export async function readReport(period: Period, department: string | null, reader: RollupReader, departments: string[]): Promise<Report> {
  const docs = await reader.read(period.from, period.to, department ? [department] : ['*', ...departments]);
  const all = docs.filter((d) => d.department === '*');
  const byDepartment = new Map<string, Rollup[]>();
  for (const d of docs) if (d.department !== '*') byDepartment.set(d.department, [...(byDepartment.get(d.department) ?? []), d]);
  const perDepartment: Record<string, RollupSum> = {};
  for (const [dep, docs] of byDepartment) if (!department || dep === department) perDepartment[dep] = sumRollups(docs);
  const sum = department ? (perDepartment[department] ?? sumRollups([])) : sumRollups(all);
  return buildReport(period, department, sum, perDepartment, PRIORITIES);
}
