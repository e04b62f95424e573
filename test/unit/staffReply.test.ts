// Reading a department's reply: quote stripping, the commands in English and Chinese,
// the lifecycle, and what a reply does to a case (the pure plan).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { replyText } from '../../src/adapters/mail/replyText.js';
import { REPLY_MARKER } from '../../src/domain/route/replyMarker.js';
import { parseStaffReply } from '../../src/domain/case/staffCommands.js';
import { transitionProblem } from '../../src/domain/case/lifecycle.js';
import { planStaffUpdate, type Actor, type CaseState } from '../../src/domain/case/staffUpdate.js';
import { parseScreeningConfig } from '../../src/domain/settings/screeningConfig.js';
import { dueTimes } from '../../src/domain/sla/priorityPolicy.js';
import { resumeAfterWaiting } from '../../src/domain/sla/deadline.js';
import { problemText } from '../../src/domain/words/staffProblems.js';
import { inEnglish } from '../support/inEnglish.js';

const config = parseScreeningConfig(JSON.parse(readFileSync('config/screening.json', 'utf8')));
const NOW = new Date('2026-11-23T02:00:00Z'); // Monday 10:00 in Taipei
const ctx = { now: NOW, timeZone: 'Asia/Taipei', closingTime: '18:00', categories: config.categories };
const parse = (text: string) => inEnglish(parseStaffReply(text, ctx));


describe('replyText', () => {
  it('keeps the new text and drops quoted history and the signature (English client)', () => {
    const mail = 'status: in progress\nreply: We found the bug.\n\nOn Mon, 23 Nov 2026 at 10:00, Support <support@example.test> wrote:\n> New case for Technical Support\n> status: closed';
    expect(replyText(mail)).toBe('status: in progress\nreply: We found the bug.');
    expect(replyText('approve\n\nSent from my iPhone\n\n> quoted')).toBe('approve');
  });

  it('drops Chinese quote headers (Traditional and Simplified, Gmail, Apple Mail, Outlook) and everything below our marker', () => {
    expect(replyText('狀態：處理中\n\n在 2026年11月23日 週一 上午10:00，Support <support@example.test> 寫道：\n> 狀態：已關閉')).toBe('狀態：處理中');
    expect(replyText('状态：处理中\nSupport <support@example.test> 于2026年11月23日周一 10:00写道：\n> 新案件')).toBe('状态：处理中');
    expect(replyText('狀態：處理中\n\n-----原始郵件-----\n寄件者: support\n主旨: 新案件\n狀態：已關閉')).toBe('狀態：處理中');
    expect(replyText(`resolve: replaced the part\n\n${REPLY_MARKER}\nNew case for Quality\nstatus: closed`)).toBe('resolve: replaced the part');
  });
});

describe('parseStaffReply', () => {
  it('reads every command, in English and in Chinese with full-width colons', () => {
    const en = parse('status: in progress\neta: 2026-12-01 18:00\nreply: We found it.\npriority: high\ncategory: quality\nassign: li.wei@example.test\ncompensation: refund 200 TWD\nnote: checked logs');
    expect(en.problems).toEqual([]);
    expect(en.commands.map((c) => c.name)).toEqual(['status', 'eta', 'reply', 'priority', 'category', 'assign', 'compensation', 'note']);
    expect(en.commands[1]).toEqual({ name: 'eta', at: new Date('2026-12-01T10:00:00Z') });
    expect(en.commands[6]).toMatchObject({ compensation: { kind: 'refund', amount: 200, currency: 'TWD' } });

    const zh = parse('狀態：測試中\n預計完成：2026-12-02\n回覆：我們正在測試修正。\n優先級：高\n分類：物流配送\n補償：換貨');
    expect(zh.problems).toEqual([]);
    expect(zh.commands).toEqual([
      { name: 'status', status: 'in_test' },
      { name: 'eta', at: new Date('2026-12-02T10:00:00Z') }, // a date alone: closing time in Taipei
      { name: 'reply', text: '我們正在測試修正。' },
      { name: 'priority', priority: 'high' },
      { name: 'category', category: 'delivery' },
      { name: 'compensation', compensation: { kind: 'replacement', amount: null, currency: null, text: '換貨' } },
    ]);
  });

  it('runs text commands on over following lines; text before any command is an internal note', () => {
    const r = parse('Checked with the vendor.\nreply: Thanks for waiting.\nThe fix ships Friday.\nstatus: in test');
    expect(r.commands).toEqual([
      { name: 'note', text: 'Checked with the vendor.' },
      { name: 'reply', text: 'Thanks for waiting.\nThe fix ships Friday.' },
      { name: 'status', status: 'in_test' },
    ]);
  });

  it('reports unknown commands and unreadable values, and keeps the rest', () => {
    const r = parse('stauts: done\nstatus: finished\neta: next week\neta: 2020-01-01 10:00\ncompensation: refund\ncompensation: coupon 50\npriority: 3\nreply: ok');
    expect(r.commands).toEqual([
      { name: 'note', text: 'stauts: done' },
      { name: 'reply', text: 'ok' },
    ]);
    expect(r.problems).toHaveLength(7);
    expect(r.problems.join('\n')).toMatch(/unknown command "stauts:"[\s\S]*status "finished" is not one of[\s\S]*YYYY-MM-DD HH:MM[\s\S]*in the past[\s\S]*needs an amount[\s\S]*needs a currency[\s\S]*priority "3"/);
  });

  it('reads close: spam and close: duplicate of a case, in English and Chinese', () => {
    expect(parse('close: spam').commands).toEqual([{ name: 'close', reason: 'spam' }]);
    expect(parse('關閉：垃圾郵件').commands).toEqual([{ name: 'close', reason: 'spam' }]);
    expect(parse('close: duplicate of cs-2026-000123').commands).toEqual([{ name: 'close', reason: 'duplicate', of: 'CS-2026-000123' }]);
    expect(parse('关闭：重复 CS-2026-000007').commands).toEqual([{ name: 'close', reason: 'duplicate', of: 'CS-2026-000007' }]);
    const r = parse('close: because');
    expect(r.commands).toEqual([]);
    expect(r.problems[0]).toMatch(/write "close: spam" or "close: duplicate of CS-/);
  });

  it('takes "approve" alone on its line, and a lone command word as plain text', () => {
    expect(parse('approve').commands).toEqual([{ name: 'approve' }]);
    expect(parse('批准').commands).toEqual([{ name: 'approve' }]);
    expect(parse('Reply\nsoon').commands).toEqual([{ name: 'note', text: 'Reply\nsoon' }]);
    expect(parse('reject:\n').problems[0]).toMatch(/has no text/);
  });
});

describe('lifecycle', () => {
  it('allows the forward path and refuses the rest with what is allowed', () => {
    expect(transitionProblem('acknowledged', 'in_progress')).toBeNull();
    expect(transitionProblem('in_test', 'in_progress')).toBeNull();
    expect(transitionProblem('resolved', 'closed')).toBeNull();
    expect(problemText(transitionProblem('closed', 'in_progress')!, 'en')).toMatch(/cannot change status from closed to in progress/);
    expect(problemText(transitionProblem('resolved', 'in_progress')!, 'en')).toMatch(/re-opened by the customer/);
    expect(problemText(transitionProblem('in_progress', 'closed')!, 'en')).toMatch(/it can go to pending, in progress, in test, resolved/);
  });
});

describe('planStaffUpdate', () => {
  const state: CaseState = {
    status: 'acknowledged',
    priority: 'medium',
    category: 'technical',
    department: 'tech',
    departments: ['tech'],
    receivedAt: new Date('2026-11-23T01:00:00Z'),
    eta: null,
    expectedBy: new Date('2026-11-27T04:00:00Z'),
    pendingResolution: null,
  };
  const staff: Actor = { address: 'tech@example.test', role: 'staff', department: 'tech' };
  const boss: Actor = { address: 'supervisor@example.test', role: 'supervisor', department: 'tech' };
  const plan = (s: CaseState, text: string, actor = staff) => inEnglish(planStaffUpdate(s, parse(text).commands, actor, NOW, config));

  it('moves the status, sets the ETA and tells the customer on reply:', () => {
    const u = plan(state, 'status: in progress\neta: 2026-12-01 18:00\nreason: waiting for a part\nreply: We are on it.');
    expect(u.changes).toMatchObject({ status: 'in_progress', eta: new Date('2026-12-01T10:00:00Z'), expectedBy: new Date('2026-12-01T10:00:00Z'), delayReason: 'waiting for a part' });
    expect(u.progress).toEqual({ stage: null, text: 'We are on it.' }); // medium: no mail for the stage alone
    expect(u.events.map((e) => e.type)).toEqual(['status.changed', 'eta.set', 'delay_reason.set', 'customer.updated']);
    expect(u.problems).toEqual([]);
  });

  it('tells a high-priority customer of every stage change (P-17)', () => {
    expect(plan({ ...state, priority: 'high' }, 'status: in test').progress).toEqual({ stage: 'in_test', text: null });
  });

  it('refuses an invalid transition but applies the rest', () => {
    const u = plan({ ...state, status: 'closed' }, 'status: in progress\nnote: tried');
    expect(u.changes.status).toBeUndefined();
    expect(u.problems[0]).toMatch(/cannot change status from closed/);
    expect(u.events.map((e) => e.type)).toEqual(['note.added']);
  });

  it('resolves a medium case at once, with compensation and follow-up', () => {
    const u = plan(state, 'resolve: Replaced the charger.\nfollow-up: We call you in a week.\ncompensation: coupon 100 TWD');
    expect(u.changes.status).toBe('resolved');
    expect(u.resolution).toMatchObject({ text: 'Replaced the charger.', followUp: 'We call you in a week.', approvedBy: null, compensations: [{ kind: 'coupon', amount: 100 }] });
    expect(u.compensations).toHaveLength(1);
  });

  it('holds a high-priority solution for the supervisor, who approves or rejects it (P-14)', () => {
    const high = { ...state, priority: 'high' as const };
    const proposed = plan(high, 'resolve: Restored the data from backup.');
    expect(proposed.changes.status).toBeUndefined();
    expect(proposed.resolution).toBeNull();
    expect(proposed.approvalRequest).toMatchObject({ text: 'Restored the data from backup.', by: 'tech@example.test' });

    const waiting = { ...high, pendingResolution: proposed.changes.pendingResolution! };
    expect(plan(waiting, 'approve').problems).toEqual(['only the supervisor can approve a solution']);
    const approved = plan(waiting, 'approve', boss);
    expect(approved.changes).toMatchObject({ status: 'resolved', pendingResolution: null });
    expect(approved.resolution).toMatchObject({ text: 'Restored the data from backup.', approvedBy: 'supervisor@example.test' });
    const rejected = plan(waiting, 'reject: Say when the backup was taken.', boss);
    expect(rejected.changes.pendingResolution).toBeNull();
    expect(rejected.rejection).toEqual({ reason: 'Say when the backup was taken.', proposedBy: 'tech@example.test' });
    expect(plan(high, 'approve', boss).problems).toEqual(['there is no solution waiting for approval on this case']);
  });

  it('asks for the solution when status: resolved comes alone', () => {
    expect(plan(state, 'status: resolved').problems[0]).toMatch(/write "resolve: <what was done>"/);
  });

  it('moves the case to another department on a category correction or an assignment there', () => {
    const c = plan(state, 'category: delivery');
    expect(c).toMatchObject({ correction: 'delivery', reroute: 'logistics', changes: { category: 'delivery', department: 'logistics', departments: ['logistics'] } });
    const a = plan(state, 'assign: chen.mei@example.test');
    expect(a).toMatchObject({ reroute: 'service', changes: { assignee: 'chen.mei@example.test', department: 'service' } });
    expect(plan(state, 'assign: li.wei@example.test')).toMatchObject({ reroute: null, changes: { assignee: 'li.wei@example.test' } });
    expect(plan(state, 'assign: stranger@example.test').problems[0]).toMatch(/not on the staff of any department/);
  });

  it('closes junk and duplicates from any open state, with no mail to the customer', () => {
    const named = { caseNumber: 'CS-2026-000002', byNumber: { 'CS-2026-000001': 'case-1' } };
    const closeWith = (s: CaseState, text: string) => inEnglish(planStaffUpdate(s, parse(text).commands, staff, NOW, config, named));
    const spam = closeWith(state, 'close: spam');
    expect(spam.changes).toMatchObject({ status: 'closed', closeReason: 'spam', awaitingCustomer: false });
    expect(spam.closure).toEqual({ reason: 'spam', kept: null });
    expect(spam.events.map((e) => e.type)).toEqual(['status.changed', 'case.closed']);

    const dup = closeWith({ ...state, status: 'in_progress' }, 'reply: We merge this.\nclose: duplicate of CS-2026-000001');
    expect(dup.changes).toMatchObject({ status: 'closed', closeReason: 'duplicate', duplicateOf: 'CS-2026-000001' });
    expect(dup.closure).toEqual({ reason: 'duplicate', kept: { caseId: 'case-1', caseNumber: 'CS-2026-000001' } });
    expect(dup.progress).toBeNull(); // the reply: is not sent on a closed duplicate
    expect(dup.problems[0]).toMatch(/the customer gets no mail/);

    expect(closeWith(state, 'close: duplicate of CS-2026-000009').problems).toEqual([expect.stringMatching(/case CS-2026-000009 does not exist/)]);
    expect(closeWith(state, 'close: duplicate of CS-2026-000002').problems).toEqual([expect.stringMatching(/cannot duplicate itself/)]);
    expect(closeWith({ ...state, status: 'closed' }, 'close: spam').changes.status).toBeUndefined();
  });

  it('marks the first answer to the customer once, and the start of a wait for their answer', () => {
    expect(plan(state, 'note: looked at it').changes.firstResponseAt).toBeUndefined();
    expect(plan(state, 'reply: We are on it.').changes.firstResponseAt).toEqual(NOW);
    expect(plan({ ...state, firstResponseAt: new Date('2026-11-23T01:30:00Z') }, 'reply: Still on it.').changes.firstResponseAt).toBeUndefined();
    const asked = plan(state, 'ask: Which version?');
    expect(asked.changes).toMatchObject({ awaitingCustomer: true, waitingSince: NOW, firstResponseAt: NOW });
    // The clock stood still for the wait: the expected time moves on by it.
    expect(resumeAfterWaiting(new Date('2026-11-27T04:00:00Z'), NOW, new Date('2026-11-25T02:00:00Z'))).toEqual(new Date('2026-11-29T04:00:00Z'));
  });

  it('recomputes the due times on a priority change', () => {
    const u = plan(state, 'priority: high');
    expect(u.changes.priority).toBe('high');
    expect(u.changes.due).toEqual(dueTimes(state.receivedAt, 'high', config.priorityPolicy));
    expect(u.changes.expectedBy).toEqual(u.changes.due!.resolveBy);
    // With the department's ETA, the expected time stays the ETA.
    expect(plan({ ...state, eta: new Date('2026-12-10T10:00:00Z') }, 'priority: low').changes.expectedBy).toBeUndefined();
  });
});
