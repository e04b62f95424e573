// Recognises machine-sent mail (RFC 3834 auto-replies, bounces, mailing lists, bulk),
// so that we never answer a machine: an answer to an auto-responder starts a loop.

import type { InboundMail } from './inboundMail.js';

export type AutomatedKind = 'bounce' | 'auto-reply' | 'list' | 'bulk' | 'null-sender';

export interface AutomatedVerdict {
  kind: AutomatedKind;
  reason: string;
}

const BOUNCE_SENDERS = /^(mailer-daemon|postmaster|mail-daemon|mailerdaemon)@/i;
const BOUNCE_SUBJECT = /^(undeliver(able|ed)|delivery (status notification|failure|has failed)|returned mail|mail delivery (failed|failure)|failure notice|退信|邮件退回|郵件退回|無法傳遞|无法投递)/i;
// The phrase must end at a separator: "Automatic reply: ...", "自動回覆：...".
const AUTO_SUBJECT = /^(auto(matic)?[ -]?(reply|response|antwort)|out of (the )?office|away from (the )?office|on vacation|vacation reply|自動回覆|自动回复|自動回復|不在辦公室|不在办公室)(?=[\s:：\-–(（[]|$)/i;

/** Returns why a message is automated, or null for mail written by a person. */
export function detectAutomated(mail: Pick<InboundMail, 'headers' | 'from' | 'subject' | 'contentType'>): AutomatedVerdict | null {
  const h = mail.headers;
  const contentType = mail.contentType.toLowerCase();
  // RFC 6522 reports: delivery status (bounces), read receipts, abuse feedback (ARF).
  if (contentType.startsWith('multipart/report')) {
    const type = /report-type="?([\w-]+)/.exec(contentType)?.[1] ?? 'unknown';
    return type === 'disposition-notification'
      ? { kind: 'auto-reply', reason: 'read receipt (multipart/report; disposition-notification)' }
      : { kind: 'bounce', reason: `machine report (multipart/report; ${type})` };
  }
  // Exchange marks its non-delivery reports this way, whatever their subject says.
  if (h['x-ms-exchange-message-is-ndr'] !== undefined || /urn:content-classes:dsn/i.test(h['content-class'] ?? '')) {
    return { kind: 'bounce', reason: 'Exchange non-delivery report' };
  }
  const from = mail.from?.address ?? '';
  if (BOUNCE_SENDERS.test(from)) return { kind: 'bounce', reason: `sent by ${from}` };
  const nullSender = hasNullReturnPath(h['return-path']);
  if (nullSender && BOUNCE_SUBJECT.test(mail.subject)) {
    return { kind: 'bounce', reason: 'null return path and a bounce subject' };
  }

  // RFC 3834 §5: any value but "no" (parameters may follow after a semicolon).
  const autoSubmitted = h['auto-submitted']?.trim().toLowerCase();
  if (autoSubmitted && autoSubmitted.split(';')[0]!.trim() !== 'no') {
    return { kind: 'auto-reply', reason: `Auto-Submitted: ${autoSubmitted}` };
  }
  for (const name of ['x-autoreply', 'x-autorespond', 'x-autoresponder', 'x-auto-reply']) {
    if (h[name] !== undefined) return { kind: 'auto-reply', reason: `${name} header` };
  }
  const suppress = h['x-auto-response-suppress']?.toLowerCase() ?? '';
  if (/\b(all|oof|autoreply)\b/.test(suppress)) {
    return { kind: 'auto-reply', reason: `X-Auto-Response-Suppress: ${suppress}` };
  }
  const precedence = h['precedence']?.trim().toLowerCase();
  if (precedence === 'auto_reply') return { kind: 'auto-reply', reason: 'Precedence: auto_reply' };
  if (AUTO_SUBJECT.test(mail.subject.trim())) return { kind: 'auto-reply', reason: 'auto-reply subject' };

  if (h['list-id'] !== undefined || h['list-unsubscribe'] !== undefined || h['list-post'] !== undefined) {
    return { kind: 'list', reason: 'mailing-list headers (List-Id / List-Unsubscribe)' };
  }
  if (precedence === 'list') return { kind: 'list', reason: 'Precedence: list' };
  if (precedence === 'bulk' || precedence === 'junk') return { kind: 'bulk', reason: `Precedence: ${precedence}` };
  if (h['feedback-id'] !== undefined || h['x-campaign'] !== undefined) return { kind: 'bulk', reason: 'bulk-mail headers' };
  // RFC 3834 §2: a message with a null Return-Path is never answered automatically,
  // whatever it looks like (another helpdesk's "we received your request" comes so).
  if (nullSender) return { kind: 'null-sender', reason: 'null Return-Path (<>): sent by a machine that takes no replies' };
  return null;
}

/**
 * The envelope sender the delivering server wrote at the top (the first Return-Path;
 * one further down came with the message and proves nothing) is the null path "<>".
 */
function hasNullReturnPath(returnPath: string | undefined): boolean {
  return returnPath !== undefined && /^<\s*>$/.test(returnPath.split('\n')[0]!.trim());
}

/**
 * Bounces and auto-replies carry no complaint: they join a case when they thread to one
 * and are otherwise quarantined. List and bulk mail, and mail with a null sender, may
 * still be a person's complaint: they open a case, answered by staff alone.
 */
export function opensCase(kind: AutomatedKind): boolean {
  return kind === 'list' || kind === 'bulk' || kind === 'null-sender';
}
