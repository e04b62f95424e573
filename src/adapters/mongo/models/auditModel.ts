// audit: who did what, when: each change of the rules (with its diff) and each opening of
// a case with its personal data unmasked (P-5).
import mongoose, { Schema } from 'mongoose';

export const AuditModel = mongoose.model(
  'Audit',
  new Schema({ _id: String, what: String, by: String, at: Date, version: Number, diff: String, case: String, restricted: Boolean }, { collection: 'audit', versionKey: false }),
);
