// The operator's listener of a process (METRICS_PORT, on METRICS_HOST, loopback unless
// set): /metrics in Prometheus text format and /healthz with each connection's state and
// error, which the public /healthz leaves out. Any role runs it, so a process without the
// HTTP role is watched the same way.
import { createServer, type Server } from 'node:http';
import type { Registry } from 'prom-client';
import type { Health } from './server.js';

export async function startMetricsServer(port: number, host: string, registry: Registry, health: () => Promise<Health>): Promise<Server> {
  const server = createServer((req, res) => {
    const path = (req.url ?? '').split('?')[0];
    const answer = async () => {
      if (req.method !== 'GET') return { status: 405, type: 'text/plain', body: 'GET only\n' };
      if (path === '/metrics') return { status: 200, type: registry.contentType, body: await registry.metrics() };
      if (path === '/healthz') {
        const h = await health();
        return { status: h.ok ? 200 : 503, type: 'application/json', body: JSON.stringify({ status: h.ok ? 'ok' : 'degraded', ...h.components }) };
      }
      return { status: 404, type: 'text/plain', body: 'GET /metrics or /healthz\n' };
    };
    answer().then(
      ({ status, type, body }) => res.writeHead(status, { 'content-type': type }).end(body),
      (err: Error) => res.writeHead(500, { 'content-type': 'text/plain' }).end(`could not collect: ${err.message}\n`),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (err) => reject(new Error(`cannot listen on ${host}:${port} for /metrics: ${err.message}. Set METRICS_PORT to a free port (each process its own).`, { cause: err })));
    server.listen(port, host, resolve);
  });
  return server;
}
