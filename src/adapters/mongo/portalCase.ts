// The case a customer's signed link names, looked up by its number (through
// case_numbers), with what every link page shows of it (pipeline/case/linkPortal) and
// the further fields a page asks for.
import type { PortalCase } from '../../pipeline/case/linkPortal.js';
import type { Locale } from '../../domain/intake/language.js';
import { CaseNumberModel } from './models/lookupModels.js';
import { CaseModel } from './models/caseModel.js';

export async function portalCase(caseNumber: string, fields: Record<string, 1>) {
  const ref = await CaseNumberModel.findById(caseNumber).lean();
  const doc = ref ? await CaseModel.findById(ref.caseId, { number: 1, subject: 1, locale: 1, status: 1, ...fields }).lean() : null;
  if (!doc) return null;
  const shown: PortalCase = { caseId: doc._id, caseNumber: doc.number, subject: doc.subject ?? '', locale: doc.locale as Locale, status: doc.status };
  return { doc, shown };
}
