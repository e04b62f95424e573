// The pages behind the consent links (pipeline/case/linkAnswers): /c/<token> shows what
// the customer answers and a Confirm button (a refusal with a box for their words; an
// agreement to be named publicly with the name to show, their initials by default);
// POST /c records it. Server-rendered, no script, never cached; in the case's language.
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Locale } from '../../domain/intake/language.js';
import { confirmLink, openLink, type LinkCase, type LinkOpened, type LinkPortalDeps } from '../../pipeline/case/linkAnswers.js';
import { words } from '../../domain/words/catalogue.js';
import { pageLocale } from './pageLocale.js';
import { renderPage, type View } from './views.js';

export function registerConsentLinks(app: FastifyInstance, company: string, deps: LinkPortalDeps): void {
  const page = (reply: FastifyReply, code: number, locale: Locale, view: View, title: string, data: Record<string, unknown>) =>
    reply.code(code).header('content-type', 'text/html; charset=utf-8').header('cache-control', 'no-store').header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'").send(renderPage(view, { lang: locale, title, company }, data));
  const message = (reply: FastifyReply, code: number, locale: Locale, heading: string, text: string, error = false) => page(reply, code, locale, 'message', heading, { heading, text, error });

  /** Every state but a page to confirm: the same words for GET and POST. */
  const outcome = (reply: FastifyReply, o: LinkOpened | { state: 'recorded'; case: LinkCase; link: { choice: string } }, acceptLanguage: string | undefined) => {
    const locale = 'case' in o ? o.case.locale : pageLocale(undefined, acceptLanguage);
    const t = words('consent', locale);
    const p = words('pages', locale);
    switch (o.state) {
      case 'forged':
        return message(reply, 400, locale, p.forgedTitle, p.forgedText, true);
      case 'expired':
        return message(reply, 410, locale, p.expiredTitle, p.expiredText, true);
      case 'stale':
        return message(reply, 409, locale, t.staleTitle, t.staleText);
      case 'answered':
        return message(reply, o.same ? 200 : 409, locale, t.answeredTitle, o.same ? t.answeredSame : t.answeredOther);
      case 'recorded':
        if (o.link.choice === 'agree') return message(reply, 200, locale, t.agreedTitle, t.agreedText);
        if (o.link.choice === 'withdraw') return message(reply, 200, locale, t.withdrawnTitle, t.withdrawnText);
        return o.link.choice === 'accept' ? message(reply, 200, locale, t.acceptedTitle, t.acceptedText) : message(reply, 200, locale, t.refusedTitle, t.refusedText);
      default:
        return null;
    }
  };

  app.get<{ Params: { token: string } }>('/c/:token', async (req, reply) => {
    const opened = await openLink(req.params.token, deps);
    if (opened.state !== 'ok') return outcome(reply, opened, req.headers['accept-language']);
    const c = opened.case;
    const t = words('consent', c.locale);
    // What the page asks: a credit link the name to show, a refusal the customer's words.
    const credit = opened.link.purpose === 'credit';
    const choice = opened.link.choice;
    const asked = credit
      ? { title: t.creditTitle, intro: t.creditIntro(c.caseNumber), text: c.adopted?.plan ?? '', name: choice === 'agree' ? t.nameLabel : '', initials: c.adopted?.initials ?? '' }
      : { title: t.proposalTitle, intro: t.proposalIntro(c.caseNumber), text: c.proposal?.text ?? '', words: choice === 'refuse' ? t.wordsLabel : '' };
    const hint = { agree: t.agreeHint, withdraw: t.withdrawHint, accept: t.acceptHint, refuse: t.refuseHint }[choice];
    const { title, text, ...fields } = asked;
    return page(reply, 200, c.locale, 'consent', title, { heading: title, proposal: text, token: req.params.token, hint, button: t[choice], ...fields });
  });

  app.post<{ Body: { token?: string; words?: string; name?: string } }>('/c', async (req, reply) => {
    const done = await confirmLink({ token: String(req.body?.token ?? ''), words: String(req.body?.words ?? ''), name: String(req.body?.name ?? '') }, deps);
    return outcome(reply, done.state === 'ok' ? { ...done, state: 'answered', same: false } : done, req.headers['accept-language']);
  });
}
