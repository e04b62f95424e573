// What a visitor sees when a request fails: a plain page in their language (the console's
// language on a console page), or for the API a short JSON body, naming the request id
// and never the error's own text, which can hold internals. The error itself is logged
// with the same request id, so that a visitor's report finds the log line.
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { words } from '../../domain/words/catalogue.js';
import { pageLocale } from './pageLocale.js';
import { renderPage } from './views.js';

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
    const w = words('error', locale);
    return reply
      .header('content-type', 'text/html; charset=utf-8')
      .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'")
      .send(renderPage('message', { lang: locale, title: w.title, company }, { heading: w.title, text: status === 500 ? w.server : w.request, error: true, detail: `${w.reference} ${req.id}` }));
  };
}
