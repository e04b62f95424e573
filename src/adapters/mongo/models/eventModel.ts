// events: the case timeline, append-only. Each event's _id is derived from what caused
// it, so a retried job records it once.
import mongoose, { Schema } from 'mongoose';

const eventSchema = new Schema(
  {
    _id: { type: String, required: true },
    caseId: { type: String, required: true, index: true },
    type: { type: String, required: true },
    at: { type: Date, required: true },
    actor: { type: String, default: 'system' },
    data: { type: Schema.Types.Mixed },
  },
  { collection: 'events', versionKey: false },
);

export const EventModel = mongoose.model('Event', eventSchema);
