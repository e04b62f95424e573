// The console: sign-in, the board of cases by status (P-26) with
// filters and search, the case page (details, messages, timeline), and the admin pages.
// Sessions ride on an HttpOnly, SameSite=Strict cookie (Secure behind https); every
// POST carries the session's CSRF token. Staff see only their departments' cases, a
// restricted case only its handlers; only admins reach /console/admin. Customer HTML is
// shown in a sandboxed frame (no script), and remote images stay blocked (CSP) until asked.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import cookie from '@fastify/cookie';
import { listsCase, opensCase, type ConsoleUser } from '../../../domain/console/access.js';
import { isOpen } from '../../../domain/case/lifecycle.js';
import { PRIORITIES } from '../../../domain/sla/priorityPolicy.js';
import { formatTime } from '../../../pipeline/notify/formatTime.js';
import { maskSensitive } from '../../../domain/classify/sensitiveData.js';
import { randomUUID } from 'node:crypto';
import type { Accounts } from './accounts.js';
import type { AuditLog, BoardFilter, CaseBoard, ConsoleCase } from './ports.js';
import { forRole, guardConsole, SESSION_COOKIE, type ConsoleRoute } from './consoleGuard.js';
import { words } from '../../../domain/words/catalogue.js';
import { stageName } from '../../../domain/words/mail.js';
import { consolePage } from './consolePage.js';
import { registerTemplateEditor, type TemplateEditor } from './templateRoutes.js';
import { registerAdminPages, type AdminSite } from './adminRoutes.js';
import { registerReports, type ReportSite } from './reportRoutes.js';
import { registerFaq, type FaqSite } from './faqRoutes.js';
import { LOCALES, type Locale } from '../../../domain/intake/language.js';
import { describeEvent, type TimelineNames } from '../../../domain/console/timelineWords.js';
import type { ScreeningConfig } from '../../../domain/settings/screeningConfig.js';
import { registerCallbacks, type CallbackSite } from './callbackRoutes.js';
import { registerIncidents, type IncidentSite } from './incidentRoutes.js';

export interface ConsoleSite {
  accounts: Accounts;
  board: CaseBoard;
  audit: AuditLog;
  company: string;
  secureCookies: boolean;
  departments: () => Promise<string[]>;
  timeZone: () => Promise<string>;
  /** The screening configuration in use: the case page names categories and departments from it. */
  screeningConfig: () => Promise<ScreeningConfig>;
  now: () => Date;
  templates?: TemplateEditor;
  admin?: AdminSite;
  reports?: ReportSite;
  faq?: FaqSite;
  /** Where the console is reached (PUBLIC_URL): a sign-in must come from a page of it. */
  publicUrl: string;
  callbacks?: CallbackSite;
  incidents?: IncidentSite;
  /** Applies commands written on the case page, as a staff reply by email would be. */
  applyCommands: (caseId: string, messageKey: string) => Promise<void>;
}

declare module 'fastify' {
  interface FastifyRequest {
    consoleUser?: ConsoleUser;
    csrf?: string;
  }
}

export async function registerConsole(app: FastifyInstance, site: ConsoleSite): Promise<ConsoleRoute[]> {
  const routes: ConsoleRoute[] = [];
  await app.register(async (scope) => consoleScope(scope, site, routes), { prefix: '/console' });
  return routes;
}

async function consoleScope(app: FastifyInstance, site: ConsoleSite, routes: ConsoleRoute[]): Promise<void> {
  await app.register(cookie);
  const page = consolePage(site.company);
  const t = (req: FastifyRequest) => words('console', req.consoleLocale ?? 'en');
  const denied = (req: FastifyRequest, reply: FastifyReply, text: string) => page(req, reply, 403, 'message', t(req).notAllowed, { heading: t(req).notAllowed, text, error: true });
  guardConsole(app, { accounts: site.accounts, secureCookies: site.secureCookies, denied: (req, reply, why) => denied(req, reply, why === 'csrf' ? t(req).csrfExpired : t(req).adminOnly) }, routes);

  const callbacks = site.callbacks;
  if (callbacks) {
    app.addHook('preHandler', async (req) => {
      const user = req.consoleUser;
      req.callbacksLink = !!user && (user.role !== 'staff' || user.departments.includes(await callbacks.customerService()));
    });
  }

  app.get('/login', forRole('public'), async (req, reply) => page(req, reply, 200, 'login', t(req).signIn, {}));

  app.post<{ Body: { email?: string; password?: string } }>('/login', forRole('public'), async (req, reply) => {
    // Login CSRF: a sign-in posted from another site would sign the victim in as the attacker.
    if (!sameOrigin(req, site.publicUrl)) return denied(req, reply, t(req).csrfExpired);
    const email = String(req.body?.email ?? '');
    const token = await site.accounts.login(email, String(req.body?.password ?? ''), req.ip);
    if (token === 'limited') return page(req, reply, 429, 'login', t(req).signIn, { email, error: t(req).tooManySignIns });
    if (!token) return page(req, reply, 401, 'login', t(req).signIn, { email, error: t(req).wrongPassword });
    reply.setCookie(SESSION_COOKIE, token, { path: '/console', httpOnly: true, sameSite: 'strict', secure: site.secureCookies, maxAge: 12 * 3600 });
    return reply.redirect('/console', 303);
  });

  app.post('/logout', forRole('signed-in'), async (req, reply) => {
    await site.accounts.logout(req.cookies[SESSION_COOKIE]);
    reply.clearCookie(SESSION_COOKIE, { path: '/console' });
    return reply.redirect('/console/login', 303);
  });

  app.get<{ Querystring: Record<string, string | undefined> }>('/', forRole('signed-in'), async (req, reply) => {
    const user = req.consoleUser!;
    const locale = req.consoleLocale!;
    const q = req.query;
    const filter: BoardFilter = {
      ...(q.department ? { department: q.department } : {}),
      ...(q.priority ? { priority: q.priority } : {}),
      ...(q.category ? { category: q.category } : {}),
      ...(q.flag ? { flag: q.flag } : {}),
      ...(q.channel ? { channel: q.channel } : {}),
      ...(q.overdue ? { overdue: true } : {}),
      ...(q.q ? { q: q.q } : {}),
      ...(q.status && q.after ? { status: q.status, after: q.after } : {}),
    };
    const now = site.now();
    const tz = await site.timeZone();
    const more = new URLSearchParams(Object.entries(q).filter(([k, v]) => v && k !== 'status' && k !== 'after') as Array<[string, string]>);
    const columns = (await site.board.columns(user, filter, now)).map((col) => ({
      status: stageName(col.status, locale),
      more: col.next ? `/console?${new URLSearchParams([...more, ['status', col.status], ['after', col.next]])}` : '',
      cases: col.cards.map((c) => ({
        number: c.number,
        // Lists show card and ID numbers masked; the case page shows them, and is audited.
        subject: maskSensitive(c.subject),
        priority: c.priority,
        department: c.department,
        assignee: c.assignee,
        restricted: c.restricted && !opensCase(user, c),
        expectedBy: c.expectedBy ? formatTime(new Date(c.expectedBy), tz) : '',
        overdue: !!c.expectedBy && c.expectedBy < now.getTime() && isOpen(c.status),
      })),
    }));
    return page(req, reply, 200, 'board', t(req).cases, {
      filter,
      columns,
      departments: (await site.departments()).map((id) => ({ id, selected: id === q.department })),
      priorities: PRIORITIES.map((value) => ({ value, selected: value === q.priority })),
    });
  });

  // An attachment of a case the user may open, always as a download (never shown inline:
  // a customer's HTML or SVG file must not run in the console's origin).
  app.get<{ Params: { number: string; fileId: string } }>('/cases/:number/attachments/:fileId', forRole('signed-in'), async (req, reply) => {
    const c = await site.board.byNumber(req.params.number);
    if (!c || !opensCase(req.consoleUser!, facts(c))) return denied(req, reply, t(req).cannotOpen(req.params.number));
    const file = await site.board.attachment(req.params.fileId);
    if (!file || file.metadata.caseId !== c._id) return page(req, reply, 404, 'message', t(req).notFound, { heading: t(req).notFound, text: t(req).noSuchAttachment, error: true });
    const name = file.filename.replace(/["\\\r\n]/g, '_');
    return reply
      .header('content-type', 'application/octet-stream')
      .header('content-disposition', `attachment; filename="${name.replace(/[^\x20-\x7e]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`)
      .header('x-content-type-options', 'nosniff')
      .header('content-length', String(file.length))
      .send(file.stream);
  });

  // Staff do on the case page what the email commands do: the same commands, the same job.
  app.post<{ Params: { number: string }; Body: { commands?: string } }>('/cases/:number/commands', forRole('signed-in'), async (req, reply) => {
    const user = req.consoleUser!;
    const c = await site.board.byNumber(req.params.number);
    if (!c || !opensCase(user, facts(c))) return denied(req, reply, t(req).cannotChange(req.params.number));
    if (user.role === 'staff' && !(c.department && user.departments.includes(c.department))) return denied(req, reply, t(req).onlyDepartment(c.department ?? '?', c.number));
    const text = String(req.body.commands ?? '').trim();
    if (text) await site.applyCommands(c._id, await site.board.addCommands(c, user.email, text, site.now()));
    return reply.redirect(`/console/cases/${c.number}?sent=1`, 303);
  });

  app.get<{ Params: { number: string }; Querystring: { images?: string; sent?: string; faq?: string; lang?: string } }>('/cases/:number', forRole('signed-in'), async (req, reply) => {
    const user = req.consoleUser!;
    const c = await site.board.byNumber(req.params.number);
    // Another department's case is "not found" for staff: its existence is not theirs to know.
    if (!c || !listsCase(user, facts(c))) return page(req, reply, 404, 'message', t(req).notFound, { heading: t(req).notFound, text: t(req).noSuchCase(req.params.number), error: true });
    if (!opensCase(user, facts(c))) return denied(req, reply, t(req).personalData(c.number));
    // Opening a case shows its personal data unmasked: the audit trail keeps who and when.
    await site.audit.record({ id: randomUUID(), what: 'case.opened', by: user.email, at: site.now(), case: c.number, restricted: !!c.restricted });
    const tz = await site.timeZone();
    const { messages, events } = await site.board.timeline(c._id);
    const names = timelineNames(await site.screeningConfig(), req.consoleLocale ?? 'en', tz);
    return page(
      req,
      reply,
      200,
      'case',
      c.number,
      {
        c,
        csrf: req.csrf,
        sent: !!req.query.sent,
        faqSaved: !!req.query.faq,
        resolution: (c.resolution as { text?: string } | undefined)?.text ?? '',
        faqLocales: LOCALES.map((value) => ({ value, selected: value === c.locale })),
        images: !!req.query.images,
        expectedBy: c.sla?.expectedBy ? formatTime(c.sla.expectedBy, tz) : '',
        flags: (c.flags ?? []).join(', '),
        due: [c.due?.acknowledgeBy, c.due?.firstResponseBy, c.due?.resolveBy].map((d) => (d ? formatTime(d, tz) : '–')).join(' / '),
        messages: messages.map((m) => ({ ...m, at: formatTime(m.at, tz) })),
        events: events.map((e) => ({ at: formatTime(e.at, tz), words: describeEvent({ type: e.type, actor: e.actor, data: (e.data ?? {}) as Record<string, unknown> }, names), type: e.type, actor: e.actor, data: JSON.stringify(e.data ?? {}) })),
      },
      { images: !!req.query.images },
    );
  });

  if (site.templates) registerTemplateEditor(app, site.templates);
  if (site.admin) registerAdminPages(app, site.admin);
  if (site.reports) registerReports(app, site.reports);
  if (site.faq) registerFaq(app, site.faq, site.board, facts);
  if (site.callbacks) registerCallbacks(app, site.callbacks);
  if (site.incidents) registerIncidents(app, site.incidents);

  app.get('/admin/users', forRole('admin'), async (req, reply) => {
    const users = await site.accounts.users();
    return page(req, reply, 200, 'users', t(req).accounts, { users: users.map((u) => ({ ...u, _id: u.email, departments: u.departments.join(', ') })) });
  });
}

/** Category and department names in the console's language, for the timeline's words. */
function timelineNames(config: ScreeningConfig, locale: Locale, tz: string): TimelineNames {
  return {
    locale,
    category: (id) => config.categories.find((x) => x.id === id)?.name[locale] ?? id,
    department: (id) => config.departments.find((x) => x.id === id)?.name[locale] ?? id,
    time: (at) => formatTime(at, tz),
  };
}

function facts(c: ConsoleCase) {
  return { department: c.department ?? null, departments: c.routing?.departments ?? [], restricted: !!c.restricted, assignee: c.assignee ?? null };
}

/** Whether the request's Origin (or Referer) is this server, as reached directly or at its public address. */
function sameOrigin(req: FastifyRequest, publicUrl: string): boolean {
  const from = req.headers.origin ?? req.headers.referer;
  // Browsers send Origin with every cross-site POST; a request without one is no browser's.
  if (!from) return true;
  try {
    const host = new URL(from).host;
    return host === req.headers.host || host === new URL(publicUrl).host;
  } catch {
    return false;
  }
}
