// Raw RFC 5322 bytes -> InboundMail, with mailparser. Bounded: a parse that runs past
// its time limit is abandoned and stopped, oversized header values are cut, HTML is
// sanitised.
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { simpleParser, type AddressObject, type ParsedMail } from 'mailparser';
import type { Address, InboundMail } from '../../domain/intake/inboundMail.js';
import { safeAttachmentName } from '../../domain/intake/attachmentName.js';
import { sanitizeHtml } from './sanitizeHtml.js';

const MAX_HEADER_VALUE = 4000;
const MAX_HTML_TO_PARSE = 5 * 1024 * 1024;

export class UnparseableMailError extends Error {
  override name = 'UnparseableMailError';
}

export async function parseMail(raw: Buffer, timeoutMs = 20_000): Promise<InboundMail> {
  const input = Readable.from(slices(raw));
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      // Fed no further: the abandoned parse stops within a slice instead of decoding
      // the rest of the mail in the background.
      input.destroy();
      reject(new UnparseableMailError(`MIME parsing took longer than ${timeoutMs} ms`));
    }, timeoutMs);
  });
  let parsed: ParsedMail;
  try {
    parsed = await Promise.race([
      simpleParser(input, { skipImageLinks: true, skipTextLinks: true, maxHtmlLengthToParse: MAX_HTML_TO_PARSE, keepDeliveryStatus: true }),
      timeout,
    ]);
  } catch (err) {
    if (err instanceof UnparseableMailError) throw err;
    throw new UnparseableMailError(`MIME parsing failed: ${(err as Error).message}`);
  } finally {
    clearTimeout(timer);
  }
  return toInboundMail(parsed, raw.length);
}

// Fed whole, mailparser's streams hold the entire mail in several copies while it decodes
// (a 25 MB attachment peaked 100-147 MB above the start); fed in 64 KB views of the same
// bytes, it decodes as it goes (3-16 MB).
function* slices(raw: Buffer): Generator<Buffer> {
  for (let at = 0; at < raw.length; at += 65536) yield raw.subarray(at, at + 65536);
}

function toInboundMail(p: ParsedMail, rawSize: number): InboundMail {
  const headers: Record<string, string> = {};
  for (const { key, line } of p.headerLines) {
    const value = line.slice(line.indexOf(':') + 1).replace(/\r?\n[ \t]+/g, ' ').trim().slice(0, MAX_HEADER_VALUE);
    headers[key] = headers[key] === undefined ? value : `${headers[key]}\n${value}`;
  }
  const html = typeof p.html === 'string' ? sanitizeHtml(p.html) : null;
  return {
    messageId: p.messageId?.trim() || null,
    inReplyTo: p.inReplyTo ? p.inReplyTo.split(/\s+/).filter(Boolean) : [],
    references: (Array.isArray(p.references) ? p.references : p.references ? p.references.split(/\s+/) : []).filter(Boolean),
    from: firstAddress(p.from),
    replyTo: firstAddress(p.replyTo),
    to: addresses(p.to),
    cc: addresses(p.cc),
    subject: (p.subject ?? '').replace(/[\r\n]+/g, ' ').trim(),
    date: p.date && !Number.isNaN(p.date.getTime()) ? p.date : null,
    text: p.text ?? '',
    html,
    headers,
    contentType: headers['content-type'] ?? 'text/plain',
    attachments: p.attachments.map((a, i) => ({
      filename: safeAttachmentName(a.filename, i, a.contentType),
      contentType: a.contentType,
      size: a.content.length,
      sha256: createHash('sha256').update(a.content).digest('hex'),
      content: a.content,
    })),
    rawSize,
  };
}

function addresses(field: AddressObject | AddressObject[] | undefined): Address[] {
  const list = Array.isArray(field) ? field : field ? [field] : [];
  const out: Address[] = [];
  for (const obj of list) {
    for (const a of obj.value) {
      // Groups nest their members; plain entries carry the address.
      for (const m of a.group ?? [a]) {
        if (m.address) out.push({ address: m.address.toLowerCase(), name: m.name ?? '' });
      }
    }
  }
  return out;
}

function firstAddress(field: AddressObject | undefined): Address | null {
  const a = addresses(field)[0];
  return a && /^[^\s@]+@[^\s@]+$/.test(a.address) ? a : null;
}
