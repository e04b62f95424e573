// The line at the top of every mail we send staff: what they write above it is their
// reply; everything from it down is our own mail, quoted back (see adapters/mail/replyText).
export const REPLY_MARKER = '##- Please reply above this line / 請在此行之上回覆 -##';
