// The public page of adopted suggestions (公開表彰): /recognition lists the suggestions
// adopted into our products whose authors agreed to be thanked publicly, each with the
// name the author chose (their initials by default), the adopted plan and the month.
// Nothing else about the author or the case. Server-rendered, no script, cached for ten
// minutes (a withdrawal leaves every cache within that time).
import type { FastifyInstance } from 'fastify';
import type { PublicRecognition } from '../../domain/case/recognition.js';
import { localDay } from '../../domain/report/period.js';
import { words } from '../../domain/words/catalogue.js';
import { pageLocale } from './pageLocale.js';
import { renderPage } from './views.js';

export interface RecognitionSite {
  company: string;
  list: (limit: number) => Promise<PublicRecognition[]>;
  timeZone: () => Promise<string>;
}

const CACHE = 'public, max-age=600';
const LIMIT = 200;

export function registerRecognition(app: FastifyInstance, site: RecognitionSite): void {
  app.get<{ Querystring: { lang?: string } }>('/recognition', async (req, reply) => {
    const locale = pageLocale(req.query.lang, req.headers['accept-language']);
    const t = words('recognition', locale);
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
