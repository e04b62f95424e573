// outbox: every mail we send, stored before it is sent. Its _id names the reason for
// the mail (e.g. "ack:CS-2026-000123"), so the same reason never produces two mails.
import mongoose, { Schema } from 'mongoose';

const outboxSchema = new Schema(
  {
    _id: { type: String, required: true },
    caseId: { type: String, index: true },
    kind: { type: String, required: true },
    /** An automatic reply (RFC 3834), counted against the per-sender cap. */
    auto: { type: Boolean, default: false },
    from: { type: String, required: true },
    to: { type: String, required: true },
    subject: { type: String, required: true },
    text: { type: String, required: true },
    html: { type: String },
    messageId: { type: String, required: true, index: true },
    inReplyTo: { type: String },
    references: [String],
    headers: [{ _id: false, name: String, value: String }],
    /** Stored files sent along (their GridFS ids in the attachments bucket). */
    attachments: { type: [{ _id: false, fileId: String, filename: String, contentType: String }], default: undefined },
    state: { type: String, enum: ['pending', 'sending', 'sent', 'failed'], default: 'pending', index: true },
    attempts: { type: Number, default: 0 },
    leaseUntil: { type: Date },
    lastError: { type: String },
    smtpResponse: { type: String },
    sentAt: { type: Date },
  },
  { timestamps: true, collection: 'outbox' },
);

export const OutboxModel = mongoose.model('Outbox', outboxSchema);
