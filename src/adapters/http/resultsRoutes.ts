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
import { words } from '../../domain/words/catalogue.js';
import { readReport, type RollupReader } from '../../pipeline/report/readReport.js';
import { pageLocale } from './pageLocale.js';
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
    const t = words('results', locale);
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
    const t = words('results', locale);
    const family = (l: Locale) => (l === 'en' ? 'en' : 'zh');
    const answers = (await site.faqs()).filter((a) => family(a.locale) === family(locale));
    return page(reply, 200, locale, 'publicFaq', t.faq, { t, answers });
  });
}
