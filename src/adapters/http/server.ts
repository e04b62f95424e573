// The HTTP server: /healthz (200 {"status":"ok"} when every connection is up, 503
// {"status":"not ok"} otherwise, for load balancers and container health checks; which
// connection and why is on the operator's listener, see metricsServer), and the public
// pages and intake API, and the staff console, when given.
import Fastify, { type FastifyInstance } from 'fastify';
import formbody from '@fastify/formbody';
import multipart from '@fastify/multipart';
import { registerPublicRoutes, type PublicSite } from './publicRoutes.js';
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
  }
  if (staffConsole) await registerConsole(app, staffConsole);
  app.get('/healthz', async (_req, reply) => {
    const { ok } = await health();
    return reply.code(ok ? 200 : 503).send({ status: ok ? 'ok' : 'not ok' });
  });
  try {
    await app.listen({ port, host });
  } catch (err) {
    throw new Error(`cannot listen on ${host}:${port}: ${(err as Error).message}. Set HTTP_PORT to a free port.`, { cause: err });
  }
  return app;
}
