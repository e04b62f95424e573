// The console's words for the later process steps: causes and measures, suggestions,
// call-backs.
import { defineWords } from './words.js';

export const processWords = defineWords({
  causes: { en: 'Causes and prevention', 'zh-Hant': '原因分析與預防措施', 'zh-Hans': '原因分析与预防措施' },
  cause: { en: 'Cause', 'zh-Hant': '原因', 'zh-Hans': '原因' },
  cases: { en: 'Cases', 'zh-Hant': '案件數', 'zh-Hans': '案件数' },
  measure: { en: 'Preventive measure', 'zh-Hant': '預防措施', 'zh-Hans': '预防措施' },
  preventedLine: { en: (n: number) => `${n} cases with a preventive measure`, 'zh-Hant': (n: number) => `${n} 件案件已訂預防措施`, 'zh-Hans': (n: number) => `${n} 件案件已订预防措施` },
  suggestionsLine: {
    en: (adopted: number, declined: number) => `Suggestions: ${adopted} adopted, ${declined} declined`,
    'zh-Hant': (adopted: number, declined: number) => `建議：採納 ${adopted} 件，不採納 ${declined} 件`,
    'zh-Hans': (adopted: number, declined: number) => `建议：采纳 ${adopted} 件，不采纳 ${declined} 件`,
  },
});
export type ProcessWords = (typeof processWords)['en'];

export const callbackWords = defineWords({
  title: { en: 'Call-backs', 'zh-Hant': '回訪', 'zh-Hans': '回访' },
  month: { en: 'Month', 'zh-Hant': '月份', 'zh-Hans': '月份' },
  show: { en: 'Show', 'zh-Hant': '查看', 'zh-Hans': '查看' },
  case: { en: 'Case', 'zh-Hant': '案件', 'zh-Hans': '案件' },
  customer: { en: 'Customer', 'zh-Hant': '客戶', 'zh-Hans': '客户' },
  closed: { en: 'Closed', 'zh-Hant': '結案時間', 'zh-Hans': '结案时间' },
  outcome: { en: 'Outcome', 'zh-Hant': '結果', 'zh-Hans': '结果' },
  note: { en: 'Note', 'zh-Hant': '備註', 'zh-Hans': '备注' },
  record: { en: 'Record', 'zh-Hant': '記錄', 'zh-Hans': '记录' },
  reached: { en: 'reached', 'zh-Hant': '已聯繫', 'zh-Hans': '已联系' },
  not_reached: { en: 'not reached', 'zh-Hant': '未聯繫上', 'zh-Hans': '未联系上' },
  pending: { en: 'not called yet', 'zh-Hant': '尚未回訪', 'zh-Hans': '尚未回访' },
  saved: { en: 'The outcome is recorded.', 'zh-Hant': '已記錄回訪結果。', 'zh-Hans': '已记录回访结果。' },
  summary: {
    en: (sampled: number, closed: number, rate: string, reached: number, notReached: number, pending: number) =>
      `${sampled} of ${closed} closed cases drawn (${rate} %): ${reached} reached, ${notReached} not reached, ${pending} to call.`,
    'zh-Hant': (sampled, closed, rate, reached, notReached, pending) => `從 ${closed} 件結案中抽出 ${sampled} 件（${rate} %）：已聯繫 ${reached}，未聯繫上 ${notReached}，待回訪 ${pending}。`,
    'zh-Hans': (sampled, closed, rate, reached, notReached, pending) => `从 ${closed} 件结案中抽出 ${sampled} 件（${rate} %）：已联系 ${reached}，未联系上 ${notReached}，待回访 ${pending}。`,
  },
  notDrawn: {
    en: (month: string) => `No sample is drawn for ${month}: it is drawn on the 1st of the next month.`,
    'zh-Hant': (month) => `${month} 尚未抽樣：於次月 1 日抽出。`,
    'zh-Hans': (month) => `${month} 尚未抽样：于次月 1 日抽出。`,
  },
  onlyService: { en: 'Call-backs are for customer service, supervisors and admins.', 'zh-Hant': '回訪僅供客服部、主管與管理員使用。', 'zh-Hans': '回访仅供客服部、主管与管理员使用。' },
  pickOutcome: { en: 'Choose the outcome: reached or not reached.', 'zh-Hant': '請選擇結果：已聯繫或未聯繫上。', 'zh-Hans': '请选择结果：已联系或未联系上。' },
  noSuchCall: { en: 'There is no such call-back in the sample.', 'zh-Hant': '抽樣中沒有這筆回訪。', 'zh-Hans': '抽样中没有这笔回访。' },
});
export type CallbackWords = (typeof callbackWords)['en'];
