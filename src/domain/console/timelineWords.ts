// A timeline event in words, for the console's case page, in the console's language
// ("Screening: category Technical problem (rules: crash)"). The page keeps the raw data
// behind a toggle. Every kind of event (case/timelineEvents) has its words in each table,
// or the build fails; a stored type this version does not know is shown by its name. Pure:
// the caller passes the names of categories and departments and the clock's formatting.
import { isEventKind, type EventData, type EventKind } from '../case/timelineEvents.js';
import type { Locale } from '../intake/language.js';
import { foldHan } from '../text/hanFold.js';

export interface TimelineEvent {
  type: string;
  actor: string;
  data: Record<string, unknown>;
}

export interface TimelineNames {
  locale: Locale;
  category: (id: string) => string;
  department: (id: string) => string;
  time: (at: Date) => string;
}

/** The words of every kind, each reading the fields its kind has. */
type Words = { [K in EventKind]: (d: Data<EventData[K]>, n: TimelineNames) => string };
type Field<T> = keyof T & string;

/** Reads an event's data field by field, tolerating what older events lack. */
class Data<T> {
  constructor(
    private readonly raw: Record<string, unknown>,
    /** Marks what came from people (notes, subjects), which the wording must not change. */
    private readonly keep: (s: string) => string,
  ) {}
  text(key: Field<T>): string {
    const v = this.raw[key];
    return typeof v === 'string' || typeof v === 'number' ? this.keep(String(v)) : '';
  }
  list(key: Field<T>): string[] {
    const v = this.raw[key];
    return Array.isArray(v) ? v.map((x) => this.keep(String(x))) : [];
  }
  num(key: Field<T>): number | null {
    const v = this.raw[key];
    return typeof v === 'number' ? v : null;
  }
  time(key: Field<T>, n: TimelineNames): string {
    const v = this.raw[key];
    const d = v instanceof Date ? v : typeof v === 'string' ? new Date(v) : null;
    return d && !Number.isNaN(d.getTime()) ? n.time(d) : '';
  }
  record(key: Field<T>): Record<string, string> {
    const v = this.raw[key];
    return v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, this.keep(String(x))])) : {};
  }
}

const pct = (x: number | null) => (x === null ? '' : `${Math.round(x * 100)}%`);

const EN: Words = {
  'case.opened': (d) => `Case opened (channel ${d.text('channel')})${d.text('continues') ? `, continuing ${d.text('continues')}` : ''}`,
  'message.received': (d) => `Message from ${d.text('from') || 'unknown sender'}${d.text('subject') ? `: “${d.text('subject')}”` : ''}${d.num('attachments') ? `, ${d.num('attachments')} attachment(s)` : ''}${d.text('automated') ? ` (automatic: ${d.text('automated')})` : ''}`,
  'screening.category': (d, n) => {
    const rules = d.list('rules');
    const how = d.text('decidedBy') === 'model' || !rules.length ? `model, ${pct(d.num('confidence'))} sure` : `rules: ${rules.join(', ')}${d.text('decidedBy') === 'rules+model' ? `; model agrees, ${pct(d.num('confidence'))}` : ''}`;
    return `Screening: category ${n.category(d.text('category'))} (${how})`;
  },
  'screening.priority': (d) => `Screening: priority ${d.text('priority')}${d.list('reasons').length ? ` because ${d.list('reasons').join(', ')}` : ' (no sign of urgency)'}`,
  'screening.sentiment': (d) => `Screening: sentiment ${d.text('label')} (score ${d.text('score')}${d.list('cues').length ? `; ${d.list('cues').join(', ')}` : ''})`,
  'screening.flags': (d) => `Screening: flagged ${d.list('flags').map((f) => (d.record('reasons')[f] ? `${f} (${d.record('reasons')[f]})` : f)).join(', ')}`,
  'screening.department': (d, n) => `Screening: sent to ${n.department(d.text('department'))}${d.list('also').length ? ` and ${d.list('also').map(n.department).join(', ')}` : ''} (${d.text('why')})`,
  'incident.linked': (d) => `Linked to incident ${d.text('incident')} (${d.text('product')}): ${d.text('why')}`,
  'ack.sent': () => 'Acknowledgement sent to the customer',
  'ack.suppressed': (d) => `No acknowledgement sent: ${d.text('reason')}`,
  'ack.failed': (d) => `Acknowledgement failed: ${d.text('reason')}`,
  'case.routed': (d, n) => `Routed to ${d.list('departments').map(n.department).join(', ')}; to be confirmed by ${d.time('confirmBy', n)}`,
  'department.confirmed': (d, n) => `${n.department(d.text('department'))} confirmed receipt`,
  'routing.reminded': () => 'The department was reminded to confirm receipt',
  'routing.escalated': () => 'The supervisor was told: receipt not confirmed',
  'status.changed': (d) => `Status: ${d.text('from').replace('_', ' ')} → ${d.text('to').replace('_', ' ')}${d.text('why') ? ` (${d.text('why')})` : ''}`,
  'eta.set': (d, n) => `Expected completion set to ${d.time('eta', n)}`,
  'delay_reason.set': (d) => `Reason for the delay: ${d.text('reason')}`,
  'customer.updated': (d) => `Progress message to the customer: ${d.text('text')}`,
  'customer.asked': (d) => `Question to the customer: ${d.text('question')}`,
  'customer.answered': () => 'The customer answered',
  'note.added': (d) => `Internal note: ${d.text('text')}`,
  'followup.set': (d) => `Follow-up: ${d.text('text')}`,
  'compensation.recorded': (d) => `Compensation: ${d.text('kind').replace('_', ' ')}${d.text('amount') ? ` ${d.text('amount')} ${d.text('currency')}` : ''}`,
  'resolution.proposed': (d) => `Solution proposed by ${d.text('by')}, waiting for the supervisor: ${d.text('solution')}`,
  'resolution.rejected': (d) => `The supervisor rejected the solution: ${d.text('reason')}`,
  'case.resolved': (d) => `Resolved: ${d.text('solution')}${d.text('approvedBy') ? ` (approved by ${d.text('approvedBy')})` : ''}`,
  'case.closed': (d) => (d.text('reason') === 'duplicate' ? `Closed as a duplicate of ${d.text('duplicateOf')}` : 'Closed as spam'),
  'messages.moved': (d) => `${d.text('messages')} customer message(s) moved to ${d.text('to')}`,
  'case.merged': (d) => `${d.text('messages')} customer message(s) merged from the duplicate ${d.text('duplicate')}`,
  'case.assigned': (d) => `Assigned to ${d.text('to')}`,
  'case.rerouted': (d, n) => `Moved from ${n.department(d.text('from'))} to ${n.department(d.text('to'))}`,
  'category.corrected': (d, n) => `Category corrected: ${n.category(d.text('from'))} → ${n.category(d.text('to'))}`,
  'priority.changed': (d) => `Priority: ${d.text('from')} → ${d.text('to')}`,
  'sla.missed': (d, n) => `Expected time ${d.time('expectedBy', n)} missed; the customer was given ${d.time('next', n)}`,
  'sla.first_response_missed': (d, n) => `No answer to the customer by ${d.time('due', n)}: the department was reminded and the supervisor told`,
  'mail.sent': (d) => `Mail sent: ${d.text('kind')}`,
  'staff_reply.problems': (d) => `Not applied from the reply: ${d.list('problems').join('; ')}`,
  'survey.answered': (d) => `Survey answered${d.text('score') ? `: ${d.text('score')} of 5` : d.text('kind') ? `: ${d.text('kind')}` : ''}${d.text('comment') ? ` (“${d.text('comment')}”)` : ''}`,
  'cause.set': (d) => `Cause: ${d.text('kind').replace('_', ' ')}${d.text('text') ? ` (${d.text('text')})` : ''}`,
  'prevention.set': (d) => `Preventive measure: ${d.text('text')}`,
  'solution.proposed': (d) => `Solution proposed to the customer: ${d.text('solution')}`,
  'solution.accepted': (d) => `The customer accepted the proposed solution${d.text('answer') ? ` (“${d.text('answer')}”)` : ''}`,
  'solution.refused': (d) => `The customer refused the proposed solution${d.text('answer') ? ` (“${d.text('answer')}”)` : ''}`,
  'joint.lead': (d, n) => `Lead department: ${d.text('from') ? `${n.department(d.text('from'))} → ` : ''}${n.department(d.text('to'))}`,
  'joint.assist': (d, n) => `${n.department(d.text('department'))} assists (lead: ${n.department(d.text('lead'))})`,
  'joint.part_reported': (d, n) => `${n.department(d.text('department'))} reported its part: ${d.text('text')}`,
  'suggestion.assessed': (d) => `Suggestion assessed: value ${d.text('value') || '?'}, cost ${d.text('cost') || '?'}, demand ${d.text('demand') || '?'}`,
  'suggestion.adopted': (d) => `Suggestion adopted: ${d.text('text')}`,
  'suggestion.declined': (d) => `Suggestion declined: ${d.text('text')}`,
  'callback.sampled': (d) => `Drawn for the customer callbacks of ${d.text('month')}`,
  'callback.recorded': (d) => `Callback: ${d.text('outcome').replace('_', ' ')}${d.text('note') ? ` (${d.text('note')})` : ''}`,
  'product.set': (d) => `Product: ${d.text('product')}${d.text('module') ? ` / ${d.text('module')}` : ''}`,
  'recognition.agreed': (d) => `The author agreed to be thanked publicly as "${d.text('name')}" (by ${d.text('via')})`,
  'recognition.declined': (d) => `The author declined public thanks (by ${d.text('via')})`,
  'recognition.withdrawn': (d) => `The author withdrew from public thanks (by ${d.text('via')})`,
};

const ZH: Words = {
  'case.opened': (d) => `建立案件（管道：${d.text('channel')}）${d.text('continues') ? `，延續 ${d.text('continues')}` : ''}`,
  'message.received': (d) => `收到 ${d.text('from') || '未知寄件人'} 的郵件${d.text('subject') ? `：「${d.text('subject')}」` : ''}${d.num('attachments') ? `，附件 ${d.num('attachments')} 個` : ''}${d.text('automated') ? `（自動郵件：${d.text('automated')}）` : ''}`,
  'screening.category': (d, n) => {
    const rules = d.list('rules');
    const how = d.text('decidedBy') === 'model' || !rules.length ? `模型判斷，信心 ${pct(d.num('confidence'))}` : `規則：${rules.join('、')}${d.text('decidedBy') === 'rules+model' ? `；模型亦同，${pct(d.num('confidence'))}` : ''}`;
    return `篩選：類別為${n.category(d.text('category'))}（${how}）`;
  },
  'screening.priority': (d) => `篩選：優先級 ${d.text('priority')}${d.list('reasons').length ? `，原因：${d.list('reasons').join('、')}` : '（無緊急跡象）'}`,
  'screening.sentiment': (d) => `篩選：情緒 ${d.text('label')}（分數 ${d.text('score')}${d.list('cues').length ? `；${d.list('cues').join('、')}` : ''}）`,
  'screening.flags': (d) => `篩選：標記 ${d.list('flags').map((f) => (d.record('reasons')[f] ? `${f}（${d.record('reasons')[f]}）` : f)).join('、')}`,
  'screening.department': (d, n) => `篩選：轉給${n.department(d.text('department'))}${d.list('also').length ? `及${d.list('also').map(n.department).join('、')}` : ''}（${d.text('why')}）`,
  'incident.linked': (d) => `歸入事件 ${d.text('incident')}（${d.text('product')}）：${d.text('why')}`,
  'ack.sent': () => '已向客戶寄出確認信',
  'ack.suppressed': (d) => `未寄確認信：${d.text('reason')}`,
  'ack.failed': (d) => `確認信寄送失敗：${d.text('reason')}`,
  'case.routed': (d, n) => `已轉派給${d.list('departments').map(n.department).join('、')}；確認期限 ${d.time('confirmBy', n)}`,
  'department.confirmed': (d, n) => `${n.department(d.text('department'))}已確認收件`,
  'routing.reminded': () => '已提醒部門確認收件',
  'routing.escalated': () => '已通知主管：部門未確認收件',
  'status.changed': (d) => `狀態：${d.text('from').replace('_', ' ')} → ${d.text('to').replace('_', ' ')}${d.text('why') ? `（${d.text('why')}）` : ''}`,
  'eta.set': (d, n) => `預計完成時間設為 ${d.time('eta', n)}`,
  'delay_reason.set': (d) => `延誤原因：${d.text('reason')}`,
  'customer.updated': (d) => `給客戶的進度說明：${d.text('text')}`,
  'customer.asked': (d) => `向客戶提問：${d.text('question')}`,
  'customer.answered': () => '客戶已回覆',
  'note.added': (d) => `內部備註：${d.text('text')}`,
  'followup.set': (d) => `後續措施：${d.text('text')}`,
  'compensation.recorded': (d) => `補償：${d.text('kind').replace('_', ' ')}${d.text('amount') ? ` ${d.text('amount')} ${d.text('currency')}` : ''}`,
  'resolution.proposed': (d) => `${d.text('by')} 提出解決方案，待主管批准：${d.text('solution')}`,
  'resolution.rejected': (d) => `主管駁回解決方案：${d.text('reason')}`,
  'case.resolved': (d) => `已解決：${d.text('solution')}${d.text('approvedBy') ? `（${d.text('approvedBy')} 批准）` : ''}`,
  'case.closed': (d) => (d.text('reason') === 'duplicate' ? `以重複案件結案，保留 ${d.text('duplicateOf')}` : '以垃圾郵件結案'),
  'messages.moved': (d) => `${d.text('messages')} 封客戶郵件已移至 ${d.text('to')}`,
  'case.merged': (d) => `併入重複案件 ${d.text('duplicate')} 的 ${d.text('messages')} 封客戶郵件`,
  'case.assigned': (d) => `指派給 ${d.text('to')}`,
  'case.rerouted': (d, n) => `由${n.department(d.text('from'))}改轉給${n.department(d.text('to'))}`,
  'category.corrected': (d, n) => `更正類別：${n.category(d.text('from'))} → ${n.category(d.text('to'))}`,
  'priority.changed': (d) => `優先級：${d.text('from')} → ${d.text('to')}`,
  'sla.missed': (d, n) => `未能在 ${d.time('expectedBy', n)} 前完成；已告知客戶新時間 ${d.time('next', n)}`,
  'sla.first_response_missed': (d, n) => `${d.time('due', n)} 前未回覆客戶：已提醒部門並通知主管`,
  'mail.sent': (d) => `已寄出郵件：${d.text('kind')}`,
  'staff_reply.problems': (d) => `回覆中未套用的內容：${d.list('problems').join('；')}`,
  'survey.answered': (d) => `客戶回覆滿意度調查${d.text('score') ? `：${d.text('score')} 分（滿分 5）` : d.text('kind') ? `：${d.text('kind')}` : ''}${d.text('comment') ? `（「${d.text('comment')}」）` : ''}`,
  'cause.set': (d) => `原因：${d.text('kind').replace('_', ' ')}${d.text('text') ? `（${d.text('text')}）` : ''}`,
  'prevention.set': (d) => `預防措施：${d.text('text')}`,
  'solution.proposed': (d) => `向客戶提出建議方案：${d.text('solution')}`,
  'solution.accepted': (d) => `客戶同意建議方案${d.text('answer') ? `（「${d.text('answer')}」）` : ''}`,
  'solution.refused': (d) => `客戶不同意建議方案${d.text('answer') ? `（「${d.text('answer')}」）` : ''}`,
  'joint.lead': (d, n) => `主辦部門：${d.text('from') ? `${n.department(d.text('from'))} → ` : ''}${n.department(d.text('to'))}`,
  'joint.assist': (d, n) => `${n.department(d.text('department'))}協辦（主辦：${n.department(d.text('lead'))}）`,
  'joint.part_reported': (d, n) => `${n.department(d.text('department'))}回報協辦部分：${d.text('text')}`,
  'suggestion.assessed': (d) => `建議評估：價值 ${d.text('value') || '?'}，成本 ${d.text('cost') || '?'}，需求 ${d.text('demand') || '?'}`,
  'suggestion.adopted': (d) => `建議已採納：${d.text('text')}`,
  'suggestion.declined': (d) => `建議未採納：${d.text('text')}`,
  'callback.sampled': (d) => `抽選為 ${d.text('month')} 的客戶回訪`,
  'callback.recorded': (d) => `回訪結果：${d.text('outcome').replace('_', ' ')}${d.text('note') ? `（${d.text('note')}）` : ''}`,
  'product.set': (d) => `產品：${d.text('product')}${d.text('module') ? `／${d.text('module')}` : ''}`,
  'recognition.agreed': (d) => `建議者同意以「${d.text('name')}」具名公開致謝（${d.text('via') === 'link' ? '連結' : '回覆'}）`,
  'recognition.declined': (d) => `建議者不同意公開致謝（${d.text('via') === 'link' ? '連結' : '回覆'}）`,
  'recognition.withdrawn': (d) => `建議者撤回公開致謝（${d.text('via') === 'link' ? '連結' : '回覆'}）`,
};

// The wording's Traditional characters that the complaint-text fold (hanFold) leaves alone.
const WORDING_FOLD: Record<string, string> = { 篩: '筛', 緒: '绪', 狀: '状', 註: '注', 駁: '驳', 併: '并' };
const toSimplified = (text: string) => foldHan(text).replace(/[篩緒狀註駁併]/g, (c) => WORDING_FOLD[c]!);

const KEEP_START = '\uE000';
const KEEP_END = '\uE001';
const KEPT = new RegExp(`${KEEP_START}([^${KEEP_END}]*)${KEEP_END}`, 'g');

/**
 * The event in words, in the names' language; its type name when it has none. Simplified
 * Chinese is the Traditional wording folded, leaving the event's own values as they are.
 */
export function describeEvent(e: TimelineEvent, names: TimelineNames): string {
  if (!isEventKind(e.type)) return e.type;
  // One kind's words with data read for that kind (the table pairs them).
  const words = (names.locale === 'en' ? EN : ZH)[e.type] as (d: Data<unknown>, n: TimelineNames) => string;
  if (names.locale !== 'zh-Hans') return words(new Data(e.data ?? {}, (s) => s), names);
  const marked = words(new Data(e.data ?? {}, (s) => `${KEEP_START}${s.replace(/[\uE000\uE001]/g, '')}${KEEP_END}`), names);
  return marked
    .split(KEPT)
    .map((part, i) => (i % 2 ? part : toSimplified(part)))
    .join('');
}
