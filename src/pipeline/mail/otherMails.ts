// The mails about no case: the answer to a refused staff mail, the periodic report, and
// a template's test mail. Automatic mail (RFC 3834), kept in the outbox like every mail.
import type { Locale } from '../../domain/intake/language.js';
import { outgoingMessageId } from '../notify/messageId.js';
import type { OutboxEntry, RenderedMail, TemplateRenderer } from '../notify/ports.js';
import { sender, type Support } from './envelope.js';

type Who = Pick<Support, 'address' | 'name'>;

/** A Message-ID that is the entry's id, readable and the same on every run (a report, a test). */
const namedMessageId = (id: string, support: Who) => `<${id.replace(/[^A-Za-z0-9-]/g, '.')}@${support.address.split('@')[1]}>`;

function notice(id: string, kind: 'refusal' | 'report' | 'template-test', to: string, rendered: RenderedMail, messageId: string, autoSubmitted: 'auto-replied' | 'auto-generated', support: Who): OutboxEntry {
  return { id, caseId: '', kind, auto: true, from: sender(support), to, ...rendered, messageId, references: [], headers: { 'Auto-Submitted': autoSubmitted, ...(kind === 'refusal' ? { 'X-Auto-Response-Suppress': 'All' } : {}) } };
}

/** Why a mail that tried to change a case was refused, and what to do, to its sender. */
export function refusalMail(
  r: { key: string; to: string; caseNumber: string | null; subject: string; locale: Locale; title: string; lines: string[] },
  deps: { templates: TemplateRenderer; support: Who },
): OutboxEntry {
  // No reply address nor marker: the sender's answer is not for any case.
  const rendered = deps.templates.render('staff-notice', r.locale, { caseNumber: r.caseNumber ?? '', title: r.title, lines: r.lines, applied: false, help: false, replyAddress: '', replyMarker: '', timeZone: '', supportName: deps.support.name });
  const mail = { ...rendered, subject: `${rendered.subject} (Re: ${r.subject.slice(0, 120)})` };
  return notice(`refusal:${r.key}`, 'refusal', r.to, mail, outgoingMessageId(`refusal.${r.key.slice(0, 32)}`, deps.support.address), 'auto-replied', deps.support);
}

/** The period's report to one recipient. */
export function reportMail(id: string, to: string, rendered: RenderedMail, support: Who): OutboxEntry {
  return notice(id, 'report', to, rendered, namedMessageId(id, support), 'auto-generated', support);
}

/** A template's test mail, as the admin rendered it. */
export function templateTestMail(id: string, to: string, rendered: RenderedMail, support: Who): OutboxEntry {
  return notice(id, 'template-test', to, { ...rendered, subject: `[TEST] ${rendered.subject}` }, namedMessageId(id, support), 'auto-generated', support);
}
