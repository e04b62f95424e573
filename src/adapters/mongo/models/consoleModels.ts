// Console accounts and their sessions. A session's _id is the SHA-256 of its cookie
// value, so a leaked database holds no usable session.
import mongoose, { Schema } from 'mongoose';
import { ROLES } from '../../../domain/console/access.js';

export const UserModel = mongoose.model(
  'User',
  new Schema(
    {
      _id: { type: String, required: true }, // lower-case email
      name: { type: String, required: true },
      role: { type: String, enum: ROLES, required: true },
      departments: { type: [String], default: [] },
      passwordHash: { type: String, required: true },
    },
    { collection: 'users', timestamps: true, versionKey: false },
  ),
);

export const SessionModel = mongoose.model(
  'Session',
  new Schema(
    {
      _id: { type: String, required: true },
      userId: { type: String, required: true },
      csrf: { type: String, required: true },
      expiresAt: { type: Date, required: true },
    },
    { collection: 'sessions', versionKey: false },
  ),
);
