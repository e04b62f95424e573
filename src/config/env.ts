// Configuration comes from environment variables only, validated once at start.
// Every problem is reported at once, each with the variable, what is wrong and how
// to fix it. With nothing set, the defaults point at the local services that
// `npm run services` starts (scripts/services/services.sh uses the same ports).
import { z } from 'zod';

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
  pass: string;
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
  if (!u.username || !u.password) {
    ctx.addIssue({ code: 'custom', message: `"${redact(raw)}" needs a user and a password: imap://user:pass@host/INBOX (escape @ in the user as %40)` });
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

const schema = z
  .object({
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
  CASE_PREFIX: z
    .string()
    .default('CS')
    .refine((s) => /^[A-Z]{1,6}$/.test(s), 'must be 1-6 capital letters, e.g. CS'),
  COMPANY_NAME: z.string().default('Our company'),
  AUTO_REPLY_CAP_PER_DAY: positiveInt('AUTO_REPLY_CAP_PER_DAY', 5),
  MAX_MESSAGE_MB: positiveInt('MAX_MESSAGE_MB', 40),
  IMAP_POLL_SECONDS: positiveInt('IMAP_POLL_SECONDS', 60),
  IMAP_LEASE_SECONDS: positiveInt('IMAP_LEASE_SECONDS', 10),
  INTAKE_CONCURRENCY: positiveInt('INTAKE_CONCURRENCY', 8),
  MONGODB_POOL_SIZE: positiveInt('MONGODB_POOL_SIZE', 20),
  WORKER_CONCURRENCY: positiveInt('WORKER_CONCURRENCY', 8),
  QUEUE_PREFIX: z
    .string()
    .default('fd')
    .refine((s) => /^[A-Za-z0-9_-]{1,32}$/.test(s), 'must be 1-32 letters, digits, - or _'),
    // Screening and routing: the files seeded into MongoDB on first start (relative to the
    // repository), and the key that signs reply addresses.
    SCREENING_CONFIG_FILE: z.string().default('config/screening.json'),
    CLASSIFIER_SEED_FILE: z.string().default('test/fixtures/classify/corpus.jsonl'),
    REPLY_TOKEN_SECRET: z.string().min(16, 'must be at least 16 characters; generate one with: openssl rand -hex 32').optional(),
    // Survey links and the public pages (issue 5).
    SURVEY_SECRET: z.string().min(16, 'must be at least 16 characters; generate one with: openssl rand -hex 32').optional(),
    PUBLIC_URL: z
      .string()
      .refine((s) => /^https?:\/\/[^/]+/.test(s), 'must be the address customers reach the HTTP server at, like https://support.example.com')
      .optional(),
    INTAKE_API_KEYS: z
      .string()
      .default('')
      .transform((s, ctx) => {
        const keys = new Map<string, string>();
        for (const pair of s.split(/[\s,]+/).filter(Boolean)) {
          const m = /^([a-z][a-z0-9-]{0,31})=(.{16,})$/.exec(pair);
          if (!m) ctx.addIssue({ code: 'custom', message: `"${pair.split('=')[0]}=…" must be channel=key with a key of at least 16 characters, like hotline=$(openssl rand -hex 16)` });
          else keys.set(m[2]!, m[1]!);
        }
        return keys;
      }),
    FORM_LIMIT_PER_HOUR: positiveInt('FORM_LIMIT_PER_HOUR', 10),
    // The SMS / in-app gateway for customers who gave a phone number (docs/process-features.md).
    NOTIFY_WEBHOOK_URL: z
      .string()
      .refine((s) => /^https?:\/\/[^/]+/.test(s), 'must be the gateway\'s address, like https://sms.example.com/notify')
      .optional(),
  })
  .transform((c, ctx) => {
    if (!c.REPLY_TOKEN_SECRET && c.NODE_ENV === 'production') {
      ctx.addIssue({ code: 'custom', path: ['REPLY_TOKEN_SECRET'], message: 'is required in production (it signs the reply addresses departments answer to); generate one with: openssl rand -hex 32' });
    }
    if (!c.SURVEY_SECRET && c.NODE_ENV === 'production') {
      ctx.addIssue({ code: 'custom', path: ['SURVEY_SECRET'], message: 'is required in production (it signs the survey links); generate one with: openssl rand -hex 32' });
    }
    // Development only: fixed keys, so reply addresses and survey links stay valid across restarts.
    return {
      ...c,
      REPLY_TOKEN_SECRET: c.REPLY_TOKEN_SECRET ?? 'development-reply-token-secret',
      SURVEY_SECRET: c.SURVEY_SECRET ?? 'development-survey-secret',
      PUBLIC_URL: (c.PUBLIC_URL ?? `http://localhost:${c.HTTP_PORT || 3000}`).replace(/\/+$/, ''),
    };
  });

export type Config = z.infer<typeof schema>;

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
  if (!result.success) {
    throw new ConfigError(result.error.issues.map((i) => `${i.path.join('.') || 'config'}: ${i.message}`));
  }
  return result.data;
}
