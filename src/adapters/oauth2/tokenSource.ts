// Access tokens for XOAUTH2 sign-in, from the provider's token endpoint (the one place
// that talks to it): a refresh-token grant, cached until shortly before the token
// expires, and renewed at once when a mail server refuses it. Tokens and secrets never
// appear in errors or logs; the provider's error code and description do.
import type { Logger } from 'pino';
import type { OAuth2Settings } from '../../config/oauth2.js';

export interface AccessTokens {
  /** A token valid for a while yet (refreshed ahead of its expiry). */
  current(): Promise<{ token: string; expiresAt: number }>;
  /** A new token after a server refused `rejected` (absent: the current one). */
  renew(rejected?: string): Promise<{ token: string; expiresAt: number }>;
}

export class OAuth2Error extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OAuth2Error';
  }
}

// Refreshed this long before expiry: a quarter of the lifetime, at most five minutes
// (Google and Microsoft issue tokens for an hour).
const MAX_MARGIN_MS = 5 * 60_000;
const REQUEST_TIMEOUT_MS = 15_000;

export class OAuth2TokenSource implements AccessTokens {
  private token: { token: string; expiresAt: number; refreshAt: number } | null = null;
  private refreshing: Promise<{ token: string; expiresAt: number }> | null = null;
  private refreshToken: string;

  constructor(
    private readonly settings: OAuth2Settings,
    private readonly log: Logger,
    private readonly now: () => number = Date.now,
  ) {
    this.refreshToken = settings.refreshToken;
  }

  async current(): Promise<{ token: string; expiresAt: number }> {
    if (this.token && this.now() < this.token.refreshAt) return this.token;
    return this.refresh('expiring');
  }

  async renew(rejected?: string): Promise<{ token: string; expiresAt: number }> {
    // Another connection renewed it already.
    if (rejected && this.token && this.token.token !== rejected) return this.current();
    this.token = null;
    return this.refresh('refused');
  }

  private refresh(why: 'expiring' | 'refused'): Promise<{ token: string; expiresAt: number }> {
    this.refreshing ??= this.request(why).finally(() => (this.refreshing = null));
    return this.refreshing;
  }

  private async request(why: string): Promise<{ token: string; expiresAt: number }> {
    const { tokenUrl, clientId, clientSecret, scope, envPrefix, provider } = this.settings;
    const form = new URLSearchParams({ grant_type: 'refresh_token', refresh_token: this.refreshToken, client_id: clientId });
    if (clientSecret) form.set('client_secret', clientSecret);
    if (scope) form.set('scope', scope);
    const where = `the ${provider} token endpoint ${tokenUrl.replace(/\?.*$/, '')}`;
    let res: Response;
    try {
      res = await fetch(tokenUrl, { method: 'POST', body: form, headers: { accept: 'application/json' }, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
    } catch (err) {
      throw new OAuth2Error(`cannot reach ${where}: ${(err as Error).message}; check the network and ${envPrefix}_TOKEN_URL`);
    }
    const body = (await res.json().catch(() => ({}))) as { access_token?: unknown; expires_in?: unknown; refresh_token?: unknown; error?: unknown; error_description?: unknown };
    if (!res.ok || typeof body.access_token !== 'string' || !body.access_token) {
      throw new OAuth2Error(refusal(where, res.status, body.error, body.error_description, envPrefix));
    }
    // A provider may rotate the refresh token (Microsoft does); the new one is used from now on.
    if (typeof body.refresh_token === 'string' && body.refresh_token) this.refreshToken = body.refresh_token;
    const lifetimeMs = (Number(body.expires_in) > 0 ? Number(body.expires_in) : 3600) * 1000;
    const issuedAt = this.now();
    this.token = { token: body.access_token, expiresAt: issuedAt + lifetimeMs, refreshAt: issuedAt + lifetimeMs - Math.min(MAX_MARGIN_MS, lifetimeMs / 4) };
    this.log.info({ event: 'oauth2.token_refreshed', provider, why, expiresAt: new Date(this.token.expiresAt).toISOString() }, 'OAuth2 access token refreshed');
    return this.token;
  }
}

function refusal(where: string, status: number, code: unknown, description: unknown, prefix: string): string {
  const said = typeof code === 'string' ? `${code}${typeof description === 'string' ? `: ${description.slice(0, 200)}` : ''}` : `HTTP ${status}`;
  if (code === 'invalid_grant') {
    return `${where} refused the refresh token (${said}): it was revoked, expired or issued to another app; sign in to the mailbox's account again to issue a new one and set ${prefix}_REFRESH_TOKEN`;
  }
  if (code === 'invalid_client' || code === 'unauthorized_client') {
    return `${where} refused the app (${said}); check ${prefix}_CLIENT_ID and ${prefix}_CLIENT_SECRET`;
  }
  if (code === 'invalid_scope') return `${where} refused the scope (${said}); check ${prefix}_SCOPE and the permissions granted to the app`;
  return `${where} issued no access token (${said}); check the ${prefix}_* settings`;
}
