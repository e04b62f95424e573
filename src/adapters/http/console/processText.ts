// The console's words for the later process steps (causes and measures, suggestions,
// call-backs), in the console's three languages; kept beside consoleText so those
// pages' words stay together.
import type { Locale } from '../../../domain/intake/language.js';

const en = {
  causes: 'Causes and prevention',
  cause: 'Cause',
  cases: 'Cases',
  measure: 'Preventive measure',
  preventedLine: (n: number) => `${n} cases with a preventive measure`,
  suggestionsLine: (adopted: number, declined: number) => `Suggestions: ${adopted} adopted, ${declined} declined`,
};
export type ProcessText = typeof en;

const zhHant: ProcessText = {
  causes: '原因分析與預防措施',
  cause: '原因',
  cases: '案件數',
  measure: '預防措施',
  preventedLine: (n: number) => `${n} 件案件已訂預防措施`,
  suggestionsLine: (adopted: number, declined: number) => `建議：採納 ${adopted} 件，不採納 ${declined} 件`,
};

const zhHans: ProcessText = {
  causes: '原因分析与预防措施',
  cause: '原因',
  cases: '案件数',
  measure: '预防措施',
  preventedLine: (n: number) => `${n} 件案件已订预防措施`,
  suggestionsLine: (adopted: number, declined: number) => `建议：采纳 ${adopted} 件，不采纳 ${declined} 件`,
};

const TEXT: Record<Locale, ProcessText> = { en, 'zh-Hant': zhHant, 'zh-Hans': zhHans };

export function processText(locale: Locale): ProcessText {
  return TEXT[locale];
}

const callbacksEn = {
  title: 'Call-backs',
  month: 'Month',
  show: 'Show',
  case: 'Case',
  customer: 'Customer',
  closed: 'Closed',
  outcome: 'Outcome',
  note: 'Note',
  record: 'Record',
  reached: 'reached',
  not_reached: 'not reached',
  pending: 'not called yet',
  saved: 'The outcome is recorded.',
  summary: (sampled: number, closed: number, rate: string, reached: number, notReached: number, pending: number) =>
    `${sampled} of ${closed} closed cases drawn (${rate} %): ${reached} reached, ${notReached} not reached, ${pending} to call.`,
  notDrawn: (month: string) => `No sample is drawn for ${month}: it is drawn on the 1st of the next month.`,
  onlyService: 'Call-backs are for customer service, supervisors and admins.',
  pickOutcome: 'Choose the outcome: reached or not reached.',
  noSuchCall: 'There is no such call-back in the sample.',
};
export type CallbackText = typeof callbacksEn;

const callbacksZhHant: CallbackText = {
  title: '回訪',
  month: '月份',
  show: '查看',
  case: '案件',
  customer: '客戶',
  closed: '結案時間',
  outcome: '結果',
  note: '備註',
  record: '記錄',
  reached: '已聯繫',
  not_reached: '未聯繫上',
  pending: '尚未回訪',
  saved: '已記錄回訪結果。',
  summary: (sampled, closed, rate, reached, notReached, pending) => `從 ${closed} 件結案中抽出 ${sampled} 件（${rate} %）：已聯繫 ${reached}，未聯繫上 ${notReached}，待回訪 ${pending}。`,
  notDrawn: (month) => `${month} 尚未抽樣：於次月 1 日抽出。`,
  onlyService: '回訪僅供客服部、主管與管理員使用。',
  pickOutcome: '請選擇結果：已聯繫或未聯繫上。',
  noSuchCall: '抽樣中沒有這筆回訪。',
};

const callbacksZhHans: CallbackText = {
  title: '回访',
  month: '月份',
  show: '查看',
  case: '案件',
  customer: '客户',
  closed: '结案时间',
  outcome: '结果',
  note: '备注',
  record: '记录',
  reached: '已联系',
  not_reached: '未联系上',
  pending: '尚未回访',
  saved: '已记录回访结果。',
  summary: (sampled, closed, rate, reached, notReached, pending) => `从 ${closed} 件结案中抽出 ${sampled} 件（${rate} %）：已联系 ${reached}，未联系上 ${notReached}，待回访 ${pending}。`,
  notDrawn: (month) => `${month} 尚未抽样：于次月 1 日抽出。`,
  onlyService: '回访仅供客服部、主管与管理员使用。',
  pickOutcome: '请选择结果：已联系或未联系上。',
  noSuchCall: '抽样中没有这笔回访。',
};

const CALLBACK_TEXT: Record<Locale, CallbackText> = { en: callbacksEn, 'zh-Hant': callbacksZhHant, 'zh-Hans': callbacksZhHans };

export function callbackText(locale: Locale): CallbackText {
  return CALLBACK_TEXT[locale];
}

// The call-backs page's month buttons.
const CALLBACK_NAV_TEXT: Record<Locale, { previous: string; next: string }> = {
  en: { previous: '← Previous month', next: 'Next month →' },
  'zh-Hant': { previous: '← 上個月', next: '下個月 →' },
  'zh-Hans': { previous: '← 上个月', next: '下个月 →' },
};

export function callbackNavText(locale: Locale): { previous: string; next: string } {
  return CALLBACK_NAV_TEXT[locale];
}

// The reports' figures by product and module, by handler, and of compensation.
const figuresEn = {
  byProduct: 'By product and module',
  product: 'Product / module',
  handlers: 'By handler',
  handler: 'Handler',
  cases: 'Cases',
  resolved: 'Resolved',
  averageResolve: 'Average resolution',
  onTime: 'Resolved on time',
  satisfaction: 'Satisfaction',
  adopted: 'Suggestions adopted',
  compensation: 'Compensation given',
  kind: 'Kind',
  count: 'Times',
  amount: 'Total',
  none: 'None in this period.',
};
export type FigureText = typeof figuresEn;

const FIGURE_TEXT: Record<Locale, FigureText> = {
  en: figuresEn,
  'zh-Hant': {
    byProduct: '按產品與產品模組',
    product: '產品／模組',
    handlers: '按處理人',
    handler: '處理人',
    cases: '案件數',
    resolved: '已解決',
    averageResolve: '平均解決時間',
    onTime: '按時解決',
    satisfaction: '滿意度',
    adopted: '採納建議',
    compensation: '補償',
    kind: '類型',
    count: '次數',
    amount: '總額',
    none: '本期間沒有。',
  },
  'zh-Hans': {
    byProduct: '按产品与产品模块',
    product: '产品／模块',
    handlers: '按处理人',
    handler: '处理人',
    cases: '案件数',
    resolved: '已解决',
    averageResolve: '平均解决时间',
    onTime: '按时解决',
    satisfaction: '满意度',
    adopted: '采纳建议',
    compensation: '补偿',
    kind: '类型',
    count: '次数',
    amount: '总额',
    none: '本期间没有。',
  },
};

export function figureText(locale: Locale): FigureText {
  return FIGURE_TEXT[locale];
}
