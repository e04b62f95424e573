// report_queue: timeline events waiting to be counted into the report rollups. Small
// (the projector empties it every second), so reading it needs no index, on FerretDB
// as on MongoDB. A case's category event carries its phrases (see CaseEvent).
import mongoose, { Schema } from 'mongoose';

export const ReportQueueModel = mongoose.model(
  'ReportQueue',
  new Schema({ _id: String, caseId: String, type: String, at: Date, data: Schema.Types.Mixed, phrases: { type: [String], default: undefined } }, { collection: 'report_queue', versionKey: false }),
);
