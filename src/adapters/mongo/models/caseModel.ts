// cases: one document per case (P-2). Its _id is the first message's dedupe key, so a
// crash and retry while opening a case finds the case instead of opening a second one.
import mongoose, { Schema } from 'mongoose';
import { CASE_STATUSES } from '../../../domain/case/case.js';
import { PRIORITIES } from '../../../domain/sla/priorityPolicy.js';

const caseSchema = new Schema(
  {
    _id: { type: String, required: true },
    number: { type: String, required: true, unique: true },
    channel: { type: String, required: true },
    mailboxKey: { type: String },
    customer: {
      type: new Schema({ email: { type: String, required: true }, name: { type: String, default: '' } }, { _id: false }),
      required: true,
    },
    subject: { type: String, default: '' },
    /**
     * The search terms of the subject and the first message (domain/board searchTermsOf),
     * made by intake, which has the text: the board's feeder files them without reading
     * the message. Gone with the personal data.
     */
    searchTerms: { type: [String], default: undefined },
    locale: { type: String, enum: ['en', 'zh-Hant', 'zh-Hans'], default: 'en' },
    status: { type: String, enum: CASE_STATUSES, default: 'new', index: true },
    priority: { type: String, enum: PRIORITIES, required: true },
    receivedAt: { type: Date, required: true },
    // Screening (P-7 to P-10): the stored decisions with their reasons, and the fields
    // other stages read directly.
    screening: { type: Schema.Types.Mixed },
    category: { type: String },
    department: { type: String },
    flags: { type: [String], default: [] },
    /** Personal data in the case: only its departments may open it. */
    restricted: { type: Boolean, default: false },
    incidentId: { type: String },
    due: { acknowledgeBy: Date, firstResponseBy: Date, resolveBy: Date },
    // Routing (P-11, P-12): when the departments were told, and whether they confirmed.
    routing: {
      departments: { type: [String], default: undefined },
      sentAt: Date,
      confirmBy: Date,
      escalateAt: Date,
      confirmedAt: Date,
      confirmedBy: String,
      remindedAt: Date,
      escalatedAt: Date,
    },
    // Work on the case (P-13 to P-19): the department's commands, applied once each.
    /** Bumped by every applied staff reply; a reply's plan is made against one revision. */
    rev: { type: Number, default: 0 },
    /** Staff messages whose changes are in this document (so a retry never applies twice). */
    appliedMessages: { type: [String], default: [] },
    assignee: { type: String },
    eta: { type: Date },
    delayReason: { type: String },
    awaitingCustomer: { type: Boolean, default: false },
    lastQuestion: { type: String },
    pendingResolution: { type: Schema.Types.Mixed },
    resolution: { type: Schema.Types.Mixed },
    resolvedAt: { type: Date },
    closedAt: { type: Date },
    /** Closed without a resolution: junk, a duplicate of another case, or the customer never answered our question. */
    closeReason: { type: String, enum: ['spam', 'duplicate', 'unanswered'] },
    /** The case a duplicate was merged into (its messages moved there). */
    duplicateOf: { type: String },
    compensations: { type: [Schema.Types.Mixed], default: [] },
    // The later process steps (docs/process-features.md): the complaint's cause and its
    // preventive measure; a suggestion's assessment and outcome; the solution proposed to
    // the customer and their consent; joint handling by several departments.
    cause: { type: Schema.Types.Mixed },
    prevention: { type: Schema.Types.Mixed },
    suggestion: { assessment: Schema.Types.Mixed, outcome: Schema.Types.Mixed, recognition: Schema.Types.Mixed },
    proposal: { type: Schema.Types.Mixed },
    joint: { type: Schema.Types.Mixed },
    /** The product and module the case is about (`product:`), for the reports. */
    product: { type: Schema.Types.Mixed },
    // After the resolution (P-20 to P-22): the survey, the follow-up, the customer's answer.
    survey: {
      sentAt: Date,
      followUpSentAt: Date,
      score: Number,
      comment: String,
      answer: String,
      answeredAt: Date,
      source: String,
    },
    reopenCount: { type: Number, default: 0 },
    /** The earlier, closed case this one continues (a customer writing after the re-open window). */
    linkedCase: { type: String },
    // The SLA clock (P-8, P-18): when the customer expects the result, the last deadline
    // missed, the first answer a department gave the customer, and since when the case
    // waits for the customer (the clock stands still meanwhile).
    sla: { expectedBy: Date, lastMissed: Date, delayNotices: { type: Number, default: 0 }, firstResponseAt: Date, waitingSince: Date },
    /** The knowledge-base answer offered in the acknowledgement (P-25), if any. */
    suggestedFaq: { type: String },
    /** When the customer's personal data was removed (retention or a request to forget, P-6). */
    anonymisedAt: { type: Date },
    /** The case's figures for the reports (domain/report/rollupFacts), and what is counted. */
    metrics: { type: Schema.Types.Mixed },
    ack: {
      state: { type: String, enum: ['pending', 'sent', 'suppressed', 'failed'], default: 'pending', index: true },
      reason: { type: String },
      sentAt: { type: Date },
    },
  },
  { timestamps: true, collection: 'cases' },
);

caseSchema.index({ 'customer.email': 1 });

// Every write of a case through the model, and its deletion, tells the board's index (set
// by the composition root: the app marks the case for the board's feeder, a script
// refreshes its card at once) before the write's promise settles, with the fields the
// write changed (null: the case is gone, or the update is a whole document).
type CaseWatcher = { written: (caseId: string, fields: string[] | null) => Promise<void> };
let watcher: CaseWatcher | null = null;
export function watchCaseWrites(w: CaseWatcher | null): void {
  watcher = w;
}
const idOf = (filter: Record<string, unknown>) => (typeof filter._id === 'string' ? filter._id : null);
/** The paths an update by operators names; null for a replacement or a pipeline. */
function fieldsOf(update: unknown): string[] | null {
  if (!update || typeof update !== 'object' || Array.isArray(update)) return null;
  const ops = Object.entries(update as Record<string, unknown>);
  if (ops.some(([op]) => !op.startsWith('$'))) return null;
  return ops.flatMap(([, fields]) => (fields && typeof fields === 'object' ? Object.keys(fields) : []));
}
caseSchema.post(['updateOne', 'findOneAndUpdate'], async function (this: { getFilter(): Record<string, unknown>; getUpdate(): unknown }) {
  const id = idOf(this.getFilter());
  if (watcher && id) await watcher.written(id, fieldsOf(this.getUpdate()));
});
// After the deletion: the board sees the case gone and takes its card and terms out.
caseSchema.post('deleteOne', { document: false, query: true }, async function (this: { getFilter(): Record<string, unknown> }) {
  const id = idOf(this.getFilter());
  if (watcher && id) await watcher.written(id, null);
});

export const CaseModel = mongoose.model('Case', caseSchema);
