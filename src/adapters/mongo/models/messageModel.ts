// messages: every received message of every case. The _id is the message's dedupe key:
// inserting it is the moment a received mail counts as stored.
import mongoose, { Schema } from 'mongoose';

const address = { address: { type: String }, name: { type: String } };

const messageSchema = new Schema(
  {
    _id: { type: String, required: true },
    caseId: { type: String, required: true, index: true },
    caseNumber: { type: String, required: true },
    /** The duplicate case this message came from when it was merged into this one. */
    movedFrom: { type: String },
    // in: from the customer; staff: a department's reply by email (P-12, P-13)
    direction: { type: String, enum: ['in', 'staff', 'out'], required: true },
    department: { type: String },
    channel: { type: String, required: true },
    mailboxKey: { type: String },
    uid: { type: Number },
    messageId: { type: String, index: true },
    inReplyTo: [String],
    references: [String],
    from: address,
    to: [address],
    cc: [address],
    subject: { type: String, default: '' },
    sentAt: { type: Date },
    receivedAt: { type: Date, required: true },
    text: { type: String, default: '' },
    html: { type: String },
    truncated: { type: Boolean, default: false },
    headers: [{ _id: false, name: String, value: String }],
    rawSize: { type: Number },
    automated: { kind: { type: String }, reason: { type: String } },
    // A staff reply's commands: the plan made from them (first stored wins), and when it was applied.
    plan: { type: Schema.Types.Mixed },
    appliedAt: { type: Date },
    attachments: [
      { _id: false, fileId: String, filename: String, contentType: String, size: Number, sha256: String },
    ],
  },
  { timestamps: true, collection: 'messages' },
);

export const MessageModel = mongoose.model('Message', messageSchema);
