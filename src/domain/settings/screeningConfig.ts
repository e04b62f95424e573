// The screening and routing configuration (P-7, P-8, P-10, P-11, P-12): taxonomy,
// departments, routing table, priority policy, keyword rules. Seeded from
// config/screening.json, stored in MongoDB, edited by admins; every edit is validated
// here first, and a refusal names the field ("departments[2].email: ...").
import { z } from 'zod';
import { PRIORITIES } from '../sla/priorityPolicy.js';
import { regionProblem } from '../sla/holidays.js';

const LOCALIZED = z.object({ en: z.string().min(1), 'zh-Hant': z.string().min(1), 'zh-Hans': z.string().min(1) });
const EMAIL = z.string().regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, 'must be an email address like team@example.com');
const ID = z.string().regex(/^[a-z][a-z0-9-]{0,31}$/, 'must be a short id: lower-case letters, digits and "-"');
const HOURS = z.number().positive('must be more than 0 hours').max(24 * 365, 'must be at most a year of hours');
const CALENDAR = z.enum(['business-hours', 'around-the-clock']);
const TIME = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time like 09:00');
/** A priority's targets, in hours on its clock. */
const TARGETS = z.object({
  /** Until the customer must have an acknowledgement. */
  acknowledgeHours: HOURS,
  /** Until a first workaround, answer or progress update. */
  firstResponseHours: HOURS,
  /** Until the case should be resolved. */
  resolveHours: HOURS,
});

export type Flag = 'angry' | 'legal' | 'sensitive' | 'incident' | 'needs_triage' | 'too-complex';

const rule = z
  .object({
    id: ID,
    /** Words or phrases, any language; one is enough. Matched on normalised text. */
    keywords: z.array(z.string().min(1)).default([]),
    /** A regular expression (JavaScript syntax, case-insensitive), tried on normalised text. */
    pattern: z
      .string()
      .refine((p) => {
        try {
          new RegExp(p, 'iu');
          return true;
        } catch {
          return false;
        }
      }, 'is not a valid regular expression')
      .optional(),
    category: ID.optional(),
    priority: z.enum(PRIORITIES).optional(),
    flag: z.enum(['angry', 'legal', 'sensitive']).optional(),
    /** Why, in words, for the case timeline ("data loss"). */
    reason: z.string().min(1),
  })
  .refine((r) => r.keywords.length > 0 || r.pattern, { message: 'needs keywords or a pattern', path: ['keywords'] })
  .refine((r) => r.category || r.priority || r.flag, { message: 'must set a category, a priority or a flag', path: ['category'] });

const screeningConfigSchema = z
  .object({
    categories: z
      .array(z.object({ id: ID, name: LOCALIZED, /** before rules and sentiment (P-8) */ priority: z.enum(PRIORITIES).default('medium') }))
      .min(2, 'list at least two categories'),
    departments: z
      .array(
        z.object({
          id: ID,
          name: LOCALIZED,
          email: EMAIL,
          /** Staff who may update the department's cases by email. */
          members: z.array(EMAIL).default([]),
          supervisor: EMAIL,
          /** The language of the mails the department gets. */
          locale: z.enum(['en', 'zh-Hant', 'zh-Hans']).default('en'),
        }),
      )
      .min(1, 'list at least one department'),
    /** category id -> department id */
    routing: z.record(z.string(), ID),
    triageDepartment: ID,
    legalDepartment: ID,
    classifier: z.object({
      /** Below this confidence the case goes to the triage department flagged needs_triage. */
      confidenceThreshold: z.number().min(0).max(1),
      /** How much one matching keyword rule counts against the learned model. */
      ruleWeight: z.number().min(0).max(20),
    }),
    priorityPolicy: z.object({
      businessHours: z.object({
        timeZone: z.string().refine(validTimeZone, 'is not an IANA time zone such as Asia/Taipei'),
        /** ISO weekdays: 1 = Monday ... 7 = Sunday */
        days: z.array(z.number().int().min(1).max(7)).min(1, 'list at least one working day'),
        start: TIME,
        end: TIME,
        holidays: z.array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date like 2026-01-01')).default([]),
        /** Regions whose public holidays (from date-holidays) are days off too: "TW", "CN", "US-NY". */
        holidayRegions: z.array(z.string().superRefine((r, ctx) => {
          const problem = regionProblem(r);
          if (problem) ctx.addIssue({ code: 'custom', message: problem });
        })).optional(),
      }),
      /** Which clock each priority's targets run on: the business hours, or around the clock. */
      calendars: z
        .object(Object.fromEntries(PRIORITIES.map((p) => [p, CALENDAR])) as Record<(typeof PRIORITIES)[number], typeof CALENDAR>)
        .default({ high: 'around-the-clock', medium: 'business-hours', low: 'business-hours' }),
      targets: z.object(Object.fromEntries(PRIORITIES.map((p) => [p, TARGETS])) as Record<(typeof PRIORITIES)[number], typeof TARGETS>),
    }),
    confirmation: z.object({
      /** The department must confirm receipt within this many hours (P-12). */
      confirmHours: HOURS,
      /** The supervisor hears of an unconfirmed case this long after the reminder. */
      escalateAfterHours: HOURS,
    }),
    delay: z
      .object({
        /** When a case runs past its expected time, the customer is given a new one this many business hours later (P-18). */
        extendHours: z.object({ high: HOURS, medium: HOURS, low: HOURS }),
      })
      .default({ extendHours: { high: 8, medium: 16, low: 24 } }),
    survey: z
      .object({
        /** The survey goes out this long after the resolution (P-20). */
        delayHours: z.number().min(0).max(24 * 30),
        /** Survey links expire after this many days. */
        linkDays: z.number().positive().max(365),
        /** Without an answer, one follow-up mail this many days after the resolution (P-22). */
        followUpDays: z.number().positive().max(365),
        /** Still no answer this many days after the follow-up: the case closes. */
        closeAfterDays: z.number().positive().max(365),
        /** A customer writing this many days after the case closed re-opens it; later, a new linked case opens. */
        reopenWindowDays: z.number().min(0).max(3650),
      })
      .default({ delayHours: 1, linkDays: 30, followUpDays: 7, closeAfterDays: 7, reopenWindowDays: 30 }),
    awaitingCustomer: z
      .object({
        /** A case waiting for the customer's answer reminds them after this many days of silence. */
        remindAfterDays: z.number().positive().max(365),
        /** Still no answer this many days after the question: the case closes, and the customer is told. */
        closeAfterDays: z.number().positive().max(365),
      })
      .refine((w) => w.closeAfterDays > w.remindAfterDays, { message: 'closeAfterDays must be more than remindAfterDays', path: ['closeAfterDays'] })
      .default({ remindAfterDays: 3, closeAfterDays: 10 }),
    reports: z
      .object({
        /** Who gets the monthly and quarterly reports by mail (P-23). */
        recipients: z.array(z.string().email()).default([]),
        monthly: z.boolean().default(true),
        quarterly: z.boolean().default(true),
        /** The language of the mailed reports. */
        locale: z.enum(['en', 'zh-Hant', 'zh-Hans']).default('en'),
      })
      .default({ recipients: [], monthly: true, quarterly: true, locale: 'en' }),
    retention: z
      .object({
        /** A closed case's personal data goes this many days after closing (P-6: two years). */
        closedDays: z.number().int().min(1).max(36500),
        /** Other periods for some categories (category id -> days). */
        byCategory: z.record(z.string(), z.number().int().min(1).max(36500)).default({}),
        /** anonymise: the case and its figures stay, nothing identifies the customer; delete: it is gone. */
        action: z.enum(['anonymise', 'delete']),
      })
      .default({ closedDays: 730, byCategory: {}, action: 'anonymise' }),
    /** The monthly call-back sample (003: 回訪): the share of the month's closed cases customer service calls. */
    callbacks: z.object({ rate: z.number().min(0, 'must be 0 or more').max(1, 'is a share: 0.03 is 3 %') }).default({ rate: 0.02 }),
    incident: z.object({
      /** Similar cases closer together than this are one incident. */
      windowHours: HOURS,
      /** Similarity of the texts (Jaccard of their word sets, 0..1) from which two cases are the same problem. */
      similarity: z.number().gt(0).max(1),
      products: z.array(z.object({ id: ID, keywords: z.array(z.string().min(1)).min(1) })).default([]),
    }),
    rules: z.array(rule).default([]),
  })
  .superRefine((c, ctx) => {
    const categories = new Set(c.categories.map((x) => x.id));
    const departments = new Set(c.departments.map((x) => x.id));
    duplicates(c.categories.map((x) => x.id)).forEach((i) => ctx.addIssue({ code: 'custom', path: ['categories', i, 'id'], message: 'is listed twice' }));
    duplicates(c.departments.map((x) => x.id)).forEach((i) => ctx.addIssue({ code: 'custom', path: ['departments', i, 'id'], message: 'is listed twice' }));
    duplicates(c.rules.map((x) => x.id)).forEach((i) => ctx.addIssue({ code: 'custom', path: ['rules', i, 'id'], message: 'is listed twice' }));
    for (const cat of categories) {
      if (!c.routing[cat]) ctx.addIssue({ code: 'custom', path: ['routing', cat], message: `category "${cat}" has no department; add "${cat}": "<department id>"` });
    }
    for (const [cat, dep] of Object.entries(c.routing)) {
      if (!categories.has(cat)) ctx.addIssue({ code: 'custom', path: ['routing', cat], message: `"${cat}" is not a category in categories` });
      if (!departments.has(dep)) ctx.addIssue({ code: 'custom', path: ['routing', cat], message: `"${dep}" is not a department in departments` });
    }
    for (const key of ['triageDepartment', 'legalDepartment'] as const) {
      if (!departments.has(c[key])) ctx.addIssue({ code: 'custom', path: [key], message: `"${c[key]}" is not a department in departments` });
    }
    c.rules.forEach((r, i) => {
      if (r.category && !categories.has(r.category)) ctx.addIssue({ code: 'custom', path: ['rules', i, 'category'], message: `"${r.category}" is not a category in categories` });
    });
    if (c.priorityPolicy.businessHours.start >= c.priorityPolicy.businessHours.end) {
      ctx.addIssue({ code: 'custom', path: ['priorityPolicy', 'businessHours', 'end'], message: 'must be later than start' });
    }
  });

export type ScreeningConfig = z.infer<typeof screeningConfigSchema>;
export type BusinessHours = ScreeningConfig['priorityPolicy']['businessHours'];
export type Department = ScreeningConfig['departments'][number];
export type KeywordRule = ScreeningConfig['rules'][number];

export class InvalidConfigError extends Error {
  override name = 'InvalidConfigError';
  constructor(readonly problems: string[]) {
    super(`invalid screening configuration:\n  ${problems.join('\n  ')}`);
  }
}

/** Validates raw configuration; throws InvalidConfigError listing every problem by field. */
export function parseScreeningConfig(raw: unknown): ScreeningConfig {
  const r = screeningConfigSchema.safeParse(raw);
  if (r.success) return r.data;
  throw new InvalidConfigError(r.error.issues.map((i) => `${fieldPath(i.path)}: ${i.message}`));
}

function fieldPath(path: PropertyKey[]): string {
  return path.reduce<string>((s, p) => (typeof p === 'number' ? `${s}[${p}]` : s ? `${s}.${String(p)}` : String(p)), '') || '(top level)';
}

function duplicates(ids: string[]): number[] {
  return ids.flatMap((id, i) => (ids.indexOf(id) !== i ? [i] : []));
}

function validTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}
