// The knowledge base in the console (P-25): on a solved case's page staff save the
// solution as an answer (title, answer, the case's category, a language); the answers
// page lists them with how often each was offered in an acknowledgement and how often
// that case then closed without further work.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { opensCase } from '../../../domain/console/access.js';
import { LOCALES, type Locale } from '../../../domain/intake/language.js';
import type { CaseBoard, ConsoleCase, FaqPort } from './ports.js';
import { forRole } from './consoleGuard.js';
import { consolePage } from './consolePage.js';
import { words } from '../../../domain/words/catalogue.js';

export interface FaqSite {
  store: FaqPort;
  company: string;
  now: () => Date;
}

type Facts = Parameters<typeof opensCase>[1];

export function registerFaq(app: FastifyInstance, site: FaqSite, board: CaseBoard, facts: (c: ConsoleCase) => Facts): void {
  const page = consolePage(site.company);
  const t = (req: FastifyRequest) => words('console', req.consoleLocale ?? 'en');
  const refuse = (req: FastifyRequest, reply: FastifyReply, code: number, text: string) => page(req, reply, code, 'message', t(req).notAllowed, { heading: t(req).notAllowed, text, error: true });

  app.post<{ Params: { number: string }; Body: { title?: string; answer?: string; locale?: string } }>('/cases/:number/faq', forRole('signed-in'), async (req, reply) => {
    const user = req.consoleUser!;
    const c = await board.byNumber(req.params.number);
    if (!c || !opensCase(user, facts(c))) return refuse(req, reply, 403, t(req).cannotChange(req.params.number));
    if (user.role === 'staff' && !(c.department && user.departments.includes(c.department))) return refuse(req, reply, 403, t(req).onlyDepartment(c.department ?? '?', c.number));
    const title = String(req.body.title ?? '').trim().slice(0, 200);
    const answer = String(req.body.answer ?? '').trim().slice(0, 4000);
    const locale = (LOCALES as readonly string[]).includes(String(req.body.locale)) ? (req.body.locale as Locale) : (c.locale as Locale);
    if (!title || !answer || !c.category) return refuse(req, reply, 422, t(req).faqIncomplete);
    await site.store.add({ title, answer, category: c.category, locale, caseNumber: c.number, by: user.email, at: site.now() });
    return reply.redirect(`/console/cases/${c.number}?faq=1`, 303);
  });

  app.get('/faq', forRole('signed-in'), async (req, reply) => page(req, reply, 200, 'faq', t(req).faq, { answers: await site.store.usage() }));
}
