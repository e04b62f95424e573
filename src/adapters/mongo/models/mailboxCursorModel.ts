// mailbox_cursors: how far each IMAP mailbox has been read (UIDVALIDITY + last UID).
import mongoose, { Schema } from 'mongoose';

const cursorSchema = new Schema(
  {
    _id: { type: String, required: true },
    uidValidity: { type: String, required: true },
    lastUid: { type: Number, required: true },
  },
  { timestamps: true, collection: 'mailbox_cursors', versionKey: false },
);

export const MailboxCursorModel = mongoose.model('MailboxCursor', cursorSchema);
