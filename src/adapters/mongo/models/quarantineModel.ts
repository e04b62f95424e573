// quarantine: received mail that opened no case, with the reason (unparseable, too
// large, a bounce or auto-reply that belongs to no case, a mail loop). The raw
// message is kept in GridFS (bucket "quarantine") when it is not too large.
import mongoose from 'mongoose';
import { keyedSchema } from './keyedSchema.js';

export const QuarantineModel = mongoose.model('Quarantine', keyedSchema({ collection: 'quarantine' }, {
  reason: { type: String, required: true },
  detail: { type: String },
  mailboxKey: { type: String },
  uid: { type: Number },
  channel: { type: String },
  from: { type: String },
  subject: { type: String },
  messageId: { type: String },
  size: { type: Number },
  rawFileId: { type: String },
  at: { type: Date, required: true },
}));
