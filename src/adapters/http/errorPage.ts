// What a visitor sees when a request fails: a plain page in their language (the console's
// language on a console page), or for the API a short JSON body, naming the request id
// and never the error's own text, which can hold internals. The error itself is logged
// with the same request id, so that a visitor's report finds the log line.
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { Locale } from '../../domain/intake/language.js';
import { pageLocale } from './pageText.js';
import { renderPage } from './views.js';

const WORDS: Record<Locale, { title: string; server: string; request: string; reference: string }> = {
  en: {
    title: 'Something went wrong',
    server: 'We could not complete this request. Please try again in a moment.',
    request: 'This request could not be processed. Please go back and try again.',
    reference: 'If it happens again, tell us this reference:',
  },
  'zh-Hant': {
    title: '發生錯誤',
    server: '我們無法完成這項請求，請稍後再試。',
    request: '無法處理這項請求，請返回後再試一次。',
    reference: '若問題再次發生，請告訴我們這個參考編號：',
  },
  'zh-Hans': {
    title: '发生错误',
    server: '我们无法完成这项请求，请稍后再试。',
    request: '无法处理这项请求，请返回后再试一次。',
    reference: '若问题再次发生，请告诉我们这个参考编号：',
  },
};

export function errorHandler(company: string) {
  return (err: FastifyError, req: FastifyRequest, reply: FastifyReply): FastifyReply => {
    // Fastify's own client errors (a body too large, bad JSON) keep their 4xx status.
    const status = typeof err.statusCode === 'number' && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 500;
    if (status === 500) req.log.error({ event: 'http.error', err, method: req.method, url: req.url.split('?')[0], ip: req.ip }, `${req.method} ${req.url.split('?')[0]} failed: ${err.message}`);
    else req.log.info({ event: 'http.client_error', status, code: err.code, method: req.method, url: req.url.split('?')[0] }, err.message);
    reply.code(status).header('cache-control', 'no-store');
    if (!req.url.startsWith('/console') && !(req.headers.accept ?? '').includes('text/html')) {
      return reply.send({ error: status === 500 ? 'internal error' : 'bad request', requestId: req.id });
    }
    const locale = req.consoleLocale ?? pageLocale(undefined, req.headers['accept-language']);
    const w = WORDS[locale];
    return reply
      .header('content-type', 'text/html; charset=utf-8')
      .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'")
      .send(renderPage('message', { lang: locale, title: w.title, company }, { heading: w.title, text: status === 500 ? w.server : w.request, error: true, detail: `${w.reference} ${req.id}` }));
  };
}
