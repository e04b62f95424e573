// report_queue: timeline events waiting to be counted into the report rollups. Small
// (the projector empties it every second), so reading it needs no index, on FerretDB
// as on MongoDB. A case's category event carries its phrases (see CaseEvent).
import mongoose, { Schema } from 'mongoose';
import { keyedSchema } from './keyedSchema.js';

export const ReportQueueModel = mongoose.model(
  'ReportQueue',
  keyedSchema({ collection: 'report_queue' }, { caseId: String, type: String, at: Date, data: Schema.Types.Mixed, phrases: { type: [String], default: undefined } }),
);
