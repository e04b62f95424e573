// The HTTP server. For now it serves /healthz: each connection's state, 200 when all
// are up and 503 otherwise, for load balancers and container health checks.
import Fastify, { type FastifyInstance } from 'fastify';

export interface Health {
  ok: boolean;
  components: Record<string, unknown>;
}

export async function startHttp(port: number, host: string, health: () => Promise<Health>): Promise<FastifyInstance> {
  const app = Fastify({ logger: false });
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
