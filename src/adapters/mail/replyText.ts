// The new text of a reply: quoted history and signatures removed by email-reply-parser
// (Crisp's maintained port of GitHub's parser). Our staff mails carry a "reply above
// this line" marker, the surest cut; and the Chinese quote headers the library does not
// know (Traditional 寫道, Outlook's 原始郵件 line) are first rewritten to the forms it does.
// The library's quote-header patterns run over the whole text and backtrack along
// blank lines and long lines (100,000 newlines took minutes), so it reads a bounded
// prefix with runs of blank lines folded into one and long lines wrapped.
import EmailReplyParser from 'email-reply-parser';
import { REPLY_MARKER } from '../../domain/route/replyMarker.js';
import { withinBudget } from '../../domain/text/budget.js';

const ZH_WROTE = /^.*(?:寫道|写道)\s*[:：]\s*$/;
const ZH_ORIGINAL = /^-{2,}\s*原始(?:郵件|邮件)\s*-{2,}\s*$/;
/** Longer than any quote header; longer lines are wrapped at a space where there is one. */
const LONG_LINE = 300;
const BLANK_RUN = /\n(?:[^\S\n]*\n)+/g;

export function replyText(text: string): string {
  const lines = withinBudget(text).replace(/\r\n?/g, '\n').replace(BLANK_RUN, '\n\n').split('\n').flatMap(wrap);
  const marker = lines.findIndex((l) => l.includes(REPLY_MARKER.slice(0, 30)));
  const kept = (marker >= 0 ? lines.slice(0, marker) : lines).map((l) => (ZH_WROTE.test(l) || ZH_ORIGINAL.test(l) ? '\n-----Original Message-----' : l));
  return new EmailReplyParser().read(kept.join('\n')).getVisibleText().trim();
}

function wrap(line: string): string[] {
  const out: string[] = [];
  let rest = line;
  while (rest.length > LONG_LINE) {
    const space = rest.lastIndexOf(' ', LONG_LINE);
    const cut = space > LONG_LINE / 2 ? space + 1 : LONG_LINE;
    out.push(rest.slice(0, cut));
    rest = rest.slice(cut);
  }
  out.push(rest);
  return out;
}
