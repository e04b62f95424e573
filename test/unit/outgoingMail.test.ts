// The outgoing-mail builders: each kind gets its sender, thread, reply address and
// marker, RFC 3834 headers, masking and template variables from the one module, and
// renders with the real templates.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { HandlebarsRenderer } from '../../src/adapters/templates/handlebarsRenderer.js';
import { parseScreeningConfig } from '../../src/domain/settings/screeningConfig.js';
import { REPLY_MARKER } from '../../src/domain/route/replyMarker.js';
import { readReplyToken } from '../../src/domain/route/replyToken.js';
import { clockMail, staffReplyMail } from '../../src/pipeline/mail/customerMails.js';
import { routingMail, staffNotice } from '../../src/pipeline/mail/staffMails.js';
import { refusalMail, reportMail } from '../../src/pipeline/mail/otherMails.js';
import type { MailDeps } from '../../src/pipeline/mail/envelope.js';
import type { RoutingContext } from '../../src/pipeline/route/ports.js';

const config = parseScreeningConfig(JSON.parse(readFileSync('config/screening.json', 'utf8')));
const deps: MailDeps = {
  templates: await HandlebarsRenderer.load('templates'),
  support: { address: 'support@example.test', name: 'Example "Support"', company: 'Example' },
  replyTokenSecret: 'secret',
  attachmentsOut: { maxBytes: 1000, caseUrl: (n) => `https://desk.example.test/console/cases/${n}` },
};
const customerCase = {
  caseId: 'c1',
  caseNumber: 'CS-2026-000001',
  subject: '',
  locale: 'en' as const,
  customer: { email: 'amy@example.org', name: 'Amy' },
  origin: { messageId: 'm1@example.org', references: ['m0@example.org'] },
};
const tech = config.departments.find((d) => d.id === 'tech')!;

describe('staff mail', () => {
  it('carries the case reply address and the marker, and is marked automatic', () => {
    const mail = staffNotice(customerCase, { id: 'n1', to: 'li@example.test', department: tech, title: 'Title', lines: ['a line'], applied: false, help: false }, config, deps);
    expect(mail).toMatchObject({ id: 'n1', kind: 'staff-notice', caseId: 'c1', to: 'li@example.test', from: '"Example Support" <support@example.test>', auto: false });
    expect(mail.replyTo).toMatch(/^support\+CS-2026-000001\.[^@]+@example\.test$/);
    expect(mail.text).toContain(REPLY_MARKER);
    expect(mail.headers).toEqual({ 'Auto-Submitted': 'auto-generated', 'X-Auto-Response-Suppress': 'OOF, AutoReply', 'X-Case-Number': 'CS-2026-000001' });
  });

  it("shows the customer's words masked, with a subject when there is none, and attaches what fits", () => {
    const ctx = {
      ...customerCase,
      receivedAt: new Date('2026-12-01T02:00:00Z'),
      text: 'My card 4111 1111 1111 1111 was charged twice.',
      attachments: [
        { fileId: 'f1', filename: 'small.png', contentType: 'image/png', size: 500 },
        { fileId: 'f2', filename: 'large.pdf', contentType: 'application/pdf', size: 5000 },
      ],
      incidentId: null,
      flags: [],
      routing: {},
      expectedBy: null,
      screening: {
        category: 'billing', confidence: 0.9, categorySource: 'rules', categoryRules: [], model: { category: 'billing', probability: 0.9 }, priority: 'medium',
        priorityReasons: [], sentiment: { label: 'neutral', score: 0, cues: [] }, flags: [], flagReasons: {}, sensitive: [], department: 'tech', alsoDepartments: [], product: '',
        due: { acknowledgeBy: new Date('2026-12-01T03:00:00Z'), firstResponseBy: new Date('2026-12-01T10:00:00Z'), resolveBy: new Date('2026-12-03T10:00:00Z') }, at: new Date('2026-12-01T02:00:00Z'),
      },
    } as RoutingContext;
    const mail = routingMail(ctx, tech, config, deps, false);
    expect(mail).toMatchObject({ id: `route:${ctx.caseNumber}:tech`, kind: 'routing', to: tech.email });
    expect(mail.text).not.toContain('4111 1111 1111 1111');
    expect(mail.text).toContain('(no subject)');
    expect(mail.attachments).toEqual([{ fileId: 'f1', filename: 'small.png', contentType: 'image/png' }]);
    expect(readReplyToken([mail.replyTo!], deps.support.address, ['secret'])).toEqual({ kind: 'valid', caseNumber: ctx.caseNumber });
  });

  it("names the department's confirmation deadline, not the customer's acknowledgement target", () => {
    const base = {
      ...customerCase, receivedAt: new Date('2026-12-01T02:00:00Z'), text: 'Broken.', attachments: [], incidentId: null, flags: [], expectedBy: null,
      screening: {
        category: 'technical', confidence: 0.9, categorySource: 'rules', categoryRules: [], model: { category: 'technical', probability: 0.9 }, priority: 'medium',
        priorityReasons: [], sentiment: { label: 'negative', score: -0.5, cues: [] }, flags: [], flagReasons: {}, sensitive: [], department: 'tech', alsoDepartments: [], product: '',
        due: { acknowledgeBy: new Date('2026-12-01T03:00:00Z'), firstResponseBy: new Date('2026-12-01T10:00:00Z'), resolveBy: new Date('2026-12-03T10:00:00Z') }, at: new Date('2026-12-01T02:00:00Z'),
      },
    };
    const routed = routingMail({ ...base, routing: { confirmBy: new Date('2026-12-02T02:00:00Z') } } as RoutingContext, tech, config, deps, false);
    expect(routed.text).toMatch(/Confirm by: +2026-12-02 10:00/);
    expect(routed.text).not.toContain('2026-12-01 11:00');
    const handedOver = routingMail({ ...base, routing: { confirmBy: null } } as RoutingContext, tech, config, deps, false, 'reroute:x');
    expect(handedOver.text).not.toContain('Confirm by');
  });
});

describe('customer mail', () => {
  it("answers in the customer's thread; a department's word is ordinary mail, the clock's automatic", () => {
    const progress = staffReplyMail(customerCase, { kind: 'progress', stage: 'in_progress', text: 'We are on it.', expectedBy: null }, 'k1', config, deps);
    expect(progress).toMatchObject({ id: 'progress:k1', kind: 'progress', to: 'amy@example.org', auto: false, inReplyTo: '<m1@example.org>', references: ['<m0@example.org>', '<m1@example.org>'] });
    expect(progress.headers).toEqual({ 'X-Case-Number': customerCase.caseNumber });
    expect(progress.text).toContain('We are on it.');
    const delay = clockMail(customerCase, { kind: 'delay', reason: 'parts on the way', missed: new Date('2026-12-02T10:00:00Z'), expectedBy: new Date('2026-12-04T10:00:00Z') }, 'delay:1', config, deps);
    expect(delay).toMatchObject({ id: 'delay:1', kind: 'delay', auto: true });
    expect(delay.headers).toMatchObject({ 'Auto-Submitted': 'auto-generated', 'X-Auto-Response-Suppress': 'All' });
    expect(delay.text).toContain('parts on the way');
  });
});

describe('mail about no case', () => {
  it('a refusal has no reply address and quotes the subject; a report is named by its id', () => {
    const refusal = refusalMail({ key: 'k9', to: 'bob@example.test', caseNumber: null, subject: 'update', locale: 'en', title: 'Not filed', lines: ['why', 'what to do'] }, deps);
    expect(refusal).toMatchObject({ id: 'refusal:k9', kind: 'refusal', caseId: '', auto: true, headers: { 'Auto-Submitted': 'auto-replied', 'X-Auto-Response-Suppress': 'All' } });
    expect(refusal.replyTo).toBeUndefined();
    expect(refusal.subject).toMatch(/\(Re: update\)$/);
    const report = reportMail('report:2026-Q3:x@example.test', 'x@example.test', { subject: 's', text: 't', html: 'h' }, deps.support);
    expect(report).toMatchObject({ kind: 'report', messageId: '<report.2026-Q3.x.example.test@example.test>', headers: { 'Auto-Submitted': 'auto-generated' } });
  });
});
