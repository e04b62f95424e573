// The public page of adopted suggestions (公開表彰): /recognition lists the suggestions
// adopted into our products whose authors agreed to be thanked publicly, each with the
// name the author chose (their initials by default), the adopted plan and the month.
// Nothing else about the author or the case. Server-rendered, no script, cached for ten
// minutes (a withdrawal leaves every cache within that time).
import type { FastifyInstance } from 'fastify';
import type { Locale } from '../../domain/intake/language.js';
import type { PublicRecognition } from '../../domain/case/recognition.js';
import { localDay } from '../../domain/report/period.js';
import { pageLocale } from './pageText.js';
import { renderPage } from './views.js';

export interface RecognitionSite {
  company: string;
  list: (limit: number) => Promise<PublicRecognition[]>;
  timeZone: () => Promise<string>;
}

const CACHE = 'public, max-age=600';
const LIMIT = 200;

const TEXT: Record<Locale, { title: string; intro: string; none: string; by: string; month: string; plan: string; anonymous: string }> = {
  en: { title: 'Suggestions we adopted: thank you', intro: 'These improvements came from our customers’ suggestions. We thank the authors who agreed to be named.', none: 'No suggestions are listed yet.', by: 'Suggested by', month: 'Adopted', plan: 'What we do', anonymous: 'A customer' },
  'zh-Hant': { title: '已採納的客戶建議：感謝您', intro: '以下改進來自客戶的建議。謹向同意具名的建議者致謝。', none: '目前尚無列出的建議。', by: '建議者', month: '採納月份', plan: '我們的做法', anonymous: '一位客戶' },
  'zh-Hans': { title: '已采纳的客户建议：感谢您', intro: '以下改进来自客户的建议。谨向同意具名的建议者致谢。', none: '目前尚无列出的建议。', by: '建议者', month: '采纳月份', plan: '我们的做法', anonymous: '一位客户' },
};

export function registerRecognition(app: FastifyInstance, site: RecognitionSite): void {
  app.get<{ Querystring: { lang?: string } }>('/recognition', async (req, reply) => {
    const locale = pageLocale(req.query.lang, req.headers['accept-language']);
    const t = TEXT[locale];
    const tz = await site.timeZone();
    const rows = (await site.list(LIMIT)).map((r) => ({ name: r.name || t.anonymous, plan: r.plan, month: localDay(r.adoptedAt, tz).slice(0, 7) }));
    return reply
      .code(200)
      .header('content-type', 'text/html; charset=utf-8')
      .header('cache-control', CACHE)
      .header('vary', 'Accept-Language')
      .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'")
      .send(renderPage('recognition', { lang: locale, title: t.title, company: site.company }, { t, rows }));
  });
}
