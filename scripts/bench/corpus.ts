// The benchmark's mail mix: English and Chinese complaints from the local demo customers,
// 10 % with an attachment, 10 % follow-ups to an earlier complaint, 5 % auto-replies.
import { randomBytes } from 'node:crypto';

export interface BenchMail {
  index: number;
  kind: 'new' | 'followup' | 'auto';
  from: string;
  messageId: string;
  /** A follow-up's parent: the bench delivers it only after the parent is in the mailbox. */
  inReplyTo?: string;
  raw: string;
}

export const CUSTOMERS = ['alice', 'bob', 'carol', 'dave', 'erin', 'frank', 'grace', 'heidi', 'ivan', 'judy'];
const EN = [
  ['Order arrived damaged', 'The package arrived yesterday and the screen of the tablet is cracked. Order 55{n}.'],
  ['App crashes on upload', 'Every time I upload a photo the app closes. This is ruining my work.'],
  ['Refund still missing', 'I returned the shoes three weeks ago and the refund has not arrived.'],
  ['Suggestion: dark mode', 'It would be great if the dashboard had a dark mode for night shifts.'],
];
const ZH = [
  ['軟件總是閃退', '我的軟件總是閃退，太影響工作了。訂單號 88{n}，請盡快處理。'],
  ['物流太慢了', '我上週下單的貨品到現在還沒到，物流信息也沒有更新。'],
  ['退款一直沒有到賬', '我三週前已經退貨了，但退款一直沒有到賬，請幫忙查一下。'],
  ['產品質量問題', '新買的耳機右邊沒有聲音，才用了兩天。'],
];
const ATTACHMENT = randomBytes(96 * 1024).toString('base64').replace(/(.{76})/g, '$1\r\n');

const messageIdOf = (i: number, run: string) => `<bench-${i}-${run}@example.test>`;

/** Mail i of the mix; `run` tells this run's Message-IDs from an earlier run's. */
export function benchMail(i: number, to: string, run: string): BenchMail {
  const from = `${CUSTOMERS[i % CUSTOMERS.length]}@example.test`;
  const kind: BenchMail['kind'] = i % 20 === 7 ? 'auto' : i % 10 === 5 && i >= 10 ? 'followup' : 'new';
  const [subject, body] = (i % 2 ? ZH : EN)[Math.floor(i / 2) % 4]!.map((s) => s.replace('{n}', String(i)));
  const headers = [
    `From: <${from}>`,
    `To: <${to}>`,
    `Subject: =?UTF-8?B?${Buffer.from(kind === 'auto' ? `Automatic reply: ${subject}` : kind === 'followup' ? `Re: ${subject}` : subject!).toString('base64')}?=`,
    `Message-ID: ${messageIdOf(i, run)}`,
    `Date: ${new Date().toUTCString()}`,
    'MIME-Version: 1.0',
  ];
  if (kind === 'auto') headers.push('Auto-Submitted: auto-replied');
  if (kind === 'followup') headers.push(`In-Reply-To: ${messageIdOf(i - 10, run)}`, `References: ${messageIdOf(i - 10, run)}`);
  const text = Buffer.from(`${body}\r\n\r\n${from}\r\n`).toString('base64');
  let raw: string;
  if (i % 10 === 3) {
    raw = [
      ...headers,
      'Content-Type: multipart/mixed; boundary="b"',
      '',
      '--b',
      'Content-Type: text/plain; charset=utf-8',
      'Content-Transfer-Encoding: base64',
      '',
      text,
      '--b',
      'Content-Type: image/jpeg; name="photo.jpg"',
      'Content-Disposition: attachment; filename="photo.jpg"',
      'Content-Transfer-Encoding: base64',
      '',
      ATTACHMENT,
      '--b--',
      '',
    ].join('\r\n');
  } else {
    raw = [...headers, 'Content-Type: text/plain; charset=utf-8', 'Content-Transfer-Encoding: base64', '', text, ''].join('\r\n');
  }
  return { index: i, kind, from, messageId: messageIdOf(i, run), ...(kind === 'followup' ? { inReplyTo: messageIdOf(i - 10, run) } : {}), raw };
}

/** One complaint with an attachment of `mb` megabytes (random bytes, base64 in 76-column lines). */
export function bigMail(to: string, mb: number): BenchMail {
  const from = 'mallory@example.test'; // not one of the run's customers
  const messageId = `<bench-big-${process.pid}@example.test>`;
  const data = randomBytes(mb * 1024 * 1024).toString('base64').replace(/(.{76})/g, '$1\r\n');
  const raw = [
    `From: <${from}>`,
    `To: <${to}>`,
    'Subject: Video of the broken blender',
    `Message-ID: ${messageId}`,
    `Date: ${new Date().toUTCString()}`,
    'MIME-Version: 1.0',
    'Content-Type: multipart/mixed; boundary="b"',
    '',
    '--b',
    'Content-Type: text/plain; charset=utf-8',
    '',
    'The blender broke on the first day; the video is attached.',
    '--b',
    'Content-Type: video/mp4; name="blender.mp4"',
    'Content-Disposition: attachment; filename="blender.mp4"',
    'Content-Transfer-Encoding: base64',
    '',
    data,
    '--b--',
    '',
  ].join('\r\n');
  return { index: -1, kind: 'new', from, messageId, raw };
}
