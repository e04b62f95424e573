// The HTTP server: /healthz (each connection's state, 200 when all are up and 503
// otherwise, for load balancers and container health checks), and the public pages and
// intake API, and the staff console, when given.
import Fastify, { type FastifyInstance } from 'fastify';
import formbody from '@fastify/formbody';
import multipart from '@fastify/multipart';
import { registerPublicRoutes, type PublicSite } from './publicRoutes.js';
import { registerResults } from './resultsRoutes.js';
import { registerConsole, type ConsoleSite } from './console/consoleRoutes.js';

export interface Health {
  ok: boolean;
  components: Record<string, unknown>;
}

export async function startHttp(port: number, host: string, health: () => Promise<Health>, site?: PublicSite, staffConsole?: ConsoleSite): Promise<FastifyInstance> {
  const app = Fastify({ logger: false, bodyLimit: 1_000_000 });
  if (site) {
    await app.register(formbody);
    await app.register(multipart);
    registerPublicRoutes(app, site);
    registerResults(app, site.results);
  }
  if (staffConsole) await registerConsole(app, staffConsole);
  app.get('/healthz', async (_req, reply) => {
    const h = await health();
    return reply.code(h.ok ? 200 : 503).send({ status: h.ok ? 'ok' : 'degraded', ...h.components });
  });
  try {
    await app.listen({ port, host });
  } catch (err) {
    throw new Error(`cannot listen on ${host}:${port}: ${(err as Error).message}. Set HTTP_PORT to a free port.`, { cause: err });
  }
  return app;
}
