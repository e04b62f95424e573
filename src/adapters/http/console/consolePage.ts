// One way every console page is sent: in the user's language (?lang= remembered in a
// cookie, else the browser's), with the console's header (who is signed in, the admin
// links, the language switch, sign out), never cached, and a Content-Security-Policy
// that lets no script run except the console's own files where a page asks for them.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { isAdmin } from '../../../domain/console/access.js';
import type { Locale } from '../../../domain/intake/language.js';
import { pageLocale } from '../pageLocale.js';
import { renderPage, type View } from '../views.js';
import { words } from '../../../domain/words/catalogue.js';

export const LANG_COOKIE = 'fd_lang';

declare module 'fastify' {
  interface FastifyRequest {
    consoleLocale?: Locale;
    /** The nav's call-backs link is shown (customer service, supervisors, admins). */
    callbacksLink?: boolean;
  }
}

export interface PageOptions {
  /** Let remote images load (the case page's "show images"). */
  images?: boolean;
  /** Let the console's own scripts run (the template editor's live preview). */
  script?: boolean;
}

/** Picks the request's language; call once per request, before the page is sent. */
export function chooseLocale(req: FastifyRequest<{ Querystring: { lang?: string } }>, reply: FastifyReply, secureCookies: boolean): Locale {
  const chosen = typeof req.query?.lang === 'string' ? req.query.lang : undefined;
  if (chosen) reply.setCookie(LANG_COOKIE, chosen, { path: '/console', sameSite: 'strict', httpOnly: true, secure: secureCookies, maxAge: 365 * 86400 });
  req.consoleLocale = pageLocale(chosen ?? req.cookies[LANG_COOKIE], req.headers['accept-language']);
  return req.consoleLocale;
}

export type ConsolePage = (req: FastifyRequest, reply: FastifyReply, code: number, view: View, title: string, data: Record<string, unknown>, options?: PageOptions) => FastifyReply;

export function consolePage(company: string): ConsolePage {
  return (req, reply, code, view, title, data, options = {}) => {
    const locale = req.consoleLocale ?? 'en';
    const user = req.consoleUser;
    const here = req.url.split('?')[0];
    const nav = user && { user, admin: isAdmin(user), csrf: req.csrf, callbacks: req.callbacksLink ? words('callbacks', locale).title : '' };
    const switchLang = `${here}?lang=${locale === 'en' ? 'zh-Hant' : 'en'}`;
    const csp = [
      "default-src 'none'",
      "style-src 'unsafe-inline'",
      `img-src ${options.images ? 'https: http: data:' : "'self' data:"}`,
      ...(options.script ? ["script-src 'self'", "connect-src 'self'"] : []),
      "form-action 'self'",
      "frame-ancestors 'none'",
    ].join('; ');
    return reply
      .code(code)
      .header('content-type', 'text/html; charset=utf-8')
      .header('cache-control', 'no-store')
      .header('x-frame-options', 'DENY')
      .header('content-security-policy', csp)
      .send(renderPage(view, { lang: locale, title, company, wide: view !== 'login' }, { t: words('console', locale), nav, switchLang, ...data }));
  };
}
