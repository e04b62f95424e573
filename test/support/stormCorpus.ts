// Mail built to cost a mail processor as much as possible, one of each kind: a 5 MB line
// without a break, a 2 MB format=flowed line, a megabyte of Chinese without punctuation,
// 10,000 MIME parts, multiparts nested 500 deep, 1,000 recipients, a 40 MB attachment,
// and another helpdesk's automatic "request received" sent with a null envelope sender
// and nothing else that says it is automatic. Plus ordinary complaints in the three
// languages the desk answers, to be delivered in the same moment.

export interface StormMail {
  name: string;
  /** The From address: unique per hostile mail, so that what the desk sends back can be checked per mail. */
  from: string;
  messageId: string;
  envelopeFrom: string;
  raw: Buffer;
}

const CRLF = '\r\n';
const b64 = (b: Buffer) => b.toString('base64').replace(/.{76}/g, `$&${CRLF}`);

/** `customers`: three addresses that can receive the acknowledgements (zh-Hant, zh-Hans, en). */
export function stormCorpus(domain: string, supportAddress: string, customers: [string, string, string], run: string): { hostile: StormMail[]; complaints: StormMail[]; nullSender: StormMail } {
  const build = (name: string, local: string, subject: string, contentType: string, body: string | Buffer, opts: { envelopeFrom?: string; extra?: string[] } = {}): StormMail => {
    const from = local.includes('@') ? local : `${local}@${domain}`;
    const messageId = `<storm-${name.replace(/\W+/g, '-')}-${run}@${domain}>`.toLowerCase();
    const head = [
      `From: ${from}`,
      `To: ${supportAddress}`,
      `Subject: =?UTF-8?B?${Buffer.from(subject).toString('base64')}?=`,
      `Message-ID: ${messageId}`,
      'Date: Mon, 07 Dec 2026 09:00:00 +0800',
      'MIME-Version: 1.0',
      `Content-Type: ${contentType}`,
      ...(opts.extra ?? []),
    ].join(CRLF);
    const raw = Buffer.concat([Buffer.from(`${head}${CRLF}${CRLF}`), Buffer.isBuffer(body) ? body : Buffer.from(body, 'utf8'), Buffer.from(CRLF)]);
    return { name, from, messageId, envelopeFrom: opts.envelopeFrom ?? from, raw };
  };
  const hostile: StormMail[] = [];

  hostile.push(build('5 MB line', `line5mb-${run}`, 'My order', 'text/plain; charset=us-ascii', 'a'.repeat(5 * 1024 * 1024)));

  const flowed = 'the parcel never came and nobody answers the phone '.repeat(Math.ceil((2 * 1024 * 1024) / 51)).slice(0, 2 * 1024 * 1024);
  hostile.push(build('2 MB flowed line', `flowed-${run}`, 'Parcel never came', 'text/plain; charset=utf-8; format=flowed', flowed));

  const zh = '我的订单到现在还没有收到客服电话一直打不通退款申请也被拒绝了'.repeat(Math.ceil(1_000_000 / 29)).slice(0, 1_000_000);
  hostile.push(build('1 MB Chinese without punctuation', `zh1m-${run}`, '订单没收到', 'text/plain; charset=utf-8', b64(Buffer.from(zh)), { extra: ['Content-Transfer-Encoding: base64'] }));

  const parts = Array.from({ length: 10_000 }, (_, i) => `--p${CRLF}Content-Type: text/plain; charset=us-ascii${CRLF}${CRLF}part ${i}${CRLF}`).join('');
  hostile.push(build('10,000 MIME parts', `parts-${run}`, 'Many parts', 'multipart/mixed; boundary="p"', `${parts}--p--`));

  let nested = `Content-Type: text/plain${CRLF}${CRLF}The innermost part: my refund is late.${CRLF}`;
  for (let depth = 500; depth >= 1; depth--) nested = `Content-Type: multipart/mixed; boundary="n${depth}"${CRLF}${CRLF}--n${depth}${CRLF}${nested}--n${depth}--${CRLF}`;
  const nestedBody = nested.slice(nested.indexOf(CRLF + CRLF) + 4);
  hostile.push(build('500-deep nesting', `nested-${run}`, 'Nested', 'multipart/mixed; boundary="n1"', nestedBody));

  const recipients = Array.from({ length: 1000 }, (_, i) => `r${i}-${run}@${domain}`).join(`,${CRLF} `);
  hostile.push(build('1,000 recipients', `recipients-${run}`, 'To everyone', 'text/plain; charset=us-ascii', 'My order is late.', { extra: [`Cc: ${recipients}`] }));

  const attachment = Buffer.alloc(40 * 1024 * 1024);
  for (let i = 0; i < attachment.length; i += 4) attachment.writeUInt32LE((i * 2654435761) >>> 0, i);
  const withAttachment = [
    `--a${CRLF}Content-Type: text/plain; charset=us-ascii${CRLF}${CRLF}The log file of the crash is attached.${CRLF}`,
    `--a${CRLF}Content-Type: application/octet-stream; name="crash.log"${CRLF}Content-Disposition: attachment; filename="crash.log"${CRLF}Content-Transfer-Encoding: base64${CRLF}${CRLF}${b64(attachment)}${CRLF}`,
    '--a--',
  ].join('');
  hostile.push(build('40 MB attachment', `attach-${run}`, 'Crash log', 'multipart/mixed; boundary="a"', withAttachment));

  // Another helpdesk confirms our mail as a new ticket of theirs: no Auto-Submitted, an
  // ordinary subject, only the null envelope sender (Return-Path: <>) says it is automatic.
  const nullSender = build('null-sender helpdesk auto-reply', `helpdesk-${run}`, `Re: Your request [#48213-${run}] has been received`, 'text/plain; charset=utf-8', 'Thank you for contacting us. A member of our team will reply within 24 hours.', { envelopeFrom: '' });
  hostile.push(nullSender);

  const complaints = [
    build('complaint zh-Hant', customers[0], '訂單一直沒有送到', 'text/plain; charset=utf-8', '你好，我上週訂的手機到現在還沒有送到，物流頁面也沒有更新，請幫我查一下。'),
    build('complaint zh-Hans', customers[1], '退款一直没到账', 'text/plain; charset=utf-8', '你好，我两周前申请的退款到现在还没有到账，请尽快处理。'),
    build('complaint en', customers[2], 'App crashes on login', 'text/plain; charset=utf-8', 'Since the last update the app crashes every time I log in. Please help.'),
  ];
  return { hostile, complaints, nullSender };
}
