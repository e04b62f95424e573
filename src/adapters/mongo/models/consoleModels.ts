// Console accounts and their sessions. A session's _id is the SHA-256 of its cookie
// value, so a leaked database holds no usable session.
import mongoose from 'mongoose';
import { ROLES } from '../../../domain/console/access.js';
import { keyedSchema } from './keyedSchema.js';

/** By lower-case email. */
export const UserModel = mongoose.model('User', keyedSchema({ collection: 'users', timestamps: true }, {
  name: { type: String, required: true },
  role: { type: String, enum: ROLES, required: true },
  departments: { type: [String], default: [] },
  passwordHash: { type: String, required: true },
}));

export const SessionModel = mongoose.model('Session', keyedSchema({ collection: 'sessions' }, {
  userId: { type: String, required: true },
  csrf: { type: String, required: true },
  expiresAt: { type: Date, required: true },
}));
