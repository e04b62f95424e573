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

/** The pages behind the signed links: consent to a proposal, and public thanks for a suggestion. */
export const consentWords = defineWords({
  ...rows.consentWords,
  proposalIntro: { en: (n: string) => `For your case ${n} we propose:`, 'zh-Hant': (n: string) => `針對您的案件 ${n}，我們建議：`, 'zh-Hans': (n: string) => `针对您的案件 ${n}，我们建议：` },
  creditIntro: { en: (n: string) => `Your suggestion ${n} was adopted:`, 'zh-Hant': (n: string) => `您的建議 ${n} 已獲採納：`, 'zh-Hans': (n: string) => `您的建议 ${n} 已获采纳：` },
});
export type ConsentWords = (typeof consentWords)['en'];

/** The public page of adopted suggestions. */
export const recognitionWords = defineWords({
  ...rows.recognitionWords,
});
export type RecognitionWords = (typeof recognitionWords)['en'];
