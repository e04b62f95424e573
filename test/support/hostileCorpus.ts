// A generated corpus of broken and hostile mail: bad MIME, wrong and unknown
// charsets, 8-bit headers, deep nesting, a 100 KB header line, thousands of recipients,
// missing From or Message-ID, CRLF injection in encoded subjects, scripts in HTML, path
// traversal in attachment names, huge single-line parts, DSN bounces and every common
// kind of auto-reply. Each message has its own sender, so what we send back to whom can
// be checked per message.

export interface HostileMail {
  name: string;
  /** The sender's address (local part unique per message), or null when it has none. */
  from: string | null;
  raw: Buffer;
  /** An automatic message (auto-reply, bounce): nothing may be sent back to it. */
  automatic: boolean;
  /** The envelope sender: '' (null, as bounces and RFC 3834 auto-replies use) or an address. */
  envelopeFrom: string;
}

const CRLF = '\r\n';
const b64 = (s: string | Buffer) => Buffer.from(s).toString('base64').replace(/.{76}/g, `$&${CRLF}`);
const enc = (s: string) => `=?UTF-8?B?${Buffer.from(s).toString('base64')}?=`;

export function hostileCorpus(domain: string, supportAddress: string): HostileMail[] {
  const out: HostileMail[] = [];
  let n = 0; // each message's sender is hostile<n>@domain
  const add = (name: string, build: (from: string, id: string) => string | Buffer, opts: { automatic?: boolean; noFrom?: boolean; nullSender?: boolean } = {}) => {
    n++;
    const from = `hostile${n}@${domain}`;
    const body = build(from, `<hostile-${n}-${Date.now()}@${domain}>`);
    // Strings with characters beyond Latin-1 are sent as UTF-8 (8-bit), the rest byte for byte.
    const raw = Buffer.isBuffer(body) ? body : Buffer.from(body, /[\u0100-\uffff]/.test(body) ? 'utf8' : 'latin1');
    // The address in the From header (a bounce's is the mailer daemon's).
    const sender = /^From:[^\r\n]*?([^\s<>",]+@[^\s<>",]+)/m.exec(raw.subarray(0, 4096).toString('latin1'))?.[1] ?? null;
    out.push({ name, from: opts.noFrom ? null : sender, raw, automatic: !!opts.automatic, envelopeFrom: opts.nullSender ? '' : (sender ?? `nobody@${domain}`) });
  };
  const head = (from: string, id: string, subject: string, extra: string[] = []) =>
    [`From: Customer <${from}>`, `To: ${supportAddress}`, `Subject: ${subject}`, `Message-ID: ${id}`, 'Date: Sun, 22 Nov 2026 10:00:00 +0800', 'MIME-Version: 1.0', ...extra].join(CRLF);
  const plain = (from: string, id: string, subject: string, body: string, extra: string[] = []) => `${head(from, id, subject, ['Content-Type: text/plain; charset=utf-8', ...extra])}${CRLF}${CRLF}${body}${CRLF}`;

  // Bad MIME boundaries.
  add('missing closing boundary', (f, id) => `${head(f, id, 'Broken multipart', ['Content-Type: multipart/mixed; boundary="b1"'])}${CRLF}${CRLF}--b1${CRLF}Content-Type: text/plain${CRLF}${CRLF}The app crashes.${CRLF}`);
  add('boundary never used', (f, id) => `${head(f, id, 'Wrong boundary', ['Content-Type: multipart/mixed; boundary="declared"'])}${CRLF}${CRLF}--other${CRLF}Content-Type: text/plain${CRLF}${CRLF}Text under another boundary.${CRLF}--other--${CRLF}`);
  add('no boundary parameter', (f, id) => `${head(f, id, 'No boundary', ['Content-Type: multipart/alternative'])}${CRLF}${CRLF}Just text where parts should be.${CRLF}`);
  add('empty boundary', (f, id) => `${head(f, id, 'Empty boundary', ['Content-Type: multipart/mixed; boundary=""'])}${CRLF}${CRLF}--${CRLF}${CRLF}text${CRLF}----${CRLF}`);
  add('nested part without headers', (f, id) => `${head(f, id, 'Headerless part', ['Content-Type: multipart/mixed; boundary="x"'])}${CRLF}${CRLF}--x${CRLF}${CRLF}body without headers${CRLF}--x--${CRLF}`);
  add('boundary inside body text', (f, id) => `${head(f, id, 'Boundary in text', ['Content-Type: multipart/mixed; boundary="abc"'])}${CRLF}${CRLF}--abc${CRLF}Content-Type: text/plain${CRLF}${CRLF}see --abc in the middle --abc-- here${CRLF}--abc--${CRLF}`);

  // Wrong and unknown charsets.
  for (const cs of ['x-unknown-charset', 'utf-9', 'klingon', '"; DROP TABLE cases;--', 'iso-2022-xx']) {
    add(`unknown charset ${cs}`, (f, id) => `${head(f, id, 'Charset test', [`Content-Type: text/plain; charset=${cs}`])}${CRLF}${CRLF}The refund has not arrived.${CRLF}`);
  }
  add('GBK bytes labelled utf-8', (f, id) => Buffer.concat([Buffer.from(`${head(f, id, 'GBK as utf-8', ['Content-Type: text/plain; charset=utf-8'])}${CRLF}${CRLF}`), Buffer.from([0xce, 0xd2, 0xb5, 0xc4, 0xb6, 0xa9, 0xb5, 0xa5]), Buffer.from(CRLF)]));
  add('Big5 labelled latin1', (f, id) => Buffer.concat([Buffer.from(`${head(f, id, 'Big5 as latin1', ['Content-Type: text/plain; charset=iso-8859-1'])}${CRLF}${CRLF}`), Buffer.from([0xa7, 0xda, 0xaa, 0xba, 0xad, 0x71, 0xb3, 0xe6]), Buffer.from(CRLF)]));
  add('GB2312 properly labelled', (f, id) => Buffer.concat([Buffer.from(`${head(f, id, '=?gb2312?B?zsS8/g==?=', ['Content-Type: text/plain; charset=gb2312'])}${CRLF}${CRLF}`), Buffer.from([0xce, 0xd2, 0xb5, 0xc4, 0xb6, 0xa9, 0xb5, 0xa5, 0xc3, 0xbb, 0xb5, 0xbd]), Buffer.from(CRLF)]));
  add('encoded word with unknown charset', (f, id) => plain(f, id, '=?x-bogus?Q?Hello_world?=', 'Body.'));
  add('malformed encoded word', (f, id) => plain(f, id, '=?UTF-8?B?not base64!!?= and =?UTF-8?Q?broken', 'Body.'));

  // 8-bit headers.
  add('raw UTF-8 subject', (f, id) => Buffer.from(plain(f, id, '無法登入，錯誤代碼 1043', '我一直無法登入。'), 'utf8'));
  add('raw UTF-8 display name', (f, id) => Buffer.from(plain(f, id, 'Name test', 'Body.').replace('From: Customer', 'From: 王小明'), 'utf8'));
  add('raw latin1 subject', (f, id) => Buffer.concat([Buffer.from('Subject: '), Buffer.from([0xe9, 0xe8, 0xe0]), Buffer.from(CRLF + plain(f, id, 'x', 'Body.').replace(/^.*Subject: x\r\n/m, ''))]));
  add('NUL byte in header', (f, id) => plain(f, id, 'Null\u0000byte', 'Body.'));
  add('control characters in subject', (f, id) => plain(f, id, 'Bell\u0007and\u001bescape', 'Body.'));

  // Deep nesting.
  for (const depth of [20, 60, 150]) {
    add(`multipart nested ${depth} deep`, (f, id) => {
      let body = `Content-Type: text/plain${CRLF}${CRLF}deep text${CRLF}`;
      for (let d = depth; d > 0; d--) body = `Content-Type: multipart/mixed; boundary="d${d}"${CRLF}${CRLF}--d${d}${CRLF}${body}--d${d}--${CRLF}`;
      return `${head(f, id, `Nested ${depth}`)}${CRLF}${body}`;
    });
  }
  add('message/rfc822 nested 30 deep', (f, id) => {
    let inner = `From: x@${domain}${CRLF}Subject: inner${CRLF}${CRLF}innermost${CRLF}`;
    for (let d = 0; d < 30; d++) inner = `From: x@${domain}${CRLF}Subject: level ${d}${CRLF}Content-Type: message/rfc822${CRLF}${CRLF}${inner}`;
    return `${head(f, id, 'Forwarded many times', ['Content-Type: message/rfc822'])}${CRLF}${CRLF}${inner}`;
  });

  // Huge headers and recipient lists.
  add('100 KB header line', (f, id) => plain(f, id, 'Long header', 'Body.', [`X-Long: ${'a'.repeat(100_000)}`]));
  add('100 KB subject', (f, id) => plain(f, id, `Complaint ${'x'.repeat(100_000)}`, 'Body.'));
  add('3000 recipients in To', (f, id) => plain(f, id, 'Many recipients', 'Body.').replace(`To: ${supportAddress}`, `To: ${supportAddress}, ${Array.from({ length: 3000 }, (_, i) => `r${i}@${domain}`).join(`,${CRLF} `)}`));
  add('3000 recipients in Cc', (f, id) => plain(f, id, 'Many Cc', 'Body.', [`Cc: ${Array.from({ length: 3000 }, (_, i) => `c${i}@${domain}`).join(`,${CRLF} `)}`]));
  add('5000 headers', (f, id) => plain(f, id, 'Many headers', 'Body.', Array.from({ length: 5000 }, (_, i) => `X-H${i}: v`)));

  // Missing From or Message-ID.
  add('no From', (f, id) => plain(f, id, 'No sender', 'Who am I?').replace(/^From: .*\r\n/m, ''), { noFrom: true });
  add('empty From', (f, id) => plain(f, id, 'Empty sender', 'Body.').replace(/^From: .*$/m, 'From: '), { noFrom: true });
  add('From without address', (f, id) => plain(f, id, 'Bad sender', 'Body.').replace(/^From: .*$/m, 'From: Just A Name'), { noFrom: true });
  add('From with two addresses', (f, id) => plain(f, id, 'Two senders', 'Body.').replace(/^From: .*$/m, `From: ${f}, other@${domain}`));
  add('no Message-ID', (f, id) => plain(f, id, 'No message id', 'My order is late.').replace(/^Message-ID: .*\r\n/m, ''));
  add('empty Message-ID', (f, id) => plain(f, id, 'Empty message id', 'My order is late.').replace(/^Message-ID: .*$/m, 'Message-ID: '));
  add('no Date', (f, id) => plain(f, id, 'No date', 'Body.').replace(/^Date: .*\r\n/m, ''));
  add('invalid Date', (f, id) => plain(f, id, 'Bad date', 'Body.').replace(/^Date: .*$/m, 'Date: the day after tomorrow'));
  add('no headers at all but From', (f) => `From: ${f}${CRLF}${CRLF}just a body${CRLF}`);

  // CRLF injection in encoded words.
  for (const inj of ['Hi\r\nBcc: victim@evil.test', 'Hi\nTo: victim@evil.test', 'Hi\r\n\r\n<script>alert(1)</script>', 'Hi\u2028X-Injected: yes']) {
    add(`CRLF injection ${JSON.stringify(inj).slice(0, 20)}`, (f, id) => plain(f, id, enc(inj), 'Body.'));
  }
  add('CRLF injection in display name', (f, id) => plain(f, id, 'Name injection', 'Body.').replace('From: Customer', `From: ${enc('Eve\r\nBcc: victim@evil.test')}`));

  // Scripts in HTML.
  const htmls = [
    '<p>Error 5</p><script>alert(1)</script>',
    '<img src=x onerror="alert(1)">',
    '<a href="javascript:alert(1)">click</a>',
    '<iframe src="https://evil.test"></iframe>',
    '<svg onload="alert(1)"><circle r="1"/></svg>',
    '<div style="background:url(javascript:alert(1))">x</div>',
    '<meta http-equiv="refresh" content="0;url=https://evil.test">',
    '<form action="https://evil.test"><input name="password"></form>',
    '<object data="evil.swf"></object><embed src="evil.swf">',
    '<base href="https://evil.test/"><a href="/x">relative</a>',
  ];
  for (const [i, h] of htmls.entries()) add(`hostile HTML ${i}`, (f, id) => `${head(f, id, `Hostile HTML ${i}`, ['Content-Type: text/html; charset=utf-8'])}${CRLF}${CRLF}<html><body>${h}<p>My parcel is late.</p></body></html>${CRLF}`);

  // Attachment names.
  const names = ['../../etc/passwd', '..\\..\\windows\\system32\\evil.dll', '/etc/shadow', 'C:\\boot.ini', 'CON', 'nul.txt', 'a\u0000b.exe', `${'long'.repeat(200)}.pdf`, 'invoice\u202Efdp.exe', '.htaccess', '', '   ', 'file%2F..%2F..%2Fx', 'résumé 履歷.pdf'];
  for (const [i, name] of names.entries()) {
    add(`attachment name ${i}`, (f, id) =>
      `${head(f, id, `Attachment ${i}`, ['Content-Type: multipart/mixed; boundary="att"'])}${CRLF}${CRLF}--att${CRLF}Content-Type: text/plain${CRLF}${CRLF}See attached.${CRLF}--att${CRLF}Content-Type: application/octet-stream; name="${name}"${CRLF}Content-Disposition: attachment; filename="${name}"${CRLF}Content-Transfer-Encoding: base64${CRLF}${CRLF}${b64('attachment body')}${CRLF}--att--${CRLF}`,
    );
  }
  add('attachment name RFC 2231 traversal', (f, id) =>
    `${head(f, id, 'RFC 2231 name', ['Content-Type: multipart/mixed; boundary="r"'])}${CRLF}${CRLF}--r${CRLF}Content-Type: text/plain${CRLF}${CRLF}x${CRLF}--r${CRLF}Content-Type: application/octet-stream${CRLF}Content-Disposition: attachment; filename*=utf-8''..%2F..%2F..%2Fetc%2Fpasswd${CRLF}${CRLF}data${CRLF}--r--${CRLF}`,
  );

  // Huge single-line parts.
  add('2 MB single text line', (f, id) => plain(f, id, 'One long line', 'x'.repeat(2_000_000)));
  add('2 MB base64 without line breaks', (f, id) =>
    `${head(f, id, 'Unbroken base64', ['Content-Type: multipart/mixed; boundary="h"'])}${CRLF}${CRLF}--h${CRLF}Content-Type: text/plain${CRLF}${CRLF}Big file.${CRLF}--h${CRLF}Content-Type: application/octet-stream; name="big.bin"${CRLF}Content-Transfer-Encoding: base64${CRLF}${CRLF}${Buffer.alloc(1_500_000, 7).toString('base64')}${CRLF}--h--${CRLF}`,
  );
  add('1 MB HTML on one line', (f, id) => `${head(f, id, 'Long HTML', ['Content-Type: text/html'])}${CRLF}${CRLF}<p>${'<b>x</b>'.repeat(120_000)}</p>${CRLF}`);

  // Broken encodings.
  add('invalid base64 body', (f, id) => plain(f, id, 'Bad base64', '!!!not*base64###', ['Content-Transfer-Encoding: base64']));
  add('broken quoted-printable', (f, id) => plain(f, id, 'Bad QP', 'soft=\r\nbreak =ZZ bad =\r\n=', ['Content-Transfer-Encoding: quoted-printable']));
  add('unknown transfer encoding', (f, id) => plain(f, id, 'Bad CTE', 'Body.', ['Content-Transfer-Encoding: x-uuencode-9']));
  add('empty body', (f, id) => `${head(f, id, 'Empty')}${CRLF}${CRLF}`);
  add('only an attachment', (f, id) =>
    `${head(f, id, '', ['Content-Type: multipart/mixed; boundary="o"'])}${CRLF}${CRLF}--o${CRLF}Content-Type: image/png; name="shot.png"${CRLF}Content-Transfer-Encoding: base64${CRLF}${CRLF}${b64(Buffer.from([137, 80, 78, 71]))}${CRLF}--o--${CRLF}`,
  );
  add('NUL bytes in body', (f, id) => plain(f, id, 'Nulls', 'a\u0000b\u0000c'));
  add('LF only line ends', (f, id) => plain(f, id, 'LF only', 'Body.').replace(/\r\n/g, '\n'));
  add('CR only line ends', (f, id) => plain(f, id, 'CR only', 'Body.').replace(/\r\n/g, '\r'));
  add('emoji everywhere', (f, id) => Buffer.from(plain(f, id, enc('😡😡 App 💥'), '😡 The app 💥 again 💥'), 'utf8'));
  add('text/calendar only', (f, id) => `${head(f, id, 'Invitation', ['Content-Type: text/calendar; method=REQUEST'])}${CRLF}${CRLF}BEGIN:VCALENDAR${CRLF}END:VCALENDAR${CRLF}`);
  add('winmail.dat (TNEF)', (f, id) =>
    `${head(f, id, 'TNEF', ['Content-Type: multipart/mixed; boundary="t"'])}${CRLF}${CRLF}--t${CRLF}Content-Type: text/plain${CRLF}${CRLF}see winmail${CRLF}--t${CRLF}Content-Type: application/ms-tnef; name="winmail.dat"${CRLF}Content-Transfer-Encoding: base64${CRLF}${CRLF}${b64(Buffer.from([0x78, 0x9f, 0x3e, 0x22]))}${CRLF}--t--${CRLF}`,
  );

  // DSN bounces (RFC 3464) and other machine mail.
  for (const [i, status] of ['5.1.1', '4.4.7', '5.7.1'].entries()) {
    add(`DSN bounce ${status}`, (_f, id) =>
      `From: Mail Delivery System <MAILER-DAEMON@${domain}>${CRLF}To: ${supportAddress}${CRLF}Subject: Undelivered Mail Returned to Sender${CRLF}Message-ID: ${id.replace('@', `-dsn${i}@`)}${CRLF}Auto-Submitted: auto-replied${CRLF}MIME-Version: 1.0${CRLF}Content-Type: multipart/report; report-type=delivery-status; boundary="dsn"${CRLF}${CRLF}--dsn${CRLF}Content-Type: text/plain${CRLF}${CRLF}Your message could not be delivered.${CRLF}--dsn${CRLF}Content-Type: message/delivery-status${CRLF}${CRLF}Reporting-MTA: dns; mx.${domain}${CRLF}${CRLF}Final-Recipient: rfc822; gone@${domain}${CRLF}Action: failed${CRLF}Status: ${status}${CRLF}--dsn--${CRLF}`,
      { automatic: true, nullSender: true },
    );
  }
  add('bounce without Auto-Submitted (postmaster, null sender)', (_f, id) => `From: postmaster@${domain}${CRLF}To: ${supportAddress}${CRLF}Subject: Delivery Status Notification (Failure)${CRLF}Message-ID: ${id}${CRLF}${CRLF}Delivery to the following recipient failed permanently: x@${domain}${CRLF}`, { automatic: true, nullSender: true });
  add('bounce from a person-like address, null sender, bounce subject', (f, id) => plain(f, id, 'Mail delivery failed: returning message to sender', 'This message was created automatically by mail delivery software.'), { automatic: true, nullSender: true });
  add('Exchange NDR', (f, id) => plain(f, id, 'Undeliverable: Your complaint', 'Delivery has failed to these recipients.', ['X-MS-Exchange-Message-Is-Ndr: true', 'Content-Class: urn:content-classes:dsn']), { automatic: true });
  add('ARF feedback report', (f, id) => `${head(f, id, 'Abuse report', ['Content-Type: multipart/report; report-type=feedback-report; boundary="arf"'])}${CRLF}${CRLF}--arf${CRLF}Content-Type: message/feedback-report${CRLF}${CRLF}Feedback-Type: abuse${CRLF}--arf--${CRLF}`, { automatic: true });

  // Auto-replies of every common kind.
  const autos: Array<[string, string[], string, boolean?]> = [
    ['Auto-Submitted: auto-replied', ['Auto-Submitted: auto-replied'], 'Thanks for your mail'],
    ['Auto-Submitted: auto-generated', ['Auto-Submitted: auto-generated'], 'Notification'],
    ['Auto-Submitted: auto-notified', ['Auto-Submitted: auto-notified'], 'Notice'],
    ['X-Autoreply', ['X-Autoreply: yes'], 'Re: your mail'],
    ['X-Autorespond', ['X-Autorespond: Out of office'], 'Re: your mail'],
    ['X-Auto-Response-Suppress', ['X-Auto-Response-Suppress: All'], 'Automatic reply: away'],
    ['Precedence: bulk', ['Precedence: bulk'], 'Newsletter'],
    ['Precedence: junk', ['Precedence: junk'], 'Re: hi'],
    ['Precedence: list', ['Precedence: list', `List-Id: <list.${domain}>`], 'List mail'],
    ['List-Unsubscribe', [`List-Unsubscribe: <mailto:unsub@${domain}>`], 'Our offers'],
    ['Out of Office subject', [], 'Out of Office: back on Monday'],
    ['Automatic reply subject', [], 'Automatic reply: Re: your case'],
    ['zh auto-reply subject', [], '自動回覆：我正在休假'],
    ['zh-Hans auto-reply subject', [], '自动回复: 休假中'],
    ['vacation (Gmail)', ['X-Autoreply: yes', 'Auto-Submitted: auto-replied'], 'Vacation'],
    ['Feedback-ID marketing', ['Feedback-ID: 123:campaign', 'Precedence: bulk'], 'Weekly digest'],
    ['null sender, returned-mail subject', [], 'Returned mail', true],
  ];
  for (const [name, headers, subject, nullSender] of autos) add(`auto-reply: ${name}`, (f, id) => plain(f, id, subject, 'I am away until Monday.', headers), { automatic: true, nullSender: !!nullSender });

  // Ordinary but odd: must become cases.
  for (const [i, subject] of ['Refund', '退款', '退货', 'RE: RE: FW: complaint', '   ', 'a'].entries()) add(`odd subject ${i}`, (f, id) => plain(f, id, subject, 'My refund has not arrived after two weeks.'));
  for (let i = 0; i < 8; i++) add(`plain complaint ${i}`, (f, id) => plain(f, id, `Order ${1000 + i} late`, 'My order is two weeks late, please help.'));

  return out;
}
