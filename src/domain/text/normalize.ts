// What the screening rules and the classifier read: the customer's own words, without
// the quoted history of earlier mails, in one normal form (NFKC, lower case, Han
// characters folded to Simplified), so that full-width letters, case and script do
// not make the same word look different.
import { foldHan } from './hanFold.js';

// Lines that start the quoted copy of an earlier mail in common clients (en, zh).
const QUOTE_HEADERS = [
  /^\s*On .{1,200}wrote:\s*$/im,
  /^\s*-{2,}\s*(Original Message|Forwarded message)\s*-{2,}/im,
  /^\s*-{2,}\s*原始(邮件|郵件)\s*-{2,}/m,
  /^\s*在.{1,200}[写寫]道[:：]\s*$/m,
  /^\s*(From|发件人|寄件者|發件人)\s*[:：].+\n\s*(Sent|Date|发送时间|寄件日期|發送時間)\s*[:：]/im,
];

/** The new text of a mail: everything before the first quote header, minus "> " lines. */
export function ownWords(text: string): string {
  let end = text.length;
  for (const re of QUOTE_HEADERS) {
    const m = re.exec(text);
    if (m && m.index < end) end = m.index;
  }
  return text
    .slice(0, end)
    .split('\n')
    .filter((line) => !/^\s*>/.test(line))
    .join('\n')
    .trim();
}

export function normalizeText(text: string): string {
  return foldHan(text.normalize('NFKC').toLowerCase());
}
