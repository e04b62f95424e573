// Reading a department's reply (P-13): one command per line, English or Chinese, with
// an ASCII or full-width colon. Text commands (note, reply, ask, resolve, follow-up,
// reason, reject) run on over the following lines up to the next command; any other text
// is an internal note. Problems (an unknown command, a value we cannot read) are collected
// for the answer to the sender and never stop the rest of the reply.
import type { Priority } from '../sla/priorityPolicy.js';
import type { StaffStatus } from './lifecycle.js';
import { instant } from '../sla/businessHours.js';
import { staffProblem, type StaffProblem } from '../words/staffProblems.js';
import { parseAssessment, parseCause, parseDepartment, parseProduct, PROCESS_KEYWORDS, PROCESS_TEXT_COMMANDS, type ProcessCommand } from './processCommands.js';

export const COMPENSATION_KINDS = ['refund', 'replacement', 'coupon', 'fee_waiver'] as const;
export type CompensationKind = (typeof COMPENSATION_KINDS)[number];

export interface Compensation {
  kind: CompensationKind;
  amount: number | null;
  currency: string | null;
  /** As the department wrote it. */
  text: string;
}

type TextCommand = 'note' | 'reply' | 'ask' | 'resolve' | 'followup' | 'reason' | 'reject' | (typeof PROCESS_TEXT_COMMANDS)[number];

export type StaffCommand =
  | { name: 'status'; status: StaffStatus }
  | { name: 'eta'; at: Date }
  | { name: TextCommand; text: string }
  | { name: 'compensation'; compensation: Compensation }
  | { name: 'assign'; address: string }
  | { name: 'priority'; priority: Priority }
  | { name: 'category'; category: string }
  | { name: 'approve' }
  | { name: 'close'; reason: 'spam' }
  | { name: 'close'; reason: 'duplicate'; of: string }
  | ProcessCommand;

export type CloseReason = 'spam' | 'duplicate';

type CommandName = StaffCommand['name'];

// The longest synonyms first, so "回覆客戶" wins over "回覆".
const KEYWORDS: Record<CommandName, string[]> = {
  status: ['status', '狀態', '状态'],
  eta: ['eta', '預計完成', '预计完成', '預計', '预计'],
  note: ['note', '內部備註', '内部备注', '備註', '备注'],
  reply: ['reply', '回覆客戶', '回复客户', '回覆', '回复'],
  ask: ['ask', '詢問客戶', '询问客户', '詢問', '询问', '提問', '提问'],
  resolve: ['resolve', '解決方案', '解决方案', '解決', '解决'],
  followup: ['follow-up', 'followup', '後續措施', '后续措施', '後續', '后续'],
  reason: ['reason', '延誤原因', '延误原因', '原因'],
  compensation: ['compensation', '補償', '补偿'],
  assign: ['assign', '指派', '分派'],
  priority: ['priority', '優先級', '优先级'],
  category: ['category', '分類', '分类', '類別', '类别'],
  approve: ['approve', 'approved', '批准', '核准'],
  reject: ['reject', '駁回', '驳回', '拒絕', '拒绝'],
  close: ['close', '關閉', '关闭', '結案', '结案'],
  ...PROCESS_KEYWORDS,
};
const TEXT_COMMANDS = new Set<CommandName>(['note', 'reply', 'ask', 'resolve', 'followup', 'reason', 'reject', ...PROCESS_TEXT_COMMANDS]);

const STATUS_WORDS: Record<StaffStatus, string[]> = {
  pending: ['pending', 'on hold', 'waiting', '待處理', '待处理', '等待中', '暫停', '暂停'],
  in_progress: ['in progress', 'in-progress', 'in_progress', 'inprogress', 'working', '處理中', '处理中', '進行中', '进行中'],
  in_test: ['in test', 'in-test', 'in_test', 'intest', 'testing', '測試中', '测试中'],
  resolved: ['resolved', 'solved', 'fixed', 'done', '已解決', '已解决', '解決', '解决'],
  closed: ['closed', 'close', '已關閉', '已关闭', '關閉', '关闭', '結案', '结案'],
};
const PRIORITY_WORDS: Record<Priority, string[]> = {
  high: ['high', 'urgent', '高', '緊急', '紧急'],
  medium: ['medium', 'normal', '中', '普通'],
  low: ['low', '低'],
};
const SPAM_WORDS = ['spam', 'junk', '垃圾郵件', '垃圾邮件', '垃圾', '廣告', '广告'];
const DUPLICATE = /^(?:duplicate|dup|重複|重复)(?:\s*(?:of|of case|於|于|案件))?\s*[:：]?\s*([A-Za-z]+-\d{4}-\d{6,})\s*[.。]?$/i;
const COMPENSATION_WORDS: Record<CompensationKind, string[]> = {
  refund: ['refund', '退款', '退費', '退费'],
  replacement: ['replacement', 'replace', 'exchange', '換貨', '换货', '更換', '更换', '補發', '补发'],
  coupon: ['coupon', 'voucher', '優惠券', '优惠券', '折價券', '代金券'],
  fee_waiver: ['fee waiver', 'waiver', 'waive', '免除費用', '免除费用', '減免', '减免'],
};

export interface ParseContext {
  now: Date;
  /** ETAs are read on the company's clock; a date alone means its closing time. */
  timeZone: string;
  closingTime: string;
  categories: Array<{ id: string; name: Record<string, string> }>;
  /** For `lead:` and `assist:`; without them those commands are refused. */
  departments?: Array<{ id: string; name: Record<string, string>; email: string }>;
}

export interface ParsedReply {
  commands: StaffCommand[];
  problems: StaffProblem[];
}

const LINE = buildLineRegex();
const UNKNOWN = /^\s*([A-Za-z]{2,15})\s*[:：]/;

export function parseStaffReply(text: string, ctx: ParseContext): ParsedReply {
  const commands: StaffCommand[] = [];
  const problems: StaffProblem[] = [];
  const notes: string[] = [];
  let open: { name: TextCommand; lines: string[] } | null = null;
  const close = () => {
    if (open) {
      const value = open.lines.join('\n').trim();
      if (value) commands.push({ name: open.name, text: value });
      else problems.push(staffProblem('noText', open.name));
    }
    open = null;
  };

  for (const line of text.replace(/\r\n?/g, '\n').split('\n')) {
    const m = LINE.exec(line);
    // Only "approve" stands without a colon; "Reply" alone is just a word.
    const name = m && (m[2] !== undefined || commandOf(m[1]!) === 'approve') ? commandOf(m[1]!) : null;
    if (!m || !name) {
      const unknown = open ? null : UNKNOWN.exec(line);
      if (unknown) problems.push(staffProblem('unknownCommand', unknown[1]!));
      if (open) (open as { lines: string[] }).lines.push(line);
      else notes.push(line);
      continue;
    }
    close();
    const value = (m[2] ?? '').trim();
    if (TEXT_COMMANDS.has(name)) {
      open = { name: name as TextCommand, lines: [value] };
      continue;
    }
    const parsed = parseValue(name, value, ctx);
    if ('problem' in parsed) problems.push(parsed);
    else commands.push(parsed);
  }
  close();
  const note = notes.join('\n').trim();
  if (note) commands.unshift({ name: 'note', text: note });
  return { commands, problems };
}

function parseValue(name: CommandName, value: string, ctx: ParseContext): StaffCommand | StaffProblem {
  switch (name) {
    case 'approve':
      return { name };
    case 'status': {
      const status = lookup(STATUS_WORDS, value);
      return status ? { name, status } : staffProblem('badStatus', value);
    }
    case 'priority': {
      const priority = lookup(PRIORITY_WORDS, value);
      return priority ? { name, priority } : staffProblem('badPriority', value);
    }
    case 'eta':
      return parseEta(value, ctx);
    case 'category': {
      const v = value.toLowerCase();
      const c = ctx.categories.find((x) => x.id === v || Object.values(x.name).some((n) => n.toLowerCase() === v));
      return c ? { name, category: c.id } : staffProblem('badCategory', value, ctx.categories.map((x) => x.id).join(', '));
    }
    case 'assign': {
      const address = value.replace(/^<|>$/g, '').trim().toLowerCase();
      return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(address) ? { name, address } : staffProblem('badAssign');
    }
    case 'compensation':
      return parseCompensation(value);
    case 'close':
      return parseClose(value);
    case 'cause':
      return parseCause(value);
    case 'assess':
      return parseAssessment(value);
    case 'product':
      return parseProduct(value);
    case 'lead':
    case 'assist':
      return parseDepartment(name, value, ctx.departments ?? []);
    default:
      return staffProblem('unknownName', name);
  }
}

function parseEta(value: string, ctx: ParseContext): StaffCommand | StaffProblem {
  const m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T]+(\d{1,2}):(\d{2}))?$/.exec(value.trim());
  if (!m) return staffProblem('etaNotDate', value, ctx.timeZone);
  const [, y, mo, d, h, mi] = m;
  const date = `${y}-${mo!.padStart(2, '0')}-${d!.padStart(2, '0')}`;
  const minutes = h !== undefined ? Number(h) * 60 + Number(mi) : Number(ctx.closingTime.slice(0, 2)) * 60 + Number(ctx.closingTime.slice(3, 5));
  const probe = new Date(`${date}T00:00:00Z`);
  if (Number.isNaN(probe.getTime()) || probe.toISOString().slice(0, 10) !== date || minutes >= 24 * 60) return staffProblem('etaNotReal', value, ctx.timeZone);
  const at = instant(date, minutes, ctx.timeZone);
  if (at <= ctx.now) return staffProblem('etaPast', value);
  return { name: 'eta', at };
}

function parseClose(value: string): StaffCommand | StaffProblem {
  const v = value.trim();
  if (SPAM_WORDS.includes(v.toLowerCase().replace(/[.。!！]+$/, ''))) return { name: 'close', reason: 'spam' };
  const dup = DUPLICATE.exec(v);
  if (dup) return { name: 'close', reason: 'duplicate', of: dup[1]!.toUpperCase() };
  return staffProblem('closeUnclear', value);
}

function parseCompensation(value: string): StaffCommand | StaffProblem {
  const lower = value.toLowerCase();
  const kind = (Object.keys(COMPENSATION_WORDS) as CompensationKind[]).find((k) => COMPENSATION_WORDS[k].some((w) => lower.startsWith(w)));
  if (!kind) return staffProblem('compensationNoKind', value);
  const amount = /(\d[\d,]*(?:\.\d+)?)/.exec(value);
  const currency = /\b([A-Za-z]{3})\b/.exec(value.replace(/^[A-Za-z ]+?(?=\s*\d)/, ''));
  const needsAmount = kind === 'refund' || kind === 'coupon';
  if (needsAmount && !amount) return staffProblem('compensationNoAmount', value);
  if (amount && !currency) return staffProblem('compensationNoCurrency', value);
  return {
    name: 'compensation',
    compensation: { kind, amount: amount ? Number(amount[1]!.replace(/,/g, '')) : null, currency: currency ? currency[1]!.toUpperCase() : null, text: value },
  };
}

function lookup<K extends string>(table: Record<K, string[]>, value: string): K | null {
  const v = value.trim().toLowerCase().replace(/[.。!！]+$/, '');
  return (Object.keys(table) as K[]).find((k) => table[k].includes(v)) ?? null;
}

function commandOf(word: string): CommandName | null {
  const w = word.toLowerCase();
  return (Object.keys(KEYWORDS) as CommandName[]).find((k) => KEYWORDS[k].includes(w)) ?? null;
}

function buildLineRegex(): RegExp {
  const words = Object.values(KEYWORDS)
    .flat()
    .sort((a, b) => b.length - a.length)
    .map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  // "approve" may stand alone; every other command needs its colon.
  return new RegExp(`^\\s*(${words.join('|')})\\s*(?:[:：]\\s*(.*)|$)`, 'i');
}
