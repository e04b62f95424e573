// The HTTP server: /healthz (200 {"status":"ok"} when every connection is up, 503
// {"status":"not ok"} otherwise, for load balancers and container health checks; which
// connection and why is on the operator's listener, see metricsServer), and the public
// pages and intake API, and the staff console, when given.
import { randomUUID } from 'node:crypto';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { TrustProxy } from '../../config/env.js';
import { errorHandler } from './errorPage.js';
import formbody from '@fastify/formbody';
import multipart from '@fastify/multipart';
import { registerPublicRoutes, type PublicSite } from './publicRoutes.js';
import { registerResults } from './resultsRoutes.js';
import { registerConsentLinks } from './consentRoutes.js';
import { registerRecognition } from './recognitionRoutes.js';
import { registerConsole, type ConsoleSite } from './console/consoleRoutes.js';
import type { ConsoleRoute } from './console/consoleGuard.js';

export interface Health {
  ok: boolean;
  components: Record<string, unknown>;
}

export interface HttpOptions {
  port: number;
  host: string;
  /** The app's logger: a failed request is logged on it with its request id (reqId). */
  log: Logger;
  /** Which proxies' X-Forwarded-For gives the client's address (req.ip). */
  trustProxy: TrustProxy;
  /** Named on the error page. */
  company: string;
}

export async function startHttp(opts: HttpOptions, health: () => Promise<Health>, site?: PublicSite, staffConsole?: ConsoleSite): Promise<{ server: FastifyInstance; consoleRoutes: ConsoleRoute[] }> {
  const { port, host } = opts;
  const app = Fastify({
    loggerInstance: opts.log as FastifyBaseLogger,
    // One line per failed request (the error handler's), not two for every request.
    logController: new LogController({ disableRequestLogging: true }),
    // Our own ids: a client's X-Request-Id would let it choose the id its error is logged under.
    requestIdHeader: false,
    genReqId: () => randomUUID(),
    // A number is how many proxies are in front: the addresses that many hops back are theirs.
    trustProxy: typeof opts.trustProxy === 'number' ? hopsOfProxies(opts.trustProxy) : opts.trustProxy,
    bodyLimit: 1_000_000,
  });
  app.setErrorHandler(errorHandler(opts.company));
  if (site) {
    await app.register(formbody);
    await app.register(multipart);
    registerPublicRoutes(app, site);
    registerResults(app, site.results);
    if (site.links) registerConsentLinks(app, site.company, site.links);
    if (site.recognition) registerRecognition(app, site.recognition);
  }
  const consoleRoutes = staffConsole ? await registerConsole(app, staffConsole) : [];
  app.get('/healthz', async (_req, reply) => {
    const { ok } = await health();
    return reply.code(ok ? 200 : 503).send({ status: ok ? 'ok' : 'not ok' });
  });
  try {
    await app.listen({ port, host });
  } catch (err) {
    throw new Error(`cannot listen on ${host}:${port}: ${(err as Error).message}. Set HTTP_PORT to a free port.`, { cause: err });
  }
  return { server: app, consoleRoutes };
}

function hopsOfProxies(n: number): (address: string, hop: number) => boolean {
  return (_address, hop) => hop < n;
}
