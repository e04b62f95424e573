// The public pages and the intake API (P-3, P-20): the survey page behind each signed
// link, the feedback form (server-rendered, no script, zh/en, attachments, a per-network
// hourly limit, a signed form token and a hidden field against bots) and the JSON intake
// API for the hotline, in-app and social-media channels (an API key per channel). The
// form and the API make cases through the same intake as email.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { checkFormToken, issueFormToken } from '../../domain/intake/formToken.js';
import type { Locale } from '../../domain/intake/language.js';
import { verifyingKeys, type KeyRing } from '../../domain/keys/keyRing.js';
import { confirmSurvey, openSurvey, type SurveyPortalDeps } from '../../pipeline/survey/surveyPortal.js';
import { pageLocale } from './pageLocale.js';
import { words, type AreaWords } from '../../domain/words/catalogue.js';
import { renderPage, type View } from './views.js';
import type { ResultsSite } from './resultsRoutes.js';
import type { LinkPortalDeps } from '../../pipeline/case/linkAnswers.js';
import type { RecognitionSite } from './recognitionRoutes.js';

export interface Submission {
  channel: string;
  email: string;
  name: string;
  subject: string;
  text: string;
  phone?: string;
  attachments: Array<{ filename: string; contentType: string; content: Buffer }>;
  /** The client's Idempotency-Key: a retried submission with the same key makes no second case. */
  idempotencyKey?: string;
}

export interface PublicSite {
  company: string;
  survey: SurveyPortalDeps;
  /** The keys of the form's token. */
  formKeys: KeyRing;
  /** Makes a case through the intake pipeline; the case number, or null if it was refused. */
  submit(input: Submission): Promise<string | null>;
  /** The per-network hourly limit of the form: false when over it. */
  allow(ip: string): Promise<boolean>;
  /** API key -> channel. */
  apiKeys: Map<string, string>;
  now: () => Date;
  /** The published results and FAQ pages. */
  results: ResultsSite;
  /** The pages behind the consent links. */
  links?: LinkPortalDeps;
  /** The public page of adopted suggestions whose authors agreed to be named. */
  recognition?: RecognitionSite;
}

const MAX_FILES = 5;
const MAX_FILE_BYTES = 10 * 1024 * 1024;

const PHONE = /^\+?[0-9][0-9 ()-]{5,20}$/;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const apiBody = z.object({
  email: z.string().regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, 'must be an email address'),
  name: z.string().max(200).default(''),
  subject: z.string().min(1, 'is required').max(300),
  text: z.string().min(1, 'is required').max(20_000),
  attachments: z
    .array(
      z.object({
        filename: z.string().min(1, 'is required').max(200),
        contentType: z.string().regex(/^[\w.+-]+\/[\w.+-]+$/, 'must be a media type like image/png').default('application/octet-stream'),
        content: z
          .string()
          .transform((b64) => b64.replace(/\s+/g, ''))
          .refine((b64) => BASE64.test(b64), 'must be the file in base64')
          .transform((b64) => Buffer.from(b64, 'base64'))
          .refine((b) => b.length > 0 && b.length <= MAX_FILE_BYTES, `must be a file of 1 byte to ${MAX_FILE_BYTES / 1024 / 1024} MB`),
      }),
    )
    .max(MAX_FILES, `at most ${MAX_FILES} files`)
    .default([]),
  /** For notices by SMS or app too (otherChannels). */
  phone: z.string().regex(PHONE, 'must be a phone number like +886 912 345 678').optional(),
});
/** Room for the files in base64 (a third more than their bytes) and the text. */
const API_BODY_LIMIT = Math.ceil((MAX_FILES * MAX_FILE_BYTES * 4) / 3) + 1_000_000;
const IDEMPOTENCY_KEY = /^[\x21-\x7e]{8,200}$/;

export function registerPublicRoutes(app: FastifyInstance, site: PublicSite): void {
  const page = (reply: FastifyReply, code: number, locale: Locale, view: View, title: string, data: Record<string, unknown>) =>
    reply.code(code).header('content-type', 'text/html; charset=utf-8').header('cache-control', 'no-store').header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'").send(renderPage(view, { lang: locale, title, company: site.company }, data));
  const message = (reply: FastifyReply, code: number, locale: Locale, heading: string, text: string, opts: { error?: boolean; detail?: string } = {}) =>
    page(reply, code, locale, 'message', heading, { heading, text, ...opts });

  app.get<{ Params: { token: string } }>('/s/:token', async (req, reply) => {
    const opened = await openSurvey(req.params.token, site.survey);
    const locale = 'case' in opened ? opened.case.locale : pageLocale(undefined, req.headers['accept-language']);
    const t = words('pages', locale);
    if (opened.state === 'ok') {
      return page(reply, 200, locale, 'survey', t.surveyTitle, {
        t,
        token: req.params.token,
        nonce: opened.nonce,
        caseNumber: opened.case.caseNumber,
        subject: opened.case.subject,
        scores: [1, 2, 3, 4, 5].map((value) => ({ value, checked: value === opened.score })),
      });
    }
    return refusal(reply, opened.state, locale, t);
  });

  app.post<{ Body: Record<string, string> }>('/s', async (req, reply) => {
    const done = await confirmSurvey(req.body ?? {}, site.survey);
    const locale = done.case?.locale ?? pageLocale(undefined, req.headers['accept-language']);
    const t = words('pages', locale);
    if (done.state === 'recorded') return message(reply, 200, locale, t.thanksTitle, done.reopens ? t.reopenedText : t.thanksText);
    if (done.state === 'replay') return message(reply, 409, locale, t.replayTitle, t.replayText);
    if (done.state === 'invalid') return message(reply, 400, locale, t.surveyTitle, t.scoreHint, { error: true });
    return refusal(reply, done.state, locale, t);
  });

  function refusal(reply: FastifyReply, state: 'forged' | 'expired' | 'closed', locale: Locale, t: AreaWords<'pages'>) {
    if (state === 'expired') return message(reply, 410, locale, t.expiredTitle, t.expiredText, { error: true });
    if (state === 'closed') return message(reply, 409, locale, t.closedTitle, t.closedText);
    return message(reply, 400, locale, t.forgedTitle, t.forgedText, { error: true });
  }

  const form = (reply: FastifyReply, code: number, locale: Locale, values: Record<string, string>, error?: string) => {
    const t = words('pages', locale);
    return page(reply, code, locale, 'feedback', t.formTitle, { t, lang: locale, otherLang: locale === 'en' ? 'zh-Hant' : 'en', formToken: issueFormToken(site.now(), site.formKeys.current), values, error });
  };

  app.get<{ Querystring: { lang?: string } }>('/feedback', async (req, reply) => form(reply, 200, pageLocale(req.query.lang, req.headers['accept-language']), {}));

  app.post<{ Querystring: { lang?: string } }>('/feedback', async (req, reply) => {
    const locale = pageLocale(req.query.lang, req.headers['accept-language']);
    const t = words('pages', locale);
    const fields: Record<string, string> = {};
    const attachments: Submission['attachments'] = [];
    // The limits come before any file is read: the hourly limit first, then the token (the
    // form sends it before the files), so a flood or a forged post costs no upload.
    if (!(await site.allow(req.ip))) return form(reply, 429, locale, {}, t.limited);
    try {
      if (!req.isMultipart()) throw new Error('not multipart');
      for await (const part of req.parts({ limits: { files: MAX_FILES, fileSize: MAX_FILE_BYTES, fields: 20, fieldSize: 100_000 } })) {
        if (part.type === 'file') {
          if (checkFormToken(fields.formToken, site.now(), verifyingKeys(site.formKeys, site.now())) !== 'ok') break;
          const content = await part.toBuffer();
          if (part.file.truncated) return form(reply, 413, locale, fields, t.badFiles);
          if (content.length) attachments.push({ filename: part.filename || 'attachment', contentType: part.mimetype, content });
        } else fields[part.fieldname] = String(part.value ?? '');
      }
    } catch {
      return form(reply, 413, locale, fields, t.badFiles);
    }
    const values = { name: fields.name ?? '', email: fields.email ?? '', subject: fields.subject ?? '', message: fields.message ?? '', phone: fields.phone ?? '', sms: fields.sms ? '1' : '' };
    const token = checkFormToken(fields.formToken, site.now(), verifyingKeys(site.formKeys, site.now()));
    if (fields.website) return message(reply, 200, locale, t.sentTitle, t.sentHint); // a bot: say nothing useful
    if (token === 'too-fast') return form(reply, 400, locale, values, t.tooFast);
    if (token !== 'ok') return form(reply, 400, locale, values, t.invalid);
    // The phone is kept only when the customer chose SMS notices: it serves nothing else.
    const phone = values.phone.trim();
    if (phone && !PHONE.test(phone)) return form(reply, 400, locale, values, t.badPhone);
    if (values.sms && !phone) return form(reply, 400, locale, values, t.phoneNeeded);
    const parsed = apiBody.safeParse({ email: values.email.trim(), name: values.name.trim(), subject: values.subject.trim(), text: values.message, ...(values.sms ? { phone } : {}) });
    if (!parsed.success) return form(reply, 400, locale, values, t.invalid);
    const caseNumber = await site.submit({ channel: 'web-form', ...parsed.data, attachments });
    if (!caseNumber) return form(reply, 422, locale, values, t.failed);
    return message(reply, 201, locale, t.sentTitle, `${t.sentText} ${caseNumber}${locale === 'en' ? '.' : '。'}`, { detail: t.sentHint });
  });

  app.post('/api/cases', { bodyLimit: API_BODY_LIMIT }, async (req: FastifyRequest, reply) => {
    const key = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '')?.[1]?.trim() ?? '';
    const channel = site.apiKeys.get(key);
    if (!channel) return reply.code(401).send({ error: 'missing or unknown API key: send "Authorization: Bearer <key>" with a key from INTAKE_API_KEYS' });
    const idempotencyKey = req.headers['idempotency-key'];
    if (idempotencyKey !== undefined && (typeof idempotencyKey !== 'string' || !IDEMPOTENCY_KEY.test(idempotencyKey))) {
      return reply.code(400).send({ error: 'invalid Idempotency-Key: use 8-200 visible ASCII characters, such as a UUID, the same for every retry of one case' });
    }
    const parsed = apiBody.safeParse(req.body);
    if (!parsed.success) return reply.code(400).send({ error: 'invalid case', problems: parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`) });
    const caseNumber = await site.submit({ channel, ...parsed.data, ...(idempotencyKey ? { idempotencyKey } : {}) });
    if (!caseNumber) return reply.code(422).send({ error: 'the intake refused the case (see the quarantine); check the email address' });
    return reply.code(201).send({ caseNumber, channel });
  });
}
