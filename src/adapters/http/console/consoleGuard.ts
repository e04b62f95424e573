// Who may call which console route. The console is one Fastify plugin under /console, so
// these hooks run on the route the router matched (after it decoded the path), never on
// a test of the raw URL: /%63onsole/admin/... is the admin route and is guarded as one.
// Deny by default: every route states its role in its config, and a route without one
// stops the start.
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import { isAdmin } from '../../../domain/console/access.js';
import type { Accounts } from './accounts.js';
import { chooseLocale } from './consolePage.js';

export const ROUTE_ROLES = ['public', 'signed-in', 'admin'] as const;
export type RouteRole = (typeof ROUTE_ROLES)[number];

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Who may call a console route: anyone, any signed-in user, or admins only. */
    role?: RouteRole;
  }
}

/** Route options stating the role: app.get('/admin/rules', forRole('admin'), handler). */
export const forRole = (role: RouteRole) => ({ config: { role } });

export interface ConsoleRoute {
  method: string;
  /** The full path, with its :parameters. */
  url: string;
  role: RouteRole;
}

export const SESSION_COOKIE = 'fd_session';

export interface GuardSite {
  accounts: Accounts;
  secureCookies: boolean;
  /** The page refusing a signed-in user (a 403 in the user's language). */
  denied: (req: FastifyRequest, reply: FastifyReply, why: 'csrf' | 'admin') => FastifyReply;
}

/** Adds the guard to the console's plugin scope; fills `routes` as routes are added. */
export function guardConsole(scope: FastifyInstance, site: GuardSite, routes: ConsoleRoute[]): void {
  scope.addHook('onRoute', (route: RouteOptions) => {
    const role = route.config?.role;
    for (const method of [route.method].flat()) {
      if (!role || !(ROUTE_ROLES as readonly string[]).includes(role)) {
        throw new Error(`console route ${method} ${route.url} states no role: give it ${ROUTE_ROLES.map((r) => `forRole('${r}')`).join(', ')} as its options`);
      }
      routes.push({ method, url: route.url, role });
    }
  });

  // Every console page speaks the user's language: ?lang= (remembered), else the browser's.
  scope.addHook('onRequest', async (req: FastifyRequest<{ Querystring: { lang?: string } }>, reply) => {
    chooseLocale(req, reply, site.secureCookies);
  });

  // A signed-in route needs a session and, for a POST, the session's CSRF token.
  scope.addHook('preHandler', async (req: FastifyRequest<{ Body: { csrf?: string } }>, reply) => {
    const role = req.routeOptions.config.role;
    if (role === 'public') return;
    const s = await site.accounts.session(req.cookies[SESSION_COOKIE]);
    if (!s) return reply.redirect('/console/login', 303);
    req.consoleUser = s.user;
    req.csrf = s.csrf;
    if (req.method === 'POST' && req.body?.csrf !== s.csrf) return site.denied(req, reply, 'csrf');
    if (role !== 'signed-in' && !isAdmin(s.user)) return site.denied(req, reply, 'admin');
  });
}
