// Erasing a customer's personal data everywhere the app keeps it (P-6): the cases and
// their messages, attachments (GridFS), mails we sent, timeline details, survey comments,
// quarantined mail, learned examples, lookup entries and the phone kept for SMS notices.
// "anonymise" keeps the cases and their figures with the customer replaced by a
// pseudonym and every free text removed; "delete" removes them. Each step is idempotent: a run cut short is
// finished by running it again.
import { CaseModel } from './models/caseModel.js';
import { MessageModel } from './models/messageModel.js';
import { EventModel } from './models/eventModel.js';
import { OutboxModel } from './models/outboxModel.js';
import { QuarantineModel } from './models/quarantineModel.js';
import { CaseNumberModel, MessageIdModel, SurveyAnswerModel } from './models/lookupModels.js';
import { LabelledExampleModel } from './models/screeningModels.js';
import { ReportQueueModel } from './models/reportQueueModel.js';
import { deleteFile, deleteFiles } from './gridfs.js';
import { pseudonym as pseudonymOf } from '../../domain/retention/policy.js';
import { casePhrases } from '../../domain/report/phrases.js';
import { localDay } from '../../domain/report/period.js';
import { MongoRollupStore } from './rollupStore.js';
import { forgetContact } from './contactStore.js';
import { LinkAnswerModel } from './linkAnswerStore.js';
import { forgetRecognitions } from './recognitionStore.js';
import { writeIf } from './documentLocks.js';
import type { ErasureMarks } from '../../pipeline/report/ports.js';

export type ErasureAction = 'anonymise' | 'delete';

export interface ErasureReport {
  cases: number;
  messages: number;
  attachments: number;
  mailsSent: number;
  timelineEvents: number;
  surveyAnswers: number;
  quarantined: number;
  learnedExamples: number;
}

const REMOVED = '[removed]';
// Timeline events whose details hold no personal data (kinds, states, categories): kept.
const PLAIN_EVENTS = new Set(['status.changed', 'mail.sent', 'screening.category', 'screening.priority', 'screening.department', 'case.routed', 'department.confirmed', 'sla.missed', 'priority.changed', 'category.corrected']);

/** The ids of a customer's cases (by address, any letter case). */
export async function casesOfCustomer(address: string): Promise<string[]> {
  const exact = address.trim();
  const docs = await CaseModel.find({ 'customer.email': { $in: [exact, exact.toLowerCase()] } }, { _id: 1 }).lean();
  return docs.map((d) => d._id);
}

/**
 * Erases the cases (see the header); `address` also clears what is filed by address
 * alone. The time zone places each case's phrases in the report rollups to take them out.
 * The caller marks the cases as being erased first (`marks`, for the report projector:
 * adapters/redis/erasureMarks) and turns the document locks on where the database needs them.
 */
export async function eraseCases(caseIds: string[], action: ErasureAction, timeZone: string, marks: Pick<ErasureMarks, 'claim'>, address?: string): Promise<ErasureReport> {
  const r: ErasureReport = { cases: 0, messages: 0, attachments: 0, mailsSent: 0, timelineEvents: 0, surveyAnswers: 0, quarantined: 0, learnedExamples: 0 };
  const del = action === 'delete';
  for (const caseId of caseIds) {
    const owner = await CaseModel.findById(caseId, { 'customer.email': 1, subject: 1, receivedAt: 1, category: 1, department: 1, metrics: 1, anonymisedAt: 1 }).lean();
    const pseudonym = pseudonymOf(owner?.customer.email ?? address ?? caseId);
    if (owner && !owner.anonymisedAt) await forgetContact(owner.customer.email);
    // The customer's words counted as report phrases go first, while the text is still here;
    // a case not counted yet is the projector's to take out (the caller marked it as erased).
    const counted = !!(owner?.metrics as { received?: boolean } | undefined)?.received;
    if (owner && !owner.anonymisedAt && counted && (await marks.claim([caseId])).size) {
      const origin = await MessageModel.findById(caseId, { text: 1 }).lean();
      await new MongoRollupStore().removePhrases({ day: localDay(owner.receivedAt, timeZone), department: owner.department ?? null, category: owner.category ?? null, phrases: casePhrases(owner.subject ?? '', origin?.text ?? '') });
    }
    const messages = await MessageModel.find({ caseId }, { messageId: 1 }).lean();
    r.attachments += await deleteFiles('attachments', { caseId });
    r.messages += messages.length;
    if (del) await MessageModel.deleteMany({ caseId });
    else {
      await MessageModel.updateMany(
        { caseId },
        { $set: { text: '', subject: REMOVED, headers: [], from: { address: pseudonym, name: '' }, to: [], cc: [], attachments: [], inReplyTo: [], references: [] }, $unset: { html: 1, messageId: 1, plan: 1 } },
      );
    }
    const messageIds = messages.map((m) => m.messageId).filter((m): m is string => !!m);
    if (messageIds.length) await MessageIdModel.deleteMany({ _id: { $in: messageIds } });

    const sent = await OutboxModel.countDocuments({ caseId });
    r.mailsSent += sent;
    if (del) await OutboxModel.deleteMany({ caseId });
    else await OutboxModel.updateMany({ caseId }, { $set: { to: pseudonym, subject: REMOVED, text: '', html: '', headers: [] }, $unset: { attachments: '' } });

    const events = await EventModel.find({ caseId }, { type: 1 }).lean();
    r.timelineEvents += events.length;
    if (del) await EventModel.deleteMany({ caseId });
    else {
      const personal = events.filter((e) => !PLAIN_EVENTS.has(e.type)).map((e) => e._id);
      if (personal.length) await EventModel.updateMany({ _id: { $in: personal } }, { $set: { data: { removed: true } } });
    }
    // Phrases not yet counted go with the text: the projector reads the (erased) text instead.
    await ReportQueueModel.updateMany({ caseId }, { $unset: { 'data.comment': 1, phrases: 1 } });

    r.surveyAnswers += await SurveyAnswerModel.countDocuments({ caseId });
    if (del) await SurveyAnswerModel.deleteMany({ caseId });
    else await SurveyAnswerModel.updateMany({ caseId }, { $set: { comment: '' } });
    await forgetRecognitions([caseId]);
    if (del) await LinkAnswerModel.deleteMany({ caseId });
    else await LinkAnswerModel.updateMany({ caseId }, { $set: { words: '' } });

    r.learnedExamples += (await LabelledExampleModel.deleteMany({ caseId })).deletedCount;

    const c = await CaseModel.findById(caseId, { number: 1 }).lean();
    if (c) {
      r.cases++;
      if (del) {
        await CaseModel.deleteOne({ _id: caseId });
        await CaseNumberModel.deleteOne({ _id: c.number });
      } else {
        // Locked: the app's writes of the case meanwhile (a read and a replace on FerretDB) would
        // undo it. Through the model: its hook takes the card's subject off the board.
        await writeIf(CaseModel.collection, caseId, {}, (filter) =>
          CaseModel.updateOne(filter, {
            $set: { 'customer.email': pseudonym, 'customer.name': '', subject: REMOVED, anonymisedAt: new Date() },
            $unset: { searchTerms: 1, 'suggestion.recognition': 1, resolution: 1, pendingResolution: 1, lastQuestion: 1, delayReason: 1, proposal: 1, 'survey.comment': 1, 'screening.sensitiveFindings': 1 },
          }),
        );
      }
    }
  }
  if (address) {
    const lower = address.trim().toLowerCase();
    await forgetContact(lower);
    const quarantined = await QuarantineModel.find({ from: { $in: [address.trim(), lower] } }, { rawFileId: 1 }).lean();
    for (const q of quarantined) if (q.rawFileId) await deleteFile('quarantine', q.rawFileId);
    r.quarantined = (await QuarantineModel.deleteMany({ _id: { $in: quarantined.map((q) => q._id) } })).deletedCount;
  }
  return r;
}

/** Closed, not yet erased cases closed before `before`: of one category, or of none of `except`. */
export async function closedCasesBefore(before: Date, categories: { only: string } | { except: string[] }, limit: number): Promise<string[]> {
  const category = 'only' in categories ? categories.only : { $nin: categories.except };
  const docs = await CaseModel.find({ status: 'closed', closedAt: { $lt: before }, anonymisedAt: { $exists: false }, category }, { _id: 1 }).limit(limit).lean();
  return docs.map((d) => d._id);
}
