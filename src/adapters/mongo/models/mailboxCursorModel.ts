// mailbox_cursors: how far each IMAP mailbox has been read (UIDVALIDITY + last UID), and
// the fence of the poller that wrote it last (a newer holder's writes win).
import mongoose from 'mongoose';
import { keyedSchema } from './keyedSchema.js';

export const MailboxCursorModel = mongoose.model('MailboxCursor', keyedSchema({ collection: 'mailbox_cursors', timestamps: true }, {
  uidValidity: { type: String, required: true },
  lastUid: { type: Number, required: true },
  fence: { type: Number },
}));
