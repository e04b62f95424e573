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
