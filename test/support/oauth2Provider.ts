// A stand-in for an OAuth2 provider (Google's or Microsoft's endpoints), in the test's
// process: a token endpoint that issues short-lived access tokens for one refresh token,
// and an RFC 7662 introspection endpoint that Dovecot's oauth2 passdb and the test SMTP
// server ask whether a token is active and whose it is.
import { createServer, type Server } from 'node:http';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';

export interface FakeProvider {
  tokenUrl: string;
  introspectionUrl: string;
  clientId: string;
  clientSecret: string;
  refreshToken: string;
  /** Lifetime of the access tokens issued from now on. */
  lifetimeSeconds: number;
  /** Access tokens issued, oldest first. */
  issued: string[];
  /** Makes a token inactive, as a provider does when a user revokes the app's access. */
  revoke(token: string): void;
  /** From now on the refresh token is refused (invalid_grant). */
  revokeRefreshToken(): void;
  /** Whether the introspection endpoint calls this token active. */
  isActive(token: string): boolean;
  close(): Promise<void>;
}

export async function startFakeProvider(user: string, lifetimeSeconds: number): Promise<FakeProvider> {
  const clientId = 'test-client';
  const clientSecret = randomBytes(12).toString('hex');
  const refreshToken = `rt-${randomBytes(12).toString('hex')}`;
  let refreshRevoked = false;
  const tokens = new Map<string, { expiresAt: number; active: boolean }>();
  const issued: string[] = [];
  const isActive = (token: string) => {
    const t = tokens.get(token);
    return Boolean(t && t.active && Date.now() < t.expiresAt);
  };
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const form = new URLSearchParams(body);
      const json = (status: number, value: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(value));
      };
      if (req.url === '/token') {
        if (form.get('client_id') !== clientId || form.get('client_secret') !== clientSecret) return json(401, { error: 'invalid_client', error_description: 'The OAuth client was not found.' });
        if (form.get('grant_type') !== 'refresh_token' || form.get('refresh_token') !== refreshToken || refreshRevoked) return json(400, { error: 'invalid_grant', error_description: 'Token has been expired or revoked.' });
        const token = `at-${randomBytes(16).toString('hex')}`;
        tokens.set(token, { expiresAt: Date.now() + provider.lifetimeSeconds * 1000, active: true });
        issued.push(token);
        return json(200, { access_token: token, expires_in: provider.lifetimeSeconds, token_type: 'Bearer', scope: 'https://mail.google.com/' });
      }
      if (req.url === '/introspect') {
        const token = form.get('token') ?? '';
        return json(200, isActive(token) ? { active: true, username: user, client_id: clientId } : { active: false });
      }
      json(404, { error: 'not_found' });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const provider: FakeProvider = {
    lifetimeSeconds,
    tokenUrl: `${base}/token`,
    introspectionUrl: `${base}/introspect`,
    clientId,
    clientSecret,
    refreshToken,
    issued,
    revoke: (token) => {
      const t = tokens.get(token);
      if (t) t.active = false;
    },
    revokeRefreshToken: () => {
      refreshRevoked = true;
    },
    isActive,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
  return provider;
}
