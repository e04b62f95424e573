// What the screening rules and the classifier read: the customer's own words, without
// the quoted history of earlier mails, in one normal form (NFKC, lower case, Han
// characters folded to Simplified), so that full-width letters, case and script do
// not make the same word look different.
import { withinBudget } from './budget.js';
import { foldHan } from './hanFold.js';

// Lines that start the quoted copy of an earlier mail in common clients (en, zh). Leading
// space is [^\S\n]: a \s there would run over every following blank line from each line
// start, which made a mail of blank lines take minutes.
const QUOTE_HEADERS = [
  /^[^\S\n]*On .{1,200}wrote:[^\S\n]*$/im,
  /^[^\S\n]*-{2,}[^\S\n]*(Original Message|Forwarded message)[^\S\n]*-{2,}/im,
  /^[^\S\n]*-{2,}[^\S\n]*原始(邮件|郵件)[^\S\n]*-{2,}/m,
  /^[^\S\n]*在.{1,200}[写寫]道[:：][^\S\n]*$/m,
  /^[^\S\n]*(From|发件人|寄件者|發件人)[^\S\n]*[:：].+\n[^\S\n]*(Sent|Date|发送时间|寄件日期|發送時間)[^\S\n]*[:：]/im,
];

/**
 * The new text of a mail: everything before the first quote header, minus "> " lines;
 * read from the text's first TEXT_BUDGET characters.
 */
export function ownWords(whole: string): string {
  const text = withinBudget(whole);
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
