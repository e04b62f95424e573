// The commands of the later process steps (the source documents 002 to 004): a
// complaint's cause and its preventive measure, a suggestion's assessment and outcome,
// a solution proposed to the customer before it is carried out, and joint handling by
// several departments. The keywords and the values they take; staffCommands reads the
// lines, staffUpdate applies them.
import { staffProblem, type StaffProblem } from '../words/staffProblems.js';

export const CAUSE_KINDS = ['operator_error', 'system_fault', 'product_defect', 'service', 'third_party'] as const;
export type CauseKind = (typeof CAUSE_KINDS)[number];

export interface Cause {
  kind: CauseKind;
  /** The analysis as the department wrote it (may be empty). */
  text: string;
}

export const LEVELS = ['high', 'medium', 'low'] as const;
export type Level = (typeof LEVELS)[number];

/** A suggestion's assessment (003, 004): its value, the cost of building it, the demand for it. */
export interface Assessment {
  value: Level | null;
  cost: Level | null;
  demand: Level | null;
  text: string;
}

export type ProcessCommand =
  | { name: 'cause'; cause: Cause }
  | { name: 'assess'; assessment: Assessment }
  | { name: 'lead' | 'assist'; department: string }
  | { name: 'product'; product: ProductTag }
  | { name: 'prevent' | 'adopt' | 'decline' | 'propose' | 'part'; text: string };

export const PROCESS_KEYWORDS: Record<ProcessCommand['name'], string[]> = {
  cause: ['cause', 'root cause', '根本原因', '原因分析', '原因歸屬', '原因归属'],
  prevent: ['prevent', 'prevention', '預防措施', '预防措施'],
  assess: ['assess', 'assessment', '評估', '评估'],
  adopt: ['adopt', '採納', '采纳'],
  decline: ['decline', '不採納', '不采纳', '婉拒'],
  propose: ['propose', '建議方案', '建议方案', '提議方案', '提议方案'],
  lead: ['lead', '主辦部門', '主办部门', '主辦', '主办'],
  assist: ['assist', '協辦部門', '协办部门', '協辦', '协办'],
  part: ['part', 'my part', '協辦回報', '协办回报', '分工回報', '分工回报'],
  product: ['product', '產品模組', '产品模块', '產品模塊', '產品', '产品'],
};

/** The commands whose value runs on over the following lines. */
export const PROCESS_TEXT_COMMANDS = ['prevent', 'adopt', 'decline', 'propose', 'part'] as const;

const CAUSE_WORDS: Record<CauseKind, string[]> = {
  operator_error: ['operator error', 'operator', 'human error', '操作失誤', '操作失误', '人為失誤', '人为失误', '操作錯誤', '操作错误'],
  system_fault: ['system fault', 'system', '系統故障', '系统故障', '系統', '系统'],
  product_defect: ['product defect', 'product', '產品缺陷', '产品缺陷', '產品問題', '产品问题'],
  service: ['service', '服務問題', '服务问题', '服務', '服务'],
  third_party: ['third party', 'third-party', '第三方'],
};

const LEVEL_WORDS: Record<Level, string[]> = {
  high: ['high', '高'],
  medium: ['medium', '中'],
  low: ['low', '低'],
};
const ASPECT_WORDS: Record<'value' | 'cost' | 'demand', string[]> = {
  value: ['value', '價值', '价值'],
  cost: ['cost', '成本', '技術成本', '技术成本'],
  demand: ['demand', 'market demand', '需求', '市場需求', '市场需求'],
};

export function parseCause(value: string): ProcessCommand | StaffProblem {
  const lower = value.trim().toLowerCase();
  const words = (Object.keys(CAUSE_WORDS) as CauseKind[]).flatMap((kind) => CAUSE_WORDS[kind].map((w) => ({ kind, w }))).sort((a, b) => b.w.length - a.w.length);
  const hit = words.find(({ w }) => lower.startsWith(w));
  if (!hit) return staffProblem('causeNoKind', value);
  const text = value.trim().slice(hit.w.length).replace(/^[\s,，:：;；、-]+/, '').trim();
  return { name: 'cause', cause: { kind: hit.kind, text } };
}

/** "value high, cost low, demand high; night mode asked by many" (or 價值高，成本低，需求高). */
export function parseAssessment(value: string): ProcessCommand | StaffProblem {
  const assessment: Assessment = { value: null, cost: null, demand: null, text: '' };
  const rest: string[] = [];
  for (const part of value.split(/[,，;；、]/).map((p) => p.trim()).filter(Boolean)) {
    const lower = part.toLowerCase();
    const aspect = (Object.keys(ASPECT_WORDS) as Array<keyof typeof ASPECT_WORDS>).find((a) => ASPECT_WORDS[a].some((w) => lower.startsWith(w)));
    const level = aspect ? (Object.keys(LEVEL_WORDS) as Level[]).find((l) => LEVEL_WORDS[l].some((w) => lower.endsWith(w))) : undefined;
    if (aspect && level && assessment[aspect] === null) assessment[aspect] = level;
    else rest.push(part);
  }
  assessment.text = rest.join(', ');
  if (!assessment.value && !assessment.cost && !assessment.demand) {
    return staffProblem('assessUnclear', value);
  }
  return { name: 'assess', assessment };
}

export function parseDepartment(name: 'lead' | 'assist', value: string, departments: Array<{ id: string; name: Record<string, string>; email: string }>): ProcessCommand | StaffProblem {
  const v = value.trim().replace(/^<|>$/g, '').toLowerCase();
  const d = departments.find((x) => x.id === v || x.email.toLowerCase() === v || Object.values(x.name).some((n) => n.toLowerCase() === v));
  return d ? { name, department: d.id } : staffProblem('notADepartment', name, value, departments.map((x) => x.id).join(', '));
}

/** Joint handling (002: 專項小組): the lead department, the assisting ones, and each one's report on its part. */
export interface JointHandling {
  lead: string;
  assists: string[];
  parts: Record<string, { text: string; by: string; at: Date }>;
}

/** The product and product module a case is about (the reports count cases by them). */
export interface ProductTag {
  name: string;
  module: string | null;
}

const MAX_PRODUCT = 60;

/** "App / Login" (or 「App／登入」): the product, then optionally its module. */
export function parseProduct(value: string): ProcessCommand | StaffProblem {
  const [name = '', module = '', ...rest] = value.split(/\s*[/／>]\s*/).map((p) => p.trim().replace(/\s+/g, ' '));
  if (!name || rest.length || name.length > MAX_PRODUCT || module.length > MAX_PRODUCT) {
    return staffProblem('notAProduct', value);
  }
  return { name: 'product', product: { name, module: module || null } };
}

export function causeLabel(kind: CauseKind): string {
  return kind.replace('_', ' ');
}
