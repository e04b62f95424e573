// Incidents for the console and for a department's reply to an incident (P-10): the
// incident, its cases (their ids from incident_members, each case by _id: lookups
// FerretDB serves from its index), the open incidents, and marking one resolved.
import type { IncidentCase, IncidentInfo, IncidentWork } from '../../pipeline/case/incidentUpdate.js';
import type { CaseStatus } from '../../domain/case/case.js';
import type { Locale } from '../../domain/intake/language.js';
import { addConsoleCommands } from './boardStore.js';
import { lockedWrite } from './documentLocks.js';
import { findByIds } from './findByIds.js';
import { CaseModel } from './models/caseModel.js';
import { IncidentMemberModel, IncidentModel } from './models/screeningModels.js';

const CASE_FIELDS = { number: 1, locale: 1, status: 1, subject: 1, 'customer.email': 1, department: 1, 'routing.departments': 1, restricted: 1, assignee: 1 } as const;

interface CaseFields {
  _id: string;
  number: string;
  locale?: string | null;
  status: string;
  subject?: string | null;
  customer: { email: string };
  department?: string | null;
  routing?: { departments?: string[] | null } | null;
  restricted?: boolean | null;
  assignee?: string | null;
}

interface IncidentFields {
  _id: string;
  product: string;
  firstAt: Date;
  resolvedAt?: Date | null;
  resolvedBy?: string | null;
}

const toInfo = (i: IncidentFields): IncidentInfo => ({ id: i._id, product: i.product, firstAt: i.firstAt, resolvedAt: i.resolvedAt ?? null, resolvedBy: i.resolvedBy ?? null });

export class MongoIncidentWork implements IncidentWork {
  async incident(incidentId: string): Promise<IncidentInfo | null> {
    const i = await IncidentModel.findById(incidentId).lean<IncidentFields>();
    return i ? toInfo(i) : null;
  }

  async cases(incidentId: string): Promise<IncidentCase[]> {
    const members = await IncidentMemberModel.findById(incidentId).lean<{ caseIds: string[] }>();
    const found = await findByIds<CaseFields>(CaseModel as never, members?.caseIds ?? [], CASE_FIELDS);
    return found
      .map((c) => ({
        caseId: c._id,
        caseNumber: c.number,
        locale: (c.locale ?? 'en') as Locale,
        status: c.status as CaseStatus,
        subject: c.subject ?? '',
        customerEmail: c.customer.email,
        department: c.department ?? null,
        departments: c.routing?.departments ?? [],
        restricted: !!c.restricted,
        assignee: c.assignee ?? null,
      }))
      .sort((a, b) => (a.caseNumber < b.caseNumber ? -1 : 1));
  }

  async addStaffMessage(c: IncidentCase, key: string, from: string, text: string, at: Date): Promise<void> {
    await addConsoleCommands({ _id: c.caseId, number: c.caseNumber, subject: c.subject, department: c.department }, from, text, at, key);
  }

  async markResolved(incidentId: string, by: string, at: Date): Promise<void> {
    await lockedWrite('incidents', incidentId, () => IncidentModel.updateOne({ _id: incidentId }, { $set: { resolvedAt: at, resolvedBy: by } }));
  }

  /**
   * The incidents not resolved, newest first. The incidents collection holds one small
   * document per incident (not per case), so reading it whole stays cheap.
   */
  async openIncidents(limit: number): Promise<IncidentInfo[]> {
    const open = await IncidentModel.find({ resolvedAt: { $exists: false } }).sort({ firstAt: -1 }).limit(limit).lean<IncidentFields[]>();
    return open.map(toInfo);
  }
}
