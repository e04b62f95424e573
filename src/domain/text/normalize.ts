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
// A quote: the next line that is not blank starts with ">" (tested where the walk is).
const QUOTE_NEXT = /\s*>/y;
// The header lines of a forwarded mail, which are not its message.
const HEADER_FIELD = /^[^\S\n]*(?:from|to|cc|date|sent|subject|发件人|收件人|寄件者|收件者|發件人|日期|发送时间|發送時間|寄件日期|主旨|主题|主題)[^\S\n]*[:：].*$/gim;

/**
 * The new text of a mail: everything before the first quote header, minus "> " lines,
 * and what the writer put below a quoted reply; a mail that is nothing but a forward
 * brings the forwarded mail as its message. Read from the text's first TEXT_BUDGET
 * characters, in one walk: each header pattern is searched once from where the walk is,
 * and its next match kept until the walk passes it (a mail of thousands of quoted
 * replies, each read again from its start, took half a second).
 */
export function ownWords(whole: string): string {
  const text = withinBudget(whole);
  const replies = REPLY_HEADERS.map((re) => new NextMatch(re, text));
  const copies = COPY_HEADERS.map((re) => new NextMatch(re, text));
  const parts: string[] = [];
  // The walk is always at a line's start, where ^ matches as at the start of the text.
  for (let at = 0; ; ) {
    const reply = earliest(replies, at);
    const copy = earliest(copies, at);
    const header = reply && (!copy || reply.index < copy.index) ? reply : copy;
    if (!header) {
      parts.push(unquoted(text.slice(at)));
      break;
    }
    const mine = unquoted(text.slice(at, header.index));
    const lineEnd = text.indexOf('\n', header.index + header[0].length);
    const after = lineEnd < 0 ? text.length : lineEnd + 1;
    if (header === copy) {
      parts.push(mine || unquoted(text.slice(after).replace(HEADER_FIELD, '')));
      break;
    }
    parts.push(mine);
    // Words below the quote are the writer's only when the quote follows the header.
    QUOTE_NEXT.lastIndex = after;
    if (!QUOTE_NEXT.test(text)) break;
    at = after;
  }
  return parts.filter(Boolean).join('\n\n');
}

/** The first match of `re` at or after a position, kept while the positions asked for do not pass it. */
class NextMatch {
  private readonly re: RegExp;
  private next: RegExpExecArray | null = null;
  private searchedFrom = -1;

  constructor(
    re: RegExp,
    private readonly text: string,
  ) {
    this.re = new RegExp(re.source, `${re.flags.replace('g', '')}g`);
  }

  from(at: number): RegExpExecArray | null {
    if (this.searchedFrom >= 0 && this.searchedFrom <= at && (!this.next || this.next.index >= at)) return this.next;
    this.re.lastIndex = at;
    this.next = this.re.exec(this.text);
    this.searchedFrom = at;
    return this.next;
  }
}

function earliest(patterns: NextMatch[], at: number): RegExpExecArray | null {
  let first: RegExpExecArray | null = null;
  for (const p of patterns) {
    const m = p.from(at);
    if (m && (!first || m.index < first.index)) first = m;
  }
  return first;
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
