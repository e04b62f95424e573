// What the screening rules and the classifier read: the customer's own words, without
// the quoted history of earlier mails, in one normal form (NFKC, lower case, Han
// characters folded to Simplified), so that full-width letters, case and script do
// not make the same word look different.
import { withinBudget } from './budget.js';
import { foldHan } from './hanFold.js';

// Lines that start the quoted copy of an earlier mail in common clients (en, zh). Leading
// space is [^\S\n]: a \s there would run over every following blank line from each line
// start, which made a mail of blank lines take minutes.
// A reply header is followed by the earlier mail quoted line by line ("> "), so words
// after that quote are the writer's own, written below it.
const REPLY_HEADERS = [/^[^\S\n]*On .{1,200}wrote:[^\S\n]*$/im, /^[^\S\n]*在.{1,200}[写寫]道[:：][^\S\n]*$/m];
// A forwarded or Outlook-style copy is not marked line by line: everything after it is
// the earlier mail.
const COPY_HEADERS = [
  /^[^\S\n]*[-—]{2,}[^\S\n]*(Original Message|Forwarded message)[^\S\n]*[-—]{2,}/im,
  /^[^\S\n]*[-—]{2,}[^\S\n]*(?:原始|转发的|轉寄的|转寄的|轉發的)(?:邮件|郵件)[^\S\n]*[-—]{2,}/m,
  /^[^\S\n]*(From|发件人|寄件者|發件人)[^\S\n]*[:：].+\n[^\S\n]*(Sent|Date|发送时间|寄件日期|發送時間)[^\S\n]*[:：]/im,
];
// The header lines of a forwarded mail, which are not its message.
const HEADER_FIELD = /^[^\S\n]*(?:from|to|cc|date|sent|subject|发件人|收件人|寄件者|收件者|發件人|日期|发送时间|發送時間|寄件日期|主旨|主题|主題)[^\S\n]*[:：].*$/gim;

/**
 * The new text of a mail: everything before the first quote header, minus "> " lines,
 * and what the writer put below a quoted reply; a mail that is nothing but a forward
 * brings the forwarded mail as its message. Read from the text's first TEXT_BUDGET
 * characters.
 */
export function ownWords(whole: string): string {
  const text = withinBudget(whole);
  const first = (res: RegExp[]) => res.map((re) => re.exec(text)).reduce<RegExpExecArray | null>((a, m) => (m && (!a || m.index < a.index) ? m : a), null);
  const reply = first(REPLY_HEADERS);
  const copy = first(COPY_HEADERS);
  const header = reply && (!copy || reply.index < copy.index) ? reply : copy;
  if (!header) return unquoted(text);
  const mine = unquoted(text.slice(0, header.index));
  const lineEnd = text.indexOf('\n', header.index + header[0].length);
  const after = lineEnd < 0 ? '' : text.slice(lineEnd + 1);
  if (header === reply) {
    const below = /^\s*>/.test(after) ? ownWords(after) : '';
    return [mine, below].filter(Boolean).join('\n\n');
  }
  return mine || unquoted(after.replace(HEADER_FIELD, ''));
}

function unquoted(text: string): string {
  return text
    .split('\n')
    .filter((line) => !/^\s*>/.test(line))
    .join('\n')
    .trim();
}

export function normalizeText(text: string): string {
  return foldHan(text.normalize('NFKC').toLowerCase());
}
