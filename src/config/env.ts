// Configuration comes from environment variables (environment.ts adds the .env file's),
// validated once at start.
// Every problem is reported at once, each with the variable, what is wrong and how
// to fix it. With nothing set, the defaults point at the local services that
// `npm run services` starts (scripts/services/services.sh uses the same ports).
import { isIP } from 'node:net';
import { z } from 'zod';
import { OAUTH2_VARIABLES, readOAuth2, type Issue, type OAuth2Settings } from './oauth2.js';
import { STAFF_MAIL_AUTH_MODES, type StaffMailAuthMode } from '../domain/route/staffMailAuth.js';

export const LOCAL_DEFAULTS = {
  MONGODB_URL: 'mongodb://127.0.0.1:27027/feedback',
  REDIS_URL: 'redis://127.0.0.1:6379',
  IMAP_URL: 'imap://support%40example.test:dev-password@127.0.0.1:1143/INBOX',
  SMTP_URL: 'smtp://127.0.0.1:2525',
  SUPPORT_ADDRESS: 'support@example.test',
} as const;

export interface MailboxConfig {
  /** Stable identity of the mailbox: user@host:port/path (no password). */
  key: string;
  channel: string;
  secure: boolean;
  host: string;
  port: number;
  user: string;
  /** Empty when the mailbox signs in with OAuth2 (its URL has no password). */
  pass: string;
  oauth2: boolean;
  mailbox: string;
  /** After a message is stored: flag it \Seen, or move it to this folder. */
  processed: { kind: 'seen' } | { kind: 'move'; folder: string };
}

export interface SmtpConfig {
  url: string;
  secure: boolean;
  host: string;
  port: number;
  user?: string;
  pass?: string;
  /** A user without a password: signs in with OAuth2. */
  oauth2: boolean;
}

const urlList = (s: string) => s.split(/[\s,]+/).filter(Boolean);

function parseMailbox(raw: string, ctx: z.RefinementCtx): MailboxConfig | undefined {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    ctx.addIssue({ code: 'custom', message: `"${redact(raw)}" is not a URL; write imap://user:pass@host:port/MAILBOX` });
    return undefined;
  }
  if (u.protocol !== 'imap:' && u.protocol !== 'imaps:') {
    ctx.addIssue({ code: 'custom', message: `"${redact(raw)}" must start with imap:// or imaps:// (TLS)` });
    return undefined;
  }
  if (!u.username) {
    ctx.addIssue({ code: 'custom', message: `"${redact(raw)}" needs a user: imap://user:pass@host/INBOX, or imap://user@host/INBOX with OAuth2 (escape @ in the user as %40)` });
    return undefined;
  }
  const secure = u.protocol === 'imaps:';
  const port = u.port ? Number(u.port) : secure ? 993 : 143;
  const mailbox = decodeURIComponent(u.pathname.replace(/^\//, '')) || 'INBOX';
  const user = decodeURIComponent(u.username);
  const moveTo = u.searchParams.get('processed');
  return {
    key: `${user}@${u.hostname}:${port}/${mailbox}`,
    channel: u.searchParams.get('channel') || 'email',
    secure,
    host: u.hostname,
    port,
    user,
    pass: decodeURIComponent(u.password),
    oauth2: !u.password,
    mailbox,
    processed: !moveTo || moveTo.toLowerCase() === 'seen' ? { kind: 'seen' } : { kind: 'move', folder: moveTo },
  };
}

function redact(url: string): string {
  return url.replace(/\/\/([^:/@]*):[^@/]*@/, '//$1:***@');
}

const positiveInt = (name: string, fallback: number) =>
  z.coerce
    .number({ message: `${name} must be a whole number` })
    .int(`${name} must be a whole number`)
    .positive(`${name} must be greater than 0`)
    .default(fallback);

/** Which proxies' X-Forwarded-For to believe (fastify's trustProxy); false: none. */
export type TrustProxy = boolean | number | string[];

function parseTrustProxy(s: string, ctx: z.RefinementCtx): TrustProxy {
  const v = s.trim().toLowerCase();
  if (v === '' || v === 'false') return false;
  if (v === 'true') return true;
  if (/^\d+$/.test(v)) return Number(v);
  const addresses = urlList(v);
  const bad = addresses.filter((a) => {
    const [ip, bits, ...rest] = a.split('/');
    const family = isIP(ip!);
    const maxBits = family === 6 ? 128 : 32;
    return family === 0 || rest.length > 0 || (bits !== undefined && !(/^\d+$/.test(bits) && Number(bits) <= maxBits));
  });
  if (bad.length > 0) {
    ctx.addIssue({ code: 'custom', message: `"${bad.join(', ')}" is not an address: give the proxy's addresses or networks (10.0.0.2, 10.0.0.0/8), the number of proxies in front (1), or true` });
  }
  return addresses;
}

/** A list of name=value pairs, separated by commas or spaces, into a map; a pair that
 * does not parse is an issue with its own message. */
const pairList = <K, V>(parse: (pair: string) => [K, V] | string) =>
  z
    .string()
    .default('')
    .transform((s, ctx) => {
      const map = new Map<K, V>();
      for (const pair of urlList(s)) {
        const parsed = parse(pair);
        if (typeof parsed === 'string') ctx.addIssue({ code: 'custom', message: parsed });
        else map.set(...parsed);
      }
      return map;
    });

const signingKey = z.string().min(16, 'must be at least 16 characters; generate one with: openssl rand -hex 32').optional();

const variables = z.object({
  NODE_ENV: z.string().default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  MONGODB_URL: z
    .string()
    .default(LOCAL_DEFAULTS.MONGODB_URL)
    .refine((s) => /^mongodb(\+srv)?:\/\/[^/]+\/[^/?]+/.test(s), 'must be mongodb://host:port/DATABASE (the database name is required)'),
  REDIS_URL: z
    .string()
    .default(LOCAL_DEFAULTS.REDIS_URL)
    .refine((s) => /^rediss?:\/\//.test(s), 'must be redis://host:port or rediss:// (TLS)'),
  IMAP_URL: z
    .string()
    .default(LOCAL_DEFAULTS.IMAP_URL)
    .transform((s, ctx) => {
      const boxes = urlList(s).map((u) => parseMailbox(u, ctx));
      if (boxes.length === 0) ctx.addIssue({ code: 'custom', message: 'name at least one mailbox' });
      const keys = new Set<string>();
      for (const b of boxes) {
        if (b && keys.has(b.key)) ctx.addIssue({ code: 'custom', message: `mailbox ${b.key} is listed twice` });
        if (b) keys.add(b.key);
      }
      return boxes.filter((b): b is MailboxConfig => b !== undefined);
    }),
  SMTP_URL: z
    .string()
    .default(LOCAL_DEFAULTS.SMTP_URL)
    .transform((s, ctx): SmtpConfig => {
      let u: URL;
      try {
        u = new URL(s);
      } catch {
        ctx.addIssue({ code: 'custom', message: `"${redact(s)}" is not a URL; write smtp://user:pass@host:587 or smtps://host:465` });
        return z.NEVER;
      }
      if (u.protocol !== 'smtp:' && u.protocol !== 'smtps:') {
        ctx.addIssue({ code: 'custom', message: 'must start with smtp:// (STARTTLS when offered) or smtps:// (TLS)' });
        return z.NEVER;
      }
      const secure = u.protocol === 'smtps:';
      return {
        url: redact(s),
        secure,
        host: u.hostname,
        port: u.port ? Number(u.port) : secure ? 465 : 587,
        ...(u.username ? { user: decodeURIComponent(u.username), pass: decodeURIComponent(u.password) } : {}),
        oauth2: Boolean(u.username && !u.password),
      };
    }),
  SUPPORT_ADDRESS: z
    .string()
    .default(LOCAL_DEFAULTS.SUPPORT_ADDRESS)
    .refine((s) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(s), 'must be one email address, e.g. support@yourcompany.com'),
  SUPPORT_NAME: z.string().default('Customer Support'),
  OWN_ADDRESSES: z
    .string()
    .default('')
    .transform((s) => urlList(s.toLowerCase())),
  HTTP_PORT: z.coerce.number({ message: 'must be a port number' }).int().min(0, 'must be 0-65535').max(65535, 'must be 0-65535').default(3000),
  HTTP_HOST: z.string().default('127.0.0.1'),
  // The operator's listener (/metrics, detailed /healthz) of any process; unset: none.
  // 0 takes a free port (tests). Each process on a host needs its own port.
  METRICS_PORT: z.coerce.number({ message: 'must be a port number' }).int().min(0, 'must be 0-65535').max(65535, 'must be 0-65535').optional(),
  METRICS_HOST: z.string().default('127.0.0.1'),
  CASE_PREFIX: z
    .string()
    .default('CS')
    .refine((s) => /^[A-Z]{1,6}$/.test(s), 'must be 1-6 capital letters, e.g. CS'),
  COMPANY_NAME: z.string().default('Our company'),
  AUTO_REPLY_CAP_PER_DAY: positiveInt('AUTO_REPLY_CAP_PER_DAY', 5),
  MAX_MESSAGE_MB: positiveInt('MAX_MESSAGE_MB', 40),
  /** Attachments sent along with routing, forwarded and staff-reply mails, in total per mail; the rest are linked. */
  ATTACHMENTS_OUT_MAX_MB: positiveInt('ATTACHMENTS_OUT_MAX_MB', 10),
  IMAP_POLL_SECONDS: positiveInt('IMAP_POLL_SECONDS', 60),
  IMAP_LEASE_SECONDS: positiveInt('IMAP_LEASE_SECONDS', 10),
  INTAKE_CONCURRENCY: positiveInt('INTAKE_CONCURRENCY', 8),
  MONGODB_POOL_SIZE: positiveInt('MONGODB_POOL_SIZE', 20),
  WORKER_CONCURRENCY: positiveInt('WORKER_CONCURRENCY', 8),
  // Screening runs in this many worker threads; one that takes longer than the limit is
  // stopped and its case goes to triage flagged too-complex.
  SCREEN_THREADS: positiveInt('SCREEN_THREADS', 1),
  SCREEN_TIME_LIMIT_MS: positiveInt('SCREEN_TIME_LIMIT_MS', 10_000),
  QUEUE_PREFIX: z
    .string()
    .default('fd')
    .refine((s) => /^[A-Za-z0-9_-]{1,32}$/.test(s), 'must be 1-32 letters, digits, - or _'),
  // Screening and routing: the configuration seeded into MongoDB on first start, the
  // labelled mails (a .jsonl file or a directory of them) the classifier learns from,
  // both relative to the repository.
  SCREENING_CONFIG_FILE: z.string().default('config/screening.json'),
  CLASSIFIER_SEED_FILE: z.string().default('data/classify/train'),
  // The keys that sign reply addresses, survey links and the form's token. Unset, each is
  // generated on first start and kept in the database (docs/security.md); *_PREVIOUS is
  // the key a rotation replaced, still accepted for KEY_GRACE_DAYS.
  REPLY_TOKEN_SECRET: signingKey,
  REPLY_TOKEN_SECRET_PREVIOUS: signingKey,
  SURVEY_SECRET: signingKey,
  SURVEY_SECRET_PREVIOUS: signingKey,
  FORM_SECRET: signingKey,
  FORM_SECRET_PREVIOUS: signingKey,
  KEY_GRACE_DAYS: positiveInt('KEY_GRACE_DAYS', 30),
  PUBLIC_URL: z
    .string()
    .refine((s) => /^https?:\/\/[^/]+/.test(s), 'must be the address customers reach the HTTP server at, like https://support.example.com')
    .optional(),
  INTAKE_API_KEYS: pairList((pair) => {
    const m = /^([a-z][a-z0-9-]{0,31})=(.{16,})$/.exec(pair);
    return m ? [m[2]!, m[1]!] : `"${pair.split('=')[0]}=…" must be channel=key with a key of at least 16 characters, like hotline=$(openssl rand -hex 16)`;
  }),
  FORM_LIMIT_PER_HOUR: positiveInt('FORM_LIMIT_PER_HOUR', 10),
  // Behind a TLS proxy every request comes from the proxy: the client's own address (the
  // form's hourly limit, the sign-in lockout) is then read from X-Forwarded-For.
  TRUST_PROXY: z.string().default('').transform(parseTrustProxy),
  // Whether a department's mail must prove its origin (docs/security.md): require (DKIM
  // aligned with the From domain), trust-receiver (our receiving server's
  // Authentication-Results) or off; unset, off in development and require otherwise.
  STAFF_MAIL_AUTH: z.enum(STAFF_MAIL_AUTH_MODES, { message: `must be one of ${STAFF_MAIL_AUTH_MODES.join(', ')}` }).optional(),
  STAFF_MAIL_AUTH_BY_DEPARTMENT: pairList((pair) => {
    const [department, mode] = pair.split('=');
    return department && (STAFF_MAIL_AUTH_MODES as readonly string[]).includes(mode ?? '')
      ? [department, mode as StaffMailAuthMode]
      : `"${pair}" must be department=mode with mode one of ${STAFF_MAIL_AUTH_MODES.join(', ')}, like tech=require,logistics=trust-receiver`;
  }),
  STAFF_MAIL_TRUSTED_RECEIVER: z.string().optional(),
  // The SMS / in-app gateway for customers who gave a phone number (docs/process-features.md).
  NOTIFY_WEBHOOK_URL: z
    .string()
    .refine((s) => /^https?:\/\/[^/]+/.test(s), "must be the gateway's address, like https://sms.example.com/notify")
    .optional(),
});

/** Every variable the configuration reads (.env.example documents each). */
export const CONFIG_VARIABLES = [...Object.keys(variables.shape), ...OAUTH2_VARIABLES];

const schema = variables.transform((c, ctx) => {
  const staffMailAuth = c.STAFF_MAIL_AUTH ?? (c.NODE_ENV === 'development' ? 'off' : 'require');
  if (!c.STAFF_MAIL_TRUSTED_RECEIVER && [staffMailAuth, ...c.STAFF_MAIL_AUTH_BY_DEPARTMENT.values()].includes('trust-receiver')) {
    ctx.addIssue({ code: 'custom', path: ['STAFF_MAIL_TRUSTED_RECEIVER'], message: 'is required with trust-receiver: the authserv-id your receiving server writes first in its Authentication-Results headers, like mx.yourcompany.com' });
  }
  return {
    ...c,
    STAFF_MAIL_AUTH: staffMailAuth,
    PUBLIC_URL: (c.PUBLIC_URL ?? `http://localhost:${c.HTTP_PORT || 3000}`).replace(/\/+$/, ''),
  };
});

export type Config = z.infer<typeof schema> & {
  /** Sign-in of the IMAP mailboxes without a password; null: every mailbox has one. */
  IMAP_OAUTH2: OAuth2Settings | null;
  /** Sign-in of the SMTP user when SMTP_URL has no password. */
  SMTP_OAUTH2: OAuth2Settings | null;
};

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}\nSee README.md, "Configuration", or .env.example.`);
    this.name = 'ConfigError';
  }
}

/** Reads and validates the configuration; throws ConfigError listing every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // An empty variable means "not set", so that `FOO=` in an .env file falls back to the default.
  const input = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const result = schema.safeParse(input);
  const issues: Issue[] = result.success ? [] : result.error.issues.map((i) => ({ path: i.path.join('.') || 'config', message: i.message }));
  const imapOAuth2 = readOAuth2(input, 'IMAP', issues);
  const smtpOAuth2 = result.success ? smtpSignIn(result.data.SMTP_URL, input, issues) : null;
  if (result.success) checkImapSignIn(result.data.IMAP_URL, imapOAuth2, issues);
  if (!result.success || issues.length) throw new ConfigError(issues.map((i) => `${i.path}: ${i.message}`));
  return { ...result.data, IMAP_OAUTH2: imapOAuth2, SMTP_OAUTH2: smtpOAuth2 };
}

function checkImapSignIn(boxes: MailboxConfig[], oauth2: OAuth2Settings | null, issues: Issue[]): void {
  const tokenBoxes = boxes.filter((b) => b.oauth2);
  if (tokenBoxes.length && !oauth2) {
    issues.push({ path: 'IMAP_URL', message: `mailbox ${tokenBoxes[0]!.key} has no password: write imap://user:pass@host/INBOX, or set IMAP_OAUTH2_PROVIDER and its client id, secret and refresh token to sign in with OAuth2` });
  }
  if (oauth2 && !tokenBoxes.length) {
    issues.push({ path: 'IMAP_OAUTH2_PROVIDER', message: 'is set, but every mailbox in IMAP_URL has a password; leave the password out of the mailbox that signs in with OAuth2, like imaps://support%40example.com@imap.gmail.com/INBOX' });
  }
  const users = [...new Set(tokenBoxes.map((b) => b.user))];
  if (users.length > 1) {
    issues.push({ path: 'IMAP_URL', message: `mailboxes of ${users.join(' and ')} sign in with OAuth2, but one refresh token (IMAP_OAUTH2_REFRESH_TOKEN) signs in one account; give the others a password, or read them in a process of their own` });
  }
}

function smtpSignIn(smtp: SmtpConfig, env: NodeJS.ProcessEnv, issues: Issue[]): OAuth2Settings | null {
  if (env.SMTP_OAUTH2_PROVIDER && !smtp.user) {
    issues.push({ path: 'SMTP_OAUTH2_PROVIDER', message: 'needs the account in SMTP_URL, without a password: smtp://support%40example.com@smtp.gmail.com:587' });
  }
  if (!smtp.oauth2) return null;
  const oauth2 = readOAuth2(env, 'SMTP', issues);
  if (!oauth2) issues.push({ path: 'SMTP_URL', message: `has the user ${smtp.user} but no password: add it (smtp://user:pass@host:587), or set SMTP_OAUTH2_PROVIDER (or IMAP_OAUTH2_*) to sign in with OAuth2` });
  return oauth2;
}
