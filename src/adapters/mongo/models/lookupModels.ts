// Small tables keyed by _id that stand in for secondary-index lookups on hot paths.
// FerretDB's SQLite backend answers only _id lookups from an index and scans the whole
// collection for any other filter (measured: 2 ms vs 520 ms at 20,000 documents), so
// every per-mail lookup goes through one of these. They work the same on MongoDB.
import mongoose, { Schema } from 'mongoose';
import { keyedSchema } from './keyedSchema.js';

/** case number -> case id (threading by a case number in the subject). */
export const CaseNumberModel = mongoose.model('CaseNumber', keyedSchema({ collection: 'case_numbers' }, { caseId: { type: String, required: true } }));

/** normalised Message-ID -> the cases it belongs to (threading by In-Reply-To / References). */
export const MessageIdModel = mongoose.model('MessageId', keyedSchema({ collection: 'message_ids' }, { caseIds: [String] }));

/**
 * case id -> its acknowledgement or its routing not yet done; scanned by the reconciler,
 * removed once both are (one marker for the two mails sent together: one insert and one
 * delete per case instead of two each).
 */
export const PendingOpeningModel = mongoose.model('PendingOpening', keyedSchema({ collection: 'pending_openings' }, { since: { type: Date, required: true } }));

/**
 * job id -> a job that must run (a staff reply to apply, a deadline to check, a mail to
 * deliver). Written before the job is queued, removed when it completes: the reconciler
 * puts back whatever a Redis restart lost.
 */
export const PendingJobModel = mongoose.model('PendingJob', keyedSchema({ collection: 'pending_jobs' }, { name: { type: String, required: true }, data: { type: Schema.Types.Mixed }, runAt: { type: Date, required: true } }));

/**
 * A customer's answer after the resolution: a confirmed survey page (its _id is the
 * page's one-time nonce, so a replayed form records nothing) or a reply mail (its
 * message key). Inserting it is the commit point; a job applies it to the case.
 */
export const SurveyAnswerModel = mongoose.model('SurveyAnswer', keyedSchema({ collection: 'survey_answers' }, {
  caseId: { type: String, required: true },
  score: { type: Number },
  answer: { type: String, enum: ['score', 'not-fixed', 'fixed'] },
  comment: { type: String, default: '' },
  source: { type: String, enum: ['link', 'reply'], required: true },
  at: { type: Date, required: true },
}));

/** Cases whose marker is older than `olderThan` (the reconciler's scan). */
export async function pendingCaseIds(olderThan: Date, limit: number): Promise<string[]> {
  const docs = await PendingOpeningModel.find({ since: { $lt: olderThan } }, { _id: 1 }).limit(limit).lean();
  return docs.map((d) => d._id);
}
