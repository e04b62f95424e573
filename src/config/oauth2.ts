// OAuth2 (XOAUTH2) sign-in for the IMAP mailboxes and the SMTP server: Gmail / Google
// Workspace and Microsoft 365 accept no password over IMAP/SMTP. A mailbox or SMTP URL
// without a password signs in with an access token obtained from the refresh token
// configured here. SMTP_OAUTH2_* fall back one by one to IMAP_OAUTH2_*, so one consented
// app and account serves both (the scope excepted: Microsoft grants it per protocol).

export type OAuth2Provider = 'google' | 'microsoft' | 'custom';

export interface OAuth2Settings {
  provider: OAuth2Provider;
  tokenUrl: string;
  clientId: string;
  clientSecret?: string;
  refreshToken: string;
  /** Sent with each refresh when set (Microsoft needs it; Google keeps the granted scope). */
  scope?: string;
  /** The variables' prefix (IMAP_OAUTH2 or SMTP_OAUTH2), for messages that name the fix. */
  envPrefix: string;
}

const TOKEN_URLS: Record<Exclude<OAuth2Provider, 'custom'>, string> = {
  google: 'https://oauth2.googleapis.com/token',
  // "common" serves any tenant's work accounts; a single-tenant app needs its tenant id here.
  microsoft: 'https://login.microsoftonline.com/common/oauth2/v2.0/token',
};

const MICROSOFT_SCOPES = {
  IMAP: 'https://outlook.office.com/IMAP.AccessAsUser.All offline_access',
  SMTP: 'https://outlook.office.com/SMTP.Send offline_access',
};

const FIELDS = ['PROVIDER', 'CLIENT_ID', 'CLIENT_SECRET', 'REFRESH_TOKEN', 'TOKEN_URL', 'SCOPE'] as const;
type Field = (typeof FIELDS)[number];

/** Every variable read here (.env.example documents each). */
export const OAUTH2_VARIABLES = (['IMAP', 'SMTP'] as const).flatMap((p) => FIELDS.map((f) => `${p}_OAUTH2_${f}`));

export interface Issue {
  path: string;
  message: string;
}

/**
 * The OAuth2 settings of one protocol, or null when its provider is not set; problems
 * are added to `issues`, each naming the variable and the fix.
 */
export function readOAuth2(env: Record<string, string | undefined>, protocol: 'IMAP' | 'SMTP', issues: Issue[]): OAuth2Settings | null {
  const prefix = `${protocol}_OAUTH2`;
  const get = (f: Field) => env[`${prefix}_${f}`] ?? (protocol === 'SMTP' && f !== 'SCOPE' ? env[`IMAP_OAUTH2_${f}`] : undefined);
  const provider = get('PROVIDER');
  if (!provider) return null;
  if (provider !== 'google' && provider !== 'microsoft' && provider !== 'custom') {
    issues.push({ path: `${prefix}_PROVIDER`, message: `must be google, microsoft or custom (with ${prefix}_TOKEN_URL), not "${provider}"` });
    return null;
  }
  const required = (f: Field, why: string) => {
    const v = get(f);
    if (!v) issues.push({ path: `${prefix}_${f}`, message: `is required with ${prefix}_PROVIDER=${provider}: ${why} (see docs/operations.md, "OAuth2")` });
    return v ?? '';
  };
  const clientId = required('CLIENT_ID', 'the OAuth client id of the app registered with the provider');
  // A Microsoft app registered as a public client has no secret.
  const clientSecret = provider === 'microsoft' ? get('CLIENT_SECRET') : required('CLIENT_SECRET', "the app's client secret");
  const refreshToken = required('REFRESH_TOKEN', "the refresh token issued when the mailbox's account consented");
  const tokenUrl = provider === 'custom' ? required('TOKEN_URL', "the provider's token endpoint, https://…") : (get('TOKEN_URL') ?? TOKEN_URLS[provider]);
  if (tokenUrl && !/^https?:\/\/[^/]+/.test(tokenUrl)) issues.push({ path: `${prefix}_TOKEN_URL`, message: 'must be the https:// address of the token endpoint' });
  const scope = get('SCOPE') ?? (provider === 'microsoft' ? MICROSOFT_SCOPES[protocol] : undefined);
  return { provider, tokenUrl, clientId, refreshToken, envPrefix: prefix, ...(clientSecret ? { clientSecret } : {}), ...(scope ? { scope } : {}) };
}
