// mailbox_cursors: how far each IMAP mailbox has been read (UIDVALIDITY + last UID), and
// the fence of the poller that wrote it last (a newer holder's writes win).
import mongoose, { Schema } from 'mongoose';

const cursorSchema = new Schema(
  {
    _id: { type: String, required: true },
    uidValidity: { type: String, required: true },
    lastUid: { type: Number, required: true },
    fence: { type: Number },
  },
  { timestamps: true, collection: 'mailbox_cursors', versionKey: false },
);

export const MailboxCursorModel = mongoose.model('MailboxCursor', cursorSchema);
