// events: the case timeline, append-only. Each event's _id is derived from what caused
// it, so a retried job records it once.
import mongoose, { Schema } from 'mongoose';
import { keyedSchema } from './keyedSchema.js';

export const EventModel = mongoose.model('Event', keyedSchema({ collection: 'events' }, {
  caseId: { type: String, required: true, index: true },
  type: { type: String, required: true },
  at: { type: Date, required: true },
  actor: { type: String, default: 'system' },
  data: { type: Schema.Types.Mixed },
}));
