// The public pages' words: the survey and feedback form, the error page, and the
// results and FAQ pages.
import { defineWords } from './words.js';
import rows from './pages.json' with { type: 'json' };

export const pageWords = defineWords({
  ...rows.pageWords,
});
export type PageWords = (typeof pageWords)['en'];

export const errorWords = defineWords({
  ...rows.errorWords,
});
export type ErrorWords = (typeof errorWords)['en'];

export const resultsWords = defineWords({
  ...rows.resultsWords,
  badQuarter: {
    en: (v: string) => `"${v}" is not a quarter; write it like 2026-Q4.`,
    'zh-Hant': (v: string) => `「${v}」不是季度，請寫成 2026-Q4。`,
    'zh-Hans': (v: string) => `“${v}”不是季度，请写成 2026-Q4。`,
  },
  answers: { en: (n: number) => `${n} survey answers`, 'zh-Hant': (n: number) => `${n} 份問卷回覆`, 'zh-Hans': (n: number) => `${n} 份问卷回复` },
  adopted: {
    en: (n: number) => `${n} customer suggestions adopted into our products`,
    'zh-Hant': (n: number) => `${n} 項客戶建議已被產品採納`,
    'zh-Hans': (n: number) => `${n} 项客户建议已被产品采纳`,
  },
});
export type ResultsWords = (typeof resultsWords)['en'];
