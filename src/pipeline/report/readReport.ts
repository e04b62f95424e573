// A report for a period, overall or for one department: the period's daily rollups
// read and added up (a quarter is some ninety small documents per department).
import { PRIORITIES } from '../../domain/sla/priorityPolicy.js';
import { buildReport, sumRollups, type Report, type Rollup, type RollupSum } from '../../domain/report/report.js';
import type { Period } from '../../domain/report/period.js';

export interface RollupReader {
  read(from: string, to: string, scope: 'all' | 'departments'): Promise<Rollup[]>;
}

export async function readReport(period: Period, department: string | null, reader: RollupReader): Promise<Report> {
  const [all, departments] = await Promise.all([department ? Promise.resolve([]) : reader.read(period.from, period.to, 'all'), reader.read(period.from, period.to, 'departments')]);
  const byDepartment = new Map<string, Rollup[]>();
  for (const d of departments) byDepartment.set(d.department, [...(byDepartment.get(d.department) ?? []), d]);
  const perDepartment: Record<string, RollupSum> = {};
  for (const [dep, docs] of byDepartment) if (!department || dep === department) perDepartment[dep] = sumRollups(docs);
  const sum = department ? (perDepartment[department] ?? sumRollups([])) : sumRollups(all);
  return buildReport(period, department, sum, perDepartment, PRIORITIES);
}
