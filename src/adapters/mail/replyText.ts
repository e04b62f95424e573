// The new text of a reply: quoted history and signatures removed by email-reply-parser
// (Crisp's maintained port of GitHub's parser). Our staff mails carry a "reply above
// this line" marker, the surest cut; and the Chinese quote headers the library does not
// know (Traditional 寫道, Outlook's 原始郵件 line) are first rewritten to the forms it does.
import EmailReplyParser from 'email-reply-parser';
import { REPLY_MARKER } from '../../domain/route/replyMarker.js';

const ZH_WROTE = /^.*(?:寫道|写道)\s*[:：]\s*$/;
const ZH_ORIGINAL = /^-{2,}\s*原始(?:郵件|邮件)\s*-{2,}\s*$/;

export function replyText(text: string): string {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const marker = lines.findIndex((l) => l.includes(REPLY_MARKER.slice(0, 30)));
  const kept = (marker >= 0 ? lines.slice(0, marker) : lines).map((l) => (ZH_WROTE.test(l) || ZH_ORIGINAL.test(l) ? '\n-----Original Message-----' : l));
  return new EmailReplyParser().read(kept.join('\n')).getVisibleText().trim();
}
