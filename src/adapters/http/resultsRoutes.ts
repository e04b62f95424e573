// The public results and FAQ pages (P-24, P-25): /results?quarter=2026-Q4 shows the
// quarter's handling and satisfaction figures, read from the report rollups (by _id,
// aggregate counts only); /faq lists the knowledge base's answers in the reader's
// language. Server-rendered, no script, zh/en (?lang= or Accept-Language), cached by
// browsers and proxies for an hour: the figures change slowly and hold nothing personal.
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Locale } from '../../domain/intake/language.js';
import type { FaqAnswer } from '../../domain/knowledge/faqMatch.js';
import { localDay, previousPeriod } from '../../domain/report/period.js';
import { publicResults, quarterName, quarterOf } from '../../domain/report/publicResults.js';
import { readReport, type RollupReader } from '../../pipeline/report/readReport.js';
import { pageLocale } from './pageText.js';
import { renderPage, type View } from './views.js';

export interface ResultsSite {
  company: string;
  reader: RollupReader;
  categories: () => Promise<Array<{ id: string; name: Record<Locale, string> }>>;
  faqs: () => Promise<FaqAnswer[]>;
  timeZone: () => Promise<string>;
  now: () => Date;
}

const CACHE = 'public, max-age=3600';

const TEXT = {
  en: {
    results: 'Our complaint handling results',
    quarter: 'Quarter',
    show: 'Show',
    badQuarter: (v: string) => `"${v}" is not a quarter; write it like 2026-Q4.`,
    received: 'Messages received',
    resolutionRate: 'Resolved',
    onTime: 'Resolved within our promised time',
    acknowledge: 'Average time to confirm receipt',
    resolve: 'Average time to resolve',
    satisfaction: 'Customer satisfaction (of 5)',
    answers: (n: number) => `${n} survey answers`,
    byCategory: 'By topic',
    adopted: (n: number) => `${n} customer suggestions adopted into our products`,
    score: 'Score',
    count: 'Answers',
    faq: 'Frequently asked questions',
    noFaq: 'No answers are published yet.',
    noData: 'No figures for this quarter yet.',
  },
  'zh-Hant': {
    results: '意見反饋與投訴處理情況',
    quarter: '季度',
    show: '查看',
    badQuarter: (v: string) => `「${v}」不是季度，請寫成 2026-Q4。`,
    received: '收到的意見與投訴',
    resolutionRate: '已解決',
    onTime: '於承諾時限內解決',
    acknowledge: '確認收到的平均時間',
    resolve: '解決的平均時間',
    satisfaction: '客戶滿意度（滿分 5）',
    answers: (n: number) => `${n} 份問卷回覆`,
    byCategory: '按類別',
    adopted: (n: number) => `${n} 項客戶建議已被產品採納`,
    score: '分數',
    count: '回覆數',
    faq: '常見問題',
    noFaq: '目前尚無公開的解答。',
    noData: '本季度尚無數據。',
  },
  'zh-Hans': {
    results: '意见反馈与投诉处理情况',
    quarter: '季度',
    show: '查看',
    badQuarter: (v: string) => `“${v}”不是季度，请写成 2026-Q4。`,
    received: '收到的意见与投诉',
    resolutionRate: '已解决',
    onTime: '于承诺时限内解决',
    acknowledge: '确认收到的平均时间',
    resolve: '解决的平均时间',
    satisfaction: '客户满意度（满分 5）',
    answers: (n: number) => `${n} 份问卷回复`,
    byCategory: '按类别',
    adopted: (n: number) => `${n} 项客户建议已被产品采纳`,
    score: '分数',
    count: '回复数',
    faq: '常见问题',
    noFaq: '目前尚无公开的解答。',
    noData: '本季度尚无数据。',
  },
} satisfies Record<Locale, unknown>;

type Query = { quarter?: string; lang?: string };

export function registerResults(app: FastifyInstance, site: ResultsSite): void {
  const page = (reply: FastifyReply, code: number, locale: Locale, view: View, title: string, data: Record<string, unknown>) =>
    reply
      .code(code)
      .header('content-type', 'text/html; charset=utf-8')
      .header('cache-control', code === 200 ? CACHE : 'no-store')
      .header('vary', 'Accept-Language')
      .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'")
      .send(renderPage(view, { lang: locale, title, company: site.company }, data));

  app.get<{ Querystring: Query }>('/results', async (req, reply) => {
    const locale = pageLocale(req.query.lang, req.headers['accept-language']);
    const t = TEXT[locale];
    // Without a quarter: the last one that is over (its figures are final).
    const period = req.query.quarter ? quarterOf(req.query.quarter) : previousPeriod('quarter', localDay(site.now(), await site.timeZone()));
    if (!period) return page(reply, 400, locale, 'message', t.results, { heading: t.results, text: t.badQuarter(req.query.quarter ?? ''), error: true });
    // All departments together only: the page shows no department's figures.
    const [report, categories] = await Promise.all([readReport(period, null, site.reader, []), site.categories()]);
    const name = (id: string) => categories.find((c) => c.id === id)?.name[locale] ?? id;
    return page(reply, 200, locale, 'results', t.results, { t, lang: locale, quarter: quarterName(period), from: period.from, to: period.to, r: publicResults(report, name), empty: report.received === 0, adopted: t.adopted(report.suggestions.adopted), answers: t.answers(report.satisfaction.answered) });
  });

  app.get<{ Querystring: Query }>('/faq', async (req, reply) => {
    const locale = pageLocale(req.query.lang, req.headers['accept-language']);
    const t = TEXT[locale];
    const family = (l: Locale) => (l === 'en' ? 'en' : 'zh');
    const answers = (await site.faqs()).filter((a) => family(a.locale) === family(locale));
    return page(reply, 200, locale, 'publicFaq', t.faq, { t, answers });
  });
}
