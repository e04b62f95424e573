// The company's SMS gateway, as a test runs it on this machine: every notice it was sent.
import { createServer, type IncomingHttpHeaders } from 'node:http';

export interface SmsGateway {
  received: Array<{ headers: IncomingHttpHeaders; body: Record<string, string> }>;
  stop: () => Promise<void>;
}

export async function startSmsGateway(port: number): Promise<SmsGateway> {
  const received: SmsGateway['received'] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      received.push({ headers: req.headers, body: JSON.parse(body) as Record<string, string> });
      res.writeHead(202).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { received, stop: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
