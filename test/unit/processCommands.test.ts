// The later process steps' commands: reading them in English and Chinese, and what
// they do to a case (the pure plan) and to the report figures.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseStaffReply } from '../../src/domain/case/staffCommands.js';
import { planStaffUpdate, type Actor, type CaseState } from '../../src/domain/case/staffUpdate.js';
import { projectEvent, type CaseHead } from '../../src/domain/report/rollupFacts.js';
import { parseScreeningConfig } from '../../src/domain/settings/screeningConfig.js';
import { readConsent } from '../../src/domain/case/consent.js';
import { drawSample, sampleSize } from '../../src/domain/case/callbackSample.js';
import { quarterOf } from '../../src/domain/report/publicResults.js';
import { inEnglish } from '../support/inEnglish.js';

const config = parseScreeningConfig(JSON.parse(readFileSync('config/screening.json', 'utf8')));
const NOW = new Date('2026-11-23T02:00:00Z');
const ctx = { now: NOW, timeZone: 'Asia/Taipei', closingTime: '18:00', categories: config.categories, departments: config.departments };
const parse = (text: string) => inEnglish(parseStaffReply(text, ctx));

const state: CaseState = {
  status: 'acknowledged',
  priority: 'medium',
  category: 'technical',
  department: 'tech',
  departments: ['tech'],
  receivedAt: new Date('2026-11-23T01:00:00Z'),
  eta: null,
  expectedBy: null,
  pendingResolution: null,
};
const staff: Actor = { address: 'tech@example.test', role: 'staff', department: 'tech' };
const plan = (s: CaseState, text: string) => inEnglish(planStaffUpdate(s, parse(text).commands, staff, NOW, config));

describe('cause and prevention', () => {
  it('reads the cause kind in English and Chinese, apart from the delay reason', () => {
    expect(parse('cause: operator error wrong address typed').commands).toEqual([{ name: 'cause', cause: { kind: 'operator_error', text: 'wrong address typed' } }]);
    expect(parse('原因分析：第三方，快遞公司延誤').commands).toEqual([{ name: 'cause', cause: { kind: 'third_party', text: '快遞公司延誤' } }]);
    expect(parse('原因：等待零件').commands).toEqual([{ name: 'reason', text: '等待零件' }]);
    expect(parse('cause: bad luck').problems[0]).toMatch(/names no kind.*operator error, system fault/);
    expect(parse('预防措施：上线前增加回归测试\n并每周复查').commands).toEqual([{ name: 'prevent', text: '上线前增加回归测试\n并每周复查' }]);
  });

  it('records the cause on the case, attributed to the department, and the measure under it', () => {
    const u = plan(state, 'cause: product defect battery cells\nprevent: new supplier check');
    expect(u.changes.cause).toMatchObject({ kind: 'product_defect', text: 'battery cells', department: 'tech', by: 'tech@example.test' });
    expect(u.events).toEqual([
      { type: 'cause.set', data: { kind: 'product_defect', text: 'battery cells', department: 'tech' } },
      { type: 'prevention.set', data: { text: 'new supplier check', cause: 'product_defect' } },
    ]);
  });

  it('counts a case under one cause, moving it when the cause is corrected', () => {
    const head: CaseHead = { caseId: 'c1', receivedAt: NOW, channel: 'email', category: 'technical', priority: 'medium', department: 'tech', due: {}, metrics: {} };
    const first = projectEvent({ id: 'e1', type: 'cause.set', at: NOW, data: { kind: 'service' } }, head, 'Asia/Taipei');
    expect(first.facts[0]!.counts).toEqual({ causeService: 1 });
    const again = projectEvent({ id: 'e1', type: 'cause.set', at: NOW, data: { kind: 'service' } }, { ...head, metrics: first.metrics }, 'Asia/Taipei');
    expect(again.facts).toEqual([]);
    const moved = projectEvent({ id: 'e2', type: 'cause.set', at: NOW, data: { kind: 'third_party' } }, { ...head, metrics: first.metrics }, 'Asia/Taipei');
    expect(moved.facts[0]!.counts).toEqual({ causeThirdParty: 1, causeService: -1 });
    const measure = projectEvent({ id: 'e3', type: 'prevention.set', at: NOW, data: { text: 'train staff', cause: 'service' } }, head, 'Asia/Taipei');
    expect(measure.facts[0]).toMatchObject({ counts: { prevented: 1 }, measures: [{ cause: 'service', text: 'train staff' }] });
  });
});

describe('suggestions', () => {
  const suggestion = { ...state, category: 'suggestion', department: 'product' };
  it('reads an assessment in English and Chinese', () => {
    expect(parse('assess: value high, cost low, demand medium, asked by many').commands).toEqual([{ name: 'assess', assessment: { value: 'high', cost: 'low', demand: 'medium', text: 'asked by many' } }]);
    expect(parse('評估：價值高，成本高，需求低').commands).toEqual([{ name: 'assess', assessment: { value: 'high', cost: 'high', demand: 'low', text: '' } }]);
    expect(parse('assess: looks fine').problems[0]).toMatch(/gives no value, cost or demand/);
  });

  it('adopting or declining resolves the suggestion and tells its author; other cases refuse it', () => {
    const adopted = plan(suggestion, 'adopt: Night mode ships in 6.0.');
    expect(adopted.suggestionOutcome).toMatchObject({ kind: 'adopted', text: 'Night mode ships in 6.0.' });
    expect(adopted.changes.status).toBe('resolved');
    expect(adopted.resolution).toBeNull(); // the outcome mail stands in for the resolution mail
    const declined = plan(suggestion, '不採納：與產品定位不符');
    expect(declined.suggestionOutcome).toMatchObject({ kind: 'declined', text: '與產品定位不符' });
    expect(declined.events.map((e) => e.type)).toEqual(['suggestion.declined', 'status.changed']);
    const complaint = plan(state, 'adopt: yes');
    expect(complaint.suggestionOutcome).toBeNull();
    expect(complaint.problems[0]).toMatch(/is for suggestions.*category: suggestion/);
  });
});

describe('consent to a proposed solution', () => {
  it('reads yes and no in English, Traditional and Simplified Chinese; anything else is no answer', () => {
    for (const yes of ['Yes', 'yes, please go ahead', 'OK.', 'No problem, go ahead', '同意', '同意，謝謝', '我同意', '接受', '沒問題']) expect(readConsent(`${yes}\n\nthanks`)).toBe('accepted');
    for (const no of ['No', 'no, I want a refund', 'Not ok', '不同意', '不同意，我要退款', '我不同意', '拒絕', '拒绝']) expect(readConsent(no)).toBe('refused');
    for (const other of ['When will it arrive?', '什麼時候到貨？', '']) expect(readConsent(other)).toBeNull();
  });

  it('mails the proposal, and holds the resolution until the customer accepts', () => {
    const proposed = plan(state, 'propose: A new charger, sent today.');
    expect(proposed.proposal).toBe('A new charger, sent today.');
    expect(proposed.changes).toMatchObject({ awaitingCustomer: true, proposal: { state: 'awaiting', text: 'A new charger, sent today.' } });
    const proposal = proposed.changes.proposal!;
    const waiting = plan({ ...state, proposal }, 'resolve: Sent the charger.');
    expect(waiting.resolution).toBeNull();
    expect(waiting.problems[0]).toMatch(/not yet agreed/);
    expect(plan({ ...state, proposal: { ...proposal, state: 'refused' } }, 'resolve: Sent.').problems[0]).toMatch(/refused.*propose:/);
    expect(plan({ ...state, proposal: { ...proposal, state: 'accepted' } }, 'resolve: Sent the charger.').resolution).toMatchObject({ text: 'Sent the charger.' });
    expect(plan({ ...state, status: 'closed' }, 'propose: again').problems[0]).toMatch(/takes no proposal/);
  });
});

describe('call-back sample', () => {
  it('draws the rate of the closed cases, rounded up, each case at most once', () => {
    expect([sampleSize(0, 0.03), sampleSize(10, 0.03), sampleSize(100, 0.03), sampleSize(1000, 0.05), sampleSize(5, 1)]).toEqual([0, 1, 3, 50, 5]);
    const ids = Array.from({ length: 200 }, (_, i) => `c${i}`);
    let seed = 7;
    const random = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
    const sample = drawSample(ids, sampleSize(ids.length, 0.05), random);
    expect(sample).toHaveLength(10);
    expect(new Set(sample).size).toBe(10);
    expect(sample.every((id) => ids.includes(id))).toBe(true);
    expect(sample).not.toEqual(ids.slice(0, 10));
  });
});

describe('joint handling', () => {
  it('the lead brings in assisting departments; an assistant reports its part and cannot resolve', () => {
    expect(parse('協辦：物流部').commands).toEqual([{ name: 'assist', department: 'logistics' }]);
    expect(parse('lead: nobody').problems[0]).toMatch(/is not a department; write one of: tech, service/);
    const brought = plan(state, 'assist: logistics\nassist: quality');
    expect(brought.changes.joint).toEqual({ lead: 'tech', assists: ['logistics', 'quality'], parts: {} });
    expect(brought.changes.departments).toEqual(['tech', 'logistics', 'quality']);
    expect(brought.assisting).toEqual(['logistics', 'quality']);
    const joint = { ...state, departments: ['tech', 'logistics'], joint: brought.changes.joint! };
    const logistics: Actor = { address: 'logistics@example.test', role: 'staff', department: 'logistics' };
    const part = inEnglish(planStaffUpdate(joint, parse('part: parcel found\nresolve: done').commands, logistics, NOW, config));
    expect(part.partReport).toEqual({ department: 'logistics', text: 'parcel found', lead: 'tech' });
    expect(part.resolution).toBeNull();
    expect(part.problems[0]).toMatch(/tech leads this case/);
    const boss: Actor = { address: 'supervisor@example.test', role: 'supervisor', department: 'logistics' };
    expect(planStaffUpdate(joint, parse('resolve: done').commands, boss, NOW, config).resolution).toMatchObject({ text: 'done' });
    const handOver = plan(joint, 'lead: logistics');
    expect(handOver.changes).toMatchObject({ department: 'logistics', joint: { lead: 'logistics', assists: ['quality', 'tech'] } });
    expect(handOver.reroute).toBe('logistics');
    const notJoint = plan(state, 'part: battery module 12');
    expect(notJoint.problems[0]).toMatch(/is for a department assisting.*kept as a note/);
    expect(notJoint.events).toEqual([{ type: 'note.added', data: { text: 'battery module 12' } }]);
  });
});

describe('published results', () => {
  it('reads a quarter in the page’s form and refuses anything else', () => {
    expect(quarterOf('2026-Q4')).toEqual({ from: '2026-10-01', to: '2026-12-31', label: '2026 Q4' });
    expect(quarterOf('2027q1')).toMatchObject({ from: '2027-01-01', to: '2027-03-31' });
    for (const bad of ['2026-Q5', 'autumn', '2026-10', '']) expect(quarterOf(bad)).toBeNull();
  });
});
