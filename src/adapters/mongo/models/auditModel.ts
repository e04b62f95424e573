// audit: who did what, when: each change of the rules (with its diff) and each opening of
// a case with its personal data unmasked (P-5).
import mongoose from 'mongoose';
import { keyedSchema } from './keyedSchema.js';

export const AuditModel = mongoose.model('Audit', keyedSchema({ collection: 'audit' }, { what: String, by: String, at: Date, version: Number, diff: String, case: String, restricted: Boolean }));
