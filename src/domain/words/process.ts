// The console's words for the later process steps: causes and measures, suggestions,
// call-backs.
import { defineWords } from './words.js';
import rows from './process.json' with { type: 'json' };

export const processWords = defineWords({
  ...rows.processWords,
  preventedLine: { en: (n: number) => `${n} cases with a preventive measure`, 'zh-Hant': (n: number) => `${n} 件案件已訂預防措施`, 'zh-Hans': (n: number) => `${n} 件案件已订预防措施` },
  suggestionsLine: {
    en: (adopted: number, declined: number) => `Suggestions: ${adopted} adopted, ${declined} declined`,
    'zh-Hant': (adopted: number, declined: number) => `建議：採納 ${adopted} 件，不採納 ${declined} 件`,
    'zh-Hans': (adopted: number, declined: number) => `建议：采纳 ${adopted} 件，不采纳 ${declined} 件`,
  },
});
export type ProcessWords = (typeof processWords)['en'];

export const callbackWords = defineWords({
  ...rows.callbackWords,
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
});
export type CallbackWords = (typeof callbackWords)['en'];
